package render

import (
	"os"
	"strings"
	"testing"
)

func TestLoadReportsEveryProblemInTheBrokenFilesWithFileAndLine(t *testing.T) {
	t.Parallel()
	_, problems, err := LoadDir("testdata/broken")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`testdata/broken/vignettes/a-missing-field.md:1: missing field "reviewed-by"`,
		`testdata/broken/vignettes/b-out-of-range.md:13: item 3: rating 5 is out of range: use 0, 1, 2, 3, 4 or 9`,
		`testdata/broken/vignettes/c-wrong-items.md:10: ratings lack item 12: HoNOS has items 1–12; rate every one (9 when not known)`,
		`testdata/broken/vignettes/c-wrong-items.md:22: item 13 is not on HoNOS: it has items 1–12`,
		`testdata/broken/vignettes/d-duplicate-id.md:2: id "out-of-range" is already used at testdata/broken/vignettes/b-out-of-range.md:2: ids must be unique`,
		`testdata/broken/vignettes/e-bad-yaml.md:3: front matter is not valid YAML: did not find expected ',' or ']'`,
		`testdata/broken/vignettes/f-item8-type.md:15: item 5: only item 8 takes a problem type`,
		`testdata/broken/vignettes/f-item8-type.md:18: item 8: rated 2, so a problem type A to K is required`,
		`testdata/broken/vignettes/g-no-front-matter.md:1: no front matter: start the file with a line "---", then the fields, then a line "---"`,
	}
	got := make([]string, len(problems))
	for i, p := range problems {
		got[i] = p.String()
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseVignetteReportsEachKindOfMistakeAtItsLine(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("testdata/good/vignettes/valid.md")
	if err != nil {
		t.Fatal(err)
	}
	valid := string(src)
	if _, ps := ParseVignette("v.md", src); len(ps) != 0 {
		t.Fatalf("the valid vignette has problems: %v", ps)
	}
	cases := []struct {
		name     string
		old, new string
		want     []string
	}{
		{"a rating that is not a number", "  3: {rating: 1,", "  3: {rating: two,",
			[]string{`v.md:13: item 3: rating "two" is not a number: use 0, 1, 2, 3, 4 or 9`}},
		{"a negative rating", "  3: {rating: 1,", "  3: {rating: -1,",
			[]string{`v.md:13: item 3: rating -1 is out of range: use 0, 1, 2, 3, 4 or 9`}},
		{"a rating of 9 is accepted", "  3: {rating: 1,", "  3: {rating: 9,", nil},
		{"an item without a rating", `  4: {rating: 0, rationale: "No cognitive problem."}`, `  4: {rationale: "No cognitive problem."}`,
			[]string{`v.md:14: item 4: rating is missing`}},
		{"an empty rationale", `  4: {rating: 0, rationale: "No cognitive problem."}`, `  4: {rating: 0, rationale: ""}`,
			[]string{`v.md:14: item 4: rationale is missing: say in one line why`}},
		{"an unknown key in a rating", `  4: {rating: 0, rationale: "No cognitive problem."}`, `  4: {rating: 0, rationale: "x", why: "y"}`,
			[]string{`v.md:14: item 4: unknown key "why": use rating, rationale and (item 8) type`}},
		{"an item 8 type that is not A to K", "  8: {rating: 1, type: H,", "  8: {rating: 1, type: Z,",
			[]string{`v.md:18: item 8: problem type "Z" is not one of A to K`}},
		{"a lower-case item 8 type is accepted", "  8: {rating: 1, type: H,", "  8: {rating: 1, type: h,", nil},
		{"an item 8 type with a rating of 0", "  8: {rating: 1, type: H,", "  8: {rating: 0, type: H,",
			[]string{`v.md:18: item 8: rated 0, so no problem type belongs here`}},
		{"an item rated twice", `  12: {rating: 0,`, `  11: {rating: 0,`,
			[]string{`v.md:10: ratings lack item 12: HoNOS has items 1–12; rate every one (9 when not known)`, `v.md:22: item 11 is rated twice (first at line 21)`}},
		{"an unknown instrument", "instrument: honos", "instrument: honos66",
			[]string{`v.md:4: instrument "honos66" is not known: use honos, honos65 or honosca`}},
		{"an unknown difficulty", "difficulty: introductory", "difficulty: hard",
			[]string{`v.md:6: difficulty "hard" is not one of introductory, intermediate, advanced`}},
		{"a version that is not a number", "version: 1", "version: one",
			[]string{`v.md:8: field "version" must be a whole number, not "one"`}},
		{"a version of 0", "version: 1", "version: 0",
			[]string{`v.md:8: version 0 must be 1 or more`}},
		{"tags that are not a list", "tags: [review, recovery, low scores, stability]", "tags: review",
			[]string{`v.md:7: field "tags" must be a list, e.g. [psychosis, inpatient]`}},
		{"an empty title", "title: Annual review, well and working", `title: ""`,
			[]string{`v.md:3: field "title" is empty`}},
		{"an id with capitals and spaces", "id: honos-14-stable-review", "id: Stable Review",
			[]string{`v.md:2: id "Stable Review" must be lower-case letters and digits joined by single hyphens`}},
		{"a misspelt field", "setting: outpatient", "setings: outpatient",
			[]string{`v.md:1: missing field "setting"`, `v.md:5: unknown field "setings": the fields are id, title, instrument, setting, difficulty, tags, version, reviewed-by, ratings`}},
		{"a field given twice", "setting: outpatient", "setting: outpatient\nsetting: ward",
			[]string{`v.md:6: field "setting" appears twice (first at line 5)`}},
		{"front matter that is never closed", "\n---\n", "\n\n",
			[]string{`v.md:1: front matter is not closed: end it with a line "---" before the text`}},
		{"raw HTML in the summary", "Helen Osei, 39,", "<div>Helen</div>\n\nHelen Osei, 39,",
			[]string{`v.md:25: raw HTML is left out of the rendered page: use markdown instead`}},
		{"an HoNOSCA vignette rated on HoNOS items", "instrument: honos", "instrument: honosca",
			[]string{
				`v.md:10: ratings lack item 13: HoNOSCA has items 1–15; rate every one (9 when not known)`,
				`v.md:10: ratings lack item 14: HoNOSCA has items 1–15; rate every one (9 when not known)`,
				`v.md:10: ratings lack item 15: HoNOSCA has items 1–15; rate every one (9 when not known)`,
				`v.md:18: item 8: HoNOSCA takes no problem type`,
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if !strings.Contains(valid, c.old) {
				t.Fatalf("the valid vignette lacks %q", c.old)
			}
			_, ps := ParseVignette("v.md", []byte(strings.Replace(valid, c.old, c.new, 1)))
			got := make([]string, len(ps))
			for i, p := range ps {
				got[i] = p.String()
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestParseVignetteReportsAnEmptyCaseSummary(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("testdata/good/vignettes/valid.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	s = s[:strings.Index(s, "\n---\n")+5]
	_, ps := ParseVignette("v.md", []byte(s))
	if len(ps) != 1 || ps[0].String() != `v.md:23: the case summary is empty: write it in markdown below the closing "---"` {
		t.Errorf("problems: %v", ps)
	}
}

func TestParsePageChecksItsFields(t *testing.T) {
	t.Parallel()
	good := "---\nid: p\ntitle: T\nsummary: S\norder: 1\n---\n\nBody.\n"
	if p, ps := ParsePage("p.md", []byte(good)); len(ps) != 0 || p.HTML != "<p>Body.</p>\n" || p.Order != 1 {
		t.Fatalf("good page: %+v %v", p, ps)
	}
	_, ps := ParsePage("p.md", []byte("---\nid: p\ntitle: T\norder: first\n---\n\nBody.\n"))
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	want := []string{`p.md:1: missing field "summary"`, `p.md:4: field "order" must be a whole number, not "first"`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLoadReadsAFolderOfVignettesWithoutSubfolders(t *testing.T) {
	t.Parallel()
	set, problems, err := LoadDir("testdata/good/vignettes")
	if err != nil || len(problems) != 0 {
		t.Fatalf("err %v, problems %v", err, problems)
	}
	if len(set.Vignettes) != 1 || set.Vignettes[0].Source != "valid.md" || len(set.Vignettes[0].Reference) != 12 {
		t.Fatalf("set: %+v", set)
	}
}

func TestLoadDirRejectsAMissingFolder(t *testing.T) {
	t.Parallel()
	if _, _, err := LoadDir("testdata/no-such-folder"); err == nil {
		t.Fatal("no error for a missing folder")
	}
}
