package scoring

import (
	"strings"
	"testing"
	"time"
)

// rating builds a rating of instrument id from codes for items 1, 2, …;
// items not given stay at 0.
func rating(id InstrumentID, codes ...Code) *Rating {
	r := &Rating{Patient: "p", Instrument: MustInstrument(id)}
	copy(r.Items[:], codes)
	return r
}

// all returns n copies of c.
func all(n int, c Code) []Code {
	out := make([]Code, n)
	for i := range out {
		out[i] = c
	}
	return out
}

func TestParseCode(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   string
		want Code
		bad  bool
	}{
		{"zero is no problem", "0", NoProblem, false},
		{"one is a minor problem", "1", Minor, false},
		{"two is a mild problem", "2", Mild, false},
		{"three is a moderately severe problem", "3", Moderate, false},
		{"four is a severe problem", "4", Severe, false},
		{"nine is not known", "9", NotKnown, false},
		{"seven (NOCC not stated) is not known", "7", NotKnown, false},
		{"eight (METEOR unknown) is not known", "8", NotKnown, false},
		{"an empty cell is not known", "", NotKnown, false},
		{"a blank cell is not known", "   ", NotKnown, false},
		{"surrounding spaces are ignored", " 3 ", Moderate, false},
		{"a fraction is rejected", "2.5", 0, true},
		{"a whole number written as a fraction is rejected", "3.0", 0, true},
		{"five is rejected", "5", 0, true},
		{"six is rejected", "6", 0, true},
		{"minus one is rejected", "-1", 0, true},
		{"ten is rejected", "10", 0, true},
		{"a leading zero is rejected", "03", 0, true},
		{"a letter is rejected", "x", 0, true},
		{"a plus sign is rejected", "+2", 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseCode(c.in)
			if c.bad {
				if err == nil {
					t.Fatalf("ParseCode(%q) = %v, want an error", c.in, got)
				}
				if !strings.Contains(err.Error(), "use 0, 1, 2, 3 or 4") {
					t.Errorf("error %q does not say what is allowed", err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("ParseCode(%q) = %v, %v; want %v", c.in, got, err, c.want)
			}
		})
	}
}

func TestParseCodeClipsLongInput(t *testing.T) {
	t.Parallel()
	_, err := ParseCode(strings.Repeat("x", 1000))
	if err == nil || len(err.Error()) > 200 {
		t.Fatalf("error for a 1000-byte cell is %d bytes, want a short one", len(err.Error()))
	}
}

func TestCodePredicates(t *testing.T) {
	t.Parallel()
	for c := Code(0); c < 16; c++ {
		rated := c <= 4
		if c.Rated() != rated {
			t.Errorf("Code(%d).Rated() = %v, want %v", c, c.Rated(), rated)
		}
		sig := c >= 2 && c <= 4
		if c.Significant() != sig {
			t.Errorf("Code(%d).Significant() = %v, want %v", c, c.Significant(), sig)
		}
		high := c == 3 || c == 4
		if c.High() != high {
			t.Errorf("Code(%d).High() = %v, want %v", c, c.High(), high)
		}
	}
	if NotKnown.String() != "9" || Moderate.String() != "3" {
		t.Errorf("String: got %q and %q, want 9 and 3", NotKnown, Moderate)
	}
	if METEORUnknown != 8 {
		t.Errorf("METEOR unknown code is %d, want 8 (METEOR 717795)", METEORUnknown)
	}
}

