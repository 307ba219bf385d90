package scoring

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"
)

// readAll reads every row of text, returning accepted ratings and every
// problem reported (rejections and warnings) as text.
func readAll(t *testing.T, text string) ([]Rating, []string) {
	t.Helper()
	rd, err := NewReader(strings.NewReader(text))
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	var out []Rating
	var problems []string
	for _, w := range rd.HeaderWarnings() {
		problems = append(problems, w.Error())
	}
	for {
		var r Rating
		err := rd.Next(&r)
		if err == io.EOF {
			return out, problems
		}
		var re *RowError
		if !errors.As(err, &re) && err != nil {
			t.Fatalf("Next: %v", err)
		}
		if re != nil {
			problems = append(problems, re.Error())
			if !re.Warning {
				continue
			}
		}
		out = append(out, r)
	}
}

const header12 = "patient,date,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12\n"

func TestReaderAcceptsFileVariants(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		text    string
		patient string
		line    int
		total   int
	}{
		{"a plain LF file reads", header12 + "A,2024-01-01,1,1,1,1,1,1,1,0,1,1,1,1\n", "A", 2, 11},
		{"CRLF line ends read the same", strings.ReplaceAll(header12+"A,2024-01-01,1,1,1,1,1,1,1,0,1,1,1,1\n", "\n", "\r\n"), "A", 2, 11},
		{"a byte-order mark before the header is ignored", "\ufeff" + header12 + "A,2024-01-01,1,1,1,1,1,1,1,0,1,1,1,1\n", "A", 2, 11},
		{"a last line without a line end reads", header12 + "A,2024-01-01,1,1,1,1,1,1,1,0,1,1,1,1", "A", 2, 11},
		{"blank lines are skipped and line numbers still count them", header12 + "\n\nA,2024-01-01,1,1,1,1,1,1,1,0,1,1,1,1\n", "A", 4, 11},
		{"a quoted label may hold commas and quotes", header12 + "\"A, \"\"x\"\"\",2024-01-01,1,1,1,1,1,1,1,0,1,1,1,1\n", "A, \"x\"", 2, 11},
		{"a quoted cell may span lines (CRLF inside it too)", "patient,date,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,notes\nA,2024-01-01,1,1,1,1,1,1,1,0,1,1,1,1,\"two\r\nlines\"\n", "A", 2, 11},
		{"quoted cells are unquoted before parsing", header12 + "A,\"2024-01-01\",\"1\",1,1,1,1,1,1,0,1,1,1,1\n", "A", 2, 11},
		{"spaces around cells are ignored", header12 + " A , 2024-01-01 , 1,1 ,1,1,1,1,1,0,1,1,1,1\n", "A", 2, 11},
		{"header names ignore case and spaces", " PATIENT ,Date,ITEM1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,Item12\nA,2024-01-01,1,1,1,1,1,1,1,0,1,1,1,1\n", "A", 2, 11},
		{"a line longer than the read buffer reads", "patient,date,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,notes\nA,2024-01-01,1,1,1,1,1,1,1,0,1,1,1,1," + strings.Repeat("x", 200_000) + "\n", "A", 2, 11},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rs, problems := readAll(t, tc.text)
			if len(problems) != 0 || len(rs) != 1 {
				t.Fatalf("got %d ratings, problems %q; want 1 rating, no problems", len(rs), problems)
			}
			r := rs[0]
			if r.Patient != tc.patient || r.Line != tc.line || r.Instrument.ID != HoNOS {
				t.Errorf("patient %q line %d instrument %s; want %q line %d honos", r.Patient, r.Line, r.Instrument.ID, tc.patient, tc.line)
			}
			if s := Score(&r, DefaultRules()); s.Total != tc.total {
				t.Errorf("total %d, want %d", s.Total, tc.total)
			}
		})
	}
}

