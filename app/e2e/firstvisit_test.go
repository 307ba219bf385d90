//go:build !(js && wasm)

package e2e

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"honoscope/app/site"
)

// BenchFirstEnv names the environment variable that runs the first-visit
// benchmark ('make bench-first'); make test leaves it out, since it takes a
// few minutes and its figures are read, not asserted.
const BenchFirstEnv = "HONOSCOPE_BENCH_FIRST"

// surveyJS is the peer the first visit is measured against: SurveyJS's
// form library for plain JavaScript, from the npm registry, fetched when
// the benchmark runs (nothing of it is kept in the repository).
var surveyJS = []string{"survey-core@2.5.38", "survey-js-ui@2.5.38"}

// peerPage renders the same twelve items, each rated 0–4 or 9, with
// SurveyJS, as its documentation shows for plain JavaScript.
const peerPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SurveyJS: twelve items</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="survey-core.fontless.min.css">
<link rel="icon" href="data:,">
<script src="survey.core.min.js"></script>
<script src="survey-js-ui.min.js"></script>
</head><body><div id="survey"></div><script src="peer.js"></script></body></html>
`

const peerScript = `const codes = [0, 1, 2, 3, 4, 9].map((v) => ({ value: v, text: String(v) }));
const survey = new Survey.Model({
  elements: Array.from({ length: 12 }, (_, i) => ({
    type: "radiogroup", name: "item" + (i + 1), title: "Item " + (i + 1), choices: codes, colCount: 6, isRequired: true,
  })),
});
survey.render(document.getElementById("survey"));
`

// Usable means the form can be filled in and saved: Honoscope's Save is
// enabled (on the pre-rendered page, web/early.js keeps a click for the
// program); SurveyJS's twelfth item and its Complete button are drawn.
// Running is when Honoscope's program has taken the form over (programSave):
// the score panel counts and the keyboard flow works from then on.
const (
	honoscopeUsable = `(() => { const b = document.getElementById("rf-save"); return !!b && !b.disabled; })()`
	peerUsable      = `document.querySelectorAll('input[name^="item12"]').length >= 6 && !!document.querySelector('.sd-navigation__complete-btn, input[value="Complete"]')`
	transferred     = `performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).reduce((n, e) => n + (e.transferSize || 0), 0)`
)

// gzipHost serves dir as a static host that sends the .gz copy of a file
// to a browser that accepts gzip, as nginx's gzip_static does.
func gzipHost(dir string) http.Handler {
	files := site.StaticHandler(dir, "/", "no-cache")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/")))
		if strings.HasSuffix(r.URL.Path, "/") {
			p = filepath.Join(p, "index.html")
		}
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			if st, err := os.Stat(p + ".gz"); err == nil && !st.IsDir() {
				w.Header().Set("Content-Encoding", "gzip")
				w.Header().Set("Vary", "Accept-Encoding")
				w.Header().Set("Cache-Control", "no-cache")
				ext := filepath.Ext(p)
				if ct := map[string]string{".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
					".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json",
					".webmanifest": "application/manifest+json", ".svg": "image/svg+xml"}[ext]; ct != "" {
					w.Header().Set("Content-Type", ct)
				}
				http.ServeFile(w, r, p+".gz")
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}

// TestFirstVisitAgainstSurveyJS measures, in Chromium with a new profile per
// run, a gzip host on loopback and seven runs, how long /rate takes to be
// usable on a first visit and on a repeat visit, and the bytes the first
// visit moves, beside SurveyJS rendering the same twelve items in the same
// run. It prints the medians; it asserts nothing, because a loaded machine
// would make any bound flaky (README, Budgets and measured figures).
func TestFirstVisitAgainstSurveyJS(t *testing.T) {
	if os.Getenv(BenchFirstEnv) != "1" {
		t.Skipf("the first-visit benchmark runs with 'make bench-first' (%s=1)", BenchFirstEnv)
	}
	RequireBrowser(t)
	built := BuildSite(t, "/")
	root := publish(t, built)
	peer := filepath.Join(root, "peer")
	havePeer := fetchSurveyJS(t, peer)
	if err := site.Compress(root); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: gzipHost(root), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	origin := "http://" + ln.Addr().String()

	type figures struct{ first, repeat, firstRun, repeatRun, bytes []float64 }
	var hono, sj figures
	const runs = 7
	for i := 0; i < runs; i++ {
		for _, c := range []struct {
			path, usable string
			f            *figures
			skip         bool
		}{{"/rate", honoscopeUsable, &hono, false}, {"/peer/", peerUsable, &sj, !havePeer}} {
			if c.skip {
				continue
			}
			t.Run(fmt.Sprintf("%s run %d", c.path, i+1), func(t *testing.T) {
				s := StartHosted(t, built, origin, func() {})
				conds := []string{c.usable}
				if c.path == "/rate" {
					conds = append(conds, programSave)
				}
				first := s.OpenWhenEach(c.path, conds...)
				var bytes float64
				s.Eval(transferred, &bytes)
				if c.path == "/rate" {
					s.WaitOffline()
				}
				repeat := s.OpenWhenEach(c.path, conds...)
				c.f.first = append(c.f.first, first[0].Seconds())
				c.f.repeat = append(c.f.repeat, repeat[0].Seconds())
				if len(first) > 1 {
					c.f.firstRun = append(c.f.firstRun, first[1].Seconds())
					c.f.repeatRun = append(c.f.repeatRun, repeat[1].Seconds())
				}
				c.f.bytes = append(c.f.bytes, bytes)
			})
		}
	}
	median := func(xs []float64) float64 {
		if len(xs) == 0 {
			return 0
		}
		s := append([]float64(nil), xs...)
		sort.Float64s(s)
		return s[len(s)/2]
	}
	report := func(name string, f figures) string {
		run := ""
		if len(f.firstRun) > 0 {
			run = fmt.Sprintf(" (program running: first %.2f s, repeat %.2f s)", median(f.firstRun), median(f.repeatRun))
		}
		return fmt.Sprintf("%-10s first %.2f s, repeat %.2f s, first visit moves %.2f MB%s (medians of %d runs)",
			name, median(f.first), median(f.repeat), median(f.bytes)/1e6, run, len(f.first))
	}
	fmt.Println(report("Honoscope", hono))
	if havePeer {
		fmt.Println(report("SurveyJS", sj))
	}
}

// fetchSurveyJS puts SurveyJS's scripts and styles from the npm registry,
// and the peer page, into dir; false (and the reason logged) when npm
// cannot fetch them.
func fetchSurveyJS(t *testing.T, dir string) bool {
	t.Helper()
	tmp := t.TempDir()
	if out, err := exec.Command("npm", append([]string{"pack", "--silent", "--pack-destination", tmp}, surveyJS...)...).CombinedOutput(); err != nil {
		t.Logf("SurveyJS not fetched (%v): %s; measuring Honoscope alone", err, out)
		return false
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tgz, _ := filepath.Glob(filepath.Join(tmp, "*.tgz"))
	for _, f := range tgz {
		if out, err := exec.Command("tar", "xzf", f, "-C", tmp).CombinedOutput(); err != nil {
			t.Fatalf("unpacking %s: %v\n%s", f, err, out)
		}
		// The fontless style sheet: the other loads a web font from Google.
		for _, name := range []string{"survey.core.min.js", "survey-core.fontless.min.css", "survey-js-ui.min.js"} {
			if b, err := os.ReadFile(filepath.Join(tmp, "package", name)); err == nil {
				os.WriteFile(filepath.Join(dir, name), b, 0o644)
			}
		}
		os.RemoveAll(filepath.Join(tmp, "package"))
	}
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(peerPage), 0o644)
	os.WriteFile(filepath.Join(dir, "peer.js"), []byte(peerScript), 0o644)
	exec.Command("chmod", "-R", "a+rX", dir).Run()
	return true
}
