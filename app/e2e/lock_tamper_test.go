//go:build !(js && wasm)

package e2e

import (
	"strings"
	"testing"
	"time"
)

// setLockState rewrites the lock settings' state in the device's IndexedDB,
// as something other than Honoscope with access to the browser profile
// could.
const setLockState = `(async (state) => {
  const db = await (` + deviceDB + `)();
  const tx = db.transaction("docs", "readwrite");
  const os = tx.objectStore("docs");
  const all = await new Promise((res, rej) => { const q = os.getAll(); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
  const rec = all.find(r => r.kind === "lock");
  const cfg = JSON.parse(rec.data);
  cfg.state = state;
  rec.data = JSON.stringify(cfg);
  await new Promise((res, rej) => { const q = os.put(rec); q.onsuccess = () => res(); q.onerror = () => rej(q.error); });
  db.close();
  return true;
})`

// Lock settings changed outside Honoscope to "decrypting" (which once made
// the next unlock strip the lock) are refused with the right passphrase:
// the page says what happened, nothing is opened, every record stays
// sealed; put back, the same passphrase unlocks.
func TestALockStateChangedOutsideHonoscopeIsRefusedAndNothingIsOpened(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	seedRatings(s, []seedRating{honosRating("BOB-TAMPER", "2024-05-01", 2, 2, 2, 2, 2, 2, 2, 0, 2, 2, 2, 2)})
	turnLockOn(s)
	var ok bool
	s.Eval(setLockState+`("decrypting")`, &ok)
	var before string
	s.Eval(dumpDB, &before)

	s.Open("/people")
	unlock(s, lockPass)
	waitText(s, "#lock-error", "changed outside Honoscope")
	var after string
	s.Eval(dumpDB, &after)
	if after != before || strings.Contains(after, "BOB-TAMPER") || !strings.Contains(after, "sealed-rating") {
		t.Fatalf("the right passphrase on tampered settings changed the database or opened a record:\n%s", after)
	}
	if strings.Contains(s.Text("main#main"), "BOB-TAMPER") {
		t.Fatal("a label is shown after the refused unlock")
	}

	s.Eval(setLockState+`("on")`, &ok)
	s.Open("/people")
	unlock(s, lockPass)
	waitFor(s, `!document.getElementById("lock-passphrase")`, 10*time.Second)
	waitText(s, "main#main", "BOB-TAMPER")
}
