package tools

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"honoscope/app/ui"

	"honoscope/app/practice"
	"honoscope/app/store"
	"honoscope/content"
	"honoscope/content/bundle"
	"honoscope/scoring"
)

func TestTheLibraryFiltersByInstrumentItemDifficultyAndSetting(t *testing.T) {
	t.Parallel()
	ref := func(codes ...scoring.Code) []content.Reference {
		out := make([]content.Reference, len(codes))
		for i, c := range codes {
			out[i] = content.Reference{Item: i + 1, Code: c}
		}
		return out
	}
	vs := []content.Vignette{
		{ID: "a", Instrument: scoring.HoNOS, Difficulty: "introductory", Setting: "inpatient", Reference: ref(0, 3, 9)},
		{ID: "b", Instrument: scoring.HoNOS, Difficulty: "advanced", Setting: "community", Reference: ref(2, 0, 0)},
		{ID: "c", Instrument: scoring.HoNOSCA, Difficulty: "advanced", Setting: "community", Reference: ref(0, 0, 4)},
	}
	ids := func(vs []content.Vignette) []string {
		var out []string
		for _, v := range vs {
			out = append(out, v.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		f    libraryFilter
		want []string
	}{
		{"no filter shows everything", libraryFilter{}, []string{"a", "b", "c"}},
		{"an instrument shows only its vignettes", libraryFilter{Instrument: "honosca"}, []string{"c"}},
		{"an item shows vignettes with a problem rated 1 to 4 there", libraryFilter{Item: "2"}, []string{"a"}},
		{"an item rated 9 does not count as a problem", libraryFilter{Item: "3"}, []string{"c"}},
		{"difficulty and setting combine", libraryFilter{Difficulty: "advanced", Setting: "community", Instrument: "honos"}, []string{"b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := ids(filterVignettes(vs, tc.f)); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
	if got := distinct(vs, func(v content.Vignette) string { return v.Setting }); !reflect.DeepEqual(got, []string{"community", "inpatient"}) {
		t.Fatalf("settings %v", got)
	}
}

func TestEveryBundledVignetteCanBePractisedAndStoredAsADocument(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := store.NewMemory()
	now := time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)
	for i, v := range bundle.Vignettes() {
		fv := ui.NewFormValue(v.Instrument, "")
		for _, r := range v.Reference {
			fv.Items[r.Item-1] = r.Code
			if r.Item == 8 {
				fv.ProblemType = r.ProblemType
			}
		}
		a := newAttempt(v, fv, now.Add(time.Duration(i)*time.Second))
		if err := a.Validate(); err != nil {
			t.Fatalf("%s: %v", v.ID, err)
		}
		if ag := a.Agreement(); ag.Exact != ag.N || ag.N == 0 {
			t.Fatalf("%s: rating the reference itself gives %+v", v.ID, ag)
		}
		if a.Item8Type != a.ReferenceItem8Type {
			t.Fatalf("%s: item 8 type %q, reference %q", v.ID, a.Item8Type, a.ReferenceItem8Type)
		}
		if err := saveAttempt(ctx, db, a); err != nil {
			t.Fatal(err)
		}
	}
	as, skipped, err := loadAttempts(ctx, db)
	if err != nil || skipped != 0 || len(as) != len(bundle.Vignettes()) {
		t.Fatalf("loaded %d attempts, %d skipped, %v", len(as), skipped, err)
	}
	if err := db.PutDoc(ctx, practice.Kind, "zz broken", []byte(`{"vignette":""}`)); err != nil {
		t.Fatal(err)
	}
	if _, skipped, _ := loadAttempts(ctx, db); skipped != 1 {
		t.Fatalf("a damaged record was not skipped and counted: %d", skipped)
	}
}

func TestSettingsAndTheRememberedNameAreKeptOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := store.NewMemory()
	s, err := loadSettings(ctx, db)
	if err != nil || s.Months() != practice.DefaultRefresherMonths {
		t.Fatalf("default settings %+v, %v", s, err)
	}
	if err := saveSettings(ctx, db, practice.Settings{RefresherMonths: 6}); err != nil {
		t.Fatal(err)
	}
	if s, _ := loadSettings(ctx, db); s.Months() != 6 {
		t.Fatalf("months %d after saving 6", s.Months())
	}
	if err := rememberName(ctx, db, `Zoë "Z" Smith`, true); err != nil {
		t.Fatal(err)
	}
	b, err := db.Doc(ctx, practice.SettingsKind, certificateNameKey)
	if name, ok := unquote(b); err != nil || !ok || name != `Zoë "Z" Smith` {
		t.Fatalf("remembered %q %v %v", name, ok, err)
	}
	if err := rememberName(ctx, db, "", false); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Doc(ctx, practice.SettingsKind, certificateNameKey); err != store.ErrNotFound {
		t.Fatalf("after forgetting: %v", err)
	}
}

func TestFeedbackMarksSayHowFarARatingIsInWordsAndSymbols(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		yours, ref           int
		symbol, words, class string
	}{
		{2, 2, "✓", "exact", "fb-exact"},
		{3, 2, "≈", "within one (+1)", "fb-near"},
		{0, 1, "≈", "within one (−1)", "fb-near"},
		{4, 1, "✗", "off by 3 (+3)", "fb-far"},
		{9, 1, "–", "not compared (9 is not known)", "fb-none"},
	} {
		s, w, c := mark(tc.yours, tc.ref)
		if s != tc.symbol || w != tc.words || c != tc.class {
			t.Errorf("mark(%d, %d) = %q %q %q", tc.yours, tc.ref, s, w, c)
		}
	}
	if got := kappaText(practice.Agree(nil)); !strings.Contains(got, "not defined") {
		t.Fatalf("kappa without pairs: %q", got)
	}
	if got := kappaText(practice.Agree([]practice.Pair{{Item: 1, Yours: 2, Reference: 2}, {Item: 2, Yours: 2, Reference: 2}})); !strings.Contains(got, "not defined") || strings.Contains(got, "NaN") {
		t.Fatalf("kappa with one code: %q", got)
	}
	if got := percent(9, 12); got != "75% (9 of 12)" {
		t.Fatalf("percent %q", got)
	}
}

func TestThePackagedAppFindsItsPrefixFromTheLaunchAddress(t *testing.T) {
	t.Parallel()
	routes := []string{"/", "/about", "/train", "/train/certificate", "/train/vignette"}
	for _, tc := range []struct{ path, want string }{
		{"/lms/pkg/train.html", "/lms/pkg"},
		{"/lms/pkg/train/vignette", "/lms/pkg"},
		{"/lms/pkg/train-vignette.html", "/lms/pkg"},
		{"/lms/pkg/train-certificate.html", "/lms/pkg"},
		{"/train", ""},
		{"/a/b/index.html", "/a/b"},
		{"/a/b/", "/a/b"},
		{"/pluginfile.php/12/mod_scorm/content/1/train.html", "/pluginfile.php/12/mod_scorm/content/1"},
	} {
		got, ok := scormPrefix(tc.path, routes)
		if !ok || got != tc.want {
			t.Errorf("scormPrefix(%q) = %q, %v; want %q", tc.path, got, ok, tc.want)
		}
	}
	if _, ok := scormPrefix("/lms/pkg/other.html", routes[1:]); ok {
		t.Error("an unknown page matched a route")
	}
}

// The session opens once, ends once, and nothing is sent after it ends;
// with no LMS nothing happens.
func TestTheLMSSessionOpensOnceAndEndsOnce(t *testing.T) {
	t.Parallel()
	a := practice.Attempt{Vignette: "v", Date: "2025-01-01", Finished: "2025-01-01T00:00:00Z", Codes: []int{0, 1, 2, 4}, Reference: []int{0, 1, 3, 4}}
	l := newTwin(nil)
	r := &scormReporter{api: l, required: []string{"v"}}
	r.record(a)
	r.record(a)
	r.finish()
	r.finish()
	r.record(a) // after LMSFinish nothing more is sent
	joined := strings.Join(l.calls, "\n")
	if strings.Count(joined, "LMSInitialize") != 1 || strings.Count(joined, "LMSFinish") != 1 || l.calls[len(l.calls)-1] != "LMSFinish()" {
		t.Fatalf("calls: %v", l.calls)
	}
	if c, _ := practice.DecodeCourse(l.data["cmi.suspend_data"]); len(c.Results) != 1 || c.Results[0].Attempts != 1 {
		t.Errorf("the same attempt counted twice: %+v", c)
	}
	(&scormReporter{}).record(a) // no LMS: nothing happens, no panic
}