func TestReaderReadsOnlyTheInstrumentsOwnItems(t *testing.T) {
	t.Parallel()
	text := "patient,date,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item13,item14,item15,item8_type,team,setting,occasion\n" +
		"A,2024-01-01,honos,0,0,0,0,0,0,0,1,0,0,0,0,4,4,4,b,North,inpatient,admission\n" +
		"B,2024-01-01,honosca,0,0,0,0,0,0,0,1,0,0,0,0,4,3,2,Z,North,community,\n" +
		"C,2024-01-01,HONOS65,0,0,0,0,0,0,0,0,0,0,0,0,x,x,x,,,,\n"
	rs, problems := readAll(t, text)
	if len(problems) != 0 || len(rs) != 3 {
		t.Fatalf("got %d ratings, problems %q; want 3, none", len(rs), problems)
	}
	for _, tc := range []struct {
		name string
		r    Rating
		want [MaxItems]Code
		pt   ProblemType
	}{
		{"HoNOS ignores an MHCT item 13 and items 14-15, and reads its item 8 type", rs[0], [MaxItems]Code{0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, NotKnown, NotKnown, NotKnown}, 'B'},
		{"HoNOSCA reads items 13-15 and has no item 8 type to check", rs[1], [MaxItems]Code{0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 4, 3, 2}, NoProblemType},
		{"HoNOS 65+ never looks at junk in items 13-15", rs[2], [MaxItems]Code{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, NotKnown, NotKnown, NotKnown}, NoProblemType},
	} {
		if tc.r.Items != tc.want || tc.r.ProblemType != tc.pt {
			t.Errorf("%s: items %v type %q; want %v %q", tc.name, tc.r.Items, tc.r.ProblemType, tc.want, tc.pt)
		}
	}
	if rs[0].Team != "North" || rs[0].Setting != "inpatient" || rs[0].Occasion != "admission" || rs[1].Occasion != "" {
		t.Errorf("labels: %+v / %+v", rs[0], rs[1])
	}
	if s := Score(&rs[1], DefaultRules()); s.Total != 5 {
		t.Errorf("HoNOSCA total %d, want 5 (items 14-15 not scored)", s.Total)
	}
}

func TestReaderInternsLabels(t *testing.T) {
	t.Parallel()
	rs, _ := readAll(t, "patient,date,item1,team\nP1,2024-01-01,0,North\nP2,2024-01-01,0,South\nP1,2024-02-01,0,North\n")
	if len(rs) != 3 {
		t.Fatalf("got %d ratings", len(rs))
	}
	// The same label on nearby rows must be one stored string.
	if unsafe.StringData(rs[0].Patient) != unsafe.StringData(rs[2].Patient) {
		t.Errorf("patient label P1 is stored twice")
	}
	if unsafe.StringData(rs[0].Team) != unsafe.StringData(rs[2].Team) {
		t.Errorf("team label North is stored twice")
	}
}

func TestReaderRejectsBadRows(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		row  string
		want string
	}{
		{"a code of 5 is rejected", "A,2024-01-01,5,0,0,0,0,0,0,0,0,0,0,0", `line 2: column item1: "5" is not a rating: use 0, 1, 2, 3 or 4, or 9 (also 7, 8 or empty) for not known`},
		{"a fraction is rejected", "A,2024-01-01,0,0,0,0,0,0,0,0,0,0,0,1.5", `line 2: column item12: "1.5" is not a rating: use 0, 1, 2, 3 or 4, or 9 (also 7, 8 or empty) for not known`},
		{"a word is rejected", "A,2024-01-01,0,none,0,0,0,0,0,0,0,0,0,0", `line 2: column item2: "none" is not a rating: use 0, 1, 2, 3 or 4, or 9 (also 7, 8 or empty) for not known`},
		{"a day-first date is rejected", "A,1/2/2024,0,0,0,0,0,0,0,0,0,0,0,0", `line 2: column date: "1/2/2024" is not a date: write it as YYYY-MM-DD`},
		{"a 31st of April is rejected", "A,2024-04-31,0,0,0,0,0,0,0,0,0,0,0,0", `line 2: column date: "2024-04-31" is not a real date: write it as YYYY-MM-DD`},
		{"an empty patient is rejected", " ,2024-01-01,0,0,0,0,0,0,0,0,0,0,0,0", `line 2: column patient: empty: give every row a pseudonymous patient label`},
		{"a patient label with a line break is rejected", "\"A\nB\",2024-01-01,0,0,0,0,0,0,0,0,0,0,0,0", `line 2: column patient: contains a control character (such as a line break, tab or escape): use printable text only`},
		{"a patient label with a terminal escape is rejected", "\x1b[31mA,2024-01-01,0,0,0,0,0,0,0,0,0,0,0,0", `line 2: column patient: contains a control character (such as a line break, tab or escape): use printable text only`},
		{"a patient label with a C1 control is rejected", "A\u009b,2024-01-01,0,0,0,0,0,0,0,0,0,0,0,0", `line 2: column patient: contains a control character (such as a line break, tab or escape): use printable text only`},
		{"a patient label that is not UTF-8 is rejected", "A\xff,2024-01-01,0,0,0,0,0,0,0,0,0,0,0,0", `line 2: column patient: not valid UTF-8 text: save the file as UTF-8`},
		{"too many fields are rejected", "A,2024-01-01,0,0,0,0,0,0,0,0,0,0,0,0,0", `line 2: the row has 15 fields but the header has 14: check for a missing or extra comma, or quote cells that contain commas`},
		{"text after a closing quote is rejected", `"A"x,2024-01-01,0,0,0,0,0,0,0,0,0,0,0,0`, `line 2: text after the closing quote of a cell: end a quoted cell with a quote followed by a comma or the end of the line, and double any quote inside it ("")`},
		{"an unclosed quote is rejected with the line it starts on", "\"A,2024-01-01,0,0,0,0,0,0,0,0,0,0,0,0\nB,2024-01-01", `line 2: a quoted cell is never closed: the rest of the file was read as one cell; add the closing quote`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rs, problems := readAll(t, header12+tc.row+"\n")
			if len(rs) != 0 || len(problems) != 1 || problems[0] != tc.want {
				t.Errorf("got %d ratings, problems %q; want none and %q", len(rs), problems, tc.want)
			}
		})
	}
}

