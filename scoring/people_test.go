package scoring

import (
	"fmt"
	"strings"
	"testing"
)

// Every label finds its own entry, however long, however many, and even
// when two labels share a hash: a patient merged with another would be a
// wrong pair.
func TestThePeopleTableKeepsEveryLabelApart(t *testing.T) {
	t.Parallel()
	tb := newPeopleTable()
	var labels []string
	for i := range 300_000 {
		l := fmt.Sprintf("P%d", i)
		switch i % 5 {
		case 1:
			l = strings.Repeat("x", i%40) + l // around the inline length
		case 2:
			l = "Zoë " + l
		}
		labels = append(labels, l)
	}
	labels = append(labels, strings.Repeat("long", labelChunk/2)) // longer than a chunk
	labels = append(labels, "after the long one")
	offs := map[string]uint64{}
	for round := range 2 {
		for i, l := range labels {
			e, added := tb.get(tb.hashOf(l), l)
			if added != (round == 0) {
				t.Fatalf("round %d, label %d: added %v", round, i, added)
			}
			if round == 0 {
				e.series[0] = int32(i + 1)
				offs[l] = e.off
			} else if e.series[0] != int32(i+1) || e.off != offs[l] {
				t.Fatalf("label %d found entry of %d", i, e.series[0]-1)
			}
			if got := string(tb.bytes(e.off, e.size)); got != l {
				t.Fatalf("label %d reads back %.40q", i, got)
			}
		}
	}
	if tb.n != len(labels) {
		t.Fatalf("%d people, want %d", tb.n, len(labels))
	}
	// The same hash for different labels (as a collision would give).
	h := tb.hashOf("shared")
	a, _ := tb.get(h, "one label")
	a.series[1] = 7
	b, added := tb.get(h, "another label")
	if !added || b.series[1] != 0 {
		t.Fatal("two labels with one hash share an entry")
	}
	b.series[1] = 9
	if a, _ := tb.get(h, "one label"); a.series[1] != 7 {
		t.Fatalf("the first label's entry holds %d", a.series[1])
	}
	if a, _ := tb.get(h, "one labeL"); a.series[1] != 0 {
		t.Fatal("a label of the same length and hash found another's entry")
	}
}
