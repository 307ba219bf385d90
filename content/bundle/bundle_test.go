package bundle

import (
	"regexp"
	"strings"
	"testing"

	"honoscope/scoring"
)

func TestEveryHoNOSItemAppearsAtEveryLevelAcrossTheVignettes(t *testing.T) {
	t.Parallel()
	var seen [12][5]int
	for _, v := range Vignettes() {
		if v.Instrument != scoring.HoNOS {
			continue
		}
		for _, r := range v.Reference {
			if r.Code.Rated() {
				seen[r.Item-1][r.Code]++
			}
		}
	}
	for item := range seen {
		for level, n := range seen[item] {
			if n == 0 {
				t.Errorf("no HoNOS vignette rates item %d at %d", item+1, level)
			}
		}
	}
}

func TestTheVignettesMeetTheTrainingBrief(t *testing.T) {
	t.Parallel()
	count := map[scoring.InstrumentID]int{}
	settings := map[string]bool{}
	for _, v := range Vignettes() {
		count[v.Instrument]++
		settings[strings.SplitN(v.Setting, ",", 2)[0]] = true
	}
	if n := len(Vignettes()); n < 24 {
		t.Errorf("%d vignettes, want at least 24", n)
	}
	if count[scoring.HoNOS65] < 4 || count[scoring.HoNOSCA] < 4 {
		t.Errorf("HoNOS 65+ %d and HoNOSCA %d vignettes, want at least 4 each", count[scoring.HoNOS65], count[scoring.HoNOSCA])
	}
	for _, s := range []string{"inpatient", "community", "crisis", "older adults", "young people"} {
		if !settings[s] {
			t.Errorf("no vignette in the %s setting", s)
		}
	}
}

var tags = regexp.MustCompile(`<[^>]*>`)

func TestEveryVignetteIsACaseSummaryOf200To350Words(t *testing.T) {
	t.Parallel()
	for _, v := range Vignettes() {
		n := len(strings.Fields(tags.ReplaceAllString(v.HTML, " ")))
		if n < 200 || n > 350 {
			t.Errorf("%s: %d words, want 200 to 350", v.Source, n)
		}
	}
}

func TestEveryReferenceRatingScoresAsAValidRating(t *testing.T) {
	t.Parallel()
	for _, v := range Vignettes() {
		r, ok := v.Rating()
		if !ok {
			t.Fatalf("%s: unknown instrument %q", v.ID, v.Instrument)
		}
		if r.NeedsProblemType() {
			t.Errorf("%s: item 8 lacks a problem type", v.ID)
		}
		if len(v.Reference) != len(r.Instrument.Items) {
			t.Errorf("%s: %d reference ratings, want %d", v.ID, len(v.Reference), len(r.Instrument.Items))
		}
	}
}

func TestLookupFindsBundledVignettesAndPagesByID(t *testing.T) {
	t.Parallel()
	for _, v := range Vignettes() {
		if got, ok := Vignette(v.ID); !ok || got.Source != v.Source {
			t.Errorf("Vignette(%q) = %v, %v", v.ID, got.Source, ok)
		}
	}
	for _, p := range Pages() {
		if got, ok := Page(p.ID); !ok || got.Source != p.Source {
			t.Errorf("Page(%q) = %v, %v", p.ID, got.Source, ok)
		}
	}
	if _, ok := Vignette("no-such-vignette"); ok {
		t.Error("found a vignette that does not exist")
	}
	if _, ok := Page("no-such-page"); ok {
		t.Error("found a page that does not exist")
	}
}
