//go:build !(js && wasm)

package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// An import with a bad row lists the row by its line and column, imports the
// rest, and the people page then shows them.
func TestAnImportWithABadRowListsItsLineAndKeepsTheRest(t *testing.T) {
	t.Parallel()
	csv := "patient,date,item1,item2,item3,item4,item5,item6,item7,item8,item8_type,item9,item10,item11,item12\n" +
		"P-Ash,2024-03-01,1,0,0,1,1,0,2,0,,1,1,0,1\n" +
		"P-Bad,2024-03-02,1,0,0,x,1,0,2,0,,1,1,0,1\n" +
		"P-Elm,2024-03-03,2,2,1,0,0,3,3,0,,2,2,1,2\n"
	path := TempFile(t, "ratings.csv", []byte(csv))

	s := Start(t, "/")
	s.Open("/transfer")
	chooseFile(s, "#import-file", path)
	s.Run(chromedp.WaitVisible(".transfer-problem-list li", chromedp.ByQuery))
	if got := s.Text(".transfer-problem-list li"); !strings.HasPrefix(got, "line 3: column item4:") {
		t.Errorf("listed problem %q, want it to start with line 3: column item4:", got)
	}
	s.Run(chromedp.Click("#import-confirm", chromedp.ByQuery))
	s.Run(Poll(`(() => { const e = document.querySelector(".transfer-summary"); return !!e && e.textContent.includes("2 ratings added"); })()`,
		nil, 10*time.Second))
	seeImportedPeople(s, 2)
	var labels string
	s.Eval(`Array.from(document.querySelectorAll(".people-table tbody th")).map(th => th.textContent).join(",")`, &labels)
	if labels != "P-Ash,P-Elm" {
		t.Errorf("people after import: %q, want P-Ash,P-Elm (the bad row left out)", labels)
	}
	for _, r := range s.Server.Requests() {
		if strings.Contains(r, "P-Ash") || strings.Contains(r, "P-Elm") {
			t.Errorf("a request carried a patient label: %s", r)
		}
	}
}

// A JSON file someone else made can carry documents of any kind. The import
// takes only the kinds a backup carries, checked against what their pages
// write: a lock configuration, device settings or a sealed record in the
// file are listed as left out, so a crafted file cannot set a lock (sealing
// the user's data under its author's passphrase), stretch the idle lock, or
// break the rating list; and nothing is written before Import is pressed.
func TestACraftedImportCannotSetTheLockTheIdleTimeOrASealedRecord(t *testing.T) {
	t.Parallel()
	file := `{"format":"honoscope-export","version":1,"ratings":[` +
		`{"id":"c1","patient":"P-Crafted","date":"2024-03-01","instrument":"honos","items":[1,0,0,1,1,0,2,0,1,1,0,1],"period":"2w","created":"2024-03-01T09:00:00Z","updated":"2024-03-01T09:00:00Z"}],` +
		`"documents":[` +
		`{"kind":"lock","key":"config","data":{"version":1,"state":"on","salt":"AAAA","iterations":1000,"check":"AAAA"}},` +
		`{"kind":"device","key":"settings","data":{"idle_seconds":999999999}},` +
		`{"kind":"sealed-rating","key":"o1","data":{"sealed":"AAAA"}},` +
		`{"kind":"events","key":"P-Crafted\u0000e1","data":{"patient":"P-Crafted","date":"2024-03-02","kind":"note","text":"kept"}}]}`
	path := TempFile(t, "crafted.json", []byte(file))

	s := Start(t, "/")
	s.Open("/transfer")
	chooseFile(s, "#import-file", path)
	// The import says what it will change, lists what it leaves out, and
	// has written nothing yet.
	s.Run(chromedp.WaitVisible(".transfer-plan-summary", chromedp.ByQuery))
	if got := s.Text(".transfer-plan-summary"); !strings.Contains(got, "1 new rating") || !strings.Contains(got, "1 event note") {
		t.Errorf("the plan says %q", got)
	}
	problems := s.Text(".transfer-problem-list")
	for _, want := range []string{"passphrase lock setting", "device's own settings", `kind "sealed-rating"`} {
		if !strings.Contains(problems, want) {
			t.Errorf("the problem list %q does not say %q", problems, want)
		}
	}
	var before string
	s.Eval(dumpDB, &before)
	if strings.Contains(before, "P-Crafted") {
		t.Fatalf("written before Import was pressed:\n%s", before)
	}
	s.Run(chromedp.Click("#import-confirm", chromedp.ByQuery))
	s.Run(Poll(`(() => { const e = document.querySelector(".transfer-summary"); return !!e && e.textContent.includes("1 rating added") && e.textContent.includes("1 event note"); })()`,
		nil, 10*time.Second))
	seeImportedPeople(s, 1)

	var dump string
	s.Eval(dumpDB, &dump)
	for _, bad := range []string{`"kind":"lock"`, `999999999`, `"kind":"sealed-rating"`} {
		if strings.Contains(dump, bad) {
			t.Errorf("the import wrote %s:\n%s", bad, dump)
		}
	}
	if !strings.Contains(dump, "P-Crafted") || !strings.Contains(dump, `"kind":"events"`) {
		t.Errorf("the import left out the rating or the event note:\n%s", dump)
	}
	// A new start is not locked.
	s.Open("/people")
	s.Run(Poll(`!!document.querySelector(".people-table")`, nil, 10*time.Second))
	var locked bool
	s.Eval(`!!document.getElementById("lock-passphrase")`, &locked)
	if locked {
		t.Error("the page is locked after importing a crafted file")
	}
}

