package teamreport

import (
	"strconv"
	"strings"
	"testing"

	"honoscope/app/chart"
	"honoscope/scoring"
)

// cohort is three teams' HoNOS pairs: North 30 people, South 20, Crisis 5
// (under the suppression rule). Person i of a team starts at item codes
// that total 12+i%12 and ends lower by the team's own step, so every
// figure is known. The first rating is in 2025 Q1; the follow-up's quarter
// turns with i.
func cohort(t testing.TB) []scoring.Pair {
	type team struct {
		name   string
		people int
		drop   int
	}
	teams := []team{{"North", 30, 9}, {"South", 20, 2}, {"Crisis", 5, -10}}
	var ratings []scoring.Rating
	for _, tm := range teams {
		for i := 0; i < tm.people; i++ {
			id := tm.name + strconv.Itoa(i)
			base := 12 + i%12
			end := max(0, min(48, base-tm.drop))
			first, err := scoring.ParseDate("2025-01-15")
			if err != nil {
				t.Fatal(err)
			}
			follow := first + scoring.Date(90+91*(i%4))
			ratings = append(ratings, ratingOf(id, tm.name, first, base), ratingOf(id, tm.name, follow, end))
		}
	}
	a, err := scoring.Analyse(func(add func(*scoring.Rating)) error {
		for i := range ratings {
			add(&ratings[i])
		}
		return nil
	}, scoring.DefaultSettings(), scoring.View{})
	if err != nil {
		t.Fatal(err)
	}
	return a.Kept
}

// ratingOf spreads total over the 12 HoNOS items, 4 at most each, first
// items first.
func ratingOf(id, team string, d scoring.Date, total int) scoring.Rating {
	r := scoring.Rating{Patient: id, Date: d, Instrument: scoring.MustInstrument(scoring.HoNOS), Team: team}
	for i := range r.Items {
		r.Items[i] = scoring.NotKnown
	}
	for i := 0; i < 12; i++ {
		c := min(4, total)
		r.Items[i] = scoring.Code(c)
		total -= c
	}
	return r
}

func figure(t *testing.T, r *Report, kind string) Figure {
	t.Helper()
	for _, s := range r.Sections {
		for _, f := range s.Figures {
			if strings.HasSuffix(f.ID, "-"+kind) {
				return f
			}
		}
	}
	t.Fatalf("no %s figure in %v", kind, r.Sections)
	return Figure{}
}

// The trust's report shows every team of 10 pairs or more, names the
// smaller one as left out, and its counts are the classified pairs'.
func TestTheTrustsReportShowsTeamsOfTenPairsOrMore(t *testing.T) {
	t.Parallel()
	pairs := cohort(t)
	r, err := Build(pairs, Options{MinGroup: 10})
	if err != nil {
		t.Fatal(err)
	}
	if r.Pairs != 55 || len(r.Sections) != 1 || strings.Join(r.Sections[0].Small, ",") != "Crisis" {
		t.Fatalf("pairs %d, sections %d, small %v", r.Pairs, len(r.Sections), r.Sections[0].Small)
	}
	out := figure(t, r, "outcomes").Chart.Table
	var labels []string
	for _, row := range out.Rows {
		labels = append(labels, row[0]+"="+row[1])
	}
	if got := strings.Join(labels, " "); got != "All teams=55 North=30 South=20" {
		t.Errorf("outcome rows: %s", got)
	}
	// North dropped 9 points each: all reliably improved by the 8-point
	// rule (Parabiaghi 2005); South's 2 points are no reliable change.
	var northImproved, southStable int
	for i := range pairs {
		switch {
		case TeamOf(&pairs[i]) == "North" && pairs[i].Change.Reliable == scoring.ReliableImprovement:
			northImproved++
		case TeamOf(&pairs[i]) == "South" && pairs[i].Change.Reliable == scoring.NoReliableChange:
			southStable++
		}
	}
	if northImproved != 30 || southStable != 20 {
		t.Fatalf("the cohort is not as built: %d, %d", northImproved, southStable)
	}
	if got := strings.Join(out.Rows[2], "|"); got != "South|20|0 (0.0%)|0 (0.0%)|20 (100.0%)|0 (0.0%)|0 (0.0%)" {
		t.Errorf("South's row: %s", got)
	}
	funnel := figure(t, r, "funnel").Chart
	if len(funnel.Table.Rows) != 2 || !strings.Contains(funnel.Summary, "30 of 50 pairs reliably improved (60%)") {
		t.Errorf("funnel: %v / %s", funnel.Table.Rows, funnel.Summary)
	}
	// Follow-ups fall in four quarters; Crisis's pairs count in the trust's
	// trend, which is every pair the report is built from.
	trend := figure(t, r, "trend").Chart.Table
	total := 0
	for _, row := range trend.Rows {
		n, err := strconv.Atoi(row[1])
		if err != nil {
			t.Fatalf("quarter %s: %v", row[0], row)
		}
		total += n
	}
	if len(trend.Rows) != 4 || trend.Rows[0][0] != "2025 Q2" || total != 55 {
		t.Errorf("trend: %v", trend.Rows)
	}
	for _, s := range r.Sections {
		for _, f := range s.Figures {
			if strings.Contains(f.Chart.SVG+f.Chart.Summary, "North0") || strings.Contains(f.Chart.SVG, "2025-") {
				t.Errorf("%s names a person or a date", f.ID)
			}
		}
	}
}

