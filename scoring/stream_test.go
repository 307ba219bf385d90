package scoring

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"
)

// ValidTotal agrees with ScoreItems' TotalValid for every count of unknown
// items around each instrument's limit.
func TestValidTotalAgreesWithScoreItems(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, in := range Instruments() {
		for maxUnknown := 0; maxUnknown <= in.Scored; maxUnknown++ {
			for unknown := 0; unknown <= in.Scored; unknown++ {
				var items [MaxItems]Code
				for i := range items {
					items[i] = Code(rng.IntN(5))
				}
				for _, i := range rng.Perm(in.Scored)[:unknown] {
					items[i] = NotKnown
				}
				rules := Rules{MaxUnknown: maxUnknown}
				if got, want := ValidTotal(in, &items, rules), ScoreItems(in, &items, nil, rules).TotalValid; got != want {
					t.Fatalf("%s, %d unknown, %d allowed: ValidTotal %v, ScoreItems %v", in.Name, unknown, maxUnknown, got, want)
				}
				if got := ValidTotal(in, &items, rules); got != (unknown <= maxUnknown) {
					t.Fatalf("%s: %d unknown with %d allowed is %v", in.Name, unknown, maxUnknown, got)
				}
			}
		}
	}
}

// streamRatings are people with one to five ratings of a random instrument
// (some with unknown items, some on the same day), teams and settings, in
// an order that interleaves people as a date-sorted export does.
func streamRatings(n int, seed uint64) []Rating {
	rng := rand.New(rand.NewPCG(seed, 9))
	var out []Rating
	for p := 0; p < n; p++ {
		in := instruments[rng.IntN(3)]
		k := 1 + rng.IntN(5)
		for j := 0; j < k; j++ {
			r := Rating{Patient: "P" + strconv.Itoa(p), Instrument: in, Date: DateOf(2024, 1, 1) + Date(rng.IntN(400)),
				Team: []string{"A", "B", ""}[rng.IntN(3)], Setting: []string{"ward", "community"}[rng.IntN(2)], Occasion: "review",
				ProblemType: ProblemType('A' + rng.IntN(10)), Period: Period(rng.IntN(2)), Line: len(out) + 2}
			for i := range r.Items {
				r.Items[i] = Code(rng.IntN(5))
				if rng.IntN(12) == 0 {
					r.Items[i] = NotKnown
				}
			}
			out = append(out, r)
		}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// AnalyseEach hands over exactly Analyse's pairs, classified alike and in
// the same order, with the same counts, options and method line, for both
// pairings and for the effect size with the cohort's own SD.
func TestAnalyseEachGivesAnalysesPairsInOrder(t *testing.T) {
	t.Parallel()
	ratings := streamRatings(400, 3)
	feed := feedOf(ratings)
	for name, s := range pairingSettings() {
		want, err := Analyse(feed, s, View{})
		if err != nil {
			t.Fatal(err)
		}
		var got []Pair
		var begun *Analysis
		a, err := AnalyseEach(feed, s, func(a *Analysis) { begun = a }, func(p *Pair) error {
			got = append(got, *p)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if begun != a || a.Method != want.Method || a.Counts != want.Counts || !reflect.DeepEqual(a.UsedBy, want.UsedBy) || a.Used != want.Used {
			t.Errorf("%s: the analysis differs:\n%s %+v\n%s %+v", name, a.Method, a.Counts, want.Method, want.Counts)
		}
		if len(got) != len(want.Pairs) || len(got) == 0 {
			t.Fatalf("%s: %d pairs, want %d", name, len(got), len(want.Pairs))
		}
		for i := range got {
			if !reflect.DeepEqual(got[i], want.Pairs[i]) {
				t.Fatalf("%s: pair %d differs:\n%+v\n%+v", name, i, got[i], want.Pairs[i])
			}
		}
	}
	// An error from each stops the pairs and comes back.
	stop := errors.New("disk full")
	n := 0
	if _, err := AnalyseEach(feed, DefaultSettings(), nil, func(*Pair) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("each's error: %v after %d pairs", err, n)
	}
}

// A pair's ratings come back from the compact cohort as they were given:
// every field, labels included.
func TestTheCohortGivesBackTheRatingsItKept(t *testing.T) {
	t.Parallel()
	a := Rating{Patient: "X", Instrument: instruments[0], Date: DateOf(2024, 1, 2), Team: "North", Setting: "ward", Occasion: "admission", ProblemType: 'C', Period: 1, Line: 7}
	b := a
	b.Date, b.Team, b.Occasion, b.Line = DateOf(2024, 5, 6), "South", "discharge", 9
	for i := range a.Items {
		a.Items[i], b.Items[i] = Code(i%5), Code((i+2)%5)
	}
	c := NewCohort(EarliestLatest, Rules{MaxUnknown: 2})
	c.Add(&b)
	c.Add(&a)
	pairs := c.Pairs()
	if len(pairs) != 1 || !reflect.DeepEqual(pairs[0].Baseline, a) || !reflect.DeepEqual(pairs[0].Followup, b) {
		t.Fatalf("pairs: %+v", pairs)
	}
}

// feedOf hands ratings to a cohort, a copy each, as a reader would.
func feedOf(ratings []Rating) func(add func(*Rating)) error {
	return func(add func(*Rating)) error {
		for i := range ratings {
			r := ratings[i]
			add(&r)
		}
		return nil
	}
}

// pairingSettings are the settings that pair or classify differently: the
// default, consecutive pairs, and the effect size with the cohort's SD.
func pairingSettings() map[string]Settings {
	es := DefaultSettings()
	es.Method, es.EffectSize, es.SD = EffectSize, 0.5, 0
	consecutive := DefaultSettings()
	consecutive.Pairing = Consecutive
	return map[string]Settings{"default": DefaultSettings(), "consecutive": consecutive, "effect size": es}
}

// AnalyseWrite, which makes and formats pairs on several cores, writes
// exactly the text of AnalyseEach's pairs in order, in memory and through
// temporary files, and stops at a failed write.
func TestAnalyseWriteWritesAnalyseEachsPairsInOrder(t *testing.T) {
	t.Parallel()
	ratings := streamRatings(30000, 8) // several blocks of series
	feed := feedOf(ratings)
	format := func(b []byte, p *Pair) []byte {
		return fmt.Appendf(b, "%s,%s,%v,%v,%+v,%d,%d\n", p.Patient, p.Instrument.ID, p.Baseline, p.Followup, p.Change, p.ItemsImproved, p.ItemsDeteriorated)
	}
	for name, s := range pairingSettings() {
		var want []byte
		if _, err := AnalyseEach(feed, s, nil, func(p *Pair) error {
			want = format(want, p)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for _, sp := range []Spill{{}, {Limit: 1, Dir: t.TempDir()}} {
			var got bytes.Buffer
			a, err := AnalyseWrite(feed, s, sp, nil, format, &got)
			if err != nil {
				t.Fatal(err)
			}
			if a.Spilled != (sp.Limit > 0) || !bytes.Equal(got.Bytes(), want) || len(want) < 100000 {
				t.Errorf("%s, spill %d: %d bytes written, want the %d AnalyseEach gives", name, sp.Limit, got.Len(), len(want))
			}
		}
	}
	full := errors.New("disk full")
	if _, err := AnalyseWrite(feed, DefaultSettings(), Spill{}, nil, format, failingWriter{full}); !errors.Is(err, full) {
		t.Errorf("a failed write gives %v", err)
	}
}

type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }
