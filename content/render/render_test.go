package render

import (
	"os"
	"strings"
	"testing"
)

// goldenCase is one numbered case of a goldmark-style golden file.
type goldenCase struct {
	name, markdown, html string
}

// readGolden reads cases written as in goldmark's _test/*.txt files: a title
// line, "//- - -//", the markdown, "//- - -//", the HTML, then "//= = =//".
func readGolden(t *testing.T, path string) []goldenCase {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const sep = "//- - - - - - - - -//\n"
	const end = "//= = = = = = = = = = = = = = = = = = = = = = = =//\n"
	var cases []goldenCase
	for _, block := range strings.Split(string(src), end) {
		block = strings.TrimLeft(block, "\n")
		if block == "" {
			continue
		}
		parts := strings.Split(block, sep)
		if len(parts) != 3 {
			t.Fatalf("%s: case %q is not title, markdown and HTML separated by %q", path, strings.SplitN(block, "\n", 2)[0], strings.TrimSpace(sep))
		}
		cases = append(cases, goldenCase{strings.TrimSpace(parts[0]), parts[1], parts[2]})
	}
	return cases
}

func TestMarkdownRendersTheGoldenCases(t *testing.T) {
	t.Parallel()
	cases := readGolden(t, "testdata/render.txt")
	if len(cases) < 6 {
		t.Fatalf("read %d golden cases, want at least 6", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got, err := Markdown("doc", []byte(c.markdown))
			if err != nil {
				t.Fatal(err)
			}
			if got != c.html {
				t.Errorf("markdown:\n%s\ngot:\n%s\nwant:\n%s", c.markdown, got, c.html)
			}
		})
	}
}

func TestRenderedContentHasNoInlineStyleOrScript(t *testing.T) {
	t.Parallel()
	set, problems, err := LoadDir("..")
	if err != nil || len(problems) > 0 {
		t.Fatalf("loading content: %v %v", err, problems)
	}
	var all []string
	for _, v := range set.Vignettes {
		all = append(all, v.HTML)
	}
	for _, p := range set.Pages {
		all = append(all, p.HTML)
	}
	for _, h := range all {
		for _, bad := range []string{"style=", "<script", "raw HTML omitted", "javascript:"} {
			if strings.Contains(h, bad) {
				t.Errorf("rendered content contains %q", bad)
			}
		}
	}
}
