//go:build !(js && wasm)

package main

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

	"honoscope/scoring"
)

func init() {
	register(command{
		name:    "score",
		summary: "score each rating in a CSV file: totals, validity, subscales",
		run:     runScore,
	})
}

const scoreUsage = `Usage: honoscope score [--max-unknown N] [FILE|-]

Scores every rating in FILE (or standard input when FILE is - or left out)
and writes CSV to standard output, one row per accepted rating, in input order:

  patient,date,instrument,total,valid_items,total_valid,behaviour,impairment,symptoms,social,significant_items

total is the sum of the scored items rated 0-4 (items 1-12; HoNOSCA 1-13);
total_valid is true when at most N scored items are unknown; a subscale
(Wing for HoNOS and HoNOS 65+, Gowers for HoNOSCA) is empty unless all its
items are rated; significant_items counts items rated 2-4.

The input is CSV with a header row naming its columns: patient and date
(YYYY-MM-DD) are required; instrument (honos, honos65, honosca; default
honos), item1 ... item15, item8_type, occasion, team and setting are read
when present; other columns are ignored. Items may be 0-4, or 9, 7, 8 or
empty for not known.

A row with a bad value is left out and reported on standard error as
"line N: column NAME: what is wrong". Exit status: 0 all rows read,
1 some rows rejected or the file unreadable, 2 wrong options.

Options:
  --max-unknown N   scored items that may be unknown while the total stays
                    valid (default 2: the UK score-sheet convention)

Example:
  honoscope score ratings.csv > scores.csv
`

func runScore(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("score")
	maxUnknown := fs.Int("max-unknown", scoring.MaxUnknownDefault, "")
	files, code := parseArgs(fs, args, scoreUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	rules := scoring.DefaultRules()
	if *maxUnknown < 0 || *maxUnknown > 13 {
		return usageError(stderr, "score", "--max-unknown must be a whole number from 0 to 13 (default 2)")
	}
	rules.MaxUnknown = *maxUnknown

	// The output is buffered and dropped when the file cannot be read, so a
	// bad header leaves stdout empty.
	out := bufio.NewWriterSize(stdout, 64<<10)
	const header = "patient,date,instrument,total,valid_items,total_valid,behaviour,impairment,symptoms,social,significant_items\n"
	out.WriteString(header)
	var line []byte
	read, status := readRatings("score", files, stdin, stderr, func(r *scoring.Rating) {
		s := scoring.Score(r, rules)
		line = appendCell(line[:0], r.Patient)
		line = append(line, ',')
		line = appendDate(line, r.Date)
		line = append(line, ',')
		line = append(line, r.Instrument.ID...)
		line = append(line, ',')
		line = strconv.AppendInt(line, int64(s.Total), 10)
		line = append(line, ',')
		line = strconv.AppendInt(line, int64(s.ValidItems), 10)
		line = append(line, ',')
		line = strconv.AppendBool(line, s.TotalValid)
		for g := 0; g < 4; g++ {
			line = append(line, ',')
			if v, ok := s.Group(g); ok {
				line = strconv.AppendInt(line, int64(v), 10)
			}
		}
		line = append(line, ',')
		line = strconv.AppendInt(line, int64(s.Significant), 10)
		line = append(line, '\n')
		out.Write(line)
	})
	if !read {
		return status
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "honoscope score: writing the output: %v\n", err)
		return 1
	}
	return status
}

// newFlagSet returns a flag set that reports errors instead of exiting and
// leaves help text to the command.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseArgs parses flags placed before or after the file argument and
// returns the file arguments. code is -1 to go on, or the exit status when
// help was asked for (0) or the arguments are wrong (2, with the problem
// and what to do on stderr).
func parseArgs(fs *flag.FlagSet, args []string, help string, stdout, stderr io.Writer) (files []string, code int) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				io.WriteString(stdout, help)
				return nil, 0
			}
			return nil, usageError(stderr, fs.Name(), err.Error())
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		files = append(files, args[0])
		args = args[1:]
	}
	if len(files) > 1 {
		return nil, usageError(stderr, fs.Name(), "give one FILE (or - for standard input), not "+strconv.Itoa(len(files)))
	}
	return files, -1
}

// usageError reports a wrong option or argument and returns exit status 2.
func usageError(stderr io.Writer, name, msg string) int {
	fmt.Fprintf(stderr, "honoscope %s: %s\nRun 'honoscope %s --help' for the options and an example.\n", name, msg, name)
	return 2
}

// finite reports whether a flag's value is an ordinary number (flag accepts
// "NaN" and "Inf", which no option means).
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// readRatings reads the ratings file named by files (standard input when
// there is none or it is "-"), calls use for every accepted rating in input
// order, and reports rejected rows and warnings on stderr as "line N: column
// NAME: what is wrong". read is false when the input could not be read
// through (no file, a bad header, a read error): then nothing should be
// written to stdout. status is 0 when every row was accepted, else 1.
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
	rd, err := scoring.NewReader(in)
	if err != nil {
		fmt.Fprintf(errw, "honoscope %s: %s: %v\n", name, label, err)
		return false, 1
	}
	for _, w := range rd.HeaderWarnings() {
		errw.WriteString(w.Error())
		errw.WriteByte('\n')
	}
	// Parsing and using the ratings run on two goroutines, so that on a
	// two-core machine reading a large file overlaps with scoring and pairing.
	// Ratings travel in reused batches, in input order.
	const batchSize, batches = 1024, 4
	full := make(chan []scoring.Rating, batches)
	free := make(chan []scoring.Rating, batches)
	for i := 0; i < batches; i++ {
		free <- make([]scoring.Rating, 0, batchSize)
	}
	rows, rejected := 0, 0
	var readErr error
	go func() {
		defer close(full)
		var re *scoring.RowError
		b := <-free
		for {
			n := len(b)
			b = b[:n+1]
			err := rd.Next(&b[n])
			if err == io.EOF {
				b = b[:n]
				break
			}
			if err != nil {
				if !errors.As(err, &re) {
					readErr = err
					b = b[:n]
					break
				}
				errw.WriteString(re.Error())
				errw.WriteByte('\n')
				if !re.Warning {
					rows++
					rejected++
					b = b[:n]
					continue
				}
			}
			rows++
			if len(b) == batchSize {
				full <- b
				b = <-free
			}
		}
		if len(b) > 0 {
			full <- b
		}
	}()
	for b := range full {
		for i := range b {
			use(&b[i])
		}
		free <- b[:0]
	}
	if readErr != nil {
		fmt.Fprintf(errw, "honoscope %s: reading %s: %v\n", name, label, readErr)
		return false, 1
	}
	if rejected > 0 {
		fmt.Fprintf(errw, "honoscope %s: %s: %d of %d rows rejected and left out; correct them and run again\n", name, label, rejected, rows)
		return true, 1
	}
	return true, 0
}

// appendCell appends s as one CSV cell, quoted when it holds a comma, quote,
// line end or leading space (as encoding/csv writes it).
func appendCell(b []byte, s string) []byte {
	if s == "" || (!strings.ContainsAny(s, ",\"\r\n") && s[0] != ' ' && s[0] != '\t') {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// appendDate appends d as YYYY-MM-DD without allocating.
func appendDate(b []byte, d scoring.Date) []byte {
	y, m, day := d.Time().Date()
	b = append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = append(b, byte('0'+int(m)/10), byte('0'+int(m)%10), '-')
	return append(b, byte('0'+day/10), byte('0'+day%10))
}
