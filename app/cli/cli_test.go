package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"honoscope/scoring"
	"honoscope/scoring/layout"
)

// runCLI runs the command named by args[0] as the honoscope program does.
func runCLI(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	for _, c := range Commands() {
		if c.Name == args[0] {
			return c.Run(args[1:], stdin, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "no command %q\n", args[0])
	return 2
}

// cliCase is one golden vector: a command line, its input, and exactly what
// it must print and return.
type cliCase struct {
	name           string
	args           []string
	stdin          string
	files          map[string]string // written to a temporary directory ($DIR in args)
	stdout, stderr string
	exit           int
}

// parseGolden reads a golden file of one or more cases. Each case is some
// comment text, whose first non-blank line names the case, followed by
// sections opened by lines "-- args --", "-- stdin --", "-- file NAME --",
// "-- stdout --", "-- stderr --" and "-- exit --". A section's content is
// every line up to the next section line; the exit section is one line, and
// the lines after it are the next case's comment. A missing stdout or stderr
// section expects nothing. In args, $DIR is the directory holding the case's
// files (and stands for it in the expected stderr).
func parseGolden(t *testing.T, path string) []cliCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []cliCase
	var cur *cliCase
	var section string
	var body strings.Builder
	var comment []string
	flush := func() {
		if cur == nil || section == "" {
			return
		}
		text := body.String()
		switch {
		case section == "args":
			cur.args = strings.Fields(text)
		case section == "stdin":
			cur.stdin = text
		case strings.HasPrefix(section, "file "):
			cur.files[strings.TrimPrefix(section, "file ")] = text
		case section == "stdout":
			cur.stdout = text
		case section == "stderr":
			cur.stderr = text
		case section == "exit":
			if cur.exit, err = strconv.Atoi(strings.TrimSpace(text)); err != nil {
				t.Fatalf("%s: case %q: exit: %v", path, cur.name, err)
			}
		default:
			t.Fatalf("%s: unknown section %q", path, section)
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(string(data), "\n") {
		trimmed := strings.TrimRight(line, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			section = trimmed[3 : len(trimmed)-3]
			if section == "args" {
				name := ""
				for _, c := range comment {
					if c = strings.TrimSpace(c); c != "" {
						name = c
						break
					}
				}
				if name == "" {
					t.Fatalf("%s: case %d has no name: write a sentence before -- args --", path, len(cases)+1)
				}
				cases = append(cases, cliCase{name: name, exit: -1, files: map[string]string{}})
				cur = &cases[len(cases)-1]
				comment = nil
			} else if cur == nil {
				t.Fatalf("%s: section %q before -- args --", path, section)
			}
			continue
		}
		if section == "" {
			comment = append(comment, trimmed)
			continue
		}
		body.WriteString(line)
		if section == "exit" && strings.TrimSpace(trimmed) != "" {
			flush() // the exit status is one line; what follows is the next case's comment
			section = ""
		}
	}
	flush()
	for i := range cases {
		if cases[i].exit < 0 {
			t.Fatalf("%s: case %q has no -- exit -- section", path, cases[i].name)
		}
	}
	return cases
}

// TestGoldenCLI runs every vector in testdata/cli in-process and compares
// stdout, stderr and the exit status exactly.
func TestGoldenCLI(t *testing.T) {
	t.Parallel()
	paths, err := filepath.Glob(filepath.Join("testdata", "cli", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden files in testdata/cli (%v)", err)
	}
	for _, path := range paths {
		for _, c := range parseGolden(t, path) {
			t.Run(strings.TrimSuffix(filepath.Base(path), ".txt")+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				for name, text := range c.files {
					if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
						t.Fatal(err)
					}
				}
				args := make([]string, len(c.args))
				for i, a := range c.args {
					args[i] = strings.ReplaceAll(a, "$DIR", dir)
				}
				var stdout, stderr bytes.Buffer
				exit := runCLI(args, strings.NewReader(c.stdin), &stdout, &stderr)
				got := strings.ReplaceAll(stderr.String(), dir, "$DIR")
				if exit != c.exit {
					t.Errorf("exit status %d, want %d", exit, c.exit)
				}
				if stdout.String() != c.stdout {
					t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), c.stdout)
				}
				if got != c.stderr {
					t.Errorf("stderr:\n%s\nwant:\n%s", got, c.stderr)
				}
			})
		}
	}
}

// TestHelp checks that --help and -h print the usage with an example on
// stdout and exit 0, for each command.
func TestHelp(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"score --help shows the output columns and an example", []string{"score", "--help"}, "honoscope score ratings.csv > scores.csv"},
		{"score -h is the same", []string{"score", "-h"}, "patient,date,instrument,total,valid_items,total_valid"},
		{"change --help shows the methods and an example", []string{"change", "--help"}, "honoscope change --method jt --sd 7.2 --reliability 0.8 ratings.csv"},
		{"change -h is the same", []string{"change", "-h"}, "Jacobson-Truax"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			if code := runCLI(tc.args, strings.NewReader(""), &stdout, &stderr); code != 0 {
				t.Errorf("exit %d, want 0; stderr %q", code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tc.want) {
				t.Errorf("stdout lacks %q:\n%s", tc.want, stdout.String())
			}
			if stderr.Len() != 0 {
				t.Errorf("stderr not empty: %q", stderr.String())
			}
		})
	}
}

