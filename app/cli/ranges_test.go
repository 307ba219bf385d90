package cli

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"honoscope/scoring"
)

// rangesCSV returns a ratings file: n inpatient HoNOS patients rated twice
// (baseline 24; follow-up 12 + i%3, so changes −12, −11, −10), one HoNOSCA
// patient rated once, and one row with a bad date on line badLine.
func rangesCSV(n int) (csv string, badLine int) {
	var b strings.Builder
	b.WriteString("patient,date,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item8_type,item9,item10,item11,item12,item13,setting\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "zq-%02d,2019-03-07,honos,2,2,2,2,2,2,2,2,B,2,2,2,2,,inpatient\n", i)
		fmt.Fprintf(&b, "zq-%02d,2019-11-23,honos,1,1,1,1,1,1,1,1,B,1,1,1,%d,,inpatient\n", i, 1+i%3)
	}
	b.WriteString("zq-ca,2019-05-01,honosca,1,1,1,1,1,1,1,1,,1,1,1,1,1,community\n")
	b.WriteString("zq-bad,2019-02-30,honos,1,1,1,1,1,1,1,1,B,1,1,1,1,,inpatient\n")
	return b.String(), 2*n + 3
}

func TestRangesCommand(t *testing.T) {
	t.Parallel()
	for _, n := range []int{9, 10} {
		t.Run(fmt.Sprintf("%d pairs", n), func(t *testing.T) {
			t.Parallel()
			in, bad := rangesCSV(n)
			var stdout, stderr bytes.Buffer
			code := runCLI([]string{"ranges", "-"}, strings.NewReader(in), &stdout, &stderr)
			if code != 1 {
				t.Fatalf("exit %d, want 1 (a row was rejected); stderr:\n%s", code, stderr.String())
			}
			wantErr := fmt.Sprintf("line %d: column date: ", bad)
			if !strings.Contains(stderr.String(), wantErr) {
				t.Errorf("stderr lacks %q:\n%s", wantErr, stderr.String())
			}
			f, err := scoring.ReadRangeFile(&stdout)
			if err != nil {
				t.Fatalf("the output is not a valid range file: %v", err)
			}
			today := time.Now().UTC().Format("2006-01-02")
			yesterday := time.Now().UTC().AddDate(0, 0, -1).Format("2006-01-02")
			if f.Created != today && f.Created != yesterday {
				t.Errorf("created %q, want today", f.Created)
			}
			if len(f.Groups) != 1 {
				t.Fatalf("groups %+v; want one (HoNOSCA had no pair)", f.Groups)
			}
			g := f.Groups[0]
			if g.Instrument != scoring.HoNOS || g.Band != "severe" || g.Setting != "inpatient" {
				t.Errorf("group key %+v", g)
			}
			if n == 9 {
				if g.Suppressed != "fewer than 10 pairs" || g.Median != nil {
					t.Errorf("9 pairs not suppressed: %+v", g)
				}
				return
			}
			// Changes: −12 (i%3 = 0), −11, −10, for i = 0…9: four −12, three −11,
			// three −10. Sorted: −12 −12 −12 −12 −11 −11 −11 −10 −10 −10.
			// Q1: h = 2.25 → −12; median: h = 4.5 → −11; Q3: h = 6.75 → −11 + .75 = −10.25.
			if g.Pairs != 10 || *g.Q1 != -12 || *g.Median != -11 || *g.Q3 != -10.25 || *g.ReliablyImproved != 100 {
				t.Errorf("figures: %d pairs, q1 %v, median %v, q3 %v, improved %v", g.Pairs, *g.Q1, *g.Median, *g.Q3, *g.ReliablyImproved)
			}
		})
	}
}

func TestRangesOutputHasNoIndividualData(t *testing.T) {
	t.Parallel()
	in, _ := rangesCSV(12)
	var stdout, stderr bytes.Buffer
	runCLI([]string{"ranges"}, strings.NewReader(in), &stdout, &stderr)
	for _, s := range []string{"zq-", "2019", `"patient`, "total"} {
		if strings.Contains(stdout.String(), s) {
			t.Errorf("the output contains %q:\n%s", s, stdout.String())
		}
	}
}

func TestRangesOptions(t *testing.T) {
	t.Parallel()
	in, _ := rangesCSV(10)
	cases := []struct {
		name   string
		args   []string
		code   int
		errHas string
	}{
		{"--sd without a method that uses it", []string{"--sd", "5"}, 2, "--sd applies only to --method jt or es"},
		{"jt without --reliability", []string{"--method", "jt", "--sd", "5"}, 2, "--reliability"},
		{"an unknown method", []string{"--method", "rci"}, 2, "unknown method"},
		{"two files", []string{"a.csv", "b.csv"}, 2, "give one FILE"},
		{"a missing file", []string{"/nonexistent/ratings.csv"}, 1, "check the file name"},
		{"es when every baseline is the same", []string{"--method", "es"}, 1, "set --sd"},
		{"es with a given SD", []string{"--method", "es", "--sd", "4"}, 1, "effect size 0.5, SD 4"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		code := runCLI(append([]string{"ranges"}, c.args...), strings.NewReader(in), &stdout, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.errHas) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", c.name, code, stderr.String(), c.code, c.errHas)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := runCLI([]string{"ranges", "--help"}, nil, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "honoscope ranges ratings.csv > ranges.json") {
		t.Errorf("--help: exit %d, output %q", code, stdout.String())
	}
}
