//go:build !(js && wasm)

package main

import (
	"fmt"
	"io"
	"time"

	"honoscope/scoring"
)

func init() {
	register(command{
		name:    "ranges",
		summary: "expected-change ranges from a trust's own ratings, as a JSON file",
		run:     runRanges,
	})
}

const rangesUsage = `Usage: honoscope ranges [--method threshold|jt|es] [--threshold 8] [--sd SD]
                        [--reliability R] [--es 0.5] [--cutoff 11] [--consecutive]
                        [--max-unknown 2] [FILE|-]

Makes expected-change ranges ("normal ranges") from your own ratings: pairs
each patient's ratings exactly as 'honoscope change' does, classifies the
change with the same options, and writes a small JSON file to standard output
with, per instrument, baseline severity band and setting (of the baseline
rating): the number of pairs, the median and interquartile range (Q1, Q3) of
the change in total, and the percentage reliably improved by the chosen
method. Quartiles use linear interpolation (Hyndman & Fan 1996, definition 7,
as R's default).

Privacy: the file holds aggregates only - no patient label, no date of any
rating, no individual score. A group of fewer than 10 pairs is shown only as
"fewer than 10 pairs", with no figures. The file is dated to the day.

Bands are the indicative bands of the baseline HoNOS or HoNOS 65+ total
(Parabiaghi et al. 2014: under 10 mild, 10-12 moderate, 13 or more severe);
HoNOSCA has no published bands and is "not banded".

Options are those of 'honoscope change' (see its --help for the methods):
  --method M        threshold (default), jt or es
  --threshold T     points for a reliable change (threshold; default 8)
  --sd SD           SD of baseline totals (jt; es, default the pairs' own)
  --reliability R   reliability r (jt)
  --es E            effect size counted as change (es; default 0.5)
  --cutoff C        clinical cut-off (default 11)
  --consecutive     pair consecutive ratings instead of earliest and latest
  --max-unknown N   scored items that may be unknown (default 2)

Rejected rows are reported on standard error as "line N: column NAME: what
is wrong" and left out. Exit status: 0 all rows read, 1 some rows rejected or
the input unusable, 2 wrong options.

Examples:
  honoscope ranges ratings.csv > ranges.json
  honoscope ranges --method es ratings.csv > ranges-es.json
`

// rangesFlags holds the parsed options of 'honoscope ranges'.
type rangesFlags struct {
	opts  scoring.ChangeOptions
	rules scoring.Rules
	mode  scoring.PairMode
	files []string
}

// parseRangesFlags parses the options shared with 'honoscope change'. code
// is -1 to go on, else the exit status.
func parseRangesFlags(args []string, stdout, stderr io.Writer) (rangesFlags, int) {
	const name = "ranges"
	def := scoring.DefaultChangeOptions()
	fs := newFlagSet(name)
	method := fs.String("method", def.Method.Flag(), "")
	threshold := fs.Float64("threshold", def.Threshold, "")
	sd := fs.Float64("sd", 0, "")
	reliability := fs.Float64("reliability", 0, "")
	es := fs.Float64("es", def.EffectSize, "")
	cutoff := fs.Int("cutoff", def.Cutoff, "")
	consecutive := fs.Bool("consecutive", false, "")
	maxUnknown := fs.Int("max-unknown", scoring.MaxUnknownDefault, "")
	var rf rangesFlags
	files, code := parseArgs(fs, args, rangesUsage, stdout, stderr)
	if code >= 0 {
		return rf, code
	}
	m, err := scoring.ParseMethod(*method)
	if err != nil {
		return rf, usageError(stderr, name, err.Error())
	}
	if bad := checkMethodFlags(fs, m); bad != "" {
		return rf, usageError(stderr, name, bad)
	}
	for _, x := range []float64{*threshold, *sd, *reliability, *es} {
		if !finite(x) {
			return rf, usageError(stderr, name, "options take ordinary numbers, not NaN or Inf")
		}
	}
	rf.opts = def
	rf.opts.Method = m
	rf.opts.Threshold, rf.opts.SD, rf.opts.Reliability, rf.opts.EffectSize, rf.opts.Cutoff = *threshold, *sd, *reliability, *es, *cutoff
	if err := rf.opts.Validate(); err != nil {
		return rf, usageError(stderr, name, err.Error())
	}
	if *maxUnknown < 0 || *maxUnknown > 13 {
		return rf, usageError(stderr, name, "--max-unknown must be a whole number from 0 to 13 (default 2)")
	}
	rf.rules = scoring.DefaultRules()
	rf.rules.MaxUnknown = *maxUnknown
	if *consecutive {
		rf.mode = scoring.Consecutive
	}
	rf.files = files
	return rf, -1
}

func runRanges(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	rf, code := parseRangesFlags(args, stdout, stderr)
	if code >= 0 {
		return code
	}
	cohort := scoring.NewCohort(rf.mode, rf.rules)
	read, status := readRatings("ranges", rf.files, stdin, stderr, cohort.Add)
	if !read {
		return status
	}
	pairs := cohort.Pairs()
	used, err := scoring.ClassifyPairs(pairs, rf.opts)
	if err != nil {
		fmt.Fprintf(stderr, "honoscope ranges: %v\n", err)
		return 1
	}
	now := time.Now().UTC()
	file := scoring.BuildRanges(pairs, used, scoring.DateOf(now.Year(), now.Month(), now.Day()))
	suppressed := 0
	for _, g := range file.Groups {
		if g.Suppressed != "" {
			suppressed++
		}
	}
	fmt.Fprintf(stderr, "%s; %s; groups %d, of which %d suppressed (fewer than %d pairs)\n",
		describeMethod(used, rf.opts.SD == 0, len(pairs), rf.mode), describeCounts(cohort.Counts()),
		len(file.Groups), suppressed, scoring.MinRangeGroup)
	if _, err := file.WriteTo(stdout); err != nil {
		fmt.Fprintf(stderr, "honoscope ranges: writing the output: %v\n", err)
		return 1
	}
	return status
}