// An extract of the same ratings in each layout services use (MHSDS long,
// one row per item; NOCC with METEOR codes; a FHIR Bundle) gives the same
// pairs, categories and method line as the Honoscope CSV: the layout is
// recognised by its first line and named on stderr.
func TestChangeOnEachLayoutGivesTheSamePairsAsOnTheCSV(t *testing.T) {
	t.Parallel()
	csvData, err := os.ReadFile("../e2e/testdata/team/team.csv")
	if err != nil {
		t.Fatal(err)
	}
	rd, err := scoring.NewReader(bytes.NewReader(csvData))
	if err != nil {
		t.Fatal(err)
	}
	var rs []scoring.Rating
	if _, err := rd.ReadAll(scoring.ReadOptions{}, func(r *scoring.Rating) { rs = append(rs, *r) }); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		to    layout.Format
		named string
	}{
		{layout.MHSDS, "146 ratings from 1764 rows"},
		{layout.METEOR, "read as NOCC extract"},
		{layout.FHIR, "read as FHIR R4 JSON"},
	} {
		var extract bytes.Buffer
		if err := layout.Write(&extract, c.to, rs); err != nil {
			t.Fatal(err)
		}
		// The fixture has four bad rows, which the CSV reports (exit 1) and
		// the extract no longer holds; the ratings and every result line
		// agree. (ranges is left out: MHSDS rows carry no setting.)
		for _, args := range [][]string{{"change"}, {"change", "--consecutive", "--method", "jt", "--sd", "6", "--reliability", "0.8"}, {"score"}} {
			var fromCSV, fromExtract, errCSV, errExtract strings.Builder
			runCLI(args, bytes.NewReader(csvData), &fromCSV, &errCSV)
			if code := runCLI(args, bytes.NewReader(extract.Bytes()), &fromExtract, &errExtract); code != 0 {
				t.Fatalf("%v on the %s extract: exit %d\n%s", args, c.to, code, errExtract.String())
			}
			if fromExtract.String() != fromCSV.String() {
				t.Errorf("%v: the %s extract gives\n%s\nthe CSV\n%s", args, c.to, fromExtract.String(), fromCSV.String())
			}
			lastLine := func(s string) string {
				lines := strings.Split(strings.TrimSpace(s), "\n")
				return lines[len(lines)-1]
			}
			if !strings.Contains(errExtract.String(), c.named) ||
				(args[0] == "change" && lastLine(errExtract.String()) != lastLine(errCSV.String())) {
				t.Errorf("%v: stderr for %s\n%s\nfor the CSV\n%s", args, c.to, errExtract.String(), errCSV.String())
			}
		}
	}
}

// convert writes each layout from a file in any other, and the result reads
// back to the same scores; a wrong --to or --from is a usage error that
// lists the layouts; --from overrides detection.
func TestConvertWritesEachLayoutAndRefusesUnknownOnes(t *testing.T) {
	t.Parallel()
	in := "patient,date,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item8_type\n" +
		"P1,2024-01-02,honos,0,1,2,3,4,0,1,2,3,4,0,9,A\n" +
		"P1,2024-03-02,honos65,1,1,1,1,1,1,1,0,1,1,1,1,\n"
	var scores strings.Builder
	runCLI([]string{"score"}, strings.NewReader(in), &scores, io.Discard)
	for _, to := range []string{"csv", "mhsds", "meteor", "fhir"} {
		var out, errw strings.Builder
		if code := runCLI([]string{"convert", "--to", to}, strings.NewReader(in), &out, &errw); code != 0 {
			t.Fatalf("convert --to %s: exit %d: %s", to, code, errw.String())
		}
		var back, errBack strings.Builder
		if code := runCLI([]string{"score"}, strings.NewReader(out.String()), &back, &errBack); code != 0 || back.String() != scores.String() {
			t.Errorf("convert --to %s, then score: exit %d\n%s\nwant\n%s\n%s", to, code, back.String(), scores.String(), errBack.String())
		}
	}
	for _, args := range [][]string{{"convert", "--to", "xml"}, {"convert", "--from", "hl7v2"}, {"convert", "--to", "nocc"}, {"score", "--instrument", "honos99"}} {
		var out, errw strings.Builder
		if code := runCLI(args, strings.NewReader(in), &out, &errw); code != 2 || out.Len() != 0 ||
			!strings.Contains(errw.String(), "use ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want a usage error listing what to use", args, code, out.String(), errw.String())
		}
	}
	var out, errw strings.Builder
	if code := runCLI([]string{"convert", "--from", "mhsds"}, strings.NewReader(in), &out, &errw); code != 1 || out.Len() != 0 ||
		!strings.Contains(errw.String(), "no CodedAssToolType and PersScore columns") {
		t.Errorf("--from mhsds on a Honoscope CSV: exit %d, stdout %q, stderr %q", code, out.String(), errw.String())
	}
}

