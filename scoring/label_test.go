package scoring

import (
	"errors"
	"strings"
	"testing"
)

// "Sam", "S\u200bam" and "\u202eSam" look alike on screen; a tool that drops
// invisible characters would merge them. The reader refuses the invisible
// ones, naming the row, the column and the character, and trims spaces.
func TestTheReaderRefusesInvisibleCharactersInALabelAndTrimsSpaces(t *testing.T) {
	t.Parallel()
	in := "patient,date,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12\n" +
		" Sam ,2024-01-01,0,0,0,0,0,0,0,0,0,0,0,0\n" +
		"S\u200bam,2024-01-02,0,0,0,0,0,0,0,0,0,0,0,0\n" +
		"\u202eSam,2024-01-03,0,0,0,0,0,0,0,0,0,0,0,0\n"
	rd, err := NewReader(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var r Rating
	if err := rd.Next(&r); err != nil || r.Patient != "Sam" {
		t.Fatalf("the first row: %q, %v; want the label trimmed to Sam", r.Patient, err)
	}
	for _, want := range []string{"U+200B", "U+202E"} {
		err := rd.Next(&r)
		var re *RowError
		if !errors.As(err, &re) || re.Column != ColPatient || !strings.Contains(re.Error(), want) || !strings.Contains(re.Error(), "retype the label") {
			t.Errorf("a label with %s: %v", want, err)
		}
	}
	for _, ok := range []string{"Zoë", "李", "Anne-Marie O'Neil"} {
		if msg := LabelProblem(ok); msg != "" {
			t.Errorf("LabelProblem(%q) = %q, want none", ok, msg)
		}
	}
}
