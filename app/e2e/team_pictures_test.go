//go:build !(js && wasm)

package e2e

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"honoscope/app/cli"
)

// pictureTables are the pictures' tables and words on the page, as text:
// for each figure, its id, its summary, its caption and its rows.
const pictureTables = `Array.from(document.querySelectorAll("#team-pictures-figure .chart-figure")).map(f =>
  [f.id.replace(/-figure$/, ""), f.querySelector(".chart-summary").textContent, f.querySelector("caption").textContent].concat(
    Array.from(f.querySelectorAll("tbody tr")).map(tr => Array.from(tr.children).map(c => c.textContent).join(" | "))).join("\n"))`

// reportTables reads the same from a report file 'honoscope report' wrote.
func reportTables(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	cell := regexp.MustCompile(`<t[hd][^>]*>(.*?)</t[hd]>`)
	for _, fig := range regexp.MustCompile(`(?s)<figure id="([^"]+)">(.*?)</figure>`).FindAllStringSubmatch(string(b), -1) {
		summary := regexp.MustCompile(`(?s)<figcaption>(.*?)</figcaption>`).FindStringSubmatch(fig[2])
		caption := regexp.MustCompile(`(?s)<caption>(.*?)</caption>`).FindStringSubmatch(fig[2])
		if summary == nil || caption == nil {
			t.Fatalf("%s: a figure without its words or table", fig[1])
		}
		parts := []string{fig[1], html.UnescapeString(summary[1]), html.UnescapeString(caption[1])}
		body := fig[2][strings.Index(fig[2], "<tbody>"):]
		for _, tr := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(body, -1) {
			var cells []string
			for _, c := range cell.FindAllStringSubmatch(tr[1], -1) {
				cells = append(cells, html.UnescapeString(c[1]))
			}
			parts = append(parts, strings.Join(cells, " | "))
		}
		out = append(out, strings.Join(parts, "\n"))
	}
	return out
}

// The page and the report file agree figure for figure: the same pictures
// in the same order, with the same words and every cell of their tables
// the same, for every team and for one team against all teams.
func TestTheTeamPagesPicturesAgreeWithTheReportFile(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	openTeam(s, teamFixture)
	waitReport(s, 20*time.Second)
	dir := t.TempDir()
	for _, team := range []string{"", "Team B"} {
		out := filepath.Join(dir, "report.html")
		args := []string{"-o", out, teamFixture}
		if team != "" {
			args = append([]string{"--team", team}, args...)
			setControl(s, "team-pictures-team", "="+team)
			waitFor(s, `document.getElementById("team-pictures-h").textContent.includes("Team B against all teams")`, 10*time.Second)
		}
		var stdout, stderr bytes.Buffer
		if code := cli.Report(args, nil, &stdout, &stderr); code > 1 {
			t.Fatalf("honoscope report %v: exit %d: %s", args, code, stderr.String())
		}
		want := reportTables(t, out)
		var got []string
		s.Eval(pictureTables, &got)
		if len(want) < 5 {
			t.Fatalf("the report file has %d figures", len(want))
		}
		if len(got) != len(want) {
			t.Errorf("team %q: the page has %d pictures, the file %d", team, len(got), len(want))
		}
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Errorf("team %q, figure %d differs:\npage: %s\nfile: %s", team, i, got[i], want[i])
			}
		}
	}
	// Small teams are named, not drawn.
	setControl(s, "team-pictures-team", "*")
	waitFor(s, `document.getElementById("team-pictures-h").textContent.includes("every team")`, 10*time.Second)
	if got := s.Text("#team-pictures-honosca-small"); got != "Teams left out of the comparisons, with fewer than 10 pairs: CAMHS." {
		t.Errorf("small teams: %q", got)
	}
}

// "Try it with example data" loads the example export the site ships,
// from the site itself, and draws its pictures.
func TestTryItWithExampleDataLoadsTheShippedExport(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	s.Open("/team")
	s.Run(chromedp.Click("#team-example", chromedp.ByQuery))
	waitReport(s, 20*time.Second)
	if got := s.Text("#team-report-h"); !strings.Contains(got, "example export") {
		t.Errorf("report heading %q", got)
	}
	if got := rowText(s, "team-counts", "Ratings"); got != "Ratings | 2026" {
		t.Errorf("counts: %q", got)
	}
	var n int
	s.Eval(`document.querySelectorAll("#team-pictures-figure svg.chart").length`, &n)
	if n < 10 {
		t.Errorf("%d pictures of the example", n)
	}
	if got := s.Text("#team-pictures-honos-small"); !strings.Contains(got, "Liaison pilot") {
		t.Errorf("the small team is not named: %q", got)
	}
}
