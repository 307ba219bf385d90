// Package teamreport assembles the team outcome report's pictures from a
// change analysis's classified pairs: for each instrument, the outcome
// categories by team, the funnel plot of reliable improvement by team, the
// trend by quarter, the mean change by baseline band against the expected
// range, and the items moving between high and low, each a chart.Chart with
// its words and its table. The report is either the trust's (every team) or
// one team's against the trust.
//
// The browser's /team page and the command line's "honoscope report" both
// draw this one Report, so that they agree figure for figure. It holds
// aggregates only: no patient label, no rating date (periods are quarters),
// and every group with fewer than Options.MinGroup pairs is left out and
// said to be.
//
// The package is pure Go (scoring, chart and words only), tested natively.
package teamreport

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"honoscope/app/chart"
	"honoscope/scoring"
)

// MinGroup is the fewest pairs a group needs to be shown in the report, on
// the page as in the file: scoring.MinRangeGroup, the rule of the
// expected-change ranges (the seed report: groups under 10 are suppressed).
const MinGroup = scoring.MinRangeGroup

// AllTeams names the reference group: every pair the report is built from.
const AllTeams = "All teams"

// MaxQuarters is the most quarters the trend shows: the latest three years,
// enough to see a service change without squeezing a phone's chart.
const MaxQuarters = 12

// Options configure Build.
type Options struct {
	// Team chooses one team's report against all teams; "" is the trust's
	// report. chart.TeamNotRecorded chooses the pairs without a team.
	Team string
	// Width is the CSS width the charts are shown at (0: their widest).
	Width float64
	// MinGroup is the fewest pairs a group needs to be shown; smaller
	// groups are left out and named. 0 shows every group.
	MinGroup int
}

// Report is the team report: a section per instrument among the pairs.
type Report struct {
	// Team is the team reported on ("" for every team); Group names it
	// in words (the team's name or AllTeams).
	Team, Group string
	// Pairs is the number of pairs in the report's group.
	Pairs int
	// MinGroup is the suppression rule applied (Options.MinGroup).
	MinGroup int
	// Sections hold each instrument's pictures.
	Sections []Section
}

// Section is one instrument's part of the report.
type Section struct {
	// Instrument is the instrument; Pairs the group's pairs of it.
	Instrument *scoring.Instrument
	Pairs      int
	// Figures are the pictures, in reading order; none when no group of
	// the instrument is large enough to show (Empty says so).
	Figures []Figure
	// Small names the teams left out of the comparisons for having fewer
	// than MinGroup pairs.
	Small []string
}

// Empty words a section with no picture.
func (s *Section) Empty(min int) string {
	return "No group of the " + s.Instrument.Name + " pairs has " + strconv.Itoa(min) + " pairs or more, so there is nothing to draw."
}

// Figure is one picture of the report.
type Figure struct {
	// ID is unique in the report and safe as an HTML id.
	ID string
	// Heading and Intro introduce the picture.
	Heading, Intro string
	// Chart is the picture with its words and table.
	Chart chart.Chart
}

// TeamCount is one team with its number of pairs.
type TeamCount struct {
	Team  string
	Pairs int
}

// TeamOf is the team a pair counts for: its baseline rating's team, as the
// team summary groups it (a pair belongs where its episode started), or
// chart.TeamNotRecorded.
func TeamOf(p *scoring.Pair) string {
	if t := strings.TrimSpace(p.Baseline.Team); t != "" {
		return t
	}
	return chart.TeamNotRecorded
}

// Teams lists the teams among pairs with their pairs, by name.
func Teams(pairs []scoring.Pair) []TeamCount {
	t := NewTally()
	for i := range pairs {
		t.Add(&pairs[i])
	}
	return t.Teams()
}

// Quarter names the calendar quarter of d, "2025 Q3".
func Quarter(d scoring.Date) string {
	y, m, _ := d.Time().Date()
	return strconv.Itoa(y) + " Q" + strconv.Itoa((int(m)-1)/3+1)
}

