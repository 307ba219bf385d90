//go:build !(js && wasm)

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// deviceDB is a JavaScript function that opens the device's database as
// the app does: in the newest storage bucket "honoscope-N" where the
// browser has buckets, else in the default storage.
const deviceDB = `async () => {
  let f = indexedDB;
  if (navigator.storageBuckets) {
    const gens = (await navigator.storageBuckets.keys()).filter(n => /^honoscope-[0-9]+$/.test(n)).map(n => Number(n.slice(10))).sort((a, b) => a - b);
    if (gens.length) f = (await navigator.storageBuckets.open("honoscope-" + gens[gens.length - 1])).indexedDB;
  }
  return await new Promise((res, rej) => { const r = f.open("honoscope"); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
}`

// dumpDB returns every record of every object store of the device's
// IndexedDB as JSON text: what someone reading the browser profile sees.
const dumpDB = `(async () => {
  const db = await (` + deviceDB + `)();
  const out = {};
  for (const name of db.objectStoreNames) {
    const tx = db.transaction(name, "readonly");
    out[name] = await new Promise((res, rej) => { const q = tx.objectStore(name).getAll(); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
  }
  db.close();
  return JSON.stringify(out);
})()`

// lockPass is the passphrase the tests lock with.
const lockPass = "a long test passphrase"

// waitFor polls a JavaScript condition for up to d.
func waitFor(s *Session, cond string, d time.Duration) {
	s.T.Helper()
	s.Run(Poll(cond, nil, d))
}

// openSettings opens /settings once the page has read the lock's state.
func openSettings(s *Session) {
	s.T.Helper()
	s.Open("/settings")
	waitFor(s, `!!document.getElementById("lock-on") || !!document.getElementById("lock-off")`, 10*time.Second)
	waitFor(s, `document.getElementById("idle-minutes").value !== ""`, 10*time.Second)
}

// turnLockOn turns the lock on from the settings page.
func turnLockOn(s *Session) {
	s.T.Helper()
	openSettings(s)
	setValue(s, "lock-new-pass", lockPass)
	setValue(s, "lock-confirm-pass", lockPass)
	s.Run(chromedp.Click("#lock-on", chromedp.ByQuery))
	waitText(s, "#settings-status", "The lock is on")
}

// unlock types passphrase into the lock screen.
func unlock(s *Session, passphrase string) {
	s.T.Helper()
	waitFor(s, `!!document.getElementById("lock-passphrase")`, 10*time.Second)
	setValue(s, "lock-passphrase", passphrase)
	s.Run(chromedp.Click("#lock-unlock", chromedp.ByQuery))
}

func TestTheLockEncryptsEverythingRefusesAWrongPassphraseAndLocksWhenIdle(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	seedRatings(s, []seedRating{honosRating("ALICE-LOCK", "2024-05-01", 2, 2, 2, 2, 2, 2, 2, 0, 2, 2, 2, 2)})
	openSettings(s)
	setValue(s, "idle-minutes", "0.05") // 3 seconds, so the idle lock can be watched
	s.Run(chromedp.Click("#save-times", chromedp.ByQuery))
	waitText(s, "#settings-status", "Saved")
	turnLockOn(s)

	var dump string
	s.Eval(dumpDB, &dump)
	if strings.Contains(dump, "ALICE-LOCK") || !strings.Contains(dump, "sealed-rating") || !strings.Contains(dump, `"ratings":[]`) {
		t.Fatalf("the database after locking holds plaintext or no sealed rating:\n%s", dump)
	}

	// A new start is locked: the lock screen covers the page and the
	// people list stays empty.
	s.Open("/people")
	waitFor(s, `!!document.getElementById("lock-passphrase")`, 10*time.Second)
	if strings.Contains(s.Text("main#main"), "ALICE-LOCK") {
		t.Fatal("the people page shows a label while locked")
	}
	unlock(s, "a long test passphrasE")
	waitText(s, "#lock-error", "does not unlock")
	var after string
	s.Eval(dumpDB, &after)
	if after != dump {
		t.Fatal("a wrong passphrase changed the database")
	}
	unlock(s, lockPass)
	waitFor(s, `!document.getElementById("lock-passphrase")`, 10*time.Second)
	waitText(s, "main#main", "ALICE-LOCK")

	// Left alone for the idle time, the page locks itself (it reloads,
	// dropping the key and the decrypted data).
	// The reload interrupts polling, so poll by hand through it.
	start := time.Now()
	for locked := false; !locked; time.Sleep(200 * time.Millisecond) {
		if time.Since(start) > 20*time.Second {
			t.Fatal("the page did not lock within 20 s of idling")
		}
		_ = chromedp.Run(s.Ctx, chromedp.Evaluate(`!!document.getElementById("lock-passphrase")`, &locked))
	}
	if el := time.Since(start); el < 2*time.Second {
		t.Fatalf("locked after %v, before the 3 s idle time", el)
	}
	if strings.Contains(s.Text("main#main"), "ALICE-LOCK") {
		t.Fatal("a label is still shown after the idle lock")
	}
}