func TestParseProblemType(t *testing.T) {
	t.Parallel()
	for p := 'A'; p <= 'K'; p++ {
		for _, s := range []string{string(p), string(p + 'a' - 'A')} {
			got, err := ParseProblemType(s)
			if err != nil || got != ProblemType(p) || !got.Valid() || got.Name() == "" {
				t.Errorf("ParseProblemType(%q) = %v, %v; want %c", s, got, err, p)
			}
		}
	}
	for _, s := range []string{"L", "l", "Z", "AB", "1", "@", "[", "`", "{", "é"} {
		if got, err := ParseProblemType(s); err == nil {
			t.Errorf("ParseProblemType(%q) = %v, want an error", s, got)
		}
	}
	if got, err := ParseProblemType(" "); err != nil || got != NoProblemType {
		t.Errorf("ParseProblemType(blank) = %v, %v; want none", got, err)
	}
	if n := len(ProblemTypes()); n != 11 {
		t.Errorf("ProblemTypes has %d types, want 11 (A to K)", n)
	}
	if ProblemType('K').Name() != "Elated mood (2018 glossary)" {
		t.Errorf("K is %q, want elated mood", ProblemType('K').Name())
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	good := []struct {
		in   string
		want Date
	}{
		{"2024-02-29", DateOf(2024, time.February, 29)},
		{"2000-02-29", DateOf(2000, time.February, 29)},
		{"2023-12-31", DateOf(2023, time.December, 31)},
		{"1970-01-01", 0},
		{"1900-01-01", DateOf(1900, time.January, 1)},
	}
	for _, c := range good {
		got, err := ParseDate(c.in)
		if err != nil || got != c.want || got.String() != c.in {
			t.Errorf("ParseDate(%q) = %v (%s), %v; want %v", c.in, int32(got), got, err, int32(c.want))
		}
	}
	bad := []string{
		"2023-02-29", // not a leap year
		"1900-02-29", // century not divisible by 400
		"2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32",
		"2024/01/01", "01-01-2024", "2024-1-1", "2024-01-01T00:00", "20240101",
		"", "yyyy-mm-dd", "+024-01-01", "2024-0a-01", "1899-12-31",
	}
	for _, s := range bad {
		if got, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) = %s, want an error", s, got)
		} else if !strings.Contains(err.Error(), "YYYY-MM-DD") {
			t.Errorf("ParseDate(%q): error %q does not give the form", s, err)
		}
	}
	if !(DateOf(2024, 1, 1) < DateOf(2024, 1, 2)) {
		t.Error("dates do not order by day")
	}
}

