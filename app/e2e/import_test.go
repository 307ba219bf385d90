//go:build !(js && wasm)

package e2e

import (
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
	s.Open("/people")
	s.Run(chromedp.Poll(`!document.querySelector(".people-loading")`, nil, chromedp.WithPollingTimeout(10*time.Second)))
	chooseFile(s, "#import-file", path)
	s.Run(chromedp.WaitVisible(".transfer-problem-list li", chromedp.ByQuery))
	if got := s.Text(".transfer-problem-list li"); !strings.HasPrefix(got, "line 3: column item4:") {
		t.Errorf("listed problem %q, want it to start with line 3: column item4:", got)
	}
	s.Run(chromedp.Click("#import-confirm", chromedp.ByQuery))
	s.Run(chromedp.Poll(`(() => { const e = document.querySelector(".transfer-summary"); return !!e && e.textContent.includes("2 ratings added"); })()`,
		nil, chromedp.WithPollingTimeout(10*time.Second)))
	s.Run(chromedp.Poll(`document.querySelectorAll(".people-table tbody tr").length === 2`, nil, chromedp.WithPollingTimeout(10*time.Second)))
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
