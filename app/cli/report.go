package cli

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"honoscope/app/teamreport"

	"honoscope/app/chart"
	"honoscope/scoring"
)

const reportUsage = `Usage: honoscope report [options of 'honoscope change'] [--from LAYOUT]
                        [--team NAME] -o REPORT.html [FILE|-]
       honoscope report [options] --per-team DIR [FILE|-]

Writes the team outcome report as one self-contained HTML file, for a
monthly scheduled job: it reads the export layouts the other commands read,
pairs and classifies the ratings exactly as 'honoscope change' does, and
draws, per instrument, the pictures the web page /team draws, each with its
words and its figures as a table:
  - the outcome categories by team (stacked bars);
  - a funnel plot of the share of pairs reliably improved by team against
    the share across teams (exact binomial 95% and 99.8% limits,
    Spiegelhalter 2005);
  - the trend by quarter: pairs completed and the share reliably improved;
  - the mean change by starting severity band against the expected range
    (the middle half of all teams' changes in the band);
  - the items moving between high and low (Crawford et al. 2017).

The file has no script and no reference to anything outside it: it opens
offline in any browser and prints on A4. It holds aggregates only - no
patient label, no date of any rating (periods are quarters), no individual
score; it is dated to the month it was made. A group with fewer than 10
pairs (a team, a quarter, a band, an item) is not shown, and the report
says so.

Options are those of 'honoscope change' (see its --help for the methods),
and:
  -o FILE           the report to write
  --team NAME       one team's report, against all teams
  --per-team DIR    also write one report per team of 10 pairs or more into
                    DIR (created if need be), named after the team
` + layoutUsage + `
Rejected rows are reported on standard error as "line N: column NAME: what
is wrong" and left out. Exit status: 0 all rows read, 1 some rows rejected or
the input unusable, 2 wrong options.

Examples:
  honoscope report --from mhsds -o outcomes-2026-11.html export.csv
  honoscope report --from nocc --per-team teams-2026-11 extract.csv
`

// MinReportGroup is the fewest pairs a group needs to be shown in a report
// that leaves the trust's devices: teamreport.MinGroup, as on the page.
const MinReportGroup = teamreport.MinGroup

// Report runs "honoscope report": the team outcome report as HTML.
func Report(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var out, team, perTeam string
	rest := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, inline := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || a == "-" {
			rest = append(rest, a)
			continue
		}
		var dst *string
		switch name {
		case "o", "out":
			dst = &out
		case "team":
			dst = &team
		case "per-team":
			dst = &perTeam
		default:
			rest = append(rest, a)
			continue
		}
		if !inline {
			if i+1 == len(args) {
				return UsageError(stderr, "report", a+" needs a value: "+map[string]string{"o": "-o report.html", "out": "-o report.html", "team": "--team 'North CMHT'", "per-team": "--per-team reports"}[name])
			}
			value = args[i+1]
			i++
		}
		*dst = value
	}
	var mem memoryFlags
	s, opt, files, code := settingsFlags("report", rest, reportUsage, stdout, stderr, mem.add)
	if code >= 0 {
		return code
	}
	sp, cleanup, code := mem.setUp("report", stderr)
	defer cleanup()
	if code >= 0 {
		return code
	}
	if out == "" && perTeam == "" {
		return UsageError(stderr, "report", "give the report's file with -o report.html (or a folder with --per-team DIR)")
	}
	if team != "" && perTeam != "" {
		return UsageError(stderr, "report", "--team and --per-team do not go together: --per-team writes every team's report")
	}
	opt.Assembly = scoring.Spill{Limit: sp.Limit / 2, Dir: sp.Dir}
	// The pairs are counted as they are made, not kept: the report's
	// memory grows with the people in the export (through temporary files
	// past --memory), not with its pairs.
	tally := teamreport.NewTally()
	a, status := analyseEach("report", files, opt, stdin, stderr, s, sp, func(p *scoring.Pair) error {
		tally.Add(p)
		return nil
	})
	if a == nil {
		return status
	}
	if a.Spilled {
		fmt.Fprintf(stderr, "note: the people did not fit in the memory allowed (--memory %s), so they were paired through temporary files; the pairs are the same\n", mem.limitText())
	}
	now := time.Now().UTC()
	write := func(path, team string) bool {
		html, err := ReportHTML(tally, a.Method, team, now)
		if err != nil {
			fmt.Fprintf(stderr, "honoscope report: %v\n", err)
			return false
		}
		if err := os.WriteFile(path, html, 0o644); err != nil {
			fmt.Fprintf(stderr, "honoscope report: writing %s: %v: choose a folder you can write to\n", path, err)
			return false
		}
		return true
	}
	var written []string
	if out != "" {
		if !write(out, team) {
			return 1
		}
		written = append(written, filepath.Base(out))
	}
	if perTeam != "" {
		if err := os.MkdirAll(perTeam, 0o755); err != nil {
			fmt.Fprintf(stderr, "honoscope report: making the folder %s: %v: choose a folder you can write to\n", perTeam, err)
			return 1
		}
		used := map[string]bool{}
		var small []string
		for _, t := range tally.Teams() {
			if t.Pairs < MinReportGroup {
				small = append(small, t.Team)
				continue
			}
			name := TeamFileName(t.Team, used)
			if !write(filepath.Join(perTeam, name), t.Team) {
				return 1
			}
			written = append(written, filepath.Join(filepath.Base(perTeam), name))
		}
		if len(small) > 0 {
			fmt.Fprintf(stderr, "honoscope report: no report for %s: fewer than %d pairs\n", strings.Join(small, ", "), MinReportGroup)
		}
	}
	fmt.Fprintf(stderr, "method: %s; %s; written: %s\n", a.Method, describeCounts(a.Counts), strings.Join(written, ", "))
	return status
}

