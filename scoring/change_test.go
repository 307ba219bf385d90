package scoring

import (
	"math"
	"strings"
	"testing"
)

func TestThresholdChange(t *testing.T) {
	t.Parallel()
	opts := DefaultChangeOptions()
	cases := []struct {
		name               string
		baseline, followup int
		reliable           Reliable
	}{
		{"a fall of 8 is a reliable improvement", 20, 12, ReliableImprovement},
		{"a fall of 7 is no reliable change", 20, 13, NoReliableChange},
		{"no change is no reliable change", 20, 20, NoReliableChange},
		{"a rise of 7 is no reliable change", 12, 19, NoReliableChange},
		{"a rise of 8 is a reliable deterioration", 12, 20, ReliableDeterioration},
		{"a fall of 48 is a reliable improvement", 48, 0, ReliableImprovement},
	}
	for _, c := range cases {
		got := Classify(c.baseline, c.followup, opts)
		if got.Reliable != c.reliable || got.Delta != c.followup-c.baseline || got.Index != float64(got.Delta) {
			t.Errorf("%s: got %+v", c.name, got)
		}
	}
}

func TestJacobsonTruaxAtTheBoundary(t *testing.T) {
	t.Parallel()
	// With r = 0.5: SE = SD·√0.5 and Sdiff = √2·SE = SD (to within one unit
	// in the last place), so RCI = change / SD. For a change of ±10:
	//   SD 5.102  → |RCI| = 10/5.102  = 1.960016 > 1.96: reliable
	//   SD 5.1021 → |RCI| = 10/5.1021 = 1.959977 ≤ 1.96: not reliable
	// With r = 0.75: √(1−r) = 0.5, Sdiff = √2·SD/2 = SD/√2, so SD = 5.102·√2
	// gives the same 1.960016.
	cases := []struct {
		name     string
		delta    int
		sd, r    float64
		rci      float64
		reliable Reliable
	}{
		{"RCI just below −1.96 is a reliable improvement", -10, 5.102, 0.5, -1.960016, ReliableImprovement},
		{"RCI just above −1.96 is no reliable change", -10, 5.1021, 0.5, -1.959977, NoReliableChange},
		{"RCI just below +1.96 is no reliable change", 10, 5.1021, 0.5, 1.959977, NoReliableChange},
		{"RCI just above +1.96 is a reliable deterioration", 10, 5.102, 0.5, 1.960016, ReliableDeterioration},
		{"r 0.75 gives the same RCI for SD·√2", 10, 5.102 * math.Sqrt2, 0.75, 1.960016, ReliableDeterioration},
		{"r 0 uses Sdiff = √2·SD", -10, 5.102 / math.Sqrt2, 0, -1.960016, ReliableImprovement},
		{"no change has RCI 0", 0, 5, 0.5, 0, NoReliableChange},
	}
	for _, c := range cases {
		opts := ChangeOptions{Method: JacobsonTruax, SD: c.sd, Reliability: c.r, Cutoff: DefaultCutoff}
		if err := opts.Validate(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := Classify(20, 20+c.delta, opts)
		if math.Abs(got.Index-c.rci) > 5e-7 || got.Reliable != c.reliable {
			t.Errorf("%s: RCI %.7f %v; want %.6f %v", c.name, got.Index, got.Reliable, c.rci, c.reliable)
		}
	}
	// The smallest reliable change in points is 1.96·Sdiff: 1.96 × 5 = 9.8.
	p := ReliableChangePoints(ChangeOptions{Method: JacobsonTruax, SD: 5, Reliability: 0.5})
	if math.Abs(p-9.8) > 1e-9 {
		t.Errorf("ReliableChangePoints = %v, want 9.8", p)
	}
}

func TestEffectSizeAtTheBoundary(t *testing.T) {
	t.Parallel()
	// ES = (baseline − follow-up) / SD. With SD 10: a fall of 5 gives exactly
	// 0.5 (significant improvement), a fall of 4 gives 0.4 (no change).
	opts := ChangeOptions{Method: EffectSize, SD: 10, EffectSize: 0.5, Cutoff: DefaultCutoff}
	cases := []struct {
		delta    int
		es       float64
		reliable Reliable
	}{
		{-5, 0.5, ReliableImprovement},
		{-4, 0.4, NoReliableChange},
		{4, -0.4, NoReliableChange},
		{5, -0.5, ReliableDeterioration},
		{-6, 0.6, ReliableImprovement},
	}
	for _, c := range cases {
		got := Classify(20, 20+c.delta, opts)
		if got.Index != c.es || got.Reliable != c.reliable {
			t.Errorf("change %d: ES %v %v; want %v %v", c.delta, got.Index, got.Reliable, c.es, c.reliable)
		}
	}
	if p := ReliableChangePoints(opts); p != 5 {
		t.Errorf("ReliableChangePoints = %v, want 5", p)
	}
}

func TestCategoriesAroundTheCutoff(t *testing.T) {
	t.Parallel()
	opts := DefaultChangeOptions() // threshold 8, cut-off 11
	cases := []struct {
		name               string
		baseline, followup int
		want               Category
	}{
		{"11 to 3 crosses the cut-off downwards: recovered", 11, 3, Recovered},
		{"18 to 10 ends below the cut-off: recovered", 18, 10, Recovered},
		{"10 to 2 started below the cut-off: improved", 10, 2, Improved},
		{"19 to 11 ends at the cut-off: improved", 19, 11, Improved},
		{"30 to 20 stays above the cut-off: improved", 30, 20, Improved},
		{"11 to 4 is not reliable: unchanged", 11, 4, Unchanged},
		{"10 to 17 is not reliable: unchanged", 10, 17, Unchanged},
		{"3 to 11 crosses the cut-off upwards: harmed", 3, 11, Harmed},
		{"10 to 18 starts just below the cut-off: harmed", 10, 18, Harmed},
		{"11 to 19 started at the cut-off: deteriorated", 11, 19, Deteriorated},
		{"2 to 10 ends below the cut-off: deteriorated", 2, 10, Deteriorated},
	}
	for _, c := range cases {
		if got := Classify(c.baseline, c.followup, opts).Category; got != c.want {
			t.Errorf("%s: got %s", c.name, got)
		}
	}
	// A different cut-off moves the categories: with 15, 11 → 3 is only improved.
	opts.Cutoff = 15
	if got := Classify(11, 3, opts).Category; got != Improved {
		t.Errorf("cut-off 15: 11→3 is %s, want improved", got)
	}
}

func TestChangeOptionsValidate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		opts   ChangeOptions
		errHas string
	}{
		{"the defaults are valid", DefaultChangeOptions(), ""},
		{"a zero threshold is rejected", ChangeOptions{Method: Threshold}, "threshold"},
		{"JT without SD is rejected", ChangeOptions{Method: JacobsonTruax, Reliability: 0.8}, "--sd"},
		{"JT with infinite SD is rejected", ChangeOptions{Method: JacobsonTruax, SD: math.Inf(1), Reliability: 0.8}, "--sd"},
		{"JT with r 1 is rejected", ChangeOptions{Method: JacobsonTruax, SD: 5, Reliability: 1}, "--reliability"},
		{"JT with negative r is rejected", ChangeOptions{Method: JacobsonTruax, SD: 5, Reliability: -0.1}, "--reliability"},
		{"JT with NaN r is rejected", ChangeOptions{Method: JacobsonTruax, SD: 5, Reliability: math.NaN()}, "--reliability"},
		{"JT with r 0 is valid", ChangeOptions{Method: JacobsonTruax, SD: 5}, ""},
		{"ES with SD 0 means the cohort's SD", ChangeOptions{Method: EffectSize, EffectSize: 0.5}, ""},
		{"ES with a negative SD is rejected", ChangeOptions{Method: EffectSize, EffectSize: 0.5, SD: -1}, "SD"},
		{"ES with effect size 0 is rejected", ChangeOptions{Method: EffectSize}, "effect size"},
		{"a negative cut-off is rejected", ChangeOptions{Method: Threshold, Threshold: 8, Cutoff: -1}, "cut-off"},
		{"an unknown method is rejected", ChangeOptions{Method: 9}, "unknown method"},
	}
	for _, c := range cases {
		err := c.opts.Validate()
		if c.errHas == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.errHas) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.errHas)
		}
	}
}