// quarterIndex numbers quarters in order: year×4 + quarter − 1.
func quarterIndex(d scoring.Date) int {
	y, m, _ := d.Time().Date()
	return y*4 + (int(m)-1)/3
}

func quarterName(i int) string { return strconv.Itoa(i/4) + " Q" + strconv.Itoa(i%4+1) }

// Build draws the report of pairs (classified, as an Analysis keeps them)
// for opts. A team with no pairs is an error naming the teams there are.
func Build(pairs []scoring.Pair, opts Options) (*Report, error) {
	t := NewTally()
	for i := range pairs {
		t.Add(&pairs[i])
	}
	return t.Report(opts)
}

// Tally counts what the report draws from each pair as the pairs come, so
// that a report of millions of pairs holds counts, not pairs: its memory
// grows with the teams, quarters and changes seen. The zero value is not
// ready: use NewTally.
type Tally struct {
	cells map[cellKey]*cell
}

// cellKey is one instrument's pairs of one team.
type cellKey struct {
	in   int // in scoring.Instruments()
	team string
}

// cell counts the pairs of one group.
type cell struct {
	pairs, improved int
	categories      [len(scoring.Categories)]int
	// quarters holds, by the quarter of the latest rating, the pairs and
	// those reliably improved.
	quarters map[int]*[2]int
	// bands holds, by the first total's band, the change of the total:
	// how many pairs, their sum, and how many changed by each amount.
	bands map[string]*bandCount
	// items counts, per item, the pairs going high to low, low to high,
	// and those assessable (rated at both).
	items [scoring.MaxItems][3]int
}

type bandCount struct {
	n, sum int
	hist   map[int]int
}

func newCell() *cell {
	return &cell{quarters: map[int]*[2]int{}, bands: map[string]*bandCount{}}
}

// NewTally returns an empty tally.
func NewTally() *Tally { return &Tally{cells: map[cellKey]*cell{}} }

// Add counts a classified pair.
func (t *Tally) Add(p *scoring.Pair) {
	k := cellKey{in: instrumentIndex(p.Instrument), team: TeamOf(p)}
	c := t.cells[k]
	if c == nil {
		c = newCell()
		t.cells[k] = c
	}
	c.add(p)
}

func instrumentIndex(in *scoring.Instrument) int {
	for i, x := range scoring.Instruments() {
		if x == in {
			return i
		}
	}
	return -1
}

func (c *cell) add(p *scoring.Pair) {
	c.pairs++
	improved := p.Change.Reliable == scoring.ReliableImprovement
	if improved {
		c.improved++
	}
	for ci, cat := range scoring.Categories {
		if p.Change.Category == cat {
			c.categories[ci]++
		}
	}
	q := c.quarters[quarterIndex(p.Followup.Date)]
	if q == nil {
		q = &[2]int{}
		c.quarters[quarterIndex(p.Followup.Date)] = q
	}
	q[0]++
	if improved {
		q[1]++
	}
	band := scoring.BandLabel(&p.BaselineScores)
	bc := c.bands[band]
	if bc == nil {
		bc = &bandCount{hist: map[int]int{}}
		c.bands[band] = bc
	}
	d := p.FollowupScores.Total - p.BaselineScores.Total
	bc.n++
	bc.sum += d
	bc.hist[d]++
	for i := range c.items {
		switch p.Items[i] {
		case scoring.HighLow:
			c.items[i][0]++
			c.items[i][2]++
		case scoring.LowHigh:
			c.items[i][1]++
			c.items[i][2]++
		case scoring.HighHigh, scoring.LowLow:
			c.items[i][2]++
		}
	}
}