func TestReaderGoesOnAfterBadRows(t *testing.T) {
	t.Parallel()
	text := header12 +
		"A,2024-01-01,0\n" +
		"B\"x,2024-01-01,0,0,0,0,0,0,0,0,0,0,0,0\n" +
		"\"C\"x,2024-01-01,0,0,0,0,0,0,0,0,0,0,0,0\n" +
		"D,2024-01-01,0,0,0,0,0,0,0,0,0,0,0,0\n" +
		"E,2024-01-01,9,9,9,0,0,0,0,0,0,0,0,0\n"
	rs, problems := readAll(t, text)
	if len(rs) != 2 || rs[0].Patient != "D" || rs[0].Line != 5 || rs[1].Patient != "E" || rs[1].Line != 6 {
		t.Errorf("ratings %+v; want D on line 5 and E on line 6", rs)
	}
	if len(problems) != 3 || !strings.HasPrefix(problems[0], "line 2: ") || !strings.HasPrefix(problems[1], "line 3: ") || !strings.HasPrefix(problems[2], "line 4: ") {
		t.Errorf("problems %q; want lines 2, 3 and 4", problems)
	}
}

func TestReaderWarns(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, row, want string
	}{
		{"item 8 rated 1 without a type warns", "A,2024-01-01,honos,0,0,0,0,0,0,0,1,0,0,0,0,", "line 2: column item8_type: warning: item 8 is rated 1 but no problem type is given: add a letter A to K"},
		{"item 8 rated 4 on HoNOS 65+ without a type warns", "A,2024-01-01,honos65,0,0,0,0,0,0,0,4,0,0,0,0,", "line 2: column item8_type: warning: item 8 is rated 4 but no problem type is given: add a letter A to K"},
		{"item 8 rated 0 needs no type", "A,2024-01-01,honos,0,0,0,0,0,0,0,0,0,0,0,0,", ""},
		{"item 8 unknown needs no type", "A,2024-01-01,honos,0,0,0,0,0,0,0,9,0,0,0,0,", ""},
		{"HoNOSCA item 8 is a different item and needs no type (only the item 13 warning)", "A,2024-01-01,honosca,0,0,0,0,0,0,0,3,0,0,0,0,", "line 2: column item13: warning: the header has no such column, so item 13 of HoNOSCA reads as not known on every row; add the column if the data has it"},
		{"HoNOSCA without an item13 column warns", "A,2024-01-01,honosca,0,0,0,0,0,0,0,0,0,0,0,0,", "line 2: column item13: warning: the header has no such column, so item 13 of HoNOSCA reads as not known on every row; add the column if the data has it"},
		{"item 8 rated 2 with type K (2018 glossary) is fine", "A,2024-01-01,honos,0,0,0,0,0,0,0,2,0,0,0,0,K", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rs, problems := readAll(t, "patient,date,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item8_type\n"+tc.row+"\n")
			if len(rs) != 1 {
				t.Fatalf("the row was not kept: %q", problems)
			}
			got := strings.Join(problems, "\n")
			if got != tc.want {
				t.Errorf("problems %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNewReaderRejectsBadHeaders(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, text, want string
	}{
		{"an empty file", "", "the file is empty"},
		{"only blank lines", "\n\r\n\n", "the file is empty"},
		{"no patient column", "id,date,item1\n", "line 1: the header has no column patient"},
		{"no date column", "patient,item1\n", "line 1: the header has no column date"},
		{"no item columns", "patient,date,item0,item16,item01\n", "line 1: the header has no item columns"},
		{"a duplicated column", "patient,date,item1,ITEM1\n", "line 1: column item1 appears twice in the header"},
		{"a header with a stray quote", "patient,da\"te,item1\n", "line 1: the header row is not valid CSV"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewReader(strings.NewReader(tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestReaderFixtures reads the awkward files in testdata/csv (binary junk,
// ragged rows, stray quotes): each must read to the end without a panic and
// every accepted rating must hold only valid values.
func TestReaderFixtures(t *testing.T) {
	t.Parallel()
	paths, _ := filepath.Glob(filepath.Join("testdata", "csv", "*.csv"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(p), func(t *testing.T) {
			t.Parallel()
			checkReader(t, data)
		})
	}
}

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

// "Zoë" typed as one character and as e and a combining diaeresis look the
// same: both are read as the one composed label (NFC), so they are one
// person, in the person column and in the team column alike.
func TestALabelTypedWithACombiningAccentIsTheSamePerson(t *testing.T) {
	t.Parallel()
	composed, decomposed := "Zo\u00eb", "Zoe\u0308"
	in := "patient,date,team,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12\n" +
		composed + ",2024-01-01,M\u0101ori,0,0,0,0,0,0,0,0,0,0,0,0\n" +
		decomposed + ",2024-01-02,Ma\u0304ori,0,0,0,0,0,0,0,0,0,0,0,0\n"
	rd, err := NewReader(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var a, b Rating
	if err := rd.Next(&a); err != nil {
		t.Fatal(err)
	}
	if err := rd.Next(&b); err != nil {
		t.Fatal(err)
	}
	if a.Patient != composed || b.Patient != composed || a.Team != b.Team || b.Team != "M\u0101ori" {
		t.Fatalf("labels %q and %q, teams %q and %q: want one person %q and one team", a.Patient, b.Patient, a.Team, b.Team, composed)
	}
	for in, want := range map[string]string{"P-123": "P-123", decomposed: composed, "\u212b": "\u00c5", "\ud55c": "\ud55c", "\u1112\u1161\u11ab": "\ud55c"} {
		if got := NormalLabel(in); got != want {
			t.Errorf("NormalLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

// The reader hands out views of its buffers for the cells of a row; what a
// rating keeps must be its own. Reading 40,000 rows, more than the patient
// cache holds and through several buffer refills, with quoted, long and
// accented labels, every kept rating still reads as written.
func TestRatingsKeepTheirTextAfterLaterRowsAreRead(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("patient,date,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,team,setting,occasion\n")
	type want struct{ patient, team, setting, occasion string }
	var wants []want
	for i := range 40000 {
		w := want{
			patient:  fmt.Sprintf("P%07d", i*7919%40000),
			team:     fmt.Sprintf("Team %d", i%37),
			setting:  []string{"community", "inpatient", "crisis"}[i%3],
			occasion: fmt.Sprintf("occasion %d", i%5),
		}
		patient := w.patient
		switch i % 4 {
		case 1:
			w.patient = "a much longer pseudonymous label " + w.patient
			patient = `"` + w.patient + `"`
		case 2:
			w.patient = "Zoë " + w.patient
			patient = w.patient
		}
		fmt.Fprintf(&b, "%s,2024-01-%02d,0,1,2,3,4,0,1,2,3,4,0,1,%s,%s,%s\n", patient, 1+i%28, w.team, w.setting, w.occasion)
		wants = append(wants, w)
	}
	rd, err := NewReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	var got []Rating
	if _, err := rd.ReadAll(ReadOptions{}, func(r *Rating) { got = append(got, *r) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(wants) {
		t.Fatalf("read %d ratings, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		r := got[i]
		if r.Patient != w.patient || r.Team != w.team || r.Setting != w.setting || r.Occasion != w.occasion {
			t.Fatalf("rating %d reads %q %q %q %q, want %q %q %q %q", i, r.Patient, r.Team, r.Setting, r.Occasion, w.patient, w.team, w.setting, w.occasion)
		}
	}
}

// printableASCII agrees with a byte-by-byte test on every byte in every
// position of a word and of the tail, and on labels LabelProblem refuses.
func TestPrintableASCIIMatchesEachByte(t *testing.T) {
	t.Parallel()
	slow := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < ' ' || s[i] > '~' {
				return false
			}
		}
		return true
	}
	for _, base := range []string{"ID123456", "ID1234567890abc", "x", "Mary Smith-Jones 1", "~~~~~~~~~", "        "} {
		for pos := range len(base) {
			for c := range 256 {
				b := []byte(base)
				b[pos] = byte(c)
				s := string(b)
				if got, want := printableASCII(s), slow(s); got != want {
					t.Fatalf("printableASCII(%q) = %v, want %v", s, got, want)
				}
				if printableASCII(s) && (LabelProblem(s) != "" || NormalLabel(s) != s) {
					t.Fatalf("%q: printable ASCII, yet LabelProblem or NormalLabel has something to say", s)
				}
			}
		}
	}
	// Bytes that wrap around when added to or taken from: 0x00, 0xff, 0x80.
	for _, s := range []string{"\x00\xff\x80\x7f\x20\x1f\x7e\x01", "\xff\xff\xff\xff\xff\xff\xff\xff", "\x00\x00\x00\x00\x00\x00\x00\x00", "ab\x80cdefg"} {
		if printableASCII(s) {
			t.Fatalf("printableASCII(%q) = true", s)
		}
	}
}

// The reader's instrument cell names the instrument LookupInstrument names,
// written exactly as the identifier or any other way it accepts, and
// near misses of an identifier's length are refused as it refuses them.
func TestTheInstrumentCellReadsAsLookupInstrument(t *testing.T) {
	t.Parallel()
	for _, cell := range []string{"honos", "honos65", "honosca", "HONOS", "HoNOS 65+", "HoNOSCA", " honos65 ", "",
		"honox", "honos6x", "honoscx", "honos66", "honosc5", "hono5", "xonos65", "honosCA"} {
		data := "patient,date,instrument,item1\nA,2024-01-01," + cell + ",1\n"
		rd, err := NewReader(strings.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		var r Rating
		err = rd.Next(&r)
		var re *RowError
		if errors.As(err, &re) && re.Warning {
			err = nil // HoNOSCA without an item13 column: read, with a warning
		}
		want, wantErr := LookupInstrument(UnguardCell(cell))
		if strings.TrimSpace(cell) == "" {
			want, wantErr = MustInstrument(HoNOS), nil
		}
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%q: read error %v, LookupInstrument error %v", cell, err, wantErr)
		}
		if err == nil && r.Instrument != want {
			t.Fatalf("%q: read as %s, LookupInstrument says %s", cell, r.Instrument.ID, want.ID)
		}
	}
}

// The reader's table of one-character cells reads every cell of up to one
// byte exactly as ParseCode does, and refuses what it refuses.
func TestSingleCodeIsParseCode(t *testing.T) {
	t.Parallel()
	cells := []string{""}
	for c := range 256 {
		cells = append(cells, string([]byte{byte(c)}))
	}
	for _, cell := range cells {
		k := len(singleCode) - 1
		if len(cell) == 1 {
			k = int(cell[0])
		}
		want, err := ParseCode(cell)
		got := singleCode[k]
		if err != nil {
			// ParseCode trims spaces first: a lone space is an empty cell.
			if got != notACode {
				t.Errorf("%q: table %v, ParseCode refuses it", cell, got)
			}
			continue
		}
		if got != want && got != notACode {
			t.Errorf("%q: table %v, ParseCode %v", cell, got, want)
		}
	}
}
