package cli

import (
	"bytes"
	"strings"
	"testing"
)

// The content tests run from the repository's root, as the command is run,
// so that the paths it prints are the ones a maintainer types.

func TestContentCheckPrintsEveryProblemAndExitsOne(t *testing.T) {
	t.Chdir("../..")
	var stdout, stderr bytes.Buffer
	code := runCLI([]string{"content", "check", "content/render/testdata/broken"}, strings.NewReader(""), &stdout, &stderr)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", code, stderr.String())
	}
	want := "content/render/testdata/broken/vignettes/a-missing-field.md:1: missing field \"reviewed-by\"\n" +
		"content/render/testdata/broken/vignettes/b-out-of-range.md:13: item 3: rating 5 is out of range: use 0, 1, 2, 3, 4 or 9\n" +
		"content/render/testdata/broken/vignettes/c-wrong-items.md:10: ratings lack item 12: HoNOS has items 1–12; rate every one (9 when not known)\n" +
		"content/render/testdata/broken/vignettes/c-wrong-items.md:22: item 13 is not on HoNOS: it has items 1–12\n" +
		"content/render/testdata/broken/vignettes/d-duplicate-id.md:2: id \"out-of-range\" is already used at content/render/testdata/broken/vignettes/b-out-of-range.md:2: ids must be unique\n" +
		"content/render/testdata/broken/vignettes/e-bad-yaml.md:3: front matter is not valid YAML: did not find expected ',' or ']'\n" +
		"content/render/testdata/broken/vignettes/f-item8-type.md:15: item 5: only item 8 takes a problem type\n" +
		"content/render/testdata/broken/vignettes/f-item8-type.md:18: item 8: rated 2, so a problem type A to K is required\n" +
		"content/render/testdata/broken/vignettes/g-no-front-matter.md:1: no front matter: start the file with a line \"---\", then the fields, then a line \"---\"\n"
	if stdout.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), want)
	}
	if got := stderr.String(); got != "honoscope content check: 9 problems in content/render/testdata/broken\n" {
		t.Errorf("stderr: %q", got)
	}
}

func TestContentCheckPassesTheShippedContent(t *testing.T) {
	t.Chdir("../..")
	var stdout, stderr bytes.Buffer
	if code := runCLI([]string{"content", "check"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d; stdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	if stdout.Len() != 0 || !strings.Contains(stderr.String(), "no problems") {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
}

func TestContentCommandRejectsBadUsage(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"no sub-command", []string{"content"}, 2},
		{"an unknown sub-command", []string{"content", "lint"}, 2},
		{"too many folders", []string{"content", "check", "a", "b"}, 2},
		{"a missing folder", []string{"content", "check", "no-such-folder"}, 2},
		{"help", []string{"content", "--help"}, 0},
		{"help after check", []string{"content", "check", "-h"}, 0},
	}
	t.Chdir("../..")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := runCLI(c.args, strings.NewReader(""), &stdout, &stderr); got != c.code {
				t.Errorf("exit %d, want %d; stderr %s", got, c.code, stderr.String())
			}
		})
	}
}