// merge adds o's counts to c.
func (c *cell) merge(o *cell) {
	c.pairs += o.pairs
	c.improved += o.improved
	for i := range c.categories {
		c.categories[i] += o.categories[i]
	}
	for q, n := range o.quarters {
		x := c.quarters[q]
		if x == nil {
			x = &[2]int{}
			c.quarters[q] = x
		}
		x[0] += n[0]
		x[1] += n[1]
	}
	for band, b := range o.bands {
		x := c.bands[band]
		if x == nil {
			x = &bandCount{hist: map[int]int{}}
			c.bands[band] = x
		}
		x.n += b.n
		x.sum += b.sum
		for d, n := range b.hist {
			x.hist[d] += n
		}
	}
	for i := range c.items {
		for j := range c.items[i] {
			c.items[i][j] += o.items[i][j]
		}
	}
}

// Teams lists the teams counted with their pairs, by name.
func (t *Tally) Teams() []TeamCount {
	n := map[string]int{}
	for k, c := range t.cells {
		n[k.team] += c.pairs
	}
	return sortedTeams(n)
}

func sortedTeams(n map[string]int) []TeamCount {
	out := make([]TeamCount, 0, len(n))
	for t, c := range n {
		out = append(out, TeamCount{t, c})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Team < out[b].Team })
	return out
}

// Report draws the report of the pairs counted, for opts. A team with no
// pairs is an error naming the teams there are.
func (t *Tally) Report(opts Options) (*Report, error) {
	r := &Report{Team: opts.Team, Group: AllTeams, MinGroup: opts.MinGroup}
	if opts.Team != "" {
		r.Group = opts.Team
	}
	suppressed := "fewer than " + strconv.Itoa(opts.MinGroup) + " pairs"
	for ii, in := range scoring.Instruments() {
		all := newCell()
		teams := map[string]*cell{}
		for k, c := range t.cells {
			if k.in == ii {
				teams[k.team] = c
				all.merge(c)
			}
		}
		own := all
		if opts.Team != "" {
			own = teams[opts.Team]
		}
		if own == nil || own.pairs == 0 {
			continue
		}
		r.Pairs += own.pairs
		s := Section{Instrument: in, Pairs: own.pairs}
		b := builder{in: in, opts: opts, suppressed: suppressed, all: all, own: own, teams: teams, group: r.Group}
		figs, small, err := b.figures()
		if err != nil {
			return nil, err
		}
		s.Figures, s.Small = figs, small
		r.Sections = append(r.Sections, s)
	}
	if opts.Team != "" && r.Pairs == 0 {
		var names []string
		for _, tc := range t.Teams() {
			names = append(names, tc.Team)
		}
		return nil, fmt.Errorf("no pairs for team %q; the teams are: %s", opts.Team, strings.Join(names, ", "))
	}
	return r, nil
}

// builder draws one instrument's figures.
type builder struct {
	in         *scoring.Instrument
	opts       Options
	suppressed string
	// all counts the instrument's pairs of every team; own those of the
	// report's group (the same as all for the trust's report); teams each
	// team's.
	all, own *cell
	teams    map[string]*cell
	group    string
}

func (b *builder) id(kind string) string { return "tr-" + string(b.in.ID) + "-" + kind }

func (b *builder) small(n int) bool { return n < b.opts.MinGroup }

