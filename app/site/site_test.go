package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Not parallel: go-app sets process environment variables while writing a
// site, which pages rendered at the same time would read.
func TestTheSiteStartsEachPageInItsProgramAndTheWorkerAfterIt(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	r, err := siteRoutes()
	if err != nil {
		t.Fatal(err)
	}
	wasmDir := t.TempDir()
	sizes := map[string]int{"app": 11, "tools": 7}
	for name, n := range sizes {
		prog, _ := programNamed(name)
		if err := os.WriteFile(filepath.Join(wasmDir, prog.File), make([]byte, n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, base := range []string{"/", "/honoscope/"} {
		dir := t.TempDir()
		if _, err := WriteSite(dir, Config{Base: base, Web: filepath.Join(root, "web"), WasmDir: wasmDir}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "app.js"))
		if err != nil {
			t.Fatal(err)
		}
		js := string(b)
		prefix := strings.TrimSuffix(base, "/")
		var programs map[string]struct{ URL, Length string }
		var byPath map[string]string
		for name, out := range map[string]any{"programs": &programs, "byPath": &byPath} {
			m := regexp.MustCompile(`const ` + name + ` = (\{.*\});`).FindStringSubmatch(js)
			if m == nil {
				t.Fatalf("%s: app.js has no %s table", base, name)
			}
			if err := json.Unmarshal([]byte(m[1]), out); err != nil {
				t.Fatalf("%s: %s: %v", base, name, err)
			}
		}
		for name, n := range sizes {
			prog, _ := programNamed(name)
			got := programs[name]
			if got.URL != prefix+"/web/"+prog.File || got.Length != strconv.Itoa(n) {
				t.Errorf("%s: program %s is %+v", base, prog, got)
			}
		}
		for _, p := range r.pages {
			want := p.program
			if p.program == Programs()[0].Name {
				want = "" // the default
			}
			for _, at := range []string{prefix + p.path, prefix + p.path + ".html"} {
				if p.path == "/" {
					at = base
				}
				if byPath[at] != want {
					t.Errorf("%s: %s starts program %q, want %q", base, at, byPath[at], want)
				}
			}
		}
		for _, want := range []string{
			"fetchWithProgress(honoscopeProgram().url, showProgress)",
			"const goappWasmContentLength = honoscopeProgram().length;",
			"goappInitWebAssembly().finally(goappInitServiceWorker);",
		} {
			if strings.Count(js, want) != 1 {
				t.Errorf("%s: app.js does not have %q once", base, want)
			}
		}
		if strings.Contains(js, "\ngoappInitServiceWorker();") {
			t.Errorf("%s: app.js still registers the service worker before the program starts", base)
		}
		if _, err := os.Stat(filepath.Join(dir, "web", "tools.wasm")); err != nil {
			t.Errorf("%s: the site lacks the tools program: %v", base, err)
		}
	}
}

// The site publishes the FHIR Questionnaire each instrument's responses
// answer, with the canonical URL the responses name.
func TestTheSitePublishesTheFHIRQuestionnaires(t *testing.T) {
	dir := t.TempDir()
	if err := writeQuestionnaires(dir); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"honos", "honos65", "honosca"} {
		b, err := os.ReadFile(filepath.Join(dir, "fhir", "Questionnaire-"+id+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var q struct {
			ResourceType, URL string
			Item              []struct{ LinkID string }
		}
		if err := json.Unmarshal(b, &q); err != nil || q.ResourceType != "Questionnaire" || !strings.HasPrefix(q.URL, "urn:uuid:") || len(q.Item) < 12 {
			t.Errorf("%s: %+v, %v", id, q, err)
		}
	}
}

// Boolean attributes are written as HTML reads them: go-app's
// selected="false" would select the wrong option of every pre-rendered
// list, and hidden="false" would hide the person page's view.
func TestPreRenderedPagesWriteBooleanAttributesAsHTMLReadsThem(t *testing.T) {
	for in, want := range map[string]string{
		`<option value="a" selected="false">A</option><option value="b" selected="true">B</option>`: `<option value="a">A</option><option value="b" selected>B</option>`,
		`<div class="x" hidden="false"><input disabled="true" required="false" spellcheck="false">`: `<div class="x"><input disabled spellcheck="false">`,
		`<p>hidden="false" is text, not an attribute</p>`:                                           `<p>hidden="false" is text, not an attribute</p>`,
		`<button type="button" data-x="disabled" aria-invalid="false">`:                             `<button type="button" data-x="disabled" aria-invalid="false">`,
	} {
		if got := booleanAttributes(in); got != want {
			t.Errorf("booleanAttributes(%s)\n = %s\nwant %s", in, got, want)
		}
	}

	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	wasmDir := t.TempDir()
	for _, prog := range programs {
		if err := os.WriteFile(filepath.Join(wasmDir, prog.File), []byte{0}, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	w, err := WriteSite(dir, Config{Base: "/", Web: filepath.Join(root, "web"), WasmDir: wasmDir})
	if err != nil {
		t.Fatal(err)
	}
	options := 0
	for _, p := range w.Pages {
		f := filepath.Join(dir, strings.TrimPrefix(p, "/"), "index.html")
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range tagPattern.FindAllString(string(b), -1) {
			if booleanAttribute.MatchString(tag) {
				t.Errorf("%s: %s", p, tag)
			}
			if strings.HasPrefix(tag, "<option") {
				options++
			}
		}
	}
	if options == 0 {
		t.Error("no page has a list to check")
	}
}
