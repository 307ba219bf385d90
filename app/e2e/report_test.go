//go:build !(js && wasm)

package e2e

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"honoscope/app/cli"
)

// The report file 'honoscope report' writes passes axe with no violation,
// loads nothing (the harness fails a test on any request but the file's),
// and prints on A4 with no chart reaching past the page.
func TestTheReportFilePassesAxeAndPrintsOnA4(t *testing.T) {
	t.Parallel()
	RequireBrowser(t)
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := cli.Report([]string{"-o", filepath.Join(dir, "report.html"), teamFixture}, nil, &stdout, &stderr); code > 1 {
		t.Fatalf("honoscope report: exit %d: %s", code, stderr.String())
	}
	s := StartSite(t, &Site{Dir: dir, Base: "/"})
	s.Run(chromedp.Navigate(s.Server.URL("/report.html")), chromedp.WaitVisible("h1", chromedp.ByQuery))
	src, err := os.ReadFile(axeSource)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range axeViolations(s, src) {
		t.Errorf("the report: %s", v)
	}
	var pdf []byte
	s.Run(chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().WithPaperWidth(8.27).WithPaperHeight(11.69).WithPreferCSSPageSize(true).Do(ctx)
		return err
	}))
	if pdfPages(pdf) < 1 || !bytes.Contains(pdf, []byte("/MediaBox [0 0 594.9")) {
		t.Errorf("the report does not print on A4 pages")
	}
	s.Run(emulation.SetEmulatedMedia().WithMedia("print"), emulation.SetDeviceMetricsOverride(703, 1000, 1, false))
	var over []string
	s.Eval(`[...document.querySelectorAll("svg")].filter(s => s.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(s => s.getAttribute("class") + " " + Math.round(s.getBoundingClientRect().right))`, &over)
	if len(over) > 0 {
		t.Errorf("in print, charts run past the page: %v", over)
	}
}
