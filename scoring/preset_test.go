package scoring

import (
	"errors"
	"strings"
	"testing"
)

// rating returns a rating of in with the first rated items rated 1 and the
// rest not known.
func ratingWith(in InstrumentID, patient string, day, rated int) Rating {
	r := Rating{Patient: patient, Date: DateOf(2024, 1, day), Instrument: MustInstrument(in)}
	for i := range r.Items {
		r.Items[i] = NotKnown
		if i < rated {
			r.Items[i] = Minor
		}
	}
	return r
}

// NHS England's rule: HoNOS and HoNOS 65+ are valid with 9 of 12 items
// rated and not with 8; HoNOSCA with all 13 scored items and not with 12.
func TestTheNHSEnglandPresetCountsTotalsAtItsBoundaries(t *testing.T) {
	s, err := DefaultSettings().WithPreset(PresetNHSE)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in    InstrumentID
		rated int
		valid bool
	}{
		{HoNOS, 12, true}, {HoNOS, 9, true}, {HoNOS, 8, false},
		{HoNOS65, 9, true}, {HoNOS65, 8, false},
		{HoNOSCA, 13, true}, {HoNOSCA, 12, false},
	} {
		r := ratingWith(c.in, "P", 1, c.rated)
		if got := Score(&r, s.RulesFor(c.in)).TotalValid; got != c.valid {
			t.Errorf("%s with %d of its items rated: valid %v, want %v", c.in, c.rated, got, c.valid)
		}
	}
	// HoNOSCA items 14 and 15 are outside the total: not rating them does
	// not matter.
	r := ratingWith(HoNOSCA, "P", 1, 13)
	if !Score(&r, s.RulesFor(HoNOSCA)).TotalValid {
		t.Error("HoNOSCA with items 14-15 not known is not valid under the preset")
	}
	if _, err := DefaultSettings().WithPreset("nhs"); err == nil {
		t.Error("an unknown preset was accepted")
	}
	if got := s.Validity([]InstrumentID{HoNOS, HoNOSCA}); got != "valid totals: HoNOS at least 9 of 12 items rated, HoNOSCA at least 13 of 13 items rated (NHS England's rule, as in its measure AMH04)" {
		t.Errorf("validity line %q", got)
	}
	if got := DefaultSettings().Validity(nil); got != "valid totals have at most 2 scored items not known" {
		t.Errorf("default validity line %q", got)
	}
}

// The preset changes which ratings an analysis pairs: a HoNOS rating with 3
// items unknown is paired under the preset and not under the default; a
// HoNOSCA rating with 1 unknown the reverse. The method line says so.
func TestAnAnalysisPairsByEachInstrumentsValidity(t *testing.T) {
	rs := []Rating{
		ratingWith(HoNOS, "A", 1, 12), ratingWith(HoNOS, "A", 2, 9),
		ratingWith(HoNOSCA, "C", 1, 13), ratingWith(HoNOSCA, "C", 2, 12),
	}
	feed := func(add func(*Rating)) error {
		for i := range rs {
			add(&rs[i])
		}
		return nil
	}
	def, err := Analyse(feed, DefaultSettings(), View{})
	if err != nil {
		t.Fatal(err)
	}
	nhse, _ := DefaultSettings().WithPreset(PresetNHSE)
	pre, err := Analyse(feed, nhse, View{})
	if err != nil {
		t.Fatal(err)
	}
	pairsOf := func(a *Analysis) string {
		var ids []string
		for _, p := range a.Pairs {
			ids = append(ids, string(p.Instrument.ID))
		}
		return strings.Join(ids, ",")
	}
	if got := pairsOf(def); got != "honosca" {
		t.Errorf("default pairs %q, want honosca only", got)
	}
	if got := pairsOf(pre); got != "honos" {
		t.Errorf("preset pairs %q, want honos only", got)
	}
	if !strings.HasSuffix(pre.Method, "valid totals: HoNOS at least 9 of 12 items rated (NHS England's rule, as in its measure AMH04)") {
		t.Errorf("method line %q", pre.Method)
	}
}

