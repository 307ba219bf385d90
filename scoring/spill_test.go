package scoring

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// A cohort that outgrows its memory limit, whether at once, part of the way
// through or never, pairs exactly as in memory: the same pairs in the same
// order, the same counts and the same effect-size SD to the bit, for both
// pairings; and it leaves no file behind.
func TestASpilledCohortPairsExactlyAsInMemory(t *testing.T) {
	t.Parallel()
	ratings := streamRatings(20000, 5)
	feed := feedOf(ratings)
	for name, s := range pairingSettings() {
		want, err := Analyse(feed, s, View{})
		if err != nil {
			t.Fatal(err)
		}
		// The first check of the limit comes after 256 ratings: 1 byte
		// spills there, what the cohort holds at 60 % of the ratings
		// part of the way through, 1 GB never.
		half := NewCohortRules(s.Pairing, s.RulesFor)
		for i := range ratings[:len(ratings)*6/10] {
			half.Add(&ratings[i])
		}
		half.place()
		for _, limit := range []int64{1, half.held() - 1, 1 << 30} {
			dir := t.TempDir()
			var got []Pair
			spilled := false
			a, err := AnalyseEachSpilling(feed, s, Spill{Limit: limit, Dir: dir}, func(*Analysis) {
				entries, _ := os.ReadDir(dir)
				spilled = len(entries) > 0
			}, func(p *Pair) error {
				got = append(got, *p)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if wantSpill := limit < 1<<30; spilled != wantSpill {
				t.Errorf("%s, limit %d: spilled %v", name, limit, spilled)
			}
			if a.Counts != want.Counts || !reflect.DeepEqual(a.UsedBy, want.UsedBy) || a.Method != want.Method {
				t.Errorf("%s, limit %d: %+v %+v %s\nwant %+v %+v %s", name, limit, a.Counts, a.UsedBy, a.Method, want.Counts, want.UsedBy, want.Method)
			}
			if len(got) != len(want.Pairs) || len(got) == 0 {
				t.Fatalf("%s, limit %d: %d pairs, want %d", name, limit, len(got), len(want.Pairs))
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], want.Pairs[i]) {
					t.Fatalf("%s, limit %d: pair %d differs:\n%+v\n%+v", name, limit, i, got[i], want.Pairs[i])
				}
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("%s, limit %d: %d files left behind", name, limit, len(entries))
			}
		}
	}
}

// Where the temporary files cannot be made, the analysis says so, naming
// the folder, instead of giving pairs from part of the file.
func TestASpillThatCannotBeWrittenIsAnError(t *testing.T) {
	t.Parallel()
	notADir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notADir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	ratings := streamRatings(500, 7)
	n := 0
	_, err := AnalyseEachSpilling(func(add func(*Rating)) error {
		for i := range ratings {
			add(&ratings[i])
		}
		return nil
	}, DefaultSettings(), Spill{Limit: 1, Dir: notADir}, nil, func(*Pair) error { n++; return nil })
	var se *SpillError
	if !errors.As(err, &se) || se.Dir != notADir || n != 0 {
		t.Fatalf("got %v (%d pairs), want a SpillError naming %s", err, n, notADir)
	}
}

// The limit is checked as ratings come: a cohort spills once it holds
// more than the limit, not before, and takes later ratings to its files.
func TestACohortSpillsWhenItOutgrowsItsLimit(t *testing.T) {
	t.Parallel()
	ratings := streamRatings(20000, 11)
	mem := NewCohort(EarliestLatest, Rules{MaxUnknown: 2})
	var at []int64
	for i := range ratings {
		mem.Add(&ratings[i])
		if (i+1)%pendingBatch == 0 {
			at = append(at, mem.held())
		}
	}
	limit := at[len(at)/2] - 1
	c := NewCohort(EarliestLatest, Rules{MaxUnknown: 2})
	c.SpillAbove(Spill{Limit: limit, Dir: t.TempDir()})
	defer c.Close()
	first := -1
	for i := range ratings {
		c.Add(&ratings[i])
		if first < 0 && c.Spilled() {
			first = i + 1
		}
	}
	if first <= pendingBatch || first > len(ratings)/2 {
		t.Errorf("spilled after %d of %d ratings, with a limit passed half-way", first, len(ratings))
	}
	if got, want := c.Counts(), mem.Counts(); got != want {
		t.Errorf("counts %+v, want %+v", got, want)
	}
	if got, want := c.Pairs(), mem.Pairs(); !reflect.DeepEqual(got, want) {
		t.Errorf("%d pairs differ from the %d in memory", len(got), len(want))
	}
}

// A damaged temporary file is an error, never a panic or a runaway
// allocation.
func FuzzReplayOfADamagedFileNeverPanics(f *testing.F) {
	var good bytes.Buffer
	sp := &spill{}
	w := bufio.NewWriter(&good)
	sp.parts[0].w = w
	p := pendingRating{hash: 1, patient: "P1", valid: true, slot: slot{date: 3, seq: 4}}
	sp.record(recRating, 0, []byte("P1"), func(b []byte) []byte { return appendSlot(append(b, p.inst), &p.slot) })
	sp.record(recPerson, 0, []byte("P2"), nil)
	w.Flush()
	f.Add(good.Bytes())
	f.Add([]byte{'s', 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x7f})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, mode := range []PairMode{EarliestLatest, Consecutive} {
			c := NewCohort(mode, Rules{MaxUnknown: 2})
			_ = c.replay(bufio.NewReader(bytes.NewReader(data)))
			c.Counts()
			c.EachPair(func(*Pair) error { return nil })
			r := &run{r: bufio.NewReader(bytes.NewReader(data)), consecutive: mode == Consecutive, c: c}
			for {
				if ok, err := r.next(); !ok || err != nil {
					break
				}
				c.rating(&r.s, "", &r.s.earliest)
				for i := range r.all {
					c.rating(&r.s, "", &r.all[i])
				}
			}
		}
	})
}

// Adding a rating allocates nothing, spill or not: at national scale one
// allocation a rating (a rating escaping through the spill's interface
// once cost a third more time and half as much memory again).
func TestAddingARatingAllocatesNothing(t *testing.T) {
	ratings := streamRatings(50, 3)
	for _, sp := range []Spill{{}, {Limit: 1 << 40}} {
		c := NewCohort(EarliestLatest, Rules{MaxUnknown: 2})
		c.SpillAbove(sp)
		for i := range ratings {
			c.Add(&ratings[i])
		}
		i := 0
		if n := testing.AllocsPerRun(5000, func() {
			c.Add(&ratings[i%len(ratings)])
			i++
		}); n > 0 {
			t.Errorf("spill limit %d: %.2f allocations a rating", sp.Limit, n)
		}
	}
}
