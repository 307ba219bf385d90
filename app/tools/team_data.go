package tools

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"honoscope/app/ui"

	"honoscope/app/chart"
	"honoscope/scoring"
)

// maxListedProblems is how many rejected rows (and, separately, warnings)
// the team view lists; the rest are counted (issue 6: "the first 100, with a
// count").
const maxListedProblems = 100

// teamRating is one rating of a loaded export, kept compactly (40 bytes) so
// that a change of settings re-pairs without reading the file again: the
// patient and the labels are indices into the data's tables. Ratings are kept
// in file order, which breaks ties on date exactly as the command line does.
type teamRating struct {
	patient  uint32
	date     scoring.Date
	team     uint32
	setting  uint32
	occasion uint32
	items    [scoring.MaxItems]scoring.Code
	inst     uint8
	pt       scoring.ProblemType
}

// teamData is a loaded export: its ratings, compact, and what was wrong
// with its rows.
type teamData struct {
	// Name is the file's name.
	Name string
	// Rows is the number of data rows read; Rejected of them were left out.
	Rows, Rejected int
	// Problems lists the first maxListedProblems rejected rows.
	Problems []string
	// Warnings lists the first maxListedProblems warnings (rows accepted
	// despite them, or header remarks); NWarnings counts them all.
	Warnings  []string
	NWarnings int

	ratings  []teamRating
	patients []string
	labels   []string // index 0 is "" (not recorded)
	// byLabel and byPatient give the indices while loading.
	byLabel   map[string]uint32
	byPatient map[string]uint32
}

// bytesPerRow estimates the length of one row of an export, to size the
// kept ratings once instead of growing them (measured: about 60 bytes).
const bytesPerRow = 56

// loadTeam reads a ratings file in the command-line format (scoring.Reader)
// from r, keeping its ratings compactly. size, when known (else 0), sizes
// the kept ratings. every is called every few thousand rows (the caller
// updates progress there); an error from reading (such as a cancelled
// stream) ends the load.
func loadTeam(name string, r io.Reader, size int64, every func()) (*teamData, error) {
	rd, err := scoring.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	d := &teamData{Name: name, labels: []string{""}, byLabel: map[string]uint32{"": 0}, byPatient: map[string]uint32{}}
	if n := size / bytesPerRow; n > 0 && n < 1<<26 {
		d.ratings = make([]teamRating, 0, n)
	}
	for _, w := range rd.HeaderWarnings() {
		d.warn(w.Error())
	}
	var rt scoring.Rating
	var re *scoring.RowError
	for n := 1; ; n++ {
		if every != nil && n%8192 == 0 {
			every()
		}
		err := rd.Next(&rt)
		if err == io.EOF {
			break
		}
		if err != nil {
			if !errors.As(err, &re) {
				return nil, err
			}
			if !re.Warning {
				d.Rows++
				d.Rejected++
				if len(d.Problems) < maxListedProblems {
					d.Problems = append(d.Problems, re.Error())
				}
				continue
			}
			d.warn(re.Error())
		}
		d.Rows++
		d.add(&rt)
	}
	d.byLabel, d.byPatient = nil, nil
	return d, nil
}

func (d *teamData) warn(s string) {
	d.NWarnings++
	if len(d.Warnings) < maxListedProblems {
		d.Warnings = append(d.Warnings, s)
	}
}

func (d *teamData) label(s string) uint32 {
	i, ok := d.byLabel[s]
	if !ok {
		i = uint32(len(d.labels))
		d.labels = append(d.labels, s)
		d.byLabel[s] = i
	}
	return i
}

func (d *teamData) add(r *scoring.Rating) {
	p, ok := d.byPatient[r.Patient]
	if !ok {
		p = uint32(len(d.patients))
		d.patients = append(d.patients, r.Patient)
		d.byPatient[r.Patient] = p
	}
	var inst uint8
	for i, in := range scoring.Instruments() {
		if in == r.Instrument {
			inst = uint8(i)
		}
	}
	d.ratings = append(d.ratings, teamRating{
		patient: p, date: r.Date, items: r.Items, inst: inst, pt: r.ProblemType,
		team: d.label(r.Team), setting: d.label(r.Setting), occasion: d.label(r.Occasion),
	})
}