// In a mixed file each instrument's pairs are classified by its own
// cut-off, and the effect-size SD is each instrument's own: never pooled.
func TestEachInstrumentsPairsAreClassifiedByItsOwnSettings(t *testing.T) {
	mk := func(in InstrumentID, patient string, first, last int) []Rating {
		a, b := ratingWith(in, patient, 1, 0), ratingWith(in, patient, 2, 0)
		for i := 0; i < MustInstrument(in).Scored; i++ {
			a.Items[i], b.Items[i] = NoProblem, NoProblem
		}
		for i := 0; first > 0; i++ {
			a.Items[i%12]++
			first--
		}
		for i := 0; last > 0; i++ {
			b.Items[i%12]++
			last--
		}
		return []Rating{a, b}
	}
	var rs []Rating
	rs = append(rs, mk(HoNOS, "H1", 20, 10)...)   // -10 across 11: recovered at cut-off 11
	rs = append(rs, mk(HoNOSCA, "C1", 20, 10)...) // -10 from above 13 to below: recovered at 11 and 13
	rs = append(rs, mk(HoNOSCA, "C2", 24, 12)...) // -12: 12 < 13 recovered at 13; improved at 11
	feed := func(add func(*Rating)) error {
		for i := range rs {
			add(&rs[i])
		}
		return nil
	}
	s := DefaultSettings()
	s.Instruments = map[InstrumentID]InstrumentSettings{HoNOSCA: {ChangeOptions: s.ChangeOptions, MaxUnknown: 2}}
	is := s.Instruments[HoNOSCA]
	is.Cutoff = 13
	s.Instruments[HoNOSCA] = is
	a, err := Analyse(feed, s, View{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Category{}
	for _, p := range a.Pairs {
		got[p.Patient] = p.Change.Category
	}
	if got["H1"] != Recovered || got["C2"] != Recovered {
		t.Errorf("categories %v: C2 (24 -> 12) is recovered at HoNOSCA's cut-off 13", got)
	}
	if !strings.Contains(a.Method, "HoNOS: fixed threshold (Parabiaghi et al. 2005), 8 points; cut-off 11 | HoNOSCA: fixed threshold (Parabiaghi et al. 2005), 8 points; cut-off 13") {
		t.Errorf("method line %q", a.Method)
	}
	// With the default cut-off for both, C2 stays above 11: improved.
	a, _ = Analyse(feed, DefaultSettings(), View{})
	for _, p := range a.Pairs {
		if p.Patient == "C2" && p.Change.Category != Improved {
			t.Errorf("C2 at cut-off 11: %v, want improved", p.Change.Category)
		}
	}

	// Effect size without an SD: each instrument's own baselines. HoNOS
	// has one pair here, so its SD cannot be taken: the error names it.
	es := DefaultSettings()
	es.Method = EffectSize
	if _, err := Analyse(feed, es, View{}); !errors.Is(err, ErrNoCohortSD) || !strings.HasPrefix(err.Error(), "HoNOS: ") {
		t.Errorf("es on a mixed file with one HoNOS pair: %v, want ErrNoCohortSD naming HoNOS", err)
	}
	rs = append(rs, mk(HoNOS, "H2", 30, 2)...)
	a, err = Analyse(feed, es, View{Ranges: true})
	if err != nil {
		t.Fatal(err)
	}
	// HoNOS baselines 20 and 30: SD 7.07; HoNOSCA 20 and 24: SD 2.83.
	if h, c := a.UsedFor(HoNOS).SD, a.UsedFor(HoNOSCA).SD; twoPlaces(h) != "7.07" || twoPlaces(c) != "2.83" {
		t.Errorf("SDs %v and %v, want each instrument's own 7.07 and 2.83", h, c)
	}
	if len(a.Ranges.ByInstrument) != 2 {
		t.Errorf("the ranges file does not carry each instrument's method: %+v", a.Ranges.ByInstrument)
	}
}

// An instrument's own fields as typed: empty keeps the settings above, a
// bad value is refused naming the instrument, and the result is checked.
func TestAnInstrumentsOwnSettingsAreReadFromAForm(t *testing.T) {
	s, err := ParseInstrumentSettings(DefaultSettings(), HoNOSCA, SettingsText{Cutoff: " 13 ", Threshold: "9,5"})
	if err != nil {
		t.Fatal(err)
	}
	if is := s.For(HoNOSCA); is.Cutoff != 13 || is.Threshold != 9.5 || is.MaxUnknown != MaxUnknownDefault {
		t.Errorf("HoNOSCA's own settings %+v", is)
	}
	if is := s.For(HoNOS); is.Cutoff != DefaultCutoff {
		t.Errorf("HoNOS changed too: %+v", is)
	}
	if same, err := ParseInstrumentSettings(DefaultSettings(), HoNOS, SettingsText{}); err != nil || same.Instruments != nil {
		t.Errorf("empty fields gave %+v, %v", same.Instruments, err)
	}
	for _, c := range []struct {
		t    SettingsText
		want string
	}{
		{SettingsText{Cutoff: "x"}, "HoNOSCA: the clinical cut-off must be a whole number"},
		{SettingsText{MaxUnknown: "14"}, "HoNOSCA: unknown items allowed must be a whole number from 0 to 13"},
		{SettingsText{Threshold: "0"}, "HoNOSCA: threshold must be above 0"},
	} {
		if _, err := ParseInstrumentSettings(DefaultSettings(), HoNOSCA, c.t); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.t, err, c.want)
		}
	}
}
