package cli

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"honoscope/app/chart"
	"honoscope/scoring"
)

const reportUsage = `Usage: honoscope report [options of 'honoscope change'] [--from LAYOUT]
                        -o REPORT.html [FILE|-]

Writes the team outcome report as one self-contained HTML file, for a
monthly scheduled job: it reads the export layouts the other commands read,
pairs and classifies the ratings exactly as 'honoscope change' does, and
writes, per instrument, a funnel plot comparing the teams' shares of pairs
reliably improved against the share across teams (exact binomial 95% and
99.8% limits, Spiegelhalter 2005), and each team's outcome categories.

The file has no script and no reference to anything outside it: it opens
offline in any browser and prints on A4. It holds aggregates only - no
patient label, no date of any rating, no individual score; it is dated to
the month it was made. A team with fewer than 10 pairs is not shown, and the
report says so.

Options are those of 'honoscope change' (see its --help for the methods),
and:
  -o FILE           the report to write (required)
` + layoutUsage + `
Rejected rows are reported on standard error as "line N: column NAME: what
is wrong" and left out. Exit status: 0 all rows read, 1 some rows rejected or
the input unusable, 2 wrong options.

Example:
  honoscope report --from mhsds -o outcomes-2026-11.html export.csv
`

// MinReportGroup is the fewest pairs a team needs to be shown in a report
// that leaves the trust's devices: scoring.MinRangeGroup, the rule of the
// expected-change ranges (groups under 10 are suppressed).
const MinReportGroup = scoring.MinRangeGroup

// Report runs "honoscope report": the team outcome report as HTML.
func Report(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var out string
	rest := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-o" || a == "--o" || a == "-out" || a == "--out":
			if i+1 == len(args) {
				return UsageError(stderr, "report", "-o needs the file to write: -o report.html")
			}
			out = args[i+1]
			i++
		default:
			rest = append(rest, a)
		}
	}
	s, opt, files, code := settingsFlags("report", rest, reportUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	if out == "" {
		return UsageError(stderr, "report", "give the report's file with -o report.html")
	}
	a, status := analyse("report", files, opt, stdin, stderr, s, scoring.View{Summarise: true, By: scoring.ByInstrument | scoring.ByTeam})
	if a == nil {
		return status
	}
	html, err := ReportHTML(a, time.Now().UTC())
	if err != nil {
		fmt.Fprintf(stderr, "honoscope report: %v\n", err)
		return 1
	}
	if err := os.WriteFile(out, html, 0o644); err != nil {
		fmt.Fprintf(stderr, "honoscope report: writing %s: %v: choose a folder you can write to\n", out, err)
		return 1
	}
	fmt.Fprintf(stderr, "method: %s; %s; report written to %s\n", a.Method, describeCounts(a.Counts), filepath.Base(out))
	return status
}

// reportTeam is one team's row of outcome categories.
type reportTeam struct {
	Team                             string
	Pairs                            int
	Recovered, Improved, Unchanged   string
	Deteriorated, Harmed, MeanChange string
}

// reportInstrument is one instrument's part of the report.
type reportInstrument struct {
	Name   string
	Funnel *chart.Chart
	Teams  []reportTeam
	Small  []string
}

// ReportHTML returns the report of a as a self-contained HTML document,
// dated to the month of now: inline SVG and CSS, no script, no external
// reference, aggregates only, teams under MinReportGroup pairs left out and
// named.
func ReportHTML(a *scoring.Analysis, now time.Time) ([]byte, error) {
	funnels, err := chart.TeamFunnels(a.Kept, 640, MinReportGroup)
	if err != nil {
		return nil, err
	}
	var parts []reportInstrument
	for _, in := range scoring.Instruments() {
		part := reportInstrument{Name: in.Name}
		for i := range funnels {
			if bytes.HasPrefix([]byte(funnels[i].Table.Caption), []byte(in.Name+":")) {
				part.Funnel = &funnels[i]
			}
		}
		for _, g := range a.Groups {
			if g.Key.Instrument != in.ID {
				continue
			}
			team := g.Key.Team
			if team == "" {
				team = chart.TeamNotRecorded
			}
			if g.Pairs < MinReportGroup {
				part.Small = append(part.Small, team)
				continue
			}
			share := func(c scoring.Category) string {
				return strconv.Itoa(g.Count(c)) + " (" + strconv.Itoa(int(100*g.Proportion(c)+0.5)) + "%)"
			}
			part.Teams = append(part.Teams, reportTeam{Team: team, Pairs: g.Pairs,
				Recovered: share(scoring.Recovered), Improved: share(scoring.Improved), Unchanged: share(scoring.Unchanged),
				Deteriorated: share(scoring.Deteriorated), Harmed: share(scoring.Harmed),
				MeanChange: strconv.FormatFloat(g.MeanChange, 'f', 1, 64)})
		}
		if part.Funnel != nil || len(part.Teams) > 0 || len(part.Small) > 0 {
			parts = append(parts, part)
		}
	}
	var b bytes.Buffer
	err = reportTemplate.Execute(&b, map[string]any{
		"Month":  now.Format("January 2006"),
		"Method": a.Method,
		"Pairs":  a.Counts.Pairs,
		"Min":    MinReportGroup,
		"Parts":  parts,
	})
	return b.Bytes(), err
}

// reportTemplate is the report page: A4 print rules, text only where the
// picture has one, every chart with its words.
var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	// The chart package draws the SVG and escapes every text in it.
	"svg": func(c *chart.Chart) template.HTML { return template.HTML(c.SVG) },
}).Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>HoNOS outcomes by team, {{.Month}}</title>
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
@media print { body { max-width: none; } section { break-inside: avoid; } }
</style>
</head>
<body>
<main>
<h1>HoNOS outcomes by team, {{.Month}}</h1>
<p>{{.Pairs}} pairs of ratings, each person's first and latest. Aggregates only: no person, no date of any rating. A team with fewer than {{.Min}} pairs is not shown.</p>
<p class="muted">Method: {{.Method}}.</p>
<p>Teams see different people. A team outside the funnel's limits is a reason to look closer, not a verdict; stability is a good outcome for many.</p>
{{range .Parts}}
<section>
<h2>{{.Name}}</h2>
{{if .Funnel}}<figure>{{svg .Funnel}}<figcaption>{{.Funnel.Summary}}</figcaption></figure>{{end}}
{{if .Teams}}<table>
<caption>{{.Name}}: outcome categories by team (pairs, share)</caption>
<thead><tr><th scope="col">Team</th><th scope="col">Pairs</th><th scope="col">Recovered</th><th scope="col">Improved</th><th scope="col">No reliable change</th><th scope="col">Deteriorated</th><th scope="col">Harmed</th><th scope="col">Mean change</th></tr></thead>
<tbody>{{range .Teams}}<tr><th scope="row">{{.Team}}</th><td class="num">{{.Pairs}}</td><td class="num">{{.Recovered}}</td><td class="num">{{.Improved}}</td><td class="num">{{.Unchanged}}</td><td class="num">{{.Deteriorated}}</td><td class="num">{{.Harmed}}</td><td class="num">{{.MeanChange}}</td></tr>
{{end}}</tbody>
</table>{{end}}
{{if .Small}}<p class="muted">Not shown, with fewer than {{$.Min}} pairs: {{range $i, $t := .Small}}{{if $i}}, {{end}}{{$t}}{{end}}.</p>{{end}}
</section>
{{end}}
</main>
</body>
</html>
`))