// TeamFileName is a team report's file name: the team's letters and digits
// in lower case joined by hyphens, ".html", unique among used (which it
// updates) by a number.
func TeamFileName(team string, used map[string]bool) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(team) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	base := b.String()
	if base == "" {
		base = "team"
	}
	name := base + ".html"
	for n := 2; used[name]; n++ {
		name = base + "-" + strconv.Itoa(n) + ".html"
	}
	used[name] = true
	return name
}

// ReportHTML returns the report of the pairs counted in t, classified by
// method (Analysis.Method), for one team against all teams, or for every
// team when team is "", as a self-contained HTML document, dated to the
// month of now: the pictures of teamreport as inline SVG with their words
// and tables, inline CSS, no script, no external reference, aggregates
// only, groups under MinReportGroup pairs left out and named.
func ReportHTML(t *teamreport.Tally, method, team string, now time.Time) ([]byte, error) {
	r, err := t.Report(teamreport.Options{Team: team, MinGroup: MinReportGroup})
	if err != nil {
		return nil, err
	}
	title := "HoNOS outcomes by team"
	if team != "" {
		title = "HoNOS outcomes: " + team + " against all teams"
	}
	var b bytes.Buffer
	err = reportTemplate.Execute(&b, map[string]any{
		"Title":  title + ", " + now.Format("January 2006"),
		"Method": method,
		"Pairs":  r.Pairs,
		"Min":    MinReportGroup,
		"Report": r,
	})
	return b.Bytes(), err
}

// reportTemplate is the report page: A4 print rules, text only where the
// picture has one, every chart with its words.
var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	// The chart package draws the SVG and escapes every text in it.
	"svg": func(c chart.Chart) template.HTML { return template.HTML(c.SVG) },
}).Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{{.Title}}</title>
<style>
body { font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; margin: 1rem auto; max-width: 48rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #767676; padding: 0.25rem 0.4rem; text-align: left; }
td.num { text-align: right; }
caption { text-align: left; font-weight: 700; margin-bottom: 0.25rem; }
figure { margin: 1rem 0; } svg { width: 100%; height: auto; }
.muted { color: #555555; }
@page { size: A4; margin: 12mm; }
figure { break-inside: avoid; } h3 { font-size: 1.1rem; margin: 1.5rem 0 0.25rem; }
details { margin: 0.5rem 0; } summary { cursor: pointer; }
@media print { body { max-width: none; } details { display: none; } }
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p>{{.Pairs}} pairs of ratings, each person's first and latest. Aggregates only: no person, no date of any rating. A group with fewer than {{.Min}} pairs is not shown.</p>
<p class="muted">Method: {{.Method}}.</p>
<p>Teams see different people. A team outside the funnel's limits is a reason to look closer, not a verdict; stability is a good outcome for many.</p>
{{range .Report.Sections}}
<section>
<h2>{{.Instrument.Name}}</h2>
{{if .Small}}<p class="muted">Teams not shown, with fewer than {{$.Min}} pairs: {{range $i, $t := .Small}}{{if $i}}, {{end}}{{$t}}{{end}}.</p>{{end}}
{{if not .Figures}}<p>{{.Empty $.Min}}</p>{{end}}
{{range .Figures}}<figure id="{{.ID}}">
<h3>{{.Heading}}</h3>
<p>{{.Intro}}</p>
{{svg .Chart}}
<figcaption>{{.Chart.Summary}}</figcaption>
<details><summary>Show the data as a table</summary>
<table>
<caption>{{.Chart.Table.Caption}}</caption>
<thead><tr>{{range .Chart.Table.Headers}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Chart.Table.Rows}}<tr>{{range $i, $c := .}}{{if $i}}<td>{{$c}}</td>{{else}}<th scope="row">{{$c}}</th>{{end}}{{end}}</tr>
{{end}}</tbody>
</table>
</details>
</figure>
{{end}}
</section>
{{end}}
</main>
</body>
</html>
`))
