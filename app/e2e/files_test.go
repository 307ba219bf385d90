//go:build !(js && wasm)

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser keeps a replaced or deleted record in its database files
// until it tidies them, which may be never. Turning the lock on and deleting
// everything move the device's records to fresh storage and delete the old
// with its files: afterwards no file of the browser profile holds a label
// or a note that was typed before, in the clear.
func TestNoPlaintextStaysInTheBrowsersFilesAfterTheLockOrDeleteAll(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, label, note string
		act               func(s *Session)
	}{
		{"the lock turned on", "FILES-LOCK-LABEL", "Planted note under the lock", func(s *Session) { turnLockOn(s) }},
		{"everything deleted", "FILES-DELETE-LABEL", "Planted note before delete", func(s *Session) {
			openSettings(s)
			setValue(s, "delete-confirm", "DELETE")
			s.Run(chromedp.Click("#delete-all", chromedp.ByQuery))
			// Done when the records moved to a new, empty generation.
			if !throughReload(s, `navigator.storageBuckets.keys().then(k => k.includes("honoscope-2") && !k.includes("honoscope-1"))`, 15*time.Second) {
				s.T.Fatal("deleting everything did not move to a fresh storage bucket")
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := Start(t, "/")
			seedRatings(s, []seedRating{
				honosRating(c.label, "2024-01-10", 3, 2, 1, 2, 3, 1, 2, 0, 1, 2, 2, 3),
				honosRating(c.label, "2024-04-10", 1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1),
			})
			openPerson(s, c.label)
			setValue(s, "ev-date", "2024-02-01")
			setValue(s, "ev-kind", "note")
			setValue(s, "ev-text", c.note)
			s.Run(chromedp.Click("#ev-add", chromedp.ByQuery))
			waitText(s, "#oc-events", c.note)
			c.act(s)
			// The address of the person page is a reference, so the only
			// place the label and note were is the database.
			if found := s.FilesHolding(nil, c.label, c.note); len(found) > 0 {
				t.Errorf("after %s the browser's files still hold:\n%s", c.name, strings.Join(found, "\n"))
			}
			if c.name == "the lock turned on" {
				// The data is all there, sealed, behind the passphrase.
				s.Restart()
				s.Open("/people")
				unlock(s, lockPass)
				waitText(s, "main#main", c.label)
			}
		})
	}
}
