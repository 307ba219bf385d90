package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"honoscope/scoring"
	"honoscope/scoring/layout"
)

// The report is one self-contained file of aggregates: no script, no
// reference outside it, no label, no date of any rating; teams under 10
// pairs are named as not shown; and its figures are the analysis's.
func TestTheReportIsOneSelfContainedFileOfAggregates(t *testing.T) {
	t.Parallel()
	in := filepath.Join("..", "e2e", "testdata", "team", "team.csv")
	out := filepath.Join(t.TempDir(), "report.html")
	var stdout, stderr bytes.Buffer
	if code := Report([]string{"-o", out, in}, nil, &stdout, &stderr); code != 1 { // the fixture has bad rows
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	html, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(html)
	for _, bad := range []string{"<script", "src=", "href=", "http:", "https:", "@import", "url("} {
		// The SVG namespace and references to the chart's own patterns are
		// names, not fetches.
		own := strings.ReplaceAll(strings.ReplaceAll(doc, "url(#", ""), `xmlns="http://www.w3.org/2000/svg"`, "")
		if strings.Contains(own, bad) {
			t.Errorf("the report holds %q: it must need nothing outside itself", bad)
		}
	}
	csv, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(csv), "\n")[1:] {
		f := strings.Split(line, ",")
		if len(f) < 2 || f[0] == "" {
			continue
		}
		if strings.Contains(doc, ">"+f[0]+"<") || strings.Contains(doc, f[0]+":") || strings.Contains(doc, f[1]) {
			t.Fatalf("the report holds the label %q or the date %q", f[0], f[1])
		}
	}
	if !strings.Contains(doc, "Teams not shown, with fewer than 10 pairs: CAMHS.") {
		t.Error("the small team is not named as not shown")
	}
	for _, class := range []string{"chart-outcomes", "chart-funnel", "chart-trend", "chart-bands", "chart-items"} {
		if !strings.Contains(doc, `class="chart `+class+`"`) {
			t.Errorf("no %s picture", class)
		}
	}

	// Every team row of the outcome table is the analysis's summary of
	// that team.
	a, status := analyse("report", []string{in}, layout.Options{}, nil, &bytes.Buffer{}, scoring.DefaultSettings(),
		scoring.View{Summarise: true, By: scoring.ByInstrument | scoring.ByTeam})
	if a == nil {
		t.Fatalf("analyse: %d", status)
	}
	outcomes := doc[strings.Index(doc, `id="tr-honos-outcomes"`):]
	outcomes = outcomes[:strings.Index(outcomes, "</table>")]
	rows := regexp.MustCompile(`<tr><th scope="row">([^<]+)</th><td>(\d+)</td><td>(\d+) `).FindAllStringSubmatch(outcomes, -1)
	if len(rows) < 2 {
		t.Fatalf("no team rows in %s", outcomes)
	}
	for _, r := range rows[1:] {
		found := false
		for _, g := range a.Groups {
			if g.Key.Team == r[1] && strconv.Itoa(g.Pairs) == r[2] && strconv.Itoa(g.Count(scoring.Recovered)) == r[3] {
				found = true
			}
		}
		if !found {
			t.Errorf("team %s: %s pairs, %s recovered is no group of the analysis", r[1], r[2], r[3])
		}
	}
}

// --per-team writes one report per team of 10 pairs or more, each the
// team against all teams, and names the teams left out.
func TestThePerTeamReportsAreOneFilePerTeam(t *testing.T) {
	t.Parallel()
	in := filepath.Join("..", "e2e", "testdata", "team", "team.csv")
	dir := filepath.Join(t.TempDir(), "teams")
	var stdout, stderr bytes.Buffer
	if code := Report([]string{"--per-team", dir, in}, nil, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "team-a.html team-b.html team-c.html" {
		t.Fatalf("files %v", names)
	}
	b, err := os.ReadFile(filepath.Join(dir, "team-b.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "<h1>HoNOS outcomes: Team B against all teams,") || !strings.Contains(string(b), "(ringed)") {
		t.Error("the team's file is not its report against all teams")
	}
	if !strings.Contains(stderr.String(), "no report for CAMHS: fewer than 10 pairs") {
		t.Errorf("the small team is not named: %s", stderr.String())
	}
	if code := Report([]string{"--team", "Nowhere", "-o", filepath.Join(t.TempDir(), "x.html"), in}, nil, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), `no pairs for team "Nowhere"; the teams are: =Team C, CAMHS, Team A, Team B`) {
		t.Errorf("an unknown team: exit %d, %s", code, stderr.String())
	}
	for _, args := range [][]string{{in}, {"--team", "Team A", "--per-team", dir, in}, {"-o"}} {
		stderr.Reset()
		if code := Report(args, nil, &stdout, &stderr); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr.String())
		}
	}
}

func TestTeamFileNamesAreSafeAndUnique(t *testing.T) {
	t.Parallel()
	used := map[string]bool{}
	for _, c := range [][2]string{{"North CMHT", "north-cmht.html"}, {"north/cmht", "north-cmht-2.html"}, {"../..", "team.html"}, {"Équipe 7", "équipe-7.html"}} {
		if got := TeamFileName(c[0], used); got != c[1] {
			t.Errorf("%q: %s, want %s", c[0], got, c[1])
		}
	}
}