func (b *builder) figures() ([]Figure, []string, error) {
	var figs []Figure
	n := map[string]int{}
	for team, c := range b.teams {
		n[team] = c.pairs
	}
	teams := sortedTeams(n)
	var shown, small []string
	for _, t := range teams {
		if b.small(t.Pairs) {
			small = append(small, t.Team)
		} else {
			shown = append(shown, t.Team)
		}
	}
	name := b.in.Name

	// Outcome categories: the trust and each team shown, or the team and
	// the trust.
	var rows []chart.OutcomeRow
	if b.opts.Team == "" {
		if !b.small(b.all.pairs) {
			rows = append(rows, outcomeRow(AllTeams, b.all))
		}
		for _, t := range shown {
			rows = append(rows, outcomeRow(t, b.teams[t]))
		}
	} else {
		if !b.small(b.own.pairs) {
			rows = append(rows, outcomeRow(b.group, b.own))
		}
		if !b.small(b.all.pairs) {
			rows = append(rows, outcomeRow(AllTeams, b.all))
		}
	}
	if len(rows) > 0 {
		c, err := chart.OutcomeBars(rows, chart.BarOptions{ID: b.id("outcomes"), Width: b.opts.Width, Title: name + ": outcome of each pair, by team"})
		if err != nil {
			return nil, nil, err
		}
		figs = append(figs, Figure{ID: b.id("outcomes"), Heading: "Outcomes by team", Chart: c,
			Intro: "Recovered: a reliable improvement from at or above the cut-off to below it. Improved: a reliable improvement otherwise. No reliable change: within measurement error, which for many people is a good outcome. Deteriorated and harmed mirror improved and recovered."})
	}

	// Funnel plot: every team shown, the chosen one named.
	if len(shown) >= 2 {
		var pts []chart.FunnelPoint
		for _, t := range shown {
			c := b.teams[t]
			pts = append(pts, chart.FunnelPoint{Label: t, N: c.pairs, K: c.improved})
		}
		c, err := chart.Funnel(pts, chart.FunnelOptions{ID: b.id("funnel"), Width: b.opts.Width, Mark: b.opts.Team,
			Title: name + ": share of each team's pairs reliably improved, against all teams' share"})
		if err != nil {
			return nil, nil, err
		}
		figs = append(figs, Figure{ID: b.id("funnel"), Heading: "Teams compared fairly (funnel plot)", Chart: c,
			Intro: "Each team's share of pairs with a reliable improvement, against the share across all teams. The curves show how far a team of its size may differ by chance alone: 95% and 99.8% limits (Spiegelhalter 2005). Teams see different people, so a team outside them is a reason to look closer, not a verdict."})
	}

	// Trend by quarter of the latest rating.
	if c, ok, err := b.trend(); err != nil {
		return nil, nil, err
	} else if ok {
		figs = append(figs, Figure{ID: b.id("trend"), Heading: "Trend by quarter", Chart: c,
			Intro: "Pairs completed in each quarter (the quarter of the latest rating) and the share of them reliably improved. A quarter with " + b.suppressed + " is not shown."})
	}

	// Mean change by baseline band against the expected range.
	if c, ok, err := b.bands(); err != nil {
		return nil, nil, err
	} else if ok {
		figs = append(figs, Figure{ID: b.id("bands"), Heading: "Change by starting severity, against the expected range", Chart: c,
			Intro: "People who start with more problems usually change more, so change is compared within each band of the first total. The bar is the middle half of the changes of " + strings.ToLower(AllTeams) + " starting in the band; the diamond is the mean change of " + b.groupWords() + "."})
	}

	// Items moving between high and low.
	if c, ok, err := b.items(); err != nil {
		return nil, nil, err
	} else if ok {
		figs = append(figs, Figure{ID: b.id("items"), Heading: "Change item by item", Chart: c,
			Intro: "The share of pairs in which an item went from a high rating (3 or 4) to a low one (0 to 2), and the reverse (Crawford et al. 2017)."})
	}
	return figs, small, nil
}

func (b *builder) groupWords() string {
	if b.opts.Team == "" {
		return strings.ToLower(AllTeams)
	}
	return b.group
}

func outcomeRow(label string, c *cell) chart.OutcomeRow {
	return chart.OutcomeRow{Label: label, Counts: c.categories}
}