// One team's report sets the team beside all teams in every picture, rings
// it on the funnel, and compares its mean change with the range of all
// teams in the same band.
func TestATeamsReportSetsItBesideAllTeams(t *testing.T) {
	t.Parallel()
	pairs := cohort(t)
	r, err := Build(pairs, Options{Team: "South", MinGroup: 10})
	if err != nil {
		t.Fatal(err)
	}
	if r.Group != "South" || r.Pairs != 20 {
		t.Fatalf("group %q, %d pairs", r.Group, r.Pairs)
	}
	out := figure(t, r, "outcomes").Chart.Table
	if len(out.Rows) != 2 || out.Rows[0][0] != "South" || out.Rows[1][0] != AllTeams {
		t.Errorf("outcome rows: %v", out.Rows)
	}
	if !strings.Contains(figure(t, r, "funnel").Chart.Summary, "(ringed)") {
		t.Error("the team is not ringed on the funnel")
	}
	if h := figure(t, r, "trend").Chart.Table.Headers; len(h) != 5 || !strings.HasPrefix(h[1], "South") {
		t.Errorf("trend headers: %v", h)
	}
	bands := figure(t, r, "bands").Chart
	// South's people start at totals 12 to 23, in more than one band;
	// every pair dropped 2 points, so each band shown has a mean of −2.
	for _, row := range bands.Table.Rows {
		if row[2] != "not shown" && row[2] != "−2.0" {
			t.Errorf("band %s: mean %s, want −2.0", row[0], row[2])
		}
	}
	if _, err := Build(pairs, Options{Team: "Nowhere", MinGroup: 10}); err == nil || !strings.Contains(err.Error(), "Crisis, North, South") {
		t.Errorf("an unknown team: %v", err)
	}
	// A team under the rule is still reported on when chosen, but its own
	// groups are left out and said to be.
	small, err := Build(pairs, Options{Team: "Crisis", MinGroup: 10})
	if err != nil {
		t.Fatal(err)
	}
	if rows := figure(t, small, "outcomes").Chart.Table.Rows; len(rows) != 1 || rows[0][0] != AllTeams {
		t.Errorf("a small team's outcomes shown: %v", rows)
	}
	if rows := figure(t, small, "bands").Chart.Table.Rows; rows[0][1] != "fewer than 10 pairs" {
		t.Errorf("a small team's band shown: %v", rows)
	}
}

// With no rule, every team is shown.
func TestNoMinimumShowsEveryTeam(t *testing.T) {
	t.Parallel()
	r, err := Build(cohort(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Sections[0].Small) != 0 || len(figure(t, r, "funnel").Chart.Table.Rows) != 3 {
		t.Error("a team is left out with no minimum")
	}
	if got := Quarter(mustDate(t, "2026-12-31")); got != "2026 Q4" {
		t.Errorf("quarter %s", got)
	}
	if got := Quarter(mustDate(t, "2026-04-01")); got != "2026 Q2" {
		t.Errorf("quarter %s", got)
	}
	if TeamOf(&scoring.Pair{}) != chart.TeamNotRecorded {
		t.Error("a pair without a team is not 'not recorded'")
	}
}

func mustDate(t *testing.T, s string) scoring.Date {
	d, err := scoring.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
