// Package cli is the analysts' command line: "honoscope score", "change",
// "ranges", "convert" and "content check", on the same scoring code as the app. It
// links no user interface; the program's main registers its commands.
package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"honoscope/app/words"
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

// Commands returns the analysts' commands: score, change, ranges, convert,
// report and content.
func Commands() []Command {
	return []Command{
		{Name: "score", Summary: "score each rating in a CSV file: totals, validity, subscales", Run: Score},
		{Name: "change", Summary: "pair each patient's ratings and classify the change", Run: Change},
		{Name: "ranges", Summary: "expected-change ranges from a trust's own ratings, as a JSON file", Run: Ranges},
		{Name: "convert", Summary: "ratings from one layout to another: csv, mhsds, meteor (NOCC), fhir", Run: Convert},
		{Name: "report", Summary: "the team outcome report as one self-contained HTML file (aggregates only)", Run: Report},
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

// layoutOptions are the options every command that reads ratings takes:
// the input's layout and, for a layout that does not say, its instrument.
type layoutOptions struct {
	from, instrument, mapping *string
}

// layoutUsage is the help text of layoutOptions.
const layoutUsage = `  --from LAYOUT     the input's layout: auto (the default: told from the
                    first line and named on standard error), csv (Honoscope's
                    own), mhsds (long, one row per item), nocc (or meteor),
                    camcops, cdu or fhir
  --instrument ID   for a CamCOPS HoNOS table, whose columns do not say:
                    honos (default) or honos65
  --map FILE        read a layout Honoscope does not know by a column mapping
                    kept as JSON (the team view's "Download this mapping"):
                    {"patient":"Client ref","date":"Rated on","day_first":true,
                     "instrument":"Form","items":["H1","H2",...],
                     "problem_type":"H8 type","team":"Team name"}
`

// addLayoutOptions adds --from and --instrument to fs.
func addLayoutOptions(fs *flag.FlagSet) layoutOptions {
	return layoutOptions{from: fs.String("from", string(layout.Auto), ""), instrument: fs.String("instrument", string(scoring.HoNOS), ""),
		mapping: fs.String("map", "", "")}
}

// options returns the reading options, or the exit status of a usage error.
func (o layoutOptions) options(name string, stderr io.Writer) (layout.Options, int) {
	from, err := layout.ParseFormat(*o.from, layout.ReadFormats)
	if err != nil {
		return layout.Options{}, UsageError(stderr, name, "--from: "+err.Error())
	}
	in, err := scoring.LookupInstrument(*o.instrument)
	if err != nil {
		return layout.Options{}, UsageError(stderr, name, "--instrument: "+err.Error())
	}
	opt := layout.Options{From: from, Instrument: in.ID}
	if *o.mapping != "" {
		f, err := os.Open(*o.mapping)
		if err != nil {
			return opt, UsageError(stderr, name, "--map: "+err.Error())
		}
		defer f.Close()
		m, err := layout.ReadMapping(f)
		if err != nil {
			return opt, UsageError(stderr, name, "--map "+*o.mapping+": "+err.Error())
		}
		opt.Mapping = &m
	}
	return opt, -1
}

// readRatings reads the ratings file named by files (standard input when
// there is none or it is "-") in the layout opt says, or the one its first
// line shows, calls use for every accepted rating in input order, and
// reports rejected rows and warnings on stderr as "line N: column NAME:
// what is wrong", with the file's own column names. A detected layout other
// than Honoscope's own CSV is named on stderr before the problems, and
// MHSDS's rows, which become fewer ratings, are counted after them. read is false when the input could not be read through
// (no file, a bad header, a read error): then nothing should be written to
// stdout. status is 0 when every row was accepted, else 1.
func readRatings(name string, files []string, opt layout.Options, stdin io.Reader, stderr io.Writer, use func(*scoring.Rating)) (read bool, status int) {
	in, label := stdin, "standard input"
	var size int64
	if len(files) == 1 && files[0] != "-" {
		f, err := os.Open(files[0])
		if err != nil {
			fmt.Fprintf(stderr, "honoscope %s: %v: check the file name\n", name, err)
			return false, 1
		}
		defer f.Close()
		in, label = f, files[0]
		if st, err := f.Stat(); err == nil {
			size = st.Size()
		}
	}
	errw := bufio.NewWriter(stderr)
	defer errw.Flush()
	var pr *progress
	if isTerminal(stderr) {
		pr = startProgress(name, stderr, errw, size)
		defer pr.stop()
		in = pr.count(in)
		inner := use
		use = func(r *scoring.Rating) { pr.ratings.Add(1); inner(r) }
	}
	opt.Problem = func(e *scoring.RowError) {
		pr.lock()
		errw.WriteString(e.Error())
		errw.WriteByte('\n')
		pr.unlock()
	}
	br := bufio.NewReaderSize(in, 64<<10)
	if opt.Mapping == nil && (opt.From == "" || opt.From == layout.Auto) {
		opt.From = layout.DetectReader(br)
		// Honoscope's own CSV goes unnamed: it is what the commands expect.
		if opt.From != layout.CSV {
			fmt.Fprintf(errw, "honoscope %s: %s: read as %s\n", name, label, opt.From.Title())
		}
	}
	rep, err := layout.Read(br, opt, use)
	if err != nil {
		hint := ""
		if opt.Mapping == nil && opt.From == layout.CSV && strings.Contains(err.Error(), "the header has no column") {
			hint = "; for another system's export, map its columns with --map (see --help)"
		}
		fmt.Fprintf(errw, "honoscope %s: %s: %v%s\n", name, label, err, hint)
		return false, 1
	}
	if opt.From == layout.MHSDS {
		fmt.Fprintf(errw, "honoscope %s: %s: %s from %s\n", name, label,
			words.Count(rep.Ratings, "rating", "ratings"), words.Count(rep.Rows, "row", "rows"))
		if rep.ThroughFiles {
			fmt.Fprintf(errw, "honoscope %s: %s: the ratings being assembled from their rows did not fit in the memory allowed (--memory), so they were assembled through temporary files; the ratings are the same\n", name, label)
		}
	}
	if rep.Rejected == 0 {
		return true, 0
	}
	fmt.Fprintf(errw, "honoscope %s: %s: %d of %d rows rejected and left out; correct them and run again\n", name, label, rep.Rejected, rep.Rows)
	return true, 1
}

// errNotRead stops an analysis whose input readRatings could not read
// through; readRatings has already said why.
var errNotRead = errors.New("the input could not be read")

// cohortFeed is the feed of an analysis: it reads the ratings named by
// files into a cohort's add, lending it the patient labels (a cohort copies
// what it keeps), and sets read and status as readRatings returns them.
func cohortFeed(name string, files []string, opt layout.Options, stdin io.Reader, stderr io.Writer, read *bool, status *int) func(add func(*scoring.Rating)) error {
	opt.Borrow = true
	return func(add func(*scoring.Rating)) error {
		if *read, *status = readRatings(name, files, opt, stdin, stderr, add); !*read {
			return errNotRead
		}
		return nil
	}
}

// analyse reads the ratings named by files and analyses them with s and v.
// When the input cannot be read through, a is nil and status is the exit
// status; when the analysis fails, it is said on stderr and status is 1.
func analyse(name string, files []string, opt layout.Options, stdin io.Reader, stderr io.Writer, s scoring.Settings, v scoring.View) (a *scoring.Analysis, status int) {
	read := false
	a, err := scoring.Analyse(cohortFeed(name, files, opt, stdin, stderr, &read, &status), s, v)
	if !read {
		return nil, status
	}
	if err != nil {
		fmt.Fprintf(stderr, "honoscope %s: %v\n", name, err)
		return nil, 1
	}
	return a, status
}

// analyseWrite is analyse for a command that writes each pair as it comes
// (scoring.AnalyseWrite, format appending a pair's text, written to w): ok
// is false when the input could not be read through or the analysis
// failed (said on stderr; status is the exit status); an error writing to
// w is the caller's to say.
func analyseWrite(name string, files []string, opt layout.Options, stdin io.Reader, stderr io.Writer, s scoring.Settings, sp scoring.Spill, begin func(*scoring.Analysis), format func([]byte, *scoring.Pair) []byte, w *errWriter) (status int, ok bool) {
	read := false
	_, err := scoring.AnalyseWrite(cohortFeed(name, files, opt, stdin, stderr, &read, &status), s, sp, begin, format, w)
	if !read {
		return status, false
	}
	var se *scoring.SpillError
	if errors.As(err, &se) {
		fmt.Fprintf(stderr, "honoscope %s: the export's people did not fit in the memory allowed (--memory), and writing them to temporary files in %s failed: %v. The pairing stopped: use no pairs written before this message. Free some space there, choose another folder with --temp-dir, or allow more memory with --memory.\n", name, se.Dir, se.Err)
		return 1, false
	}
	if err != nil && (w.err == nil || err != w.err) {
		fmt.Fprintf(stderr, "honoscope %s: %v\n", name, err)
		return 1, false
	}
	return status, true
}

// analyseEach is analyse for a command that takes each pair as it is made
// (scoring.AnalyseEachSpilling) rather than keeping them: a is nil when the
// input could not be read through or the analysis failed, said on stderr
// with status the exit status.
func analyseEach(name string, files []string, opt layout.Options, stdin io.Reader, stderr io.Writer, s scoring.Settings, sp scoring.Spill, each func(*scoring.Pair) error) (a *scoring.Analysis, status int) {
	read := false
	a, err := scoring.AnalyseEachSpilling(cohortFeed(name, files, opt, stdin, stderr, &read, &status), s, sp, nil, each)
	if !read {
		return nil, status
	}
	var se *scoring.SpillError
	if errors.As(err, &se) {
		fmt.Fprintf(stderr, "honoscope %s: the export's people did not fit in the memory allowed (--memory), and writing them to temporary files in %s failed: %v. Free some space there, choose another folder with --temp-dir, or allow more memory with --memory.\n", name, se.Dir, se.Err)
		return nil, 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "honoscope %s: %v\n", name, err)
		return nil, 1
	}
	return a, status
}

// appendDate appends d as YYYY-MM-DD without allocating.
func appendDate(b []byte, d scoring.Date) []byte {
	y, m, day := d.Civil()
	b = append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = append(b, byte('0'+m/10), byte('0'+m%10), '-')
	return append(b, byte('0'+day/10), byte('0'+day%10))
}
