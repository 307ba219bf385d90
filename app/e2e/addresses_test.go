//go:build !(js && wasm)

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser keeps every address it visits (History, the session it
// restores, the tab's back list) in files of its profile, readable by
// anyone with the device. A person's page is named by a reference to one of
// their ratings, and the patient view is drawn in the page, so that neither
// the label nor the profile reaches those files.
func TestNoAddressTheBrowserKeepsHoldsALabelOrAProfile(t *testing.T) {
	t.Parallel()
	const label, name = "HISTLABEL-7", "Zebedee"
	s := Start(t, "/")
	seedRatings(s, []seedRating{
		honosRating(label, "2024-01-10", 3, 2, 1, 2, 3, 1, 2, 0, 1, 2, 2, 3),
		honosRating(label, "2024-04-10", 1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1),
	})
	s.Open("/people")
	s.Run(chromedp.WaitVisible(".people-table a", chromedp.ByQuery), chromedp.Click(".people-table a", chromedp.ByQuery))
	waitText(s, "#page-title", "Ratings of "+label)
	var href string
	s.Eval(`location.href`, &href)
	if !strings.Contains(href, "/person#r=h") || strings.Contains(href, "HIST") {
		t.Fatalf("the person page's address is %q, want a reference", href)
	}
	// A reload finds the person again by the reference.
	s.Run(chromedp.Reload())
	waitText(s, "#page-title", "Ratings of "+label)

	setValue(s, "share-name", name)
	s.Run(chromedp.Click("#oc-patient-view", chromedp.ByQuery))
	s.Run(chromedp.WaitVisible("#profile-cards", chromedp.ByQuery))
	waitText(s, "#profile-intro", "For "+name)
	waitText(s, "#page-title", "Your HoNOS profile")
	var now string
	s.Eval(`location.href`, &now)
	if now != href {
		t.Errorf("the patient view changed the address to %q", now)
	}
	s.Run(chromedp.Click("#pv-back", chromedp.ByQuery))
	waitText(s, "#page-title", "Ratings of "+label)
	time.Sleep(time.Second)

	// The database holds the label by design (the lock seals it); every
	// other file of the profile must not.
	if found := s.FilesHolding([]string{"IndexedDB"}, label, name); len(found) > 0 {
		t.Errorf("the browser keeps the label or the profile outside the database:\n%s", strings.Join(found, "\n"))
	}
}
