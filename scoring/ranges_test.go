package scoring

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// withTotal returns HoNOS codes that add up to total (0–48).
func withTotal(total int) []Code {
	c := make([]Code, 12)
	for i := range c {
		c[i] = Code(total / 12)
		if i < total%12 {
			c[i]++
		}
	}
	return c
}

// rangeFixture returns classified pairs: 10 severe inpatient pairs whose
// changes are −10, −8, −5, −3, −2, 0, 1, 4, 6, 9 (R: quantile(x) gives
// Q1 −4.5, median −1, Q3 3.25; 2 of 10 fall by 8 or more: 20%), and
// community pairs, community of them. Every individual total is 21–48, so
// no aggregate in the file (all below 21, or not whole) can be mistaken for
// one. Patient labels and rating dates are distinctive for the same reason.
func rangeFixture(t *testing.T, community int) ([]Pair, []string, []int) {
	t.Helper()
	var labels []string
	var totals []int
	var pairs []Pair
	add := func(setting string, b, f int) {
		id := fmt.Sprintf("zq-patient-%03d", len(pairs))
		p := pairOf(id, HoNOS, "team", setting, withTotal(b), withTotal(f))
		p.Baseline.Date, p.Followup.Date = DateOf(2019, 3, 7), DateOf(2019, 11, 23)
		labels = append(labels, id)
		totals = append(totals, b, f)
		pairs = append(pairs, p)
	}
	changes := []int{-10, -8, -5, -3, -2, 0, 1, 4, 6, 9}
	for i, c := range changes {
		b := 40 - i // 40 … 31, so follow-ups are 30 … 40
		add("inpatient", b, b+c)
	}
	for i := 0; i < community; i++ {
		add("community", 44, 44-i%3)
	}
	if _, err := ClassifyPairs(pairs, DefaultChangeOptions()); err != nil {
		t.Fatal(err)
	}
	return pairs, labels, totals
}

func TestQuantileMatchesRType7(t *testing.T) {
	t.Parallel()
	x := []float64{-10, -8, -5, -3, -2, 0, 1, 4, 6, 9}
	// h = (n−1)p: p .25 → h 2.25: −5 + .25·(−3 − −5) = −4.5;
	// p .5 → h 4.5: −2 + .5·(0 − −2) = −1; p .75 → h 6.75: 1 + .75·(4 − 1) = 3.25.
	cases := []struct{ p, want float64 }{{0, -10}, {0.25, -4.5}, {0.5, -1}, {0.75, 3.25}, {1, 9}}
	for _, c := range cases {
		if got := Quantile(x, c.p); !near(got, c.want) {
			t.Errorf("Quantile(p=%v) = %v, want %v", c.p, got, c.want)
		}
	}
	if got := Quantile([]float64{3}, 0.25); got != 3 {
		t.Errorf("one value: %v", got)
	}
	if got := Quantile([]float64{1, 2}, 0.5); got != 1.5 {
		t.Errorf("two values: median %v, want 1.5", got)
	}
	if !math.IsNaN(Quantile(nil, 0.5)) {
		t.Error("no values should give NaN")
	}
}

func TestBuildRangesFigures(t *testing.T) {
	t.Parallel()
	pairs, _, _ := rangeFixture(t, 10)
	f := BuildRanges(pairs, DefaultChangeOptions(), DateOf(2025, 1, 15))
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(f.Groups) != 2 {
		t.Fatalf("groups: %+v", f.Groups)
	}
	// Settings sort alphabetically: community before inpatient.
	c, in := f.Groups[0], f.Groups[1]
	if c.Setting != "community" || in.Setting != "inpatient" || in.Band != "severe" || in.Instrument != HoNOS {
		t.Fatalf("keys: %+v %+v", c, in)
	}
	if in.Suppressed != "" || in.Pairs != 10 || *in.Q1 != -4.5 || *in.Median != -1 || *in.Q3 != 3.25 || *in.ReliablyImproved != 20 {
		t.Errorf("inpatient: %d pairs, q1 %v median %v q3 %v improved %v%%", in.Pairs, *in.Q1, *in.Median, *in.Q3, *in.ReliablyImproved)
	}
	if f.Created != "2025-01-15" || f.Method.Name != "threshold" || f.Method.Threshold != 8 || f.Method.Cutoff != 11 || f.MinGroup != 10 {
		t.Errorf("header: %+v", f)
	}
}