func TestInstruments(t *testing.T) {
	t.Parallel()
	cases := []struct {
		id                        InstrumentID
		items, scored, max        int
		problemType               bool
		groups                    [][]int
		firstTitle, lastTitleWord string
	}{
		{HoNOS, 12, 12, 48, true, [][]int{{1, 2, 3}, {4, 5}, {6, 7, 8}, {9, 10, 11, 12}}, "Overactive", "activities"},
		{HoNOS65, 12, 12, 48, true, [][]int{{1, 2, 3}, {4, 5}, {6, 7, 8}, {9, 10, 11, 12}}, "Behavioural", "activities"},
		{HoNOSCA, 15, 13, 52, false, [][]int{{1, 2, 3, 4}, {5, 6}, {7, 8, 9}, {10, 11, 12, 13}}, "Disruptive", "management"},
	}
	for _, c := range cases {
		in := MustInstrument(c.id)
		if len(in.Items) != c.items || in.Scored != c.scored || in.MaxTotal() != c.max || in.HasProblemType != c.problemType {
			t.Errorf("%s: %d items, %d scored, max %d, problem type %v; want %d, %d, %d, %v",
				c.id, len(in.Items), in.Scored, in.MaxTotal(), in.HasProblemType, c.items, c.scored, c.max, c.problemType)
		}
		for i, it := range in.Items {
			if it.Number != i+1 || it.Scored != (i < c.scored) || it.Title == "" {
				t.Errorf("%s item %d: %+v", c.id, i+1, it)
			}
		}
		if !strings.HasPrefix(in.Items[0].Title, c.firstTitle) || !strings.HasSuffix(in.Items[len(in.Items)-1].Title, c.lastTitleWord) {
			t.Errorf("%s: titles %q … %q", c.id, in.Items[0].Title, in.Items[len(in.Items)-1].Title)
		}
		if err := in.Subscales.Validate(); err != nil {
			t.Errorf("%s built-in subscales invalid: %v", c.id, err)
		}
		names := []string{"Behaviour", "Impairment", "Symptoms", "Social"}
		for i, g := range in.Subscales.Groups {
			if g.Name != names[i] || !equalInts(g.Items, c.groups[i]) {
				t.Errorf("%s subscale %d = %s %v, want %s %v", c.id, i, g.Name, g.Items, names[i], c.groups[i])
			}
		}
	}
	for _, s := range []string{"HoNOS", " honos65 ", "HONOSCA"} {
		if _, err := LookupInstrument(s); err != nil {
			t.Errorf("LookupInstrument(%q): %v", s, err)
		}
	}
	for _, s := range []string{"", "honos-65", "mhct", "honos 65"} {
		if _, err := LookupInstrument(s); err == nil {
			t.Errorf("LookupInstrument(%q) accepted", s)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestScoreTotalsAndValidity(t *testing.T) {
	t.Parallel()
	nk := NotKnown
	cases := []struct {
		name        string
		r           *Rating
		rules       Rules
		total       int
		validItems  int
		valid       bool
		significant int
	}{
		{"all zero HoNOS totals 0", rating(HoNOS, all(12, 0)...), DefaultRules(), 0, 12, true, 0},
		{"all four HoNOS totals the maximum 48", rating(HoNOS, all(12, 4)...), DefaultRules(), 48, 12, true, 12},
		{"all four HoNOS 65+ totals 48", rating(HoNOS65, all(12, 4)...), DefaultRules(), 48, 12, true, 12},
		{"all four HoNOSCA totals 52, not 60", rating(HoNOSCA, all(15, 4)...), DefaultRules(), 52, 13, true, 13},
		{"HoNOSCA items 14 and 15 add nothing", rating(HoNOSCA, append(all(13, 0), 4, 4)...), DefaultRules(), 0, 13, true, 0},
		{"HoNOSCA item 13 counts", rating(HoNOSCA, append(all(12, 0), 3)...), DefaultRules(), 3, 13, true, 1},
		{"a HoNOS item 13 (MHCT extra) is ignored", rating(HoNOS, append(all(12, 1), 4, 4, 4)...), DefaultRules(), 12, 12, true, 0},
		{"two unknown items keep the total valid", rating(HoNOS, nk, nk, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2), DefaultRules(), 20, 10, true, 10},
		{"three unknown items make the total invalid", rating(HoNOS, nk, nk, nk, 2, 2, 2, 2, 2, 2, 2, 2, 2), DefaultRules(), 18, 9, false, 9},
		{"two unknown HoNOSCA items (11 of 13) keep it valid", rating(HoNOSCA, append(all(11, 1), nk, nk)...), DefaultRules(), 11, 11, true, 0},
		{"three unknown HoNOSCA items make it invalid", rating(HoNOSCA, append(all(10, 1), nk, nk, nk)...), DefaultRules(), 10, 10, false, 0},
		{"unknown HoNOSCA items 14 and 15 do not count as unknown", rating(HoNOSCA, append(all(11, 1), nk, nk, nk, nk)...), DefaultRules(), 11, 11, true, 0},
		{"MaxUnknown 3 accepts three unknown", rating(HoNOS, nk, nk, nk, 2, 2, 2, 2, 2, 2, 2, 2, 2), Rules{MaxUnknown: 3}, 18, 9, true, 9},
		{"MaxUnknown 0 rejects one unknown", rating(HoNOS, append(all(11, 0), nk)...), Rules{MaxUnknown: 0}, 0, 11, false, 0},
		{"MaxUnknown 0 accepts a complete form", rating(HoNOS, all(12, 1)...), Rules{MaxUnknown: 0}, 12, 12, true, 0},
		{"all unknown totals 0 and is invalid", rating(HoNOS, all(12, nk)...), DefaultRules(), 0, 0, false, 0},
		{"codes 1 are not significant, 2 are", rating(HoNOS, 1, 1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0), DefaultRules(), 5, 12, true, 1},
		{"codes 3 and 4 are significant", rating(HoNOS, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), DefaultRules(), 7, 12, true, 2},
		{"an out-of-range byte counts as unknown", rating(HoNOS, 5, 200, 255, 1, 1, 1, 1, 1, 1, 1, 1, 1), DefaultRules(), 9, 9, false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := Score(c.r, c.rules)
			if s.Total != c.total || s.ValidItems != c.validItems || s.TotalValid != c.valid || s.Significant != c.significant {
				t.Fatalf("got total %d, valid items %d, valid %v, significant %d; want %d, %d, %v, %d",
					s.Total, s.ValidItems, s.TotalValid, s.Significant, c.total, c.validItems, c.valid, c.significant)
			}
			if s.MaxTotal != c.r.Instrument.MaxTotal() || s.ScoredItems != c.r.Instrument.Scored || s.Unknown() != s.ScoredItems-s.ValidItems {
				t.Fatalf("max %d scored %d unknown %d", s.MaxTotal, s.ScoredItems, s.Unknown())
			}
		})
	}
}

func TestScoreWithoutInstrumentIsEmpty(t *testing.T) {
	t.Parallel()
	if s := Score(&Rating{}, DefaultRules()); s != (Scores{}) {
		t.Fatalf("got %+v, want empty scores", s)
	}
}

func TestProratedTotalOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	r := rating(HoNOS, NotKnown, NotKnown, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2) // 20 from 10 items
	if s := Score(r, DefaultRules()); s.ProratedTotal != 0 || s.Total != 20 {
		t.Fatalf("default rules pro-rated: %+v", s)
	}
	s := Score(r, Rules{MaxUnknown: 2, Prorate: true})
	if s.ProratedTotal != 24 || s.Total != 20 { // 20 × 12 / 10
		t.Fatalf("pro-rated %v total %d, want 24 and 20", s.ProratedTotal, s.Total)
	}
	r.Items[2] = NotKnown // now invalid
	if s := Score(r, Rules{MaxUnknown: 2, Prorate: true}); s.ProratedTotal != 0 {
		t.Fatalf("pro-rated an invalid total: %v", s.ProratedTotal)
	}
}

func TestSubscalesOnlyWhenAllItemsRated(t *testing.T) {
	t.Parallel()
	nk := NotKnown
	cases := []struct {
		name  string
		r     *Rating
		want  [4]int
		valid [4]bool
	}{
		{"HoNOS Wing subscales sum 1–3, 4–5, 6–8, 9–12", rating(HoNOS, 1, 2, 3, 4, 0, 1, 1, 1, 2, 2, 2, 2), [4]int{6, 4, 3, 8}, [4]bool{true, true, true, true}},
		{"an unknown item 2 drops Behaviour only", rating(HoNOS, 1, nk, 3, 4, 0, 1, 1, 1, 2, 2, 2, 2), [4]int{0, 4, 3, 8}, [4]bool{false, true, true, true}},
		{"unknown items 5 and 12 drop Impairment and Social", rating(HoNOS, 1, 1, 1, 1, nk, 1, 1, 1, 1, 1, 1, nk), [4]int{3, 0, 3, 0}, [4]bool{true, false, true, false}},
		{"HoNOSCA Gowers subscales sum 1–4, 5–6, 7–9, 10–13", rating(HoNOSCA, 1, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4), [4]int{4, 4, 9, 16}, [4]bool{true, true, true, true}},
		{"an unknown HoNOSCA item 14 affects no subscale", rating(HoNOSCA, 1, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4, nk, nk), [4]int{4, 4, 9, 16}, [4]bool{true, true, true, true}},
		{"an unknown HoNOSCA item 4 drops Behaviour", rating(HoNOSCA, 1, 1, 1, nk, 2, 2, 3, 3, 3, 4, 4, 4, 4), [4]int{0, 4, 9, 16}, [4]bool{false, true, true, true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := Score(c.r, DefaultRules())
			if s.NGroups != 4 {
				t.Fatalf("NGroups = %d, want 4", s.NGroups)
			}
			for i := 0; i < 4; i++ {
				v, ok := s.Group(i)
				if v != c.want[i] || ok != c.valid[i] {
					t.Errorf("group %d = %d, %v; want %d, %v", i, v, ok, c.want[i], c.valid[i])
				}
			}
			if _, ok := s.Group(4); ok {
				t.Error("group 4 reported computable")
			}
			if _, ok := s.Group(-1); ok {
				t.Error("group -1 reported computable")
			}
		})
	}
}

func TestScoreItemsWithACustomGrouping(t *testing.T) {
	t.Parallel()
	g := &Grouping{Name: "two", Instrument: HoNOS, Groups: []Group{{Name: "a", Items: []int{12, 1}}, {Name: "b", Items: []int{7}}}}
	if err := g.Validate(); err != nil {
		t.Fatal(err)
	}
	r := rating(HoNOS, 4, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 3)
	s := ScoreItems(r.Instrument, &r.Items, g, DefaultRules())
	if s.NGroups != 2 || s.Groups[0] != 7 || s.Groups[1] != 2 || !s.GroupValid[0] || !s.GroupValid[1] {
		t.Fatalf("got %+v", s)
	}
	if s := ScoreItems(r.Instrument, &r.Items, nil, DefaultRules()); s.NGroups != 0 || s.Total != 9 {
		t.Fatalf("nil grouping: %+v", s)
	}
}

func TestIndicativeSeverity(t *testing.T) {
	t.Parallel()
	cases := []struct {
		id    InstrumentID
		total int
		want  Severity
	}{
		{HoNOS, 0, SeverityMild},
		{HoNOS, 9, SeverityMild},
		{HoNOS, 10, SeverityModerate},
		{HoNOS, 12, SeverityModerate},
		{HoNOS, 13, SeveritySevere},
		{HoNOS, 48, SeveritySevere},
		{HoNOS65, 9, SeverityMild},
		{HoNOS65, 10, SeverityModerate},
		{HoNOS65, 12, SeverityModerate},
		{HoNOS65, 13, SeveritySevere},
		{HoNOSCA, 9, SeverityNone},
		{HoNOSCA, 13, SeverityNone},
		{HoNOSCA, 52, SeverityNone},
	}
	for _, c := range cases {
		if got := IndicativeSeverity(c.id, c.total); got != c.want {
			t.Errorf("IndicativeSeverity(%s, %d) = %q, want %q", c.id, c.total, got, c.want)
		}
	}
	// Through Score: a valid HoNOS total of 13 is severe, an invalid one has no band.
	r := rating(HoNOS, 4, 4, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0)
	if s := Score(r, DefaultRules()); s.Severity != SeveritySevere {
		t.Errorf("valid 13: severity %q", s.Severity)
	}
	r.Items[5], r.Items[6], r.Items[7] = NotKnown, NotKnown, NotKnown
	if s := Score(r, DefaultRules()); s.Severity != SeverityNone || s.TotalValid {
		t.Errorf("invalid 13: severity %q valid %v", s.Severity, s.TotalValid)
	}
	if s := Score(rating(HoNOSCA, all(13, 2)...), DefaultRules()); s.Severity != SeverityNone {
		t.Errorf("HoNOSCA total banded %q", s.Severity)
	}
	if ModerateFrom != 10 || SevereFrom != 13 {
		t.Errorf("bands start at %d and %d, want 10 and 13 (Parabiaghi et al. 2014)", ModerateFrom, SevereFrom)
	}
}

func TestNeedsProblemType(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		id   InstrumentID
		item Code
		typ  ProblemType
		want bool
	}{
		{"HoNOS item 8 rated 0 needs no type", HoNOS, 0, 0, false},
		{"HoNOS item 8 rated 1 needs a type", HoNOS, 1, 0, true},
		{"HoNOS item 8 rated 4 needs a type", HoNOS, 4, 0, true},
		{"HoNOS item 8 rated 2 with type B is complete", HoNOS, 2, 'B', false},
		{"HoNOS item 8 unknown needs no type", HoNOS, NotKnown, 0, false},
		{"HoNOS 65+ item 8 rated 3 needs a type", HoNOS65, 3, 0, true},
		{"HoNOSCA item 8 has no problem type", HoNOSCA, 3, 0, false},
	}
	for _, c := range cases {
		r := rating(c.id)
		r.Items[7], r.ProblemType = c.item, c.typ
		if got := r.NeedsProblemType(); got != c.want {
			t.Errorf("%s: got %v", c.name, got)
		}
	}
	if (&Rating{}).NeedsProblemType() {
		t.Error("a rating without an instrument needs a type")
	}
}

