//go:build !(js && wasm)

package e2e

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"honoscope/scoring"
	"honoscope/scoring/layout"
)

// The same ratings as an MHSDS long extract (one row per item) and as a
// NOCC extract with METEOR codes, dropped on /team, give the report the
// Honoscope CSV gives, which is the command line's (the fixture's figures
// above; app/cli proves 'honoscope change' gives the same pairs on each
// layout). The page names the layout it read.
func TestTheTeamViewReadsMHSDSAndNOCCExtractsAsTheCommandLineDoes(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(teamFixture)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := scoring.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var rs []scoring.Rating
	if _, err := rd.ReadAll(scoring.ReadOptions{}, func(r *scoring.Rating) { rs = append(rs, *r) }); err != nil {
		t.Fatal(err)
	}
	s := Start(t, "/")
	for _, c := range []struct {
		to          layout.Format
		file, named string
	}{
		{layout.MHSDS, "mhs607-extract.csv", "Read as MHSDS long format (one row per item)."},
		{layout.METEOR, "nocc-extract.csv", "Read as NOCC extract (PID, ColDt, Hnos01…, HnosC01…)."},
	} {
		var buf bytes.Buffer
		if err := layout.Write(&buf, c.to, rs); err != nil {
			t.Fatal(err)
		}
		openTeam(s, TempFile(t, c.file, buf.Bytes()))
		waitFor(s, `(() => { const h = document.getElementById("team-report-h"); return !!h && h.textContent === "Report: `+c.file+`"; })()`, 20*time.Second)
		waitReport(s, 20*time.Second)
		if got := s.Text("#team-layout"); got != c.named {
			t.Errorf("%s: the page says %q, want %q", c.to, got, c.named)
		}
		for th, want := range map[string]string{"People": "70", "Ratings": "146", "Pairs": "62"} {
			if got := rowText(s, "team-counts", th); got != th+" | "+want {
				t.Errorf("%s: counts row %q = %q, want %s", c.to, th, got, want)
			}
		}
		want := "All pairs shown | 62 | 3 (4.8%) | 4 (6.5%) | 53 (85.5%) | 0 (0.0%) | 2 (3.2%) | −2.2"
		if got := rowText(s, "team-outcomes", "All pairs shown"); got != want {
			t.Errorf("%s: outcomes\n got %s\nwant %s", c.to, got, want)
		}
		if got := s.Text(".team-method"); got != "Method: fixed threshold (Parabiaghi et al. 2005), 8 points; cut-off 11; earliest and latest ratings; valid totals have at most 2 scored items not known." {
			t.Errorf("%s: method line %q", c.to, got)
		}
	}
}

// A NOCC extract with bad rows lists each by its line and its own column
// name, and says what to do; the good rows are read.
func TestTheTeamViewListsAnExtractsBadRowsByLineAndColumn(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	openTeam(s, "../../scoring/layout/testdata/nocc.csv")
	waitReport(s, 20*time.Second)
	var lines []string
	s.Eval(`Array.from(document.querySelectorAll("#team-problems li")).map(li => li.textContent)`, &lines)
	want := []string{
		`line 7: column HnosVer: "B1" is not a version this layout knows (A1, G1, G2): correct it`,
		`line 8: column ColDt: "31022024" is not a real date written day first: write it as DDMMYYYY, e.g. 01032024 for 1 March 2024`,
		`line 9: column Hnos03: "5" is not a rating: use 0, 1, 2, 3 or 4, or 9 (also 7, 8 or empty) for not known`,
	}
	if len(lines) != 4 || strings.Join(lines[:3], "\n") != strings.Join(want, "\n") || !strings.HasPrefix(lines[3], "line 11: column ColRsn: ") {
		t.Errorf("listed problems:\n%s", strings.Join(lines, "\n"))
	}
	if got := rowText(s, "team-counts", "Ratings"); got != "Ratings | 5" {
		t.Errorf("ratings row %q, want 5", got)
	}
}