func TestRangeGroupsOfNinePairsAreSuppressed(t *testing.T) {
	t.Parallel()
	for _, n := range []int{9, 10} {
		pairs, _, _ := rangeFixture(t, n)
		f := BuildRanges(pairs, DefaultChangeOptions(), DateOf(2025, 1, 15))
		g := f.Groups[0]
		if g.Setting != "community" {
			t.Fatalf("first group is %q", g.Setting)
		}
		suppressed := n < MinRangeGroup
		if (g.Suppressed != "") != suppressed {
			t.Errorf("%d pairs: suppressed %q", n, g.Suppressed)
		}
		if suppressed && (g.Pairs != 0 || g.Median != nil || g.Q1 != nil || g.Q3 != nil || g.ReliablyImproved != nil || g.Suppressed != "fewer than 10 pairs") {
			t.Errorf("9 pairs: a suppressed group carries figures: %+v", g)
		}
		if !suppressed && (g.Pairs != 10 || g.Median == nil) {
			t.Errorf("10 pairs: %+v", g)
		}
		var buf bytes.Buffer
		if _, err := f.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), `"pairs": 9`) {
			t.Errorf("the count of a suppressed group is in the file:\n%s", buf.String())
		}
	}
}

func TestRangeFileCarriesNoIndividualData(t *testing.T) {
	t.Parallel()
	pairs, labels, totals := rangeFixture(t, 9)
	var buf bytes.Buffer
	f := BuildRanges(pairs, DefaultChangeOptions(), DateOf(2025, 1, 15))
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	for _, l := range labels {
		if bytes.Contains(out, []byte(l)) {
			t.Errorf("patient label %q is in the file", l)
		}
	}
	for _, d := range []string{"2019-03-07", "2019-11-23", "2019"} {
		if bytes.Contains(out, []byte(d)) {
			t.Errorf("rating date %q is in the file", d)
		}
	}
	for _, k := range []string{`"patient`, "total", "baseline", "followup", `date"`} {
		if bytes.Contains(out, []byte(k)) {
			t.Errorf("the file has a field like %q", k)
		}
	}
	// Every number in the file is an aggregate: none equals an individual total.
	indiv := map[string]bool{}
	for _, v := range totals {
		indiv[fmt.Sprint(v)] = true
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := tok.(json.Number); ok && indiv[n.String()] {
			t.Errorf("the number %s equals an individual total", n)
		}
	}
}

func TestRangeFileRoundTrip(t *testing.T) {
	t.Parallel()
	pairs, _, _ := rangeFixture(t, 10)
	for _, opts := range []ChangeOptions{
		DefaultChangeOptions(),
		{Method: JacobsonTruax, SD: 6.5, Reliability: 0.8, Cutoff: 11},
		{Method: EffectSize, EffectSize: 0.5, Cutoff: 12},
	} {
		used, err := ClassifyPairs(pairs, opts)
		if err != nil {
			t.Fatal(err)
		}
		f := BuildRanges(pairs, used, DateOf(2024, 2, 29))
		var buf bytes.Buffer
		if _, err := f.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := ReadRangeFile(&buf)
		if err != nil {
			t.Fatalf("%s: %v\n%s", opts.Method.Flag(), err, buf.String())
		}
		if !equalRangeFiles(&f, back) {
			t.Errorf("%s: round trip differs", opts.Method.Flag())
		}
		if opts.Method == EffectSize && back.Method.SD != used.SD {
			t.Errorf("es: SD %v written, want the cohort's %v (20 pairs)", back.Method.SD, used.SD)
		}
	}
}

func TestRangeFileHidesTheSDOfASmallCohort(t *testing.T) {
	t.Parallel()
	pairs, _, _ := rangeFixture(t, 0)
	pairs = pairs[:9]
	used, err := ClassifyPairs(pairs, ChangeOptions{Method: EffectSize, EffectSize: 0.5, Cutoff: 11})
	if err != nil || used.SD == 0 {
		t.Fatal(used, err)
	}
	f := BuildRanges(pairs, used, DateOf(2024, 1, 1))
	if f.Method.SD != 0 {
		t.Errorf("the SD of 9 baselines (%v) is in the file", f.Method.SD)
	}
}

func equalRangeFiles(a, b *RangeFile) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

const goodRangeFile = `{
  "format": "honoscope-expected-change-ranges",
  "version": 1,
  "created": "2025-01-15",
  "method": {"name": "threshold", "description": "fixed threshold", "threshold": 8, "cutoff": 11},
  "quantiles": "linear interpolation (Hyndman & Fan 1996, definition 7; R type 7)",
  "min_group": 10,
  "groups": [
    {"instrument": "honos", "band": "mild", "setting": "", "suppressed": "fewer than 10 pairs"},
    {"instrument": "honos", "band": "severe", "setting": "inpatient", "pairs": 12,
     "q1": -6, "median": -3.5, "q3": 0.25, "reliably_improved_percent": 41.7}
  ]
}
`

