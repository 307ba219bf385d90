package practice

import (
	"math"
	"testing"
)

// pairsOf builds pairs from two equally long code lists.
func pairsOf(yours, ref []int) []Pair {
	out := make([]Pair, len(yours))
	for i := range yours {
		out[i] = Pair{Item: i + 1, Yours: yours[i], Reference: ref[i]}
	}
	return out
}

// table expands a contingency table (rows: yours, columns: reference) into
// pairs.
func table(t [][]int) []Pair {
	var out []Pair
	for i, row := range t {
		for j, n := range row {
			for range n {
				out = append(out, Pair{Item: 1, Yours: i, Reference: j})
			}
		}
	}
	return out
}

func TestAgreementMatchesHandComputedVectors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name             string
		pairs            []Pair
		n, exact, within int
		kappa            float64
		defined          bool
	}{
		{
			name:  "perfect agreement over varied codes gives kappa one",
			pairs: pairsOf([]int{0, 1, 2, 3, 4, 2}, []int{0, 1, 2, 3, 4, 2}),
			n:     6, exact: 6, within: 6, kappa: 1, defined: true,
		},
		{
			// A 100-patient, three-category table of the kind Fleiss (1981)
			// uses to illustrate kappa (rows one rater, columns the other;
			// unweighted kappa (0.70 − 0.475)/0.525 = 0.429). By hand with
			// quadratic weights: observed Σv·n = 1·(5+11+5+6) + 4·(2+1) = 39;
			// rows 60 30 10, columns 65 25 10, expected Σv·r·c/N =
			// (1·(60·25+30·65+30·10+10·25) + 4·(60·10+10·65))/100 = 90;
			// κw = 1 − 39/90 = 17/30.
			name:  "a three-category table gives 17/30 by hand",
			pairs: table([][]int{{53, 5, 2}, {11, 14, 5}, {1, 6, 3}}),
			n:     100, exact: 70, within: 97, kappa: 17.0 / 30, defined: true,
		},
		{
			// yours 0 1 2 3, reference 1 1 3 3: observed Σd² = 1+0+1+0 = 2;
			// expected mean of (x−y)² over all 16 combinations: x=0: 1+1+9+9=20,
			// x=1: 0+0+4+4=8, x=2: 1+1+1+1=4, x=3: 4+4+0+0=8; 40/4 = 10 per
			// pair-sum, so κw = 1 − 2·4/40 = 0.8.
			name:  "a small case with two one-point misses gives 0.8",
			pairs: pairsOf([]int{0, 1, 2, 3}, []int{1, 1, 3, 3}),
			n:     4, exact: 2, within: 4, kappa: 0.8, defined: true,
		},
		{
			// Complete reversal 0 4 / 4 0: observed 16+16 = 32; expected
			// combinations (0,4)=16 (0,0)=0 (4,4)=0 (4,0)=16 → 32/2 = 16 per
			// pair, κw = 1 − 32·2/32 = −1.
			name:  "complete reversal gives minus one",
			pairs: pairsOf([]int{0, 4}, []int{4, 0}),
			n:     2, exact: 0, within: 0, kappa: -1, defined: true,
		},
		{
			name:  "both raters giving one code to everything leaves kappa undefined",
			pairs: pairsOf([]int{2, 2, 2}, []int{2, 2, 2}),
			n:     3, exact: 3, within: 3, defined: false,
		},
		{
			name:  "no pairs leaves everything undefined",
			pairs: nil,
		},
		{
			// Only the reference varies: expected Σ = 2·(1+0) … x always 1,
			// y 0 1 2: observed 1+0+1 = 2; expected Σ over 9 combinations
			// = 3·(1+0+1) = 6; κw = 1 − 2·3/6 = 0.
			name:  "one rater giving one code while the other varies gives kappa zero",
			pairs: pairsOf([]int{1, 1, 1}, []int{0, 1, 2}),
			n:     3, exact: 1, within: 3, kappa: 0, defined: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := Agree(tc.pairs)
			if a.N != tc.n || a.Exact != tc.exact || a.WithinOne != tc.within {
				t.Fatalf("N %d exact %d within %d; want %d %d %d", a.N, a.Exact, a.WithinOne, tc.n, tc.exact, tc.within)
			}
			if a.KappaDefined != tc.defined {
				t.Fatalf("kappa defined %v, want %v (kappa %v)", a.KappaDefined, tc.defined, a.Kappa)
			}
			if math.IsNaN(a.Kappa) || math.IsInf(a.Kappa, 0) {
				t.Fatalf("kappa is %v", a.Kappa)
			}
			if tc.defined && math.Abs(a.Kappa-tc.kappa) > 1e-12 {
				t.Fatalf("kappa %.15f, want %.15f", a.Kappa, tc.kappa)
			}
		})
	}
}

