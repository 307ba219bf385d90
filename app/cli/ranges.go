package cli

import (
	"fmt"
	"io"
	"time"

	"honoscope/scoring"
)

const rangesUsage = `Usage: honoscope ranges [--method threshold|jt|es] [--threshold 8] [--sd SD]
                        [--reliability R] [--es 0.5] [--cutoff 11] [--consecutive]
                        [--max-unknown 2] [--preset nhse] [--memory 2GB]
                        [--temp-dir DIR] [--from LAYOUT] [FILE|-]

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
  --preset nhse     NHS England's validity rule (AMH04) instead
Each may be given per instrument as INSTRUMENT=VALUE (see change --help).
  --memory SIZE     about how much memory to use (default 2GB): an export
                    whose people do not fit is paired through temporary files
                    instead, more slowly, with the same ranges
  --temp-dir DIR    where those files go (default the system's temporary
                    folder); they are removed at the end
` + layoutUsage + `
Rejected rows are reported on standard error as "line N: column NAME: what
is wrong" and left out. Exit status: 0 all rows read, 1 some rows rejected or
the input unusable, 2 wrong options.

Examples:
  honoscope ranges ratings.csv > ranges.json
  honoscope ranges --method es ratings.csv > ranges-es.json
`

// Ranges runs "honoscope ranges": the expected-change ranges as JSON.
func Ranges(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var mem memoryFlags
	s, opt, files, code := settingsFlags("ranges", args, rangesUsage, stdout, stderr, mem.add)
	if code >= 0 {
		return code
	}
	sp, cleanup, code := mem.setUp("ranges", stderr)
	defer cleanup()
	if code >= 0 {
		return code
	}
	opt.Assembly = scoring.Spill{Limit: sp.Limit / 2, Dir: sp.Dir}
	now := time.Now().UTC()
	// The pairs are counted as they are made, not kept (scoring.RangeTally).
	tally := scoring.NewRangeTally()
	a, status := analyseEach("ranges", files, opt, stdin, stderr, s, sp, func(p *scoring.Pair) error {
		tally.Add(p)
		return nil
	})
	if a == nil {
		return status
	}
	if a.Spilled {
		fmt.Fprintf(stderr, "note: the people did not fit in the memory allowed (--memory %s), so they were paired through temporary files; the pairs are the same\n", mem.limitText())
	}
	a.Ranges = a.RangesOf(tally, scoring.DateOf(now.Year(), now.Month(), now.Day()))
	suppressed := 0
	for _, g := range a.Ranges.Groups {
		if g.Suppressed != "" {
			suppressed++
		}
	}
	fmt.Fprintf(stderr, "method: %s; %s; groups %d, of which %d suppressed (fewer than %d pairs)\n",
		a.Method, describeCounts(a.Counts), len(a.Ranges.Groups), suppressed, scoring.MinRangeGroup)
	if _, err := a.Ranges.WriteTo(stdout); err != nil {
		fmt.Fprintf(stderr, "honoscope ranges: writing the output: %v\n", err)
		return 1
	}
	return status
}