func (b *builder) trend() (chart.Chart, bool, error) {
	first, last := math.MaxInt, math.MinInt
	for q := range b.all.quarters {
		first, last = min(first, q), max(last, q)
	}
	if first > last {
		return chart.Chart{}, false, nil
	}
	first = max(first, last-MaxQuarters+1)
	n := last - first + 1
	periods := make([]string, n)
	for i := range periods {
		periods[i] = quarterName(first + i)
	}
	series := func(name string, c *cell) chart.TrendSeries {
		s := chart.TrendSeries{Name: name, Points: make([]chart.TrendPoint, n)}
		for q, k := range c.quarters {
			q -= first
			if q < 0 {
				continue
			}
			s.Points[q].Pairs += k[0]
			s.Points[q].Improved += k[1]
		}
		for i := range s.Points {
			if p := &s.Points[i]; p.Pairs > 0 && b.small(p.Pairs) {
				*p = chart.TrendPoint{Suppressed: true}
			}
		}
		return s
	}
	var ss []chart.TrendSeries
	if b.opts.Team != "" {
		ss = append(ss, series(b.group, b.own))
	}
	ss = append(ss, series(AllTeams, b.all))
	// A trend with no quarter to show is no picture.
	shown := false
	for _, s := range ss {
		for _, p := range s.Points {
			shown = shown || p.Pairs > 0 && !p.Suppressed
		}
	}
	if !shown {
		return chart.Chart{}, false, nil
	}
	title := b.in.Name + ": pairs completed and share reliably improved, by quarter"
	if n == MaxQuarters {
		title += " (the latest " + strconv.Itoa(MaxQuarters) + ")"
	}
	c, err := chart.Trend(periods, ss, b.suppressed, chart.BarOptions{ID: b.id("trend"), Width: b.opts.Width, Title: title})
	return c, err == nil, err
}

// bandNames words the baseline bands for the report.
var bandNames = map[string]string{
	"mild":            "Starting mild",
	"moderate":        "Starting moderate",
	"severe":          "Starting severe",
	scoring.NotBanded: "Not banded (no band is published for this instrument)",
}

func (b *builder) bands() (chart.Chart, bool, error) {
	var rows []chart.BandRow
	for _, band := range []string{"mild", "moderate", "severe", scoring.NotBanded} {
		own, all := b.own.bands[band], b.all.bands[band]
		if own == nil || own.n == 0 {
			continue
		}
		r := chart.BandRow{Label: bandNames[band], Pairs: own.n, RangePairs: all.n}
		if !b.small(own.n) {
			r.Shown, r.Mean = true, float64(own.sum)/float64(own.n)
		}
		if !b.small(all.n) {
			// The quartiles of the expected-change ranges (scoring.Quantile,
			// the method BuildRanges states, from counts as RangeTally
			// takes them), so the two never disagree.
			r.HasRange = true
			r.Q1, r.Median, r.Q3 = scoring.QuantileCounts(all.hist, all.n, 0.25), scoring.QuantileCounts(all.hist, all.n, 0.5), scoring.QuantileCounts(all.hist, all.n, 0.75)
		}
		rows = append(rows, r)
	}
	shown := false
	for _, r := range rows {
		shown = shown || r.Shown || r.HasRange
	}
	if !shown {
		return chart.Chart{}, false, nil
	}
	c, err := chart.BandChange(rows, b.groupWords(), strings.ToLower(AllTeams), b.suppressed, chart.BarOptions{ID: b.id("bands"), Width: b.opts.Width,
		Title: b.in.Name + ": mean change of the total by starting band, against the expected range"})
	return c, err == nil, err
}

func (b *builder) items() (chart.Chart, bool, error) {
	rows := make([]chart.ItemShiftRow, b.in.Scored)
	for i := range rows {
		rows[i].Label = strconv.Itoa(i+1) + ". " + b.in.Items[i].Title
	}
	for i := range rows {
		rows[i].HighLow, rows[i].LowHigh, rows[i].Assessable = b.own.items[i][0], b.own.items[i][1], b.own.items[i][2]
	}
	any := false
	for i := range rows {
		rows[i].Shown = rows[i].Assessable > 0 && !b.small(rows[i].Assessable)
		any = any || rows[i].Shown
	}
	if !any {
		return chart.Chart{}, false, nil
	}
	c, err := chart.ItemShifts(rows, b.suppressed, chart.BarOptions{ID: b.id("items"), Width: b.opts.Width,
		Title: b.in.Name + ", " + b.groupWords() + ": items moving between high (3–4) and low (0–2)"})
	return c, err == nil, err
}
