//go:build !(js && wasm)

package e2e

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"honoscope/app/crypto"
	"honoscope/app/store"
)

// The import opens an encrypted backup (made by the native
// twin) after its passphrase; a wrong one is said so and imports nothing.
func TestTheImportOpensAnEncryptedBackupWithItsPassphrase(t *testing.T) {
	t.Parallel()
	var plain bytes.Buffer
	r := store.Rating{ID: store.NewID(), Patient: "P-Enc", Date: "2024-03-01", Instrument: "honos", Items: make([]int, 12), Period: store.PeriodTwoWeeks}
	if err := store.WriteBackup(&plain, []store.Rating{r}, nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	sealed, err := crypto.SealFile(context.Background(), "backup passphrase", plain.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	path := TempFile(t, "b.encrypted.json", sealed)
	s := Start(t, "/")
	s.Open("/transfer")
	chooseFile(s, "#import-file", path)
	s.Run(chromedp.WaitVisible("#import-pass", chromedp.ByQuery),
		chromedp.SendKeys("#import-pass", "wrong passphrase", chromedp.ByQuery),
		chromedp.Click("#import-open", chromedp.ByQuery))
	s.Run(Poll(`(() => { const e = document.querySelector(".transfer-failure"); return !!e && e.textContent.includes("the passphrase is wrong"); })()`,
		nil, 20*time.Second))
	var dump string
	s.Eval(dumpDB, &dump)
	if strings.Contains(dump, "P-Enc") {
		t.Fatalf("a wrong passphrase imported the rating:\n%s", dump)
	}
	var rows int
	s.Eval(`(() => { const i = document.querySelector("#import-pass"); i.value = ""; i.dispatchEvent(new Event("input", {bubbles: true})); return 0; })()`, &rows)
	s.Run(chromedp.SendKeys("#import-pass", "backup passphrase", chromedp.ByQuery),
		chromedp.Click("#import-open", chromedp.ByQuery))
	s.Run(chromedp.WaitVisible("#import-confirm", chromedp.ByQuery), chromedp.Click("#import-confirm", chromedp.ByQuery))
	s.Run(Poll(`(() => { const e = document.querySelector(".transfer-summary"); return !!e && e.textContent.includes("1 rating added"); })()`,
		nil, 20*time.Second))
	seeImportedPeople(s, 1)
	for _, req := range s.Server.Requests() {
		if strings.Contains(req, "P-Enc") {
			t.Errorf("a request carried a patient label: %s", req)
		}
	}
}
