//go:build !(js && wasm)

package e2e

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The reference-file round trip, all in the browser: the team view
// turns an export into a ranges file, the file is saved, and loading it on a
// person's page draws the expected range for people who started in the same
// band and setting.
func TestARangesFileFromTheTeamViewShowsItsBandOnAPersonsChart(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	openTeam(s, filepath.Join("testdata", "outcomes", "pairs.csv"))
	waitReport(s, 30*time.Second)
	var ok bool
	s.Eval(captureDownloads, &ok)
	s.Run(chromedp.Click("#team-export-ranges", chromedp.ByQuery))
	var files []string
	s.Eval(`Promise.all(window.__blobs.map(b => b.text()))`, &files)
	if len(files) != 1 || !strings.Contains(files[0], `"honoscope-expected-change-ranges"`) {
		t.Fatalf("captured downloads %q, want one ranges file", files)
	}
	path := TempFile(t, "ranges.json", []byte(files[0]))

	base := honosRating("RT-1", "2024-02-01", baseItems...)
	base.Setting = "community"
	seedRatings(s, []seedRating{base, honosRating("RT-1", "2024-06-01", followItems...)})
	openPerson(s, "RT-1")
	chooseFile(s, "#oc-ranges-load", path)
	waitText(s, "#oc-expected", "people starting in the severe band, setting “community” (12 pairs)")
	s.Run(chromedp.WaitVisible("#oc-timeline-figure .chart-expected", chromedp.ByQuery))
}
