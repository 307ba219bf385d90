//go:build !(js && wasm)

package e2e

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
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

	// Tab B hears of it and reloads into the data as it now is, in the
	// clear; if the message was missed, its unlock must follow the lock.
	s.Ctx = tabB
	s.Run(page.BringToFront())
	if !throughReload(s, `!document.getElementById("lock-passphrase") && document.body.textContent.includes("TAB-KEPT")`, 15*time.Second) {
		t.Error("tab B still shows the lock screen after the lock was turned off in tab A")
		unlock(s, lockPass)
	}
	waitFor(s, `!document.getElementById("lock-passphrase")`, 10*time.Second)
	waitText(s, "main#main", "TAB-KEPT")

	var dump string
	s.Eval(dumpDB, &dump)
	if !strings.Contains(dump, "TAB-KEPT") || strings.Contains(dump, "sealed-") || strings.Contains(dump, `"lock"`) {
		t.Fatalf("after tab B unlocked, the database should hold the rating in the clear and no lock:\n%s", dump)
	}
}

// A tab showing a person's ratings while the lock is turned on in another
// tab reloads at once into the lock screen: nothing of the person stays on
// its screen, and it writes nothing in the clear.
func TestAnOpenTabLocksWhenTheLockIsTurnedOnInAnother(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	seedRatings(s, []seedRating{honosRating("TAB-SHOWN", "2024-05-01", 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1)})
	s.Open("/people")
	waitText(s, "main#main", "TAB-SHOWN")
	tabA := s.Ctx

	s.NewTab()
	turnLockOn(s)

	s.Ctx = tabA
	s.Run(page.BringToFront())
	if !throughReload(s, `!!document.getElementById("lock-passphrase")`, 15*time.Second) {
		t.Fatal("the tab showing the person did not lock when the lock was turned on in another")
	}
	if strings.Contains(s.Text("body"), "TAB-SHOWN") {
		t.Error("the label is still on the page under the lock screen")
	}
}

// Two tabs editing one rating: the second save does not silently replace
// the first. It says the rating was changed elsewhere, with when and its
// total, and writes nothing until the user chooses. Two tabs starting new
// ratings keep two drafts.
func TestTwoTabsEditingOneRatingAskBeforeTheSecondSave(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	seedRatings(s, []seedRating{honosRating("TAB-EDIT", "2024-05-01", 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1)})
	openPerson(s, "TAB-EDIT")
	var edit string
	s.Eval(`document.querySelector(".person-table a").getAttribute("href")`, &edit)
	edit = strings.TrimPrefix(edit, "/")
	openRate(s, "/"+edit)
	tabA := s.Ctx
	s.NewTab()
	tabB := s.Ctx
	openRate(s, "/"+edit)

	// Tab B changes item 1 to 4 and saves.
	var ok bool
	s.Eval(`document.getElementById("rf-item-1-1").focus(), true`, &ok)
	press(s, "4")
	s.Eval(`document.getElementById("rf-save").click(), true`, &ok)
	waitFor(s, `!!document.getElementById("rate-saved")`, 10*time.Second)

	// Tab A, opened before that save, changes item 2 and saves: asked.
	s.Ctx = tabA
	s.Run(page.BringToFront())
	s.Eval(`document.getElementById("rf-item-2-1").focus(), true`, &ok)
	press(s, "3")
	s.Eval(`document.getElementById("rf-save").click(), true`, &ok)
	waitFor(s, `!!document.getElementById("rate-conflict")`, 10*time.Second)
	if got := s.Text("#rate-conflict"); !strings.Contains(got, "changed in another tab or window") || !strings.Contains(got, "total 14/48") {
		t.Errorf("the conflict says %q", got)
	}
	if got := savedRatings(s); strings.Contains(got, `"items":[1,3,`) || !strings.Contains(got, `"items":[4,1,`) {
		t.Fatalf("tab A saved before the user chose:\n%s", got)
	}
	s.Run(chromedp.Click("#rate-overwrite", chromedp.ByQuery))
	waitFor(s, `!!document.getElementById("rate-saved")`, 10*time.Second)
	if got := savedRatings(s); !strings.Contains(got, `"items":[1,3,`) {
		t.Fatalf("choosing to save tab A's version did not save it:\n%s", got)
	}

	// Two new ratings in two tabs: two drafts, neither overwriting the other.
	openRate(s, "/rate")
	typeLabel(s, "NEW-IN-A")
	s.Ctx = tabB
	s.Run(page.BringToFront())
	openRate(s, "/rate")
	typeLabel(s, "NEW-IN-B")
	waitFor(s, `document.getElementById("rf-save-status").textContent.startsWith("Draft kept")`, 5*time.Second)
	s.Ctx = tabA
	s.Run(page.BringToFront())
	waitFor(s, `document.getElementById("rf-save-status").textContent.startsWith("Draft kept")`, 5*time.Second)
	var dump string
	s.Eval(dumpDB, &dump)
	if !strings.Contains(dump, "NEW-IN-A") || !strings.Contains(dump, "NEW-IN-B") {
		t.Fatalf("the two tabs' drafts are not both kept:\n%s", dump)
	}
}

// savedRatings returns the device's ratings store as JSON.
func savedRatings(s *Session) string {
	s.T.Helper()
	var dump string
	s.Eval(dumpDB, &dump)
	var stores map[string]json.RawMessage
	if err := json.Unmarshal([]byte(dump), &stores); err != nil {
		s.T.Fatal(err)
	}
	return string(stores["ratings"])
}

// throughReload polls expr (which may be a promise) until it is true or
// limit passes, through the page reloading (which breaks chromedp's own polling), and reports
// whether it became true.
func throughReload(s *Session, expr string, limit time.Duration) bool {
	s.T.Helper()
	for start := time.Now(); time.Since(start) < limit; time.Sleep(200 * time.Millisecond) {
		var ok bool
		if chromedp.Run(s.Ctx, chromedp.Evaluate(expr, &ok, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
			return p.WithAwaitPromise(true)
		})) == nil && ok {
			return true
		}
	}
	return false
}
