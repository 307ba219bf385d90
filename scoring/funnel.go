package scoring

import (
	"errors"
	"math"
)

// Funnel plots compare each team's share of pairs with a reliable
// improvement against the trust's share, with control limits that widen as
// a team's number of pairs falls, so that a small team is not singled out
// for chance variation (Spiegelhalter DJ. Funnel plots for comparing
// institutional performance. Statistics in Medicine 2005;24:1185–1202).
// The limits here are his exact binomial limits with interpolation
// (Appendix A.1.1): for a target proportion θ and n cases, r_p is the
// smallest r with P(R ≤ r) ≥ p for R ~ Binomial(n, θ); then
// α = (P(R ≤ r_p) − p) / (P(R ≤ r_p) − P(R ≤ r_p − 1)) and the limit is
// (r_p − α) / n.

// Funnel limit probabilities: two-sided 95% and 99.8% limits, the ones
// Spiegelhalter (2005) recommends ("approximately 2 and 3 standard
// deviations").
const (
	// Funnel95Low and Funnel95High bound the 95% limits.
	Funnel95Low  = 0.025
	Funnel95High = 0.975
	// Funnel998Low and Funnel998High bound the 99.8% limits.
	Funnel998Low  = 0.001
	Funnel998High = 0.999
)

// errFunnel is returned for a target or probability outside (0, 1) or no
// cases.
var errFunnel = errors.New("a funnel limit needs a target share and a probability between 0 and 1, and at least one pair")

// FunnelLimit returns the control limit at probability p for a team of n
// pairs around the target share theta (Spiegelhalter 2005, exact binomial
// with interpolation; see above). A theta of 0 or 1 gives limits of 0 or 1.
func FunnelLimit(theta float64, n int, p float64) (float64, error) {
	if n < 1 || !(theta >= 0 && theta <= 1) || !(p > 0 && p < 1) {
		return 0, errFunnel
	}
	if theta == 0 || theta == 1 {
		return theta, nil
	}
	// Below twelve standard deviations under the mean the binomial's mass
	// is under 1e-30: the sum starts there, each term from the one before.
	sd := math.Sqrt(float64(n) * theta * (1 - theta))
	start := max(0, int(math.Floor(float64(n)*theta-12*sd)))
	prev, cdf := 0.0, 0.0
	pmf := binomialPMF(n, start, theta)
	odds := theta / (1 - theta)
	for r := start; r <= n; r++ {
		prev = cdf
		cdf += pmf
		if cdf >= p || r == n {
			alpha := 0.0
			if cdf > prev {
				alpha = (cdf - p) / (cdf - prev)
			}
			return math.Max(0, math.Min(1, (float64(r)-alpha)/float64(n))), nil
		}
		pmf *= float64(n-r) / float64(r+1) * odds
	}
	return 1, nil
}

// binomialPMF is P(R = r) for R ~ Binomial(n, theta), in log space so that
// a team of thousands of pairs neither overflows nor underflows.
func binomialPMF(n, r int, theta float64) float64 {
	ln, _ := math.Lgamma(float64(n + 1))
	lr, _ := math.Lgamma(float64(r + 1))
	lnr, _ := math.Lgamma(float64(n - r + 1))
	return math.Exp(ln - lr - lnr + float64(r)*math.Log(theta) + float64(n-r)*math.Log1p(-theta))
}

// FunnelPlace says where a team's share lies against the limits for its
// number of pairs: 0 within the 95% limits, ±1 between the 95% and 99.8%
// limits (above or below), ±2 beyond the 99.8% limits.
func FunnelPlace(theta float64, n, k int) (int, error) {
	if k < 0 || k > n {
		return 0, errFunnel
	}
	share := float64(k) / float64(n)
	place := 0
	for _, lim := range []struct {
		p    float64
		sign int
	}{{Funnel95High, 1}, {Funnel998High, 1}, {Funnel95Low, -1}, {Funnel998Low, -1}} {
		l, err := FunnelLimit(theta, n, lim.p)
		if err != nil {
			return 0, err
		}
		if (lim.sign > 0 && share > l) || (lim.sign < 0 && share < l) {
			place += lim.sign
		}
	}
	return place, nil
}