func TestRatingItem(t *testing.T) {
	t.Parallel()
	r := rating(HoNOS, 1, 2, 3)
	if r.Item(1) != 1 || r.Item(3) != 3 || r.Item(0) != NotKnown || r.Item(13) != NotKnown {
		t.Fatalf("Item: %v %v %v %v", r.Item(1), r.Item(3), r.Item(0), r.Item(13))
	}
}

func TestGroupingValidate(t *testing.T) {
	t.Parallel()
	ok := func() Grouping {
		return Grouping{Name: "g", Instrument: HoNOS, Groups: []Group{{Name: "a", Items: []int{1, 2}}, {Name: "b", Items: []int{12}}}}
	}
	cases := []struct {
		name   string
		edit   func(*Grouping)
		errHas string
	}{
		{"a valid grouping passes", func(*Grouping) {}, ""},
		{"a grouping needs a name", func(g *Grouping) { g.Name = " " }, "no name"},
		{"an unknown instrument is rejected", func(g *Grouping) { g.Instrument = "mhct" }, "unknown instrument"},
		{"no groups is rejected", func(g *Grouping) { g.Groups = nil }, "0 groups"},
		{"nine groups are too many", func(g *Grouping) {
			g.Groups = nil
			for i := 1; i <= 9; i++ {
				g.Groups = append(g.Groups, Group{Name: string(rune('a' + i)), Items: []int{i}})
			}
		}, "9 groups"},
		{"eight groups are allowed", func(g *Grouping) {
			g.Groups = nil
			for i := 1; i <= 8; i++ {
				g.Groups = append(g.Groups, Group{Name: string(rune('a' + i)), Items: []int{i}})
			}
		}, ""},
		{"a group needs a name", func(g *Grouping) { g.Groups[1].Name = "" }, "has no name"},
		{"names must be unique ignoring case", func(g *Grouping) { g.Groups[1].Name = "A" }, "used twice"},
		{"a group needs items", func(g *Grouping) { g.Groups[1].Items = nil }, "no items"},
		{"item 0 is rejected", func(g *Grouping) { g.Groups[1].Items = []int{0} }, "not a scored item"},
		{"HoNOS item 13 is rejected", func(g *Grouping) { g.Groups[1].Items = []int{13} }, "not a scored item"},
		{"HoNOSCA item 13 is accepted", func(g *Grouping) { g.Instrument = HoNOSCA; g.Groups[1].Items = []int{13} }, ""},
		{"HoNOSCA item 14 is rejected", func(g *Grouping) { g.Instrument = HoNOSCA; g.Groups[1].Items = []int{14} }, "not a scored item"},
		{"an item in two groups is rejected", func(g *Grouping) { g.Groups[1].Items = []int{2} }, "at most one group"},
		{"an item twice in one group is rejected", func(g *Grouping) { g.Groups[1].Items = []int{5, 5} }, "at most one group"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			g := ok()
			c.edit(&g)
			err := g.Validate()
			if c.errHas == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.errHas) {
				t.Fatalf("error %v, want one containing %q", err, c.errHas)
			}
		})
	}
}

