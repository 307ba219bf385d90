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
	if !strings.Contains(doc, "Not shown, with fewer than 10 pairs: CAMHS.") {
		t.Error("the small team is not named as not shown")
	}
	if !strings.Contains(doc, `class="chart chart-funnel"`) {
		t.Error("no funnel plot")
	}

	// Every team row is the analysis's summary of that team.
	a, status := analyse("report", []string{in}, layout.Options{}, nil, &bytes.Buffer{}, scoring.DefaultSettings(),
		scoring.View{Summarise: true, By: scoring.ByInstrument | scoring.ByTeam})
	if a == nil {
		t.Fatalf("analyse: %d", status)
	}
	rows := regexp.MustCompile(`<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td><td class="num">(\d+) `).FindAllStringSubmatch(doc, -1)
	if len(rows) == 0 {
		t.Fatal("no team rows")
	}
	for _, r := range rows {
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