// Labels that look the same are one person, and labels with an invisible
// character are refused with their line: "Zoë" typed as e and a combining
// diaeresis joins "Zoë" typed as one letter; "Z\u200boë" is refused.
func TestLabelsThatLookTheSameAreOnePersonAfterAnImport(t *testing.T) {
	t.Parallel()
	csv := "patient,date,item1,item2,item3,item4,item5,item6,item7,item8,item8_type,item9,item10,item11,item12\n" +
		"Zo\u00eb,2024-03-01,1,0,0,1,1,0,2,0,,1,1,0,1\n" +
		"Zoe\u0308 ,2024-04-01,1,0,0,1,1,0,1,0,,1,1,0,1\n" +
		"Z\u200bo\u00eb,2024-05-01,1,0,0,1,1,0,1,0,,1,1,0,1\n"
	path := TempFile(t, "labels.csv", []byte(csv))
	s := Start(t, "/")
	s.Open("/transfer")
	chooseFile(s, "#import-file", path)
	s.Run(chromedp.WaitVisible(".transfer-problem-list li", chromedp.ByQuery))
	if got := s.Text(".transfer-problem-list li"); !strings.HasPrefix(got, "line 4: column patient:") || !strings.Contains(got, "U+200B") {
		t.Errorf("listed problem %q, want line 4's label refused for its U+200B", got)
	}
	s.Run(chromedp.Click("#import-confirm", chromedp.ByQuery))
	seeImportedPeople(s, 1)
	if got := s.Text(".people-table tbody tr"); !strings.Contains(got, "Zo\u00eb") || !strings.Contains(got, "2") {
		t.Errorf("the one person's row %q, want Zoë with 2 ratings", got)
	}
}

// seeImportedPeople follows the link the Export and import page shows after
// an import to the people list (a page of the other program, so the link
// loads it), and waits for its n rows.
func seeImportedPeople(s *Session, n int) {
	s.T.Helper()
	s.Run(chromedp.WaitVisible("#transfer-see-people", chromedp.ByQuery), chromedp.Click("#transfer-see-people", chromedp.ByQuery))
	waitForProgram(s, "/people", "app.wasm")
	s.Run(Poll(`document.querySelectorAll(".people-table tbody tr").length === `+strconv.Itoa(n), nil, 10*time.Second))
}
