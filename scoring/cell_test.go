package scoring

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestCSVCellsThatASpreadsheetWouldRunAreNeutralised(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+1", "'+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"plain", "plain"},
		{"a=b", "a=b"},
		{"", ""},
		{"'quoted", "'quoted"},
		{" =1+2", "' =1+2"},
		{"   @x", "'   @x"},
		{"' =1", "'' =1"},
		{" plain", " plain"},
	} {
		t.Run("the cell "+strings.ReplaceAll(tc.in, "\t", `\t`), func(t *testing.T) {
			t.Parallel()
			if got := GuardCell(tc.in); got != tc.want {
				t.Fatalf("GuardCell(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if back := UnguardCell(GuardCell(tc.in)); back != tc.in {
				t.Fatalf("UnguardCell(GuardCell(%q)) = %q", tc.in, back)
			}
		})
	}
}

func TestTheReaderUndoesExactlyWhatTheGuardAdds(t *testing.T) {
	t.Parallel()
	for _, label := range []string{
		"-P1", "=x", "+1", "@a", "\tT", "\rR", // guarded
		"'-P1", "''=x", "'x", "''", "'", "P1", "a-b", // an apostrophe of the label's own survives
	} {
		t.Run("the label "+strings.NewReplacer("\t", `\t`, "\r", `\r`).Replace(label), func(t *testing.T) {
			t.Parallel()
			g := GuardCell(label)
			if RunsAsFormula(g) {
				t.Fatalf("GuardCell(%q) = %q still runs as a formula", label, g)
			}
			if back := UnguardCell(g); back != label {
				t.Fatalf("UnguardCell(GuardCell(%q)) = %q", label, back)
			}
			if strings.ContainsAny(label, "\t\r") {
				return // the reader refuses control characters in labels
			}
			var b []byte
			b = append(b, "patient,date,team,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item8_type\n"...)
			b = AppendCell(b, label)
			b = append(b, ",2024-01-01,"...)
			b = AppendCell(b, label)
			b = append(b, ",0,0,0,0,0,0,0,0,0,0,0,0,\n"...)
			rd, err := NewReader(strings.NewReader(string(b)))
			if err != nil {
				t.Fatal(err)
			}
			var r Rating
			if err := rd.Next(&r); err != nil {
				t.Fatalf("%s: %v", b, err)
			}
			if r.Patient != label || r.Team != label {
				t.Fatalf("read back patient %q, team %q; want %q", r.Patient, r.Team, label)
			}
			if err := rd.Next(&r); !errors.Is(err, io.EOF) {
				t.Fatalf("a second row: %v", err)
			}
		})
	}
}