// rating fills r from kept rating i.
func (d *teamData) rating(i int, r *scoring.Rating) {
	k := &d.ratings[i]
	*r = scoring.Rating{
		Patient: d.patients[k.patient], Date: k.date, Instrument: scoring.Instruments()[k.inst],
		Items: k.items, ProblemType: k.pt,
		Team: d.labels[k.team], Setting: d.labels[k.setting], Occasion: d.labels[k.occasion],
	}
}

// values returns the distinct labels of one kind (team, setting or
// occasion, chosen by pick), in alphabetical order, "" first when present.
func (d *teamData) values(pick func(*teamRating) uint32) []string {
	seen := make([]bool, len(d.labels))
	for i := range d.ratings {
		seen[pick(&d.ratings[i])] = true
	}
	var out []string
	for i, ok := range seen {
		if ok {
			out = append(out, d.labels[i])
		}
	}
	sortStrings(out)
	return out
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// teamSettings are the method settings, as on the command line
// ('honoscope change' and 'honoscope ranges').
type teamSettings struct {
	Change      scoring.ChangeOptions
	Consecutive bool
	MaxUnknown  int
}

// defaultTeamSettings are the command line's defaults.
func defaultTeamSettings() teamSettings {
	return teamSettings{Change: scoring.DefaultChangeOptions(), MaxUnknown: scoring.MaxUnknownDefault}
}

// teamFilter keeps the pairs whose baseline matches every set field (nil:
// any). Team, setting and occasion "" mean "not recorded".
type teamFilter struct {
	Instrument                    *scoring.InstrumentID
	Band, Team, Setting, Occasion *string
}

func (f *teamFilter) keep(p *scoring.Pair) bool {
	match := func(want *string, got string) bool { return want == nil || *want == got }
	return (f.Instrument == nil || *f.Instrument == p.Instrument.ID) &&
		match(f.Band, scoring.BandLabel(&p.BaselineScores)) &&
		match(f.Team, p.Baseline.Team) && match(f.Setting, p.Baseline.Setting) && match(f.Occasion, p.Baseline.Occasion)
}

// any reports whether the filter keeps only some pairs.
func (f *teamFilter) any() bool {
	return f.Instrument != nil || f.Band != nil || f.Team != nil || f.Setting != nil || f.Occasion != nil
}

// teamResult is one analysis of a loaded export.
type teamResult struct {
	// Settings are the settings asked for; Used the change options used
	// (with the cohort's SD filled in for the effect size method).
	Settings teamSettings
	Used     scoring.ChangeOptions
	// Method is the method line printed on every result block.
	Method string
	// Counts are the whole file's counts.
	Counts scoring.Counts
	// Pairs are every classified pair, in the order 'honoscope change'
	// writes them; Kept are those the filter keeps.
	Pairs, Kept []scoring.Pair
	// Overall summarises the kept pairs; Groups summarises them by By.
	Overall []scoring.Summary
	Groups  []scoring.Summary
	By      scoring.Dimensions
	// Ranges are the expected-change ranges of every pair (not filtered),
	// exactly as 'honoscope ranges' makes them.
	Ranges scoring.RangeFile
}

// analyseTeam pairs and classifies the kept ratings with s, exactly as the
// command line does (the same scoring.Cohort, ClassifyPairs, Summarise and
// BuildRanges), then filters and groups the pairs. today dates the ranges.
func analyseTeam(d *teamData, s teamSettings, f teamFilter, by scoring.Dimensions, today scoring.Date) (*teamResult, error) {
	if err := s.Change.Validate(); err != nil {
		return nil, err
	}
	if s.MaxUnknown < 0 || s.MaxUnknown > 13 {
		return nil, errors.New("unknown items allowed must be a whole number from 0 to 13 (default 2)")
	}
	rules := scoring.DefaultRules()
	rules.MaxUnknown = s.MaxUnknown
	mode := scoring.EarliestLatest
	if s.Consecutive {
		mode = scoring.Consecutive
	}
	c := scoring.NewCohort(mode, rules)
	var r scoring.Rating
	for i := range d.ratings {
		d.rating(i, &r)
		c.Add(&r)
	}
	pairs := c.Pairs()
	used, err := scoring.ClassifyPairs(pairs, s.Change)
	if err != nil {
		return nil, err
	}
	res := &teamResult{Settings: s, Used: used, Counts: c.Counts(), Pairs: pairs, By: by}
	res.Method = methodLine(used, s.Change.SD == 0, len(pairs), mode)
	res.Kept = pairs
	if f.any() {
		res.Kept = make([]scoring.Pair, 0, len(pairs))
		for i := range pairs {
			if f.keep(&pairs[i]) {
				res.Kept = append(res.Kept, pairs[i])
			}
		}
	}
	res.Overall = scoring.Summarise(res.Kept, scoring.SummaryOptions{})
	if by != 0 {
		res.Groups = scoring.Summarise(res.Kept, scoring.SummaryOptions{By: by})
	}
	res.Ranges = scoring.BuildRanges(pairs, used, today)
	return res, nil
}

// utcToday is the current day in UTC, as 'honoscope ranges' dates its file.
func utcToday() scoring.Date {
	now := time.Now().UTC()
	return scoring.DateOf(now.Year(), now.Month(), now.Day())
}

// methodLine names the method with its source and the numbers used, as
// 'honoscope change' prints it to standard error.
func methodLine(o scoring.ChangeOptions, cohortSD bool, n int, mode scoring.PairMode) string {
	return "Method: " + o.Describe(cohortSD, n, mode) + "."
}

func fnum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// signed1 writes a mean change with one decimal and its sign: "−2.5", "+0.3", "0.0".
func signed1(x float64) string {
	s := strconv.FormatFloat(math.Abs(x), 'f', 1, 64)
	switch {
	case s == "0.0":
		return s
	case x < 0:
		return "−" + s
	}
	return "+" + s
}

// pct writes n of total as a percentage with one decimal: "12.5%".
func pct(n, total int) string {
	if total == 0 {
		return "–"
	}
	return strconv.FormatFloat(100*float64(n)/float64(total), 'f', 1, 64) + "%"
}

// categoryName names a category for the team view; "unchanged" is worded as
// stability, which is a good outcome for many patients (seed report).
func categoryName(c scoring.Category) string {
	switch c {
	case scoring.Unchanged:
		return "No reliable change (stable)"
	case scoring.Recovered:
		return "Recovered"
	case scoring.Improved:
		return "Improved"
	case scoring.Deteriorated:
		return "Deteriorated"
	}
	return "Harmed"
}

// groupName words a group key, e.g. "HoNOS · moderate · Team A".
func groupName(k scoring.GroupKey, by scoring.Dimensions) string {
	var parts []string
	rec := func(s string) string {
		if s == "" {
			return "not recorded"
		}
		return s
	}
	if by&scoring.ByInstrument != 0 {
		parts = append(parts, ui.InstrumentName(string(k.Instrument)))
	}
	if by&scoring.ByBand != 0 {
		parts = append(parts, "baseline "+k.Band)
	}
	if by&scoring.ByTeam != 0 {
		parts = append(parts, "team "+rec(k.Team))
	}
	if by&scoring.BySetting != 0 {
		parts = append(parts, "setting "+rec(k.Setting))
	}
	if by&scoring.ByOccasion != 0 {
		parts = append(parts, "occasion "+rec(k.Occasion))
	}
	if len(parts) == 0 {
		return "All pairs"
	}
	return strings.Join(parts, " · ")
}

// scatterCharts draws one Jacobson plot per instrument among pairs.
func scatterCharts(pairs []scoring.Pair, used scoring.ChangeOptions) ([]chart.Chart, error) {
	var out []chart.Chart
	for _, in := range scoring.Instruments() {
		var pts []chart.PairTotals
		for i := range pairs {
			if pairs[i].Instrument == in {
				pts = append(pts, chart.PairTotals{Baseline: pairs[i].BaselineScores.Total, Followup: pairs[i].FollowupScores.Total})
			}
		}
		if len(pts) == 0 {
			continue
		}
		c, err := chart.Scatter(pts, chart.ScatterOptions{ID: "team-scatter-" + string(in.ID), Title: in.Name + ": first and latest totals of each pair", MaxTotal: in.MaxTotal(), Change: used})
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
