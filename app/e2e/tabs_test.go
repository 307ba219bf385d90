//go:build !(js && wasm)

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Two tabs of one browser share the device's IndexedDB. Tab B waits on the
// lock screen while tab A turns the lock off; B then unlocks with the
// passphrase it was asked for. B must open the data as it now is, in the
// clear, and not seal every record again under the old key, whose salt
// went with the lock: that lost every rating. B then saves in the clear.
func TestATabWaitingOnTheLockScreenFollowsTheLockTurnedOffInAnother(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	seedRatings(s, []seedRating{honosRating("TAB-KEPT", "2024-05-01", 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1)})
	turnLockOn(s)
	tabA := s.Ctx

	s.NewTab()
	tabB := s.Ctx
	s.Open("/people")
	waitFor(s, `!!document.getElementById("lock-passphrase")`, 10*time.Second)

	// Tab A is still on the settings page, unlocked: it turned the lock on.
	s.Ctx = tabA
	s.Run(page.BringToFront()) // a tab in the background gets no animation frames, so go-app would not render
	waitFor(s, `!!document.getElementById("lock-off")`, 10*time.Second)
	setValue(s, "lock-off-pass", lockPass)
	s.Run(chromedp.Click("#lock-off", chromedp.ByQuery))
	waitText(s, "#settings-status", "The lock is off")

	s.Ctx = tabB
	s.Run(page.BringToFront())
	unlock(s, lockPass)
	waitFor(s, `!document.getElementById("lock-passphrase")`, 10*time.Second)
	waitText(s, "main#main", "TAB-KEPT")

	var dump string
	s.Eval(dumpDB, &dump)
	if !strings.Contains(dump, "TAB-KEPT") || strings.Contains(dump, "sealed-") || strings.Contains(dump, `"lock"`) {
		t.Fatalf("after tab B unlocked, the database should hold the rating in the clear and no lock:\n%s", dump)
	}
}