// A file in the CDU honos R package's layout (id, date, team, q1…q12,
// q8_prob) gives the same results as the same ratings in Honoscope's CSV,
// and a bad row is named by the CDU column the user sees.
func TestChangeOnTheCDULayoutGivesTheSameResultsAsOnTheCSV(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../e2e/testdata/team/team.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	head := strings.Split(lines[0], ",")
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	keep := []string{"patient", "date", "team", "item1", "item2", "item3", "item4", "item5", "item6", "item7", "item8", "item9", "item10", "item11", "item12", "item8_type"}
	cdu := []string{"id", "date", "team", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12", "q8_prob"}
	var csvFile, cduFile strings.Builder
	csvFile.WriteString(strings.Join(keep, ",") + "\n")
	cduFile.WriteString("\ufeff" + strings.Join(cdu, ",") + "\r\n")
	for _, l := range lines[1:] {
		cells := strings.Split(l, ",")
		if cells[col["instrument"]] != "honos" {
			continue
		}
		var row []string
		for _, k := range keep {
			row = append(row, cells[col[k]])
		}
		csvFile.WriteString(strings.Join(row, ",") + "\n")
		cduFile.WriteString(strings.Join(row, ",") + "\r\n")
	}
	// The fixture's bad rows (a date, an item 5 of 6, an empty label) are
	// named by the CDU columns; the results are the same.
	for _, args := range [][]string{{"change"}, {"score"}} {
		var fromCSV, fromCDU, errCSV, errCDU strings.Builder
		codeCSV := runCLI(args, strings.NewReader(csvFile.String()), &fromCSV, &errCSV)
		codeCDU := runCLI(args, strings.NewReader(cduFile.String()), &fromCDU, &errCDU)
		if codeCSV != 1 || codeCDU != 1 {
			t.Errorf("%v: exit %d (CSV) and %d (CDU), want 1 for the bad rows", args, codeCSV, codeCDU)
		}
		if fromCDU.String() != fromCSV.String() {
			t.Errorf("%v: the CDU file gives\n%s\nthe CSV\n%s", args, fromCDU.String(), fromCSV.String())
		}
		first, rest, _ := strings.Cut(errCDU.String(), "\n")
		want := strings.NewReplacer("column item5:", "column q5:", "column patient:", "column id:").Replace(errCSV.String())
		if !strings.Contains(first, "CDU honos package layout") || rest != want {
			t.Errorf("%v: stderr for the CDU file\n%s\nwant, after its first line,\n%s", args, errCDU.String(), want)
		}
		if !strings.Contains(rest, "column q5:") || !strings.Contains(rest, "column id:") {
			t.Errorf("%v: the problems do not name the CDU columns:\n%s", args, rest)
		}
	}
}

// A record system's own export is read by a column mapping kept as JSON;
// without one, the error says how to map it.
func TestAMappingReadsAnExportHonoscopeDoesNotKnow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	export := "Client ref,Rated on,H1,H2,H3,H4,H5,H6,H7,H8,H8 type,H9,H10,H11,H12\n" +
		"C-1,05/01/2024,2,1,0,1,2,3,3,2,B,2,2,1,2\n" +
		"C-1,02/04/2024,1,0,0,1,1,1,1,1,B,1,1,1,1\n"
	mapping := `{"name":"Ours","patient":"Client ref","date":"Rated on","day_first":true,` +
		`"items":["H1","H2","H3","H4","H5","H6","H7","H8","H9","H10","H11","H12"],"problem_type":"H8 type"}`
	path := filepath.Join(dir, "map.json")
	if err := os.WriteFile(path, []byte(mapping), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errw strings.Builder
	if code := runCLI([]string{"change", "--map", path}, strings.NewReader(export), &out, &errw); code != 0 ||
		!strings.Contains(out.String(), "C-1,honos,2024-01-05,2024-04-02,21,10,-11,improvement,recovered,2,0") {
		t.Errorf("change --map: exit %d\n%s\n%s", code, out.String(), errw.String())
	}
	out.Reset()
	errw.Reset()
	if code := runCLI([]string{"change"}, strings.NewReader(export), &out, &errw); code != 1 || out.Len() != 0 ||
		!strings.Contains(errw.String(), "map its columns with --map") {
		t.Errorf("change without a mapping: exit %d, stderr %q", code, errw.String())
	}
	if err := os.WriteFile(path, []byte(`{"patient":"x","colour":"red"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	errw.Reset()
	if code := runCLI([]string{"score", "--map", path}, strings.NewReader(export), &out, &errw); code != 2 || !strings.Contains(errw.String(), `unknown field "colour"`) {
		t.Errorf("a mapping with an unknown field: exit %d, stderr %q", code, errw.String())
	}
}
