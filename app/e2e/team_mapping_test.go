//go:build !(js && wasm)

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ownExport is a record system's own export: its own column names,
// day-first dates, an instrument column, and one impossible date.
func ownExport() []byte {
	var b strings.Builder
	b.WriteString("Client ref,Rated on,Form,H1,H2,H3,H4,H5,H6,H7,H8,H8 type,H9,H10,H11,H12,Team name\n")
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&b, "C-%d,0%d/01/2024,HoNOS,3,3,3,3,2,2,2,2,B,2,2,2,2,North\n", i, i)
		fmt.Fprintf(&b, "C-%d,0%d/04/2024,HoNOS,1,1,1,1,0,0,0,0,,0,0,0,0,North\n", i, i)
	}
	b.WriteString("C-9,31/02/2024,HoNOS,1,1,1,1,0,0,0,0,,0,0,0,0,South\n")
	return []byte(b.String())
}

// A file Honoscope does not know is mapped by hand: the columns are guessed
// from their names, the date order chosen, ten ratings previewed with their
// totals, the mapping kept under a name and the file read by it. The next
// time a file with those columns is loaded, the kept mapping is chosen.
func TestAnExportHonoscopeDoesNotKnowIsMappedByHandAndTheMappingKept(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	path := TempFile(t, "ours.csv", ownExport())
	openTeam(s, path)
	waitFor(s, `!!document.getElementById("team-mapping")`, 20*time.Second)
	for id, want := range map[string]string{"map-patient": "Client ref", "map-date": "Rated on", "map-instrument": "Form",
		"map-item-1": "H1", "map-item-12": "H12", "map-type": "H8 type", "map-team": "Team name", "map-item-13": " "} {
		var got string
		s.Eval(fmt.Sprintf(`document.getElementById(%q).value`, id), &got)
		if got != want {
			t.Errorf("guessed #%s = %q, want %q", id, got, want)
		}
	}
	// Year-first is the guess: every date is refused until day-first is chosen.
	setControl(s, "map-date-order", "dmy")
	waitFor(s, `document.querySelectorAll("#map-preview-table tbody tr").length === 10`, 10*time.Second)
	if got := rowText(s, "map-preview-table", "C-1"); got != "C-1 | 2024-01-01 | HoNOS | 3 3 3 3 2 2 2 2 2 2 2 2 | 28/48 | yes" {
		t.Errorf("first preview row %q", got)
	}
	setControl(s, "map-name", "Our record system")
	s.Run(chromedp.Click("#map-keep", chromedp.ByQuery))
	waitFor(s, `document.getElementById("map-note").textContent.includes("Kept as") && document.getElementById("map-note").textContent.includes("Our record system")`, 5*time.Second)
	s.Run(chromedp.Click("#map-use", chromedp.ByQuery))
	waitReport(s, 20*time.Second)
	check := func(when string) {
		if got := s.Text("#team-layout"); got != "Read as your column mapping." {
			t.Errorf("%s: the page says %q", when, got)
		}
		for th, want := range map[string]string{"People": "6", "Ratings": "12", "Pairs": "6", "Rows left out (see above)": "1"} {
			if got := rowText(s, "team-counts", th); got != th+" | "+want {
				t.Errorf("%s: counts row %q = %q, want %s", when, th, got, want)
			}
		}
		var lines []string
		s.Eval(`Array.from(document.querySelectorAll("#team-problems li")).map(li => li.textContent)`, &lines)
		if len(lines) != 1 || !strings.HasPrefix(lines[0], `line 14: column Rated on: "31/02/2024" is not a real date written day first`) {
			t.Errorf("%s: listed problems %q", when, lines)
		}
	}
	check("mapped by hand")

	// A new visit: the kept mapping fits the file and is chosen.
	s.Open("/team")
	s.Run(chromedp.SetUploadFiles("#team-file", []string{path}, chromedp.ByQuery))
	waitFor(s, `!!document.getElementById("map-kept") && document.getElementById("map-kept").value === "Our record system"`, 20*time.Second)
	waitFor(s, `document.querySelectorAll("#map-preview-table tbody tr").length === 10`, 10*time.Second)
	s.Run(chromedp.Click("#map-use", chromedp.ByQuery))
	waitReport(s, 20*time.Second)
	check("with the kept mapping")
}