func TestAnEncryptedBackupRestoresOnlyWithItsPassphraseAfterDeletingAllData(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	seedRatings(s, []seedRating{honosRating("BOB-BACKUP", "2024-05-02", 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1)})
	openSettings(s)
	var ok bool
	s.Eval(captureDownloads, &ok)
	setValue(s, "backup-pass", "backup passphrase")
	s.Run(chromedp.Click("#backup-encrypted", chromedp.ByQuery))
	waitText(s, "#settings-status", ".encrypted.json")
	var files []string
	s.Eval(`Promise.all(window.__blobs.map(b => b.text()))`, &files)
	if len(files) != 1 || strings.Contains(files[0], "BOB-BACKUP") || !strings.Contains(files[0], `"format": "honoscope-encrypted"`) ||
		!strings.Contains(files[0], `"iterations": 600000`) {
		t.Fatalf("encrypted backup:\n%v", files)
	}
	path := TempFile(t, "backup.encrypted.json", []byte(files[0]))

	// Delete everything, with the typed confirmation.
	setValue(s, "delete-confirm", "delete")
	s.Run(chromedp.Click("#delete-all", chromedp.ByQuery))
	waitText(s, "#settings-error", "Type DELETE")
	setValue(s, "delete-confirm", "DELETE")
	s.Run(chromedp.Click("#delete-all", chromedp.ByQuery))
	time.Sleep(time.Second) // the page reloads
	var dump string
	s.Eval(dumpDB, &dump)
	if strings.Contains(dump, "BOB-BACKUP") {
		t.Fatalf("data left after deleting all:\n%s", dump)
	}

	// Settings points to the one import, on the Export and import page
	// (the other program: the link loads it); a wrong passphrase is
	// refused there and the right one restores the rating.
	openSettings(s)
	s.Run(chromedp.Click("#restore-link", chromedp.ByQuery))
	waitForProgram(s, "/transfer", "tools.wasm")
	chooseFile(s, "#import-file", path)
	setValue(s, "import-pass", "wrong passphrase")
	s.Run(chromedp.Click("#import-open", chromedp.ByQuery))
	waitText(s, ".transfer-failure", "passphrase is wrong")
	setValue(s, "import-pass", "backup passphrase")
	s.Run(chromedp.Click("#import-open", chromedp.ByQuery))
	s.Run(chromedp.WaitVisible("#import-confirm", chromedp.ByQuery), chromedp.Click("#import-confirm", chromedp.ByQuery))
	waitText(s, ".transfer-summary", "backup.encrypted.json")
	seeImportedPeople(s, 1)
	waitText(s, "main#main", "BOB-BACKUP")
}

// Export and import is a page of the other program: with the lock on, the
// link from the people list loads it locked, it shows and exports nothing
// until the passphrase is typed, and then exports the decrypted ratings.
func TestTheExportPageAsksForThePassphraseAndExportsOnceUnlocked(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	seedRatings(s, []seedRating{honosRating("CAROL-LOCK", "2024-05-03", 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1, 0)})
	turnLockOn(s)
	s.Open("/people")
	unlock(s, lockPass)
	waitText(s, "main#main", "CAROL-LOCK")
	s.Run(chromedp.Click("#transfer-link", chromedp.ByQuery))
	waitForProgram(s, "/transfer", "tools.wasm")
	waitFor(s, `!!document.getElementById("lock-passphrase")`, 10*time.Second)
	var ok bool
	s.Eval(captureDownloads, &ok)
	// A click on Export behind the lock screen waits for the passphrase.
	s.Eval(`(() => { document.getElementById("export-json").click(); return true; })()`, &ok)
	time.Sleep(500 * time.Millisecond)
	var blobs int
	s.Eval(`window.__blobs.length`, &blobs)
	if blobs != 0 {
		t.Fatal("the export wrote a file while the device was locked")
	}
	unlock(s, lockPass)
	waitFor(s, `!document.getElementById("lock-passphrase")`, 10*time.Second)
	waitText(s, ".transfer-summary", "Exported 1 rating")
	var files []string
	s.Eval(`Promise.all(window.__blobs.map(b => b.text()))`, &files)
	if len(files) != 1 || !strings.Contains(files[0], "CAROL-LOCK") || !strings.Contains(files[0], `"format": "honoscope-export"`) {
		t.Fatalf("the export after unlocking:\n%v", files)
	}
}
