// Package practice measures how closely a trainee's practice ratings agree
// with the reference ratings of the training vignettes: exact and within-one
// agreement, quadratic weighted kappa, per-item bias, agreement per session
// over time (rater drift) and when a refresher is due. It also defines the
// practice attempt kept on the device as a store document of kind Kind.
//
// The package is pure Go (no go-app, syscall/js or I/O), so the browser and
// native tests run the same arithmetic.
package practice

import "math"

// Pair is one item rated by the trainee and by the reference.
type Pair struct {
	// Item is the item number, from 1.
	Item int
	// Yours is the trainee's code, 0–4.
	Yours int
	// Reference is the reference code, 0–4.
	Reference int
}

// Rated reports whether a code takes part in agreement: only the severity
// codes 0–4 do. 9 (not known) and anything else carry no severity to agree
// on, so an item is compared only when both ratings are 0–4 (the rating
// rules: 9 means the information is missing, not a level; METEOR 717795).
func Rated(code int) bool { return code >= 0 && code <= 4 }

// Pairs returns the items that both yours and reference rate 0–4, in item
// order. Items beyond the shorter slice are left out.
func Pairs(yours, reference []int) []Pair {
	n := min(len(yours), len(reference))
	out := make([]Pair, 0, n)
	for i := 0; i < n; i++ {
		if Rated(yours[i]) && Rated(reference[i]) {
			out = append(out, Pair{Item: i + 1, Yours: yours[i], Reference: reference[i]})
		}
	}
	return out
}

// Agreement summarises a set of pairs.
type Agreement struct {
	// N is the number of pairs compared.
	N int
	// Exact counts pairs with the same code.
	Exact int
	// WithinOne counts pairs whose codes differ by at most one (exact
	// included).
	WithinOne int
	// Kappa is the quadratic weighted kappa; meaningful only when
	// KappaDefined.
	Kappa float64
	// KappaDefined is false when kappa cannot be computed: no pairs, or both
	// raters gave one and the same code to every pair, so that chance alone
	// predicts perfect agreement and the ratio is 0/0.
	KappaDefined bool
}

// ExactRate is Exact/N, and false when there are no pairs.
func (a Agreement) ExactRate() (float64, bool) {
	if a.N == 0 {
		return 0, false
	}
	return float64(a.Exact) / float64(a.N), true
}

// WithinOneRate is WithinOne/N, and false when there are no pairs.
func (a Agreement) WithinOneRate() (float64, bool) {
	if a.N == 0 {
		return 0, false
	}
	return float64(a.WithinOne) / float64(a.N), true
}

// Agree computes exact agreement, within-one agreement and the quadratic
// weighted kappa of pairs.
//
// Weighted kappa (Cohen 1968, Psychol Bull 70:213) with quadratic
// disagreement weights v(i,j) = (i−j)² is
//
//	κw = 1 − Σ v(i,j)·p_o(i,j) / Σ v(i,j)·p_r(i)·p_c(j)
//
// where p_o are the observed joint proportions and p_r, p_c the two raters'
// marginal proportions. With quadratic weights the denominator is the mean of
// (x_a − y_b)² over every combination of one rater's code with the other's,
// so no table is needed, and the value does not depend on how many
// categories the scale has (Fleiss & Cohen 1973, Educ Psychol Meas 33:613,
// who also show it equals the intraclass correlation in large samples).
func Agree(pairs []Pair) Agreement {
	var t tally
	for _, p := range pairs {
		t.add(p.Yours, p.Reference)
	}
	return t.agreement()
}

// tally accumulates pairs without keeping them: counts, Σ(x−y)² and how
// often each code 0–4 occurs per rater, which is all Agree needs.
type tally struct {
	n, exact, within, observed int
	xs, ys                     [5]int
}

// add counts one pair when both codes are 0–4.
func (t *tally) add(yours, ref int) {
	if !Rated(yours) || !Rated(ref) {
		return
	}
	d := yours - ref
	t.n++
	if d == 0 {
		t.exact++
	}
	if d >= -1 && d <= 1 {
		t.within++
	}
	t.observed += d * d
	t.xs[yours]++
	t.ys[ref]++
}

// addCodes counts every item both code lists rate 0–4.
func (t *tally) addCodes(yours, ref []int) {
	for i := range min(len(yours), len(ref)) {
		t.add(yours[i], ref[i])
	}
}

// agreement computes the figures of the pairs counted.
func (t *tally) agreement() Agreement {
	a := Agreement{N: t.n, Exact: t.exact, WithinOne: t.within}
	// expected·N = Σ_i Σ_j xs[i]·ys[j]·(i−j)² / N; compare observed·N with it
	// in integers so that exact cases (κ = 1, 0/0) are exact.
	expectedN := 0
	for i, x := range t.xs {
		for j, y := range t.ys {
			expectedN += x * y * (i - j) * (i - j)
		}
	}
	if a.N == 0 || expectedN == 0 {
		return a
	}
	a.Kappa = 1 - float64(t.observed*a.N)/float64(expectedN)
	a.KappaDefined = !math.IsNaN(a.Kappa) && !math.IsInf(a.Kappa, 0)
	return a
}

// quadraticKappa is the quadratic weighted kappa of two equally long lists of
// whole-number ratings on any scale, and false when it is undefined. Agree
// uses the same formula on 0–4 codes; this form lets tests check it against
// published values on other scales.
func quadraticKappa(xs, ys []int) (float64, bool) {
	n := len(xs)
	if n == 0 || n != len(ys) {
		return 0, false
	}
	observed, expectedN := 0, 0
	for i := range xs {
		d := xs[i] - ys[i]
		observed += d * d
		for _, y := range ys {
			e := xs[i] - y
			expectedN += e * e
		}
	}
	if expectedN == 0 {
		return 0, false
	}
	return 1 - float64(observed*n)/float64(expectedN), true
}