func TestParseMethod(t *testing.T) {
	t.Parallel()
	for _, m := range []Method{Threshold, JacobsonTruax, EffectSize} {
		got, err := ParseMethod(m.Flag())
		if err != nil || got != m || m.String() == "" {
			t.Errorf("ParseMethod(%q) = %v, %v", m.Flag(), got, err)
		}
	}
	if _, err := ParseMethod("rci"); err == nil {
		t.Error("ParseMethod accepted rci")
	}
	if DefaultThreshold != 8 || DefaultCutoff != 11 || DefaultEffectSize != 0.5 || RCICritical != 1.96 {
		t.Error("a default constant differs from the reference")
	}
}

func TestClassifyItemAllPairs(t *testing.T) {
	t.Parallel()
	// Crawford et al. 2017: low = 0–2, high = 3–4; HL improved, LH deteriorated.
	for b := Code(0); b <= 4; b++ {
		for f := Code(0); f <= 4; f++ {
			var want ItemChange
			switch bh, fh := b >= 3, f >= 3; {
			case !bh && !fh:
				want = LowLow
			case bh && fh:
				want = HighHigh
			case bh && !fh:
				want = HighLow
			default:
				want = LowHigh
			}
			if got := ClassifyItem(b, f); got != want {
				t.Errorf("ClassifyItem(%d, %d) = %s, want %s", b, f, got, want)
			}
		}
	}
	// The named cases, spelt out so a swap of HL and LH cannot pass.
	named := []struct {
		b, f Code
		want string
	}{
		{4, 0, "HL"}, {3, 2, "HL"}, {2, 3, "LH"}, {0, 4, "LH"}, {2, 2, "LL"}, {3, 4, "HH"},
		{9, 0, ""}, {0, 9, ""}, {9, 9, ""}, {5, 1, ""}, {1, 200, ""},
	}
	for _, c := range named {
		if got := ClassifyItem(c.b, c.f).String(); got != c.want {
			t.Errorf("ClassifyItem(%d, %d) = %q, want %q", c.b, c.f, got, c.want)
		}
	}
}

func TestCategoryAndReliableNames(t *testing.T) {
	t.Parallel()
	want := []string{"recovered", "improved", "unchanged", "deteriorated", "harmed"}
	for i, c := range Categories {
		if c.String() != want[i] {
			t.Errorf("category %d is %q, want %q", i, c, want[i])
		}
	}
	if ReliableImprovement.String() != "improvement" || NoReliableChange.String() != "no change" || ReliableDeterioration.String() != "deterioration" {
		t.Error("reliable-change names differ from the command-line contract")
	}
}
