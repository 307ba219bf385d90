package scoring

import (
	"math"
	"testing"
)

// The limits worked by hand (Spiegelhalter 2005, Appendix A.1.1), so that
// the arithmetic can be checked against a table of the binomial.
func TestFunnelLimitsMatchTheHandWorkedBinomialLimits(t *testing.T) {
	for _, c := range []struct {
		name     string
		theta    float64
		n        int
		p        float64
		want     float64
		workings string
	}{
		{"upper 95%, 10 pairs at 50%", 0.5, 10, Funnel95High, 0.76756,
			"P(R≤7) = 0.94531 < 0.975 ≤ P(R≤8) = 0.98926, so r = 8; α = (0.98926 − 0.975) / (0.98926 − 0.94531) = 0.32444; limit (8 − 0.32444) / 10"},
		{"lower 95%, 10 pairs at 50%", 0.5, 10, Funnel95Low, 0.13244,
			"P(R≤1) = 0.01074 < 0.025 ≤ P(R≤2) = 0.05469, so r = 2; α = (0.05469 − 0.025) / (0.05469 − 0.01074) = 0.67556; limit (2 − 0.67556) / 10"},
		{"upper 99.8%, 20 pairs at 40%", 0.4, 20, Funnel998High, 0.72362,
			"P(R≤14) = 0.99839 < 0.999 ≤ P(R≤15) = 0.99968, so r = 15; α = 0.52760; limit (15 − 0.52760) / 20"},
		{"lower 99.8%, 20 pairs at 40%", 0.4, 20, Funnel998Low, 0.05771,
			"P(R≤1) = 0.00052 < 0.001 ≤ P(R≤2) = 0.00361, so r = 2; α = 0.84584; limit (2 − 0.84584) / 20"},
		{"upper 95%, 50 pairs at 30%", 0.3, 50, Funnel95High, 0.42014,
			"P(R≤21) = 0.97491 < 0.975 ≤ P(R≤22) = 0.98772, so r = 22; α = 0.99321; limit (22 − 0.99321) / 50"},
		{"lower 95%, 50 pairs at 30%", 0.3, 50, Funnel95Low, 0.16614,
			"P(R≤8) = 0.01825 < 0.025 ≤ P(R≤9) = 0.04023, so r = 9; α = 0.69303; limit (9 − 0.69303) / 50"},
	} {
		got, err := FunnelLimit(c.theta, c.n, c.p)
		if err != nil || math.Abs(got-c.want) > 0.00001 {
			t.Errorf("%s: %.5f, %v; want %.5f (%s)", c.name, got, err, c.want, c.workings)
		}
	}
}

// The limits narrow as a team grows, and bound the target on each side.
func TestFunnelLimitsNarrowWithMorePairsAndStayAroundTheTarget(t *testing.T) {
	theta := 0.35
	lastLo, lastHi := -1.0, 2.0
	for _, n := range []int{5, 10, 20, 50, 100, 500, 5000, 100000} {
		lo, _ := FunnelLimit(theta, n, Funnel998Low)
		lo95, _ := FunnelLimit(theta, n, Funnel95Low)
		hi95, _ := FunnelLimit(theta, n, Funnel95High)
		hi, _ := FunnelLimit(theta, n, Funnel998High)
		if !(lo <= lo95 && lo95 <= theta && theta <= hi95 && hi95 <= hi) {
			t.Errorf("n %d: limits %.4f %.4f %.4f %.4f not ordered around %.2f", n, lo, lo95, hi95, hi, theta)
		}
		if lo < lastLo-1e-9 || hi > lastHi+1e-9 {
			t.Errorf("n %d: the 99.8%% limits %.4f–%.4f are wider than for fewer pairs (%.4f–%.4f)", n, lo, hi, lastLo, lastHi)
		}
		lastLo, lastHi = lo, hi
	}
}

// A team is placed by its share against the limits for its size.
func TestATeamIsPlacedAgainstTheLimitsForItsSize(t *testing.T) {
	for _, c := range []struct {
		n, k, want int
	}{
		{10, 5, 0}, {10, 8, 1}, {10, 10, 2}, {10, 1, -1}, {10, 0, -2}, {200, 130, 2}, {200, 100, 0},
	} {
		got, err := FunnelPlace(0.5, c.n, c.k)
		if err != nil || got != c.want {
			t.Errorf("%d of %d at 50%%: place %d, %v; want %d", c.k, c.n, got, err, c.want)
		}
	}
	for _, bad := range [][3]float64{{0.5, 0, 0}, {1.5, 10, 0.5}, {0.5, 10, 1}} {
		if _, err := FunnelLimit(bad[0], int(bad[1]), bad[2]); err == nil {
			t.Errorf("FunnelLimit%v: no error", bad)
		}
	}
}

func BenchmarkFunnelLimit100kPairs(b *testing.B) {
	for range b.N {
		if _, err := FunnelLimit(0.35, 100000, Funnel998High); err != nil {
			b.Fatal(err)
		}
	}
}
