// Package cli is the analysts' command line: "honoscope score", "change",
// "ranges" and "content check", on the same scoring code as the app. It
// links no user interface; the program's main registers its commands.
package cli

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"honoscope/scoring/layout"

	"honoscope/scoring"
)

// Command is one sub-command of the command line.
type Command struct {
	// Name is the word typed after "honoscope".
	Name string
	// Summary is one line for the usage listing.
	Summary string
	// Run executes the command and returns the exit status: 0 success,
	// 1 some input rejected, 2 a usage error. It writes its own --help text
	// and never panics on input.
	Run func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// Commands returns the analysts' commands: score, change, ranges and content.
func Commands() []Command {
	return []Command{
		{Name: "score", Summary: "score each rating in a CSV file: totals, validity, subscales", Run: Score},
		{Name: "change", Summary: "pair each patient's ratings and classify the change", Run: Change},
		{Name: "ranges", Summary: "expected-change ranges from a trust's own ratings, as a JSON file", Run: Ranges},
		{Name: "content", Summary: "check the training vignettes and pages (content check [DIR])", Run: Content},
	}
}

// NewFlagSet returns a flag set that reports errors instead of exiting and
// leaves help text to the command.
func NewFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// ParseArgs parses flags placed before or after the file argument and
// returns the file arguments. code is -1 to go on, or the exit status when
// help was asked for (0) or the arguments are wrong (2, with the problem
// and what to do on stderr).
func ParseArgs(fs *flag.FlagSet, args []string, help string, stdout, stderr io.Writer) (files []string, code int) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				io.WriteString(stdout, help)
				return nil, 0
			}
			return nil, UsageError(stderr, fs.Name(), err.Error())
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		files = append(files, args[0])
		args = args[1:]
	}
	if len(files) > 1 {
		return nil, UsageError(stderr, fs.Name(), "give one FILE (or - for standard input), not "+strconv.Itoa(len(files)))
	}
	return files, -1
}

// UsageError reports a wrong option or argument of command name and
// returns exit status 2.
func UsageError(stderr io.Writer, name, msg string) int {
	fmt.Fprintf(stderr, "honoscope %s: %s\nRun 'honoscope %s --help' for the options and an example.\n", name, msg, name)
	return 2
}

// finite reports whether a flag's value is an ordinary number (flag accepts
// "NaN" and "Inf", which no option means).
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// maxUnknownMessage is the usage error of a --max-unknown out of range.
func maxUnknownMessage() string {
	return "--max-unknown must be a whole number from 0 to " + strconv.Itoa(scoring.MostUnknown) +
		" (default " + strconv.Itoa(scoring.MaxUnknownDefault) + ")"
}

// readRatings reads the ratings file named by files (standard input when
// there is none or it is "-") with scoring's one reader, calls use for every
// accepted rating in input order, and reports rejected rows and warnings on
// stderr as "line N: column NAME: what is wrong". read is false when the
// input could not be read through (no file, a bad header, a read error):
// then nothing should be written to stdout. status is 0 when every row was
// accepted, else 1.
func readRatings(name string, files []string, stdin io.Reader, stderr io.Writer, use func(*scoring.Rating)) (read bool, status int) {
	in, label := stdin, "standard input"
	if len(files) == 1 && files[0] != "-" {
		f, err := os.Open(files[0])
		if err != nil {
			fmt.Fprintf(stderr, "honoscope %s: %v: check the file name\n", name, err)
			return false, 1
		}
		defer f.Close()
		in, label = f, files[0]
	}
	errw := bufio.NewWriter(stderr)
	defer errw.Flush()
	problem := func(e *scoring.RowError) {
		errw.WriteString(e.Error())
		errw.WriteByte('\n')
	}
	br := bufio.NewReaderSize(in, 64<<10)
	first, _ := br.Peek(firstLine(br))
	header := headerCells(first)
	rejected := func(n, rows int) (bool, int) {
		if n == 0 {
			return true, 0
		}
		fmt.Fprintf(errw, "honoscope %s: %s: %d of %d rows rejected and left out; correct them and run again\n", name, label, n, rows)
		return true, 1
	}
	if layout.IsMHSDS(header) {
		rep, err := layout.ReadMHSDS(br, problem, use)
		if err != nil {
			fmt.Fprintf(errw, "honoscope %s: %s: %v\n", name, label, err)
			return false, 1
		}
		fmt.Fprintf(errw, "honoscope %s: %s: MHSDS long format (one row per item): %d ratings from %d rows\n", name, label, rep.Ratings, rep.Rows)
		return rejected(rep.Rejected, rep.Rows)
	}
	var src io.Reader = br
	if layout.IsCDU(header) {
		// The CDU layout is Honoscope's columns under other names: rename
		// them in the header, and name its own columns in every problem.
		if _, err := br.Discard(len(first)); err != nil {
			fmt.Fprintf(errw, "honoscope %s: reading %s: %v\n", name, label, err)
			return false, 1
		}
		src = io.MultiReader(strings.NewReader(strings.Join(layout.CDUHeader(header), ",")), br)
		fmt.Fprintf(errw, "honoscope %s: %s: CDU honos package layout (id, date, q1…q12, q8_prob)\n", name, label)
		plain := problem
		problem = func(e *scoring.RowError) {
			c := *e
			c.Column = layout.CDUColumn(c.Column)
			plain(&c)
		}
	}
	rd, err := scoring.NewReader(src)
	if err != nil {
		fmt.Fprintf(errw, "honoscope %s: %s: %v\n", name, label, err)
		return false, 1
	}
	rep, err := rd.ReadAll(scoring.ReadOptions{Problem: problem}, use)
	if err != nil {
		fmt.Fprintf(errw, "honoscope %s: reading %s: %v\n", name, label, err)
		return false, 1
	}
	return rejected(rep.Rejected, rep.Rows)
}

// firstLine returns the length of the buffered first line of br (the
// header), at most its buffer.
func firstLine(br *bufio.Reader) int {
	b, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return i
	}
	return len(b)
}

// headerCells splits a header line into its column names (the names the
// layouts are told apart by need no quotes).
func headerCells(line []byte) []string {
	return strings.Split(strings.TrimPrefix(strings.TrimRight(string(line), "\r"), "\ufeff"), ",")
}

// errNotRead stops an analysis whose input readRatings could not read
// through; readRatings has already said why.
var errNotRead = errors.New("the input could not be read")

// analyse reads the ratings named by files and analyses them with s and v.
// When the input cannot be read through, a is nil and status is the exit
// status; when the analysis fails, it is said on stderr and status is 1.
func analyse(name string, files []string, stdin io.Reader, stderr io.Writer, s scoring.Settings, v scoring.View) (a *scoring.Analysis, status int) {
	read := false
	a, err := scoring.Analyse(func(add func(*scoring.Rating)) error {
		if read, status = readRatings(name, files, stdin, stderr, add); !read {
			return errNotRead
		}
		return nil
	}, s, v)
	if !read {
		return nil, status
	}
	if err != nil {
		fmt.Fprintf(stderr, "honoscope %s: %v\n", name, err)
		return nil, 1
	}
	return a, status
}

// appendDate appends d as YYYY-MM-DD without allocating.
func appendDate(b []byte, d scoring.Date) []byte {
	y, m, day := d.Time().Date()
	b = append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = append(b, byte('0'+int(m)/10), byte('0'+int(m)%10), '-')
	return append(b, byte('0'+day/10), byte('0'+day%10))
}
