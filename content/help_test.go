package content

import (
	"os/exec"
	"strings"
	"testing"

	"honoscope/scoring"
)

func TestItemsCoverEveryItemOfEveryInstrument(t *testing.T) {
	t.Parallel()
	for _, in := range scoring.Instruments() {
		t.Run(string(in.ID), func(t *testing.T) {
			t.Parallel()
			help := Items(in.ID)
			if len(help) != len(in.Items) {
				t.Fatalf("Items(%s) has %d items, want %d", in.ID, len(help), len(in.Items))
			}
			for i, h := range help {
				it := in.Items[i]
				if h.Number != it.Number || h.Title != it.Title {
					t.Errorf("item %d: got %d %q, want %d %q", i+1, h.Number, h.Title, it.Number, it.Title)
				}
				if strings.TrimSpace(h.Covers) == "" {
					t.Errorf("item %d: Covers is empty", h.Number)
				}
				for lv, s := range h.Levels {
					if strings.TrimSpace(s) == "" {
						t.Errorf("item %d: level %d is empty", h.Number, lv)
					}
					if !strings.HasSuffix(s, ".") {
						t.Errorf("item %d: level %d %q does not end with a full stop", h.Number, lv, s)
					}
				}
				for _, n := range h.Notes {
					if strings.TrimSpace(n) == "" {
						t.Errorf("item %d: empty note", h.Number)
					}
				}
			}
		})
	}
}

func TestItemsReturnsNilForAnUnknownInstrument(t *testing.T) {
	t.Parallel()
	if got := Items("honosxyz"); got != nil {
		t.Fatalf("Items(unknown) = %d items, want nil", len(got))
	}
}

func TestItemEightAsksForTheProblemTypeWhereTheInstrumentHasOne(t *testing.T) {
	t.Parallel()
	for _, in := range scoring.Instruments() {
		eight := Items(in.ID)[7]
		mentions := false
		for _, n := range eight.Notes {
			if strings.Contains(n, "type (A to K)") {
				mentions = true
			}
		}
		if mentions != in.HasProblemType {
			t.Errorf("%s item 8 mentions the problem type: %v, want %v", in.ID, mentions, in.HasProblemType)
		}
	}
}

func TestItemsReturnsACopyTheCallerMayChange(t *testing.T) {
	t.Parallel()
	a := Items(scoring.HoNOS)
	a[0].Notes[0] = "changed"
	if Items(scoring.HoNOS)[0].Notes[0] == "changed" {
		t.Fatal("changing a returned note changed the package's text")
	}
}

func TestRatingRulesStateThePeriodAndTheUseOfNine(t *testing.T) {
	t.Parallel()
	all := strings.Join(RatingRules(), "\n")
	for _, want := range []string{"in order", "previous 2 weeks", "previous 3 days", "once", "Use 9 only", "0 means no problem"} {
		if !strings.Contains(all, want) {
			t.Errorf("RatingRules lacks %q", want)
		}
	}
}

func TestContentStaysFreeOfMarkdownAndYAMLForTheWasmBuild(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps", "honoscope/content").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(dep, "goldmark") || strings.Contains(dep, "yaml") || dep == "syscall/js" {
			t.Errorf("package content depends on %s; keep it out of the wasm build", dep)
		}
	}
}