func TestHoNOSCATotalsItemsOneToThirteenOnly(t *testing.T) {
	t.Parallel()
	// Every HoNOSCA item rated 4, including the information items 14 and 15:
	// the total is 13 × 4 = 52, never 60 (METEOR 575041: scales 1 to 13).
	r := Rating{Instrument: MustInstrument(HoNOSCA)}
	for i := range r.Items {
		r.Items[i] = Severe
	}
	s := Score(&r, DefaultRules())
	if s.Total != 52 || s.MaxTotal != 52 || s.ScoredItems != 13 || s.ValidItems != 13 || s.Significant != 13 {
		t.Errorf("HoNOSCA all 4s: total %d/%d, %d of %d valid, %d significant; want 52/52, 13 of 13, 13",
			s.Total, s.MaxTotal, s.ValidItems, s.ScoredItems, s.Significant)
	}
	// Items 14 and 15 not known do not touch validity.
	r.Items[13], r.Items[14] = NotKnown, NotKnown
	if s := Score(&r, DefaultRules()); !s.TotalValid || s.Total != 52 {
		t.Errorf("HoNOSCA with items 14–15 not known: total %d valid %v; want 52 valid", s.Total, s.TotalValid)
	}
}

func TestItem8AsksForItsProblemTypeOnlyWhenRated1To4OnHoNOSAndHoNOS65(t *testing.T) {
	t.Parallel()
	for _, id := range []InstrumentID{HoNOS, HoNOS65, HoNOSCA} {
		in, err := LookupInstrument(string(id))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			code Code
			want bool
		}{{NoProblem, false}, {Minor, true}, {Mild, true}, {Moderate, true}, {Severe, true}, {NotKnown, false}} {
			want := c.want && id != HoNOSCA
			if got := in.AsksProblemType(c.code); got != want {
				t.Errorf("%s item 8 rated %v: asks for the problem type %v, want %v", id, c.code, got, want)
			}
		}
	}
}

// Civil gives the calendar date time.Time gives, every day from 1600 to
// 2400 and either side of the epoch, and undoes ParseDate.
func TestCivilIsTheCalendarDate(t *testing.T) {
	t.Parallel()
	from := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC).Unix() / 86400
	to := time.Date(2400, 12, 31, 0, 0, 0, 0, time.UTC).Unix() / 86400
	for n := from; n <= to; n++ {
		d := Date(n)
		y, m, day := d.Civil()
		ty, tm, tday := d.Time().Date()
		if y != ty || m != int(tm) || day != tday {
			t.Fatalf("day %d: Civil %d-%d-%d, time %d-%d-%d", n, y, m, day, ty, tm, tday)
		}
		if y >= 1900 && y <= 9999 {
			if p, err := ParseDate(d.String()); err != nil || p != d {
				t.Fatalf("day %d: ParseDate(%s) = %d, %v", n, d, p, err)
			}
		}
	}
}
