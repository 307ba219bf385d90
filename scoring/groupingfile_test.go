package scoring

import (
	"strings"
	"testing"
)

// goodGrouping is a made-up grouping for tests; it is not the four-factor
// model, whose item table is not known to the project.
const goodGrouping = `{
  "name": "Two halves (test)",
  "instrument": "honos",
  "groups": [
    {"name": "First", "items": [1, 2, 3, 4, 5, 6]},
    {"name": "Second", "items": [7, 8, 9, 10, 11, 12]}
  ]
}
`

func TestReadGroupingAcceptsAValidFile(t *testing.T) {
	t.Parallel()
	g, err := ReadGrouping(strings.NewReader("\xef\xbb\xbf" + goodGrouping))
	if err != nil {
		t.Fatal(err)
	}
	if g.Name != "Two halves (test)" || g.Instrument != HoNOS || len(g.Groups) != 2 || g.Groups[1].Name != "Second" || len(g.Groups[1].Items) != 6 {
		t.Fatalf("got %+v", g)
	}
	// The grouping scores like the built-in subscales.
	r := rating(HoNOS, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2)
	s := ScoreItems(r.Instrument, &r.Items, g, DefaultRules())
	if s.NGroups != 2 || s.Groups[0] != 6 || s.Groups[1] != 12 {
		t.Fatalf("scores %+v", s)
	}
}

func TestReadGroupingInstrumentIgnoresCase(t *testing.T) {
	t.Parallel()
	g, err := ReadGrouping(strings.NewReader(strings.Replace(goodGrouping, `"honos"`, `" HoNOS65 "`, 1)))
	if err != nil || g.Instrument != HoNOS65 {
		t.Fatalf("got %v, %v", g, err)
	}
}

func TestReadGroupingErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		old, new    string
		pos, errHas string
	}{
		{"a missing comma names its place", `"honos",`, `"honos"`, "line 4, column 3", "not valid JSON"},
		{"an unknown top-level field", `"instrument": "honos",`, `"instrument": "honos", "model": "4f",`, "line 3, column 26", `unknown field "model"`},
		{"a misspelt group field", `"items": [7`, `"item": [7`, "line 6, column 24", `unknown field "item"`},
		{"an item as text", `[1, 2, 3`, `["1", 2, 3`, "line 5, column 32", "whole item numbers"},
		{"a fractional item", `[1, 2, 3`, `[1.5, 2, 3`, "line 5, column 32", "whole item numbers"},
		{"a number as the name", `"Two halves (test)"`, `42`, "line 2, column 11", `"name" must be text`},
		{"groups as an object", "[\n    {\"name\": \"First\"", "{\"a\":\n    {\"name\": \"First\"", "line 4, column 13", "must be a list"},
		{"a group as a number", `{"name": "First", "items": [1, 2, 3, 4, 5, 6]}`, `7`, "line 5, column 5", "must be a JSON object"},
		{"an item in two groups names the second group", `[7, 8`, `[6, 8`, "line 6, column 5", "at most one group"},
		{"an item beyond the instrument", `12]`, `13]`, "line 6, column 5", "not a scored item"},
		{"a repeated group name", `"Second"`, `"first"`, "line 6, column 5", "used twice"},
		{"an empty group", `[7, 8, 9, 10, 11, 12]`, `[]`, "line 6, column 5", "no items"},
		{"an unknown instrument", `"honos"`, `"honos-ca"`, "line 3, column 17", "use honos, honos65 or honosca"},
		{"a blank name points at the name", `"Two halves (test)"`, `"  "`, "line 2, column 11", "no name"},
		{"a missing name", `"name": "Two halves (test)",`, ``, "line 1, column 1", "no name"},
		{"an empty group list", "[\n    {\"name\": \"First\", \"items\": [1, 2, 3, 4, 5, 6]},\n    {\"name\": \"Second\", \"items\": [7, 8, 9, 10, 11, 12]}\n  ]", "[]", "line 1, column 1", "0 groups"},
		{"a list instead of an object", goodGrouping, `[1, 2]`, "line 1, column 1", "must be a JSON object"},
		{"a truncated file", "  ]\n}\n", "  ]\n", "line 8, column 1", "ends too early"},
		{"text after the object", "  ]\n}\n", "  ]\n}\n}", "line 9, column 1", "after the end"},
		{"a repeated field", `"instrument": "honos",`, `"instrument": "honos", "instrument": "honos",`, "line 3, column 26", "twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if !strings.Contains(goodGrouping, c.old) {
				t.Fatalf("fixture lacks %q", c.old)
			}
			in := strings.Replace(goodGrouping, c.old, c.new, 1)
			g, err := ReadGrouping(strings.NewReader(in))
			if err == nil {
				t.Fatalf("accepted %+v from:\n%s", g, in)
			}
			if !strings.HasPrefix(err.Error(), c.pos+": ") || !strings.Contains(err.Error(), c.errHas) {
				t.Fatalf("error %q; want %q and %q", err, c.pos, c.errHas)
			}
		})
	}
}

func TestReadGroupingNineGroupsNamesTheNinth(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(`{"name": "n", "instrument": "honos", "groups": [`)
	for i := 1; i <= 9; i++ {
		if i > 1 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"name": "g` + string(rune('0'+i)) + `", "items": [` + string(rune('0'+i)) + `]}`)
	}
	b.WriteString("]}")
	_, err := ReadGrouping(strings.NewReader(b.String()))
	if err == nil || !strings.HasPrefix(err.Error(), "line 9, column 1: ") || !strings.Contains(err.Error(), "give 1 to 8") {
		t.Fatalf("error %v", err)
	}
}

func TestReadGroupingRejectsEmptyAndHugeInput(t *testing.T) {
	t.Parallel()
	if _, err := ReadGrouping(strings.NewReader("")); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty: %v", err)
	}
	if _, err := ReadGrouping(strings.NewReader(strings.Repeat(" ", MaxGroupingFile+1))); err == nil || !strings.Contains(err.Error(), "larger") {
		t.Errorf("huge: %v", err)
	}
}