func TestTheKappaFormulaMatchesPublishedValuesOnAnotherScale(t *testing.T) {
	t.Parallel()
	// Maple EssayTools QuadraticWeightedKappa documentation, examples 1 and 2
	// (scores on a 0–10 scale): 0.758620689655172 (= 22/29) and
	// 0.438095238095238.
	for _, tc := range []struct {
		name string
		x, y []int
		want float64
	}{
		{"the first documented example gives 22/29", []int{9, 7, 8, 7, 6, 8, 3, 5, 10}, []int{8, 8, 6, 6, 7, 6, 1, 4, 8}, 0.758620689655172},
		{"the second documented example gives 0.438", []int{9, 7, 8, 7, 6, 8, 3, 5, 10}, []int{3, 5, 6, 6, 7, 6, 1, 4, 8}, 0.438095238095238},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := quadraticKappa(tc.x, tc.y)
			if !ok || math.Abs(got-tc.want) > 1e-12 {
				t.Fatalf("got %.15f (%v), want %.15f", got, ok, tc.want)
			}
		})
	}
}

func TestAgreeAndTheGeneralFormulaGiveTheSameKappaOnEveryCodePattern(t *testing.T) {
	t.Parallel()
	// Every list of three pairs of 0–4 codes (5^6 = 15 625 patterns).
	for v := 0; v < 15625; v++ {
		x, y := make([]int, 3), make([]int, 3)
		r := v
		for i := range 3 {
			x[i], r = r%5, r/5
			y[i], r = r%5, r/5
		}
		a := Agree(pairsOf(x, y))
		k, ok := quadraticKappa(x, y)
		if a.KappaDefined != ok || (ok && math.Abs(a.Kappa-k) > 1e-12) || a.Kappa > 1 || a.Kappa < -1 {
			t.Fatalf("x %v y %v: Agree %v %v, formula %v %v", x, y, a.Kappa, a.KappaDefined, k, ok)
		}
	}
}

func TestOnlyItemsBothRatedZeroToFourArePaired(t *testing.T) {
	t.Parallel()
	got := Pairs([]int{0, 9, 2, 4, 3, -1}, []int{1, 2, 9, 4, 3, 2, 1})
	want := []Pair{{1, 0, 1}, {4, 4, 4}, {5, 3, 3}}
	if len(got) != len(want) {
		t.Fatalf("pairs %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("pairs %v, want %v", got, want)
		}
	}
}

func TestRatesAreUndefinedWithoutPairs(t *testing.T) {
	t.Parallel()
	if _, ok := Agree(nil).ExactRate(); ok {
		t.Fatal("exact rate defined without pairs")
	}
	if _, ok := Agree(nil).WithinOneRate(); ok {
		t.Fatal("within-one rate defined without pairs")
	}
	a := Agree(pairsOf([]int{0, 1, 2, 4}, []int{0, 2, 0, 4}))
	if r, _ := a.ExactRate(); r != 0.5 {
		t.Fatalf("exact rate %v, want 0.5", r)
	}
	if r, _ := a.WithinOneRate(); r != 0.75 {
		t.Fatalf("within-one rate %v, want 0.75", r)
	}
}

// BenchmarkOverall measures the agreement over a year of heavy practice:
// 500 attempts of 12 items, as the progress page computes on every visit.
func BenchmarkOverall(b *testing.B) {
	as := make([]Attempt, 500)
	for i := range as {
		codes, ref := make([]int, 12), make([]int, 12)
		for j := range codes {
			codes[j], ref[j] = (i+j)%5, (i*7+j*3)%5
		}
		as[i] = Attempt{Vignette: "v", Date: "2024-01-01", Finished: "2024-01-01T00:00:00Z", Codes: codes, Reference: ref}
	}
	b.ReportAllocs()
	for b.Loop() {
		Overall(as)
		Drift(as)
		Bias(as)
	}
}
