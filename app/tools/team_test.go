//go:build !(js && wasm)

package tools

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"honoscope/app/chart"
	"honoscope/app/store"
	"honoscope/scoring"
)

// teamFixture is the team view's fixture: 150 data rows, 4 of them bad
// (lines 5, 17, 40 and 88), HoNOS and HoNOSCA, three teams (one named
// "=Team C", to test the CSV export's neutralising), two settings.
const teamFixture = "../e2e/testdata/team/team.csv"

var cli struct {
	once sync.Once
	path string
	err  error
}

// honoscopeBinary builds the native command once per test binary.
func honoscopeBinary(t *testing.T) string {
	t.Helper()
	cli.once.Do(func() {
		dir, err := os.MkdirTemp("", "honoscope-cli-")
		if err != nil {
			cli.err = err
			return
		}
		cli.path = filepath.Join(dir, "honoscope")
		out, err := exec.Command("go", "build", "-o", cli.path, "../..").CombinedOutput()
		if err != nil {
			cli.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if cli.err != nil {
		t.Fatal(cli.err)
	}
	return cli.path
}

// runCLI runs the native command and returns its standard output and error.
func runCLI(t *testing.T, args ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(honoscopeBinary(t), args...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	if err := cmd.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatal(err)
		}
	}
	return o.String(), e.String()
}

func loadFixture(t *testing.T, path string) *teamData {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := loadTeam(filepath.Base(path), f, 0, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// pairRows writes pairs as 'honoscope change' does (its CSV body).
func pairRows(pairs []scoring.Pair) string {
	var b strings.Builder
	b.WriteString("patient,instrument,baseline_date,followup_date,baseline_total,followup_total,change,reliable,category,items_improved,items_deteriorated\n")
	for i := range pairs {
		p := &pairs[i]
		fmt.Fprintf(&b, "%s,%s,%s,%s,%d,%d,%d,%s,%s,%d,%d\n", p.Patient, p.Instrument.ID, p.Baseline.Date, p.Followup.Date,
			p.Change.Baseline, p.Change.Followup, p.Change.Delta, p.Change.Reliable, p.Change.Category, p.ItemsImproved, p.ItemsDeteriorated)
	}
	return b.String()
}

func TestTheTeamViewGivesTheSameNumbersAsTheCommandLine(t *testing.T) {
	t.Parallel()
	d := loadFixture(t, teamFixture)
	jt := scoring.DefaultSettings()
	jt.Method, jt.SD, jt.Reliability = scoring.JacobsonTruax, 6.5, 0.8
	es := scoring.DefaultSettings()
	es.Method = scoring.EffectSize
	esSD := es
	esSD.SD = 4
	cut := scoring.DefaultSettings()
	cut.Cutoff, cut.Threshold = 9, 5
	cons := scoring.DefaultSettings()
	cons.Pairing = scoring.Consecutive
	strict := scoring.DefaultSettings()
	strict.MaxUnknown = 0
	nhse, err := scoring.DefaultSettings().WithPreset(scoring.PresetNHSE)
	if err != nil {
		t.Fatal(err)
	}
	own, err := scoring.ParseInstrumentSettings(scoring.DefaultSettings(), scoring.HoNOSCA, scoring.SettingsText{Cutoff: "13", MaxUnknown: "0"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		s    scoring.Settings
	}{
		{"with the defaults", nil, scoring.DefaultSettings()},
		{"with Jacobson–Truax", []string{"--method", "jt", "--sd", "6.5", "--reliability", "0.8"}, jt},
		{"with the effect size and the cohort's SD", []string{"--method", "es"}, es},
		{"with the effect size and a given SD", []string{"--method", "es", "--sd", "4"}, esSD},
		{"with another cut-off and threshold", []string{"--cutoff", "9", "--threshold", "5"}, cut},
		{"with consecutive pairs", []string{"--consecutive"}, cons},
		{"with no unknown items allowed", []string{"--max-unknown", "0"}, strict},
		{"with NHS England's rule", []string{"--preset", "nhse"}, nhse},
		{"with HoNOSCA's own cut-off and validity", []string{"--cutoff", "honosca=13", "--max-unknown", "honosca=0"}, own},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			res, err := analyseTeam(d, c.s, scoring.Filter{}, 0, scoring.DateOf(2024, 6, 1))
			if err != nil {
				t.Fatal(err)
			}
			args := append([]string{"change"}, c.args...)
			out, errOut := runCLI(t, append(args, teamFixture)...)
			if got := pairRows(res.Pairs); got != out {
				t.Errorf("pairs differ from honoscope change:\n--- team view\n%s--- command line\n%s", got, out)
			}
			n := res.Counts
			counts := fmt.Sprintf("people %d, ratings %d, valid ratings %d, pairs %d, singles %d", n.People, n.Ratings, n.ValidRatings, n.Pairs, n.Singles)
			method := strings.TrimSuffix(strings.TrimPrefix(res.Method, "Method: "), ".")
			if want := "method: " + method + "; " + counts + "\n"; !strings.Contains(errOut, want) {
				t.Errorf("method and counts differ:\n team view:    %q\n command line: %q", want, errOut)
			}
			// The ranges file equals 'honoscope ranges' apart from the date.
			rout, _ := runCLI(t, append(append([]string{"ranges"}, c.args...), teamFixture)...)
			got, err := rangesJSON(res)
			if err != nil {
				t.Fatal(err)
			}
			undate := func(s string) string {
				i := strings.Index(s, `"created": "`)
				if i < 0 {
					return s
				}
				return s[:i] + s[i+len(`"created": "2024-06-01"`):]
			}
			if undate(string(got)) != undate(rout) {
				t.Errorf("ranges differ from honoscope ranges:\n--- team view\n%s--- command line\n%s", got, rout)
			}
		})
	}
}

func TestLoadingListsBadRowsByLineAndKeepsTheGoodOnes(t *testing.T) {
	t.Parallel()
	d := loadFixture(t, teamFixture)
	if d.Rows != 150 || d.Rejected != 4 || d.ratings.Len() != 146 {
		t.Fatalf("rows %d, rejected %d, kept %d; want 150, 4, 146", d.Rows, d.Rejected, d.ratings.Len())
	}
	for i, line := range []int{5, 17, 40, 88} {
		if want := "line " + strconv.Itoa(line) + ": column "; !strings.HasPrefix(d.Problems[i].Error(), want) {
			t.Errorf("problem %d is %q, want it to start %q", i+1, d.Problems[i], want)
		}
	}
}

func TestLoadingListsTheFirstHundredBadRowsAndCountsTheRest(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("patient,date,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12\n")
	for i := 0; i < 250; i++ {
		if i%2 == 0 {
			fmt.Fprintf(&b, "P%d,2024-02-30,1,1,1,1,1,1,1,0,1,1,1,1\n", i)
		} else {
			fmt.Fprintf(&b, "P%d,2024-02-01,1,1,1,1,1,1,1,0,1,1,1,1\n", i)
		}
	}
	d, err := loadTeam("many.csv", strings.NewReader(b.String()), 0, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Rejected != 125 || len(d.Problems) != maxListedProblems || d.ratings.Len() != 125 {
		t.Fatalf("rejected %d, listed %d, kept %d; want 125, %d, 125", d.Rejected, len(d.Problems), d.ratings.Len(), maxListedProblems)
	}
	if !strings.HasPrefix(d.Problems[99].Error(), "line 200: ") {
		t.Fatalf("the 100th listed problem is %q, want line 200", d.Problems[99])
	}
}

func TestTheSummaryCSVNeutralisesFormulaCellsButNotNumbers(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"=Team C", "'=Team C"},
		{"+1 ward", "'+1 ward"},
		{"-x", "'-x"},
		{"@home", "'@home"},
		{"\tTab", "'\tTab"},
		{"\rCR", "\"'\rCR\""},
		{"-1.50", "-1.50"},
		{"Team A, north", `"Team A, north"`},
		{`say "hi"`, `"say ""hi"""`},
		{"plain", "plain"},
	}
	for _, c := range cases {
		if got := csvCell(c.in); got != c.want {
			t.Errorf("csvCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	d := loadFixture(t, teamFixture)
	res, err := analyseTeam(d, scoring.DefaultSettings(), scoring.Filter{}, scoring.ByTeam, scoring.DateOf(2024, 6, 1))
	if err != nil {
		t.Fatal(err)
	}
	out := string(summaryCSV(res))
	if !strings.Contains(out, "team =Team C,") || strings.Contains(out, "\n=") || strings.Contains(out, ",=") {
		t.Fatalf("a cell starts with =:\n%s", out)
	}
}

func TestTheRangesFileHoldsNoLabelDateOrIndividualScore(t *testing.T) {
	t.Parallel()
	d := loadFixture(t, teamFixture)
	res, err := analyseTeam(d, scoring.DefaultSettings(), scoring.Filter{}, 0, scoring.DateOf(2024, 6, 1))
	if err != nil {
		t.Fatal(err)
	}
	js, err := rangesJSON(res)
	if err != nil {
		t.Fatal(err)
	}
	s := string(js)
	for _, p := range d.ratings.Patients() {
		if strings.Contains(s, `"`+p+`"`) {
			t.Errorf("the ranges file names patient %s", p)
		}
	}
	for i := range res.Pairs {
		for _, dt := range []scoring.Date{res.Pairs[i].Baseline.Date, res.Pairs[i].Followup.Date} {
			if strings.Contains(s, dt.String()) {
				t.Errorf("the ranges file holds the rating date %s", dt)
			}
		}
	}
	if strings.Contains(s, "Team") {
		t.Error("the ranges file holds a team label")
	}
	for _, g := range res.Ranges.Groups {
		if g.Suppressed == "" && g.Pairs < scoring.MinRangeGroup {
			t.Errorf("group %+v has figures from fewer than %d pairs", g, scoring.MinRangeGroup)
		}
	}
}

func TestAFilterKeepsOnlyTheMatchingPairs(t *testing.T) {
	t.Parallel()
	d := loadFixture(t, teamFixture)
	team := "Team A"
	res, err := analyseTeam(d, scoring.DefaultSettings(), scoring.Filter{Team: &team}, scoring.ByBand, scoring.DateOf(2024, 6, 1))
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := range res.Pairs {
		if res.Pairs[i].Baseline.Team == team {
			want++
		}
	}
	if len(res.Kept) != want || want == 0 || res.Overall[0].Pairs != want {
		t.Fatalf("kept %d pairs, overall %d; want %d (of %d)", len(res.Kept), res.Overall[0].Pairs, want, len(res.Pairs))
	}
	sum := 0
	for _, g := range res.Groups {
		sum += g.Pairs
	}
	if sum != want {
		t.Fatalf("groups hold %d pairs, want %d", sum, want)
	}
}

// benchRatings returns a ratings file of people × each HoNOS ratings.
func benchRatings(people, each int) []byte {
	var b bytes.Buffer
	b.WriteString("patient,date,instrument,team,setting,occasion,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item8_type\n")
	for p := 0; p < people; p++ {
		for j := 0; j < each; j++ {
			fmt.Fprintf(&b, "T%07d,%04d-%02d-%02d,honos,Team %d,community,review", p, 2015+j, 1+p%12, 1+p%28, p%5)
			for i := 0; i < 12; i++ {
				c := (p + i + j) % 5
				if i == 7 {
					c = 0
				}
				fmt.Fprintf(&b, ",%d", c)
			}
			b.WriteString(",\n")
		}
	}
	return b.Bytes()
}

func BenchmarkTeamLoad100k(b *testing.B) {
	data := benchRatings(10_000, 10)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := loadTeam("b.csv", bytes.NewReader(data), int64(len(data)), nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTeamAnalyse100k(b *testing.B) {
	d, err := loadTeam("b.csv", bytes.NewReader(benchRatings(10_000, 10)), 0, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := analyseTeam(d, scoring.DefaultSettings(), scoring.Filter{}, 0, scoring.DateOf(2024, 6, 1))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := scatterCharts(res.Kept, res.UsedFor, 0); err != nil {
			b.Fatal(err)
		}
	}
}

func TestALabelExportedByTheAppLoadsBackExactlyInTheTeamView(t *testing.T) {
	t.Parallel()
	labels := []string{"-P1", "=x", "+1", "@a", "'-P1", "'x"}
	var rs []store.Rating
	for i, l := range labels {
		rs = append(rs, store.Rating{ID: l, Patient: l, Date: "2024-01-10", Instrument: "honos",
			Items: make([]int, 12), Period: store.PeriodTwoWeeks, Team: l, Setting: labels[(i+1)%len(labels)]})
	}
	var b bytes.Buffer
	if err := store.WriteCSV(&b, rs); err != nil {
		t.Fatal(err)
	}
	d, err := loadTeam("export.csv", &b, 0, nil, nil)
	if err != nil || d.Rejected != 0 {
		t.Fatalf("load: %v, %d rejected: %v", err, d.Rejected, d.Problems)
	}
	got := map[string]bool{}
	for _, p := range d.ratings.Patients() {
		got[p] = true
	}
	teams := strings.Join(d.ratings.Labels(scoring.LabelTeam), "|")
	settings := strings.Join(d.ratings.Labels(scoring.LabelSetting), "|")
	want := append([]string{}, labels...)
	sort.Strings(want)
	for _, l := range labels {
		if !got[l] {
			t.Errorf("patient %q was not read back exactly; patients %q", l, d.ratings.Patients())
		}
	}
	if w := strings.Join(want, "|"); teams != w || settings != w {
		t.Errorf("teams %q, settings %q; want %q", teams, settings, w)
	}
}

// The funnel plot counts each team's pairs and reliable improvements as
// the team summary does, one plot for each instrument with two teams or
// more, never pooling instruments.
func TestTheFunnelPlotCountsTeamsAsTheTeamSummaryDoes(t *testing.T) {
	t.Parallel()
	d := loadFixture(t, teamFixture)
	res, err := analyseTeam(d, scoring.DefaultSettings(), scoring.Filter{}, scoring.ByTeam|scoring.ByInstrument, utcToday())
	if err != nil {
		t.Fatal(err)
	}
	r, err := pictures(res.Kept, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	var fs []chart.Chart
	for _, sec := range r.Sections {
		for _, f := range sec.Figures {
			if strings.HasSuffix(f.ID, "-funnel") {
				fs = append(fs, f.Chart)
			}
		}
	}
	if len(fs) == 0 {
		t.Fatal("no funnel plot for a fixture with several teams")
	}
	for _, f := range fs {
		for _, row := range f.Table.Rows {
			team, n, k := row[0], row[1], row[2]
			found := false
			for _, g := range res.Groups {
				if g.Key.Team == team || (team == chart.TeamNotRecorded && g.Key.Team == "") {
					if strings.Contains(f.Table.Caption, scoring.MustInstrument(g.Key.Instrument).Name+":") {
						found = true
						if strconv.Itoa(g.Pairs) != n || strconv.Itoa(g.Categories[scoring.Recovered]+g.Categories[scoring.Improved]) != k {
							t.Errorf("%s %s: the funnel has %s pairs, %s improved; the summary %d pairs, %d improved", f.Table.Caption, team, n, k, g.Pairs, g.Categories[scoring.Recovered]+g.Categories[scoring.Improved])
						}
					}
				}
			}
			if !found {
				t.Errorf("%s: team %s is not in the summary", f.Table.Caption, team)
			}
		}
	}
}

func BenchmarkTeamPictures100k(b *testing.B) {
	d, err := loadTeam("b.csv", bytes.NewReader(benchRatings(10_000, 10)), 0, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	res, err := analyseTeam(d, scoring.DefaultSettings(), scoring.Filter{}, 0, scoring.DateOf(2024, 6, 1))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := pictures(res.Kept, "", 0); err != nil {
			b.Fatal(err)
		}
	}
}