func TestReadRangeFileErrors(t *testing.T) {
	t.Parallel()
	if _, err := ReadRangeFile(strings.NewReader(goodRangeFile)); err != nil {
		t.Fatalf("the good file: %v", err)
	}
	cases := []struct {
		name        string
		old, new    string
		pos, errHas string
	}{
		{"a missing comma names its place", `"version": 1,`, `"version": 1`, "line 4, column 3", "not valid JSON"},
		{"an unknown field is named", `"min_group": 10,`, `"min_group": 10, "patients": 3,`, "line 7, column 20", `unknown field "patients"`},
		{"a number where text belongs", `"created": "2025-01-15"`, `"created": 20250115`, "line 4, column 14", "YYYY-MM-DD"},
		{"a time of day in created is rejected", `"2025-01-15"`, `"2025-01-15T10:00:00Z"`, "line 4, column 14", "created"},
		{"a newer version asks for an update", `"version": 1`, `"version": 2`, "line 3, column 14", "update Honoscope"},
		{"a wrong format name", `"honoscope-expected-change-ranges"`, `"something-else"`, "line 2, column 13", "not a Honoscope range file"},
		{"a small group with figures is rejected", `"pairs": 12`, `"pairs": 9`, "line 10, column 5", "must be suppressed"},
		{"a suppressed group with a figure is rejected", `"suppressed": "fewer than 10 pairs"}`, `"suppressed": "fewer than 10 pairs", "median": 1}`, "line 9, column 5", "no figures"},
		{"quartiles out of order", `"q1": -6`, `"q1": 1`, "line 10, column 5", "out of order"},
		{"a percentage above 100", `41.7`, `141.7`, "line 10, column 5", "from 0 to 100"},
		{"a HoNOSCA group with a band", `"instrument": "honos", "band": "mild"`, `"instrument": "honosca", "band": "mild"`, "line 9, column 5", "not banded"},
		{"an unknown band", `"band": "mild"`, `"band": "low"`, "line 9, column 5", "mild, moderate or severe"},
		{"a repeated group", `"band": "mild", "setting": ""`, `"band": "severe", "setting": "inpatient"`, "line 10, column 5", "repeats"},
		{"a lower min_group is rejected", `"min_group": 10`, `"min_group": 5`, "line 7, column 16", "at least 10"},
		{"an unknown method", `"name": "threshold"`, `"name": "rci"`, "line 5, column 13", "unknown method"},
		{"JT without SD", `"name": "threshold"`, `"name": "jt"`, "line 5, column 13", "--sd"},
		{"text after the object", "  ]\n}\n", "  ]\n}\n{}", "line 14, column 1", "after the end"},
		{"a truncated file", "  ]\n}\n", "  ]\n", "line 13, column 1", "ends too early"},
		{"a field given twice", `"version": 1,`, `"version": 1, "version": 1,`, "line 3, column 17", "twice"},
		{"a list where an object belongs", `"method": {"name": "threshold", "description": "fixed threshold", "threshold": 8, "cutoff": 11}`, `"method": []`, "line 5, column 13", "must be a JSON object"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if !strings.Contains(goodRangeFile, c.old) {
				t.Fatalf("fixture lacks %q", c.old)
			}
			in := strings.Replace(goodRangeFile, c.old, c.new, 1)
			_, err := ReadRangeFile(strings.NewReader(in))
			if err == nil {
				t.Fatalf("accepted:\n%s", in)
			}
			if !strings.HasPrefix(err.Error(), c.pos+": ") || !strings.Contains(err.Error(), c.errHas) {
				t.Fatalf("error %q; want %q and %q", err, c.pos, c.errHas)
			}
		})
	}
}

func TestReadRangeFileRejectsEmptyAndHugeInput(t *testing.T) {
	t.Parallel()
	if _, err := ReadRangeFile(strings.NewReader(" \n")); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty: %v", err)
	}
	big := strings.Repeat(" ", MaxRangeFile+1)
	if _, err := ReadRangeFile(strings.NewReader(big)); err == nil || !strings.Contains(err.Error(), "larger") {
		t.Errorf("huge: %v", err)
	}
}

// Quantiles from counts (RangeTally, the team report) are Quantile of the
// sorted numbers, to the last bit, for any counts.
func TestQuantilesOfCountsAreThoseOfTheSortedNumbers(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 500; trial++ {
		hist := map[int]int{}
		var sorted []float64
		for range 1 + rng.IntN(40) {
			d := rng.IntN(97) - 48
			k := 1 + rng.IntN(5)
			hist[d] += k
			for range k {
				sorted = append(sorted, float64(d))
			}
		}
		slices.Sort(sorted)
		for _, p := range []float64{0, 0.25, 0.5, 0.75, 1, 0.1} {
			if got, want := QuantileCounts(hist, len(sorted), p), Quantile(sorted, p); got != want {
				t.Fatalf("p %v of %v: %v, want %v", p, sorted, got, want)
			}
		}
	}
}
