package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"honoscope/scoring"
	"honoscope/scoring/layout"
)

const changeUsage = `Usage: honoscope change [--method threshold|jt|es] [--threshold 8] [--sd SD]
                        [--reliability R] [--es 0.5] [--cutoff 11] [--consecutive]
                        [--max-unknown 2] [--preset nhse] [--memory 2GB]
                        [--temp-dir DIR] [--from LAYOUT] [FILE|-]

Pairs each patient's earliest and latest rating with a valid total, per
instrument (or, with --consecutive, every rating with the next), and writes
one CSV row per pair to standard output:

  patient,instrument,baseline_date,followup_date,baseline_total,followup_total,change,reliable,category,items_improved,items_deteriorated

change is follow-up minus baseline (negative: fewer problems). reliable is
improvement, no change or deterioration by the chosen method; category is
recovered, improved, unchanged, deteriorated or harmed around the cut-off;
items_improved and items_deteriorated count items that went from 3-4 to 0-2
and from 0-2 to 3-4 (Crawford et al. 2017). Ratings on the same date are
ordered as in the file. Patients with fewer than two valid ratings of an
instrument give no row. The method used and the counts go to standard error.

Methods:
  threshold  a change of --threshold points or more is reliable
             (default 8; Parabiaghi et al. 2005)
  jt         Jacobson-Truax reliable change index: needs --sd (SD of baseline
             totals) and --reliability (r); reliable when |RCI| > 1.96
             (Jacobson & Truax 1991)
  es         effect size (baseline - follow-up) / SD >= --es (default 0.5) is
             improvement, <= -es deterioration; SD is --sd or, when left out,
             the sample SD of the pairs' baseline totals (METEOR 584024)

Options:
  --cutoff C        totals of C or more are in the clinical range (default 11;
                    Parabiaghi et al. 2005): recovered means a reliable
                    improvement from C or more to below C, harmed the reverse
  --consecutive     pair consecutive ratings instead of earliest and latest
  --max-unknown N   scored items that may be unknown while the total stays
                    valid (default 2)
  --preset nhse     NHS England's validity rule instead (its measure AMH04):
                    HoNOS and HoNOS 65+ need at least 9 of 12 items rated,
                    HoNOSCA all 13
  --memory SIZE     about how much memory to use (default 2GB; such as 512MB,
                    8GB): an export whose people do not fit is paired through
                    temporary files instead, more slowly, with the same output
  --temp-dir DIR    where those files go (default the system's temporary
                    folder); they are removed at the end, or when the command
                    is interrupted

Each of --threshold, --sd, --reliability, --es, --cutoff and --max-unknown
also takes INSTRUMENT=VALUE for one instrument, and may be repeated:
  --cutoff 11 --cutoff honosca=13
An instrument not named takes the plain value. Each instrument's pairs are
classified by its own settings and, for es without --sd, the SD of its own
baselines: a mixed file never pools instruments. The method line says what
applied to each.
` + layoutUsage + `
The input is any layout 'honoscope score' reads (see its --help).
Exit status: 0 all rows read, 1 some rows rejected or the input unusable,
2 wrong options.

Examples:
  honoscope change ratings.csv > change.csv
  honoscope change --method jt --sd 7.2 --reliability 0.8 ratings.csv
`

// perInstrument is an option that takes a plain value for every instrument
// and, repeated, INSTRUMENT=VALUE for one (--cutoff 11 --cutoff honosca=13):
// a mixed file's instruments each get their own cut-off, threshold, SD,
// reliability, effect size or validity, never one pooled across them.
type perInstrument struct {
	integer bool
	base    *float64
	per     map[scoring.InstrumentID]float64
}

func (v *perInstrument) String() string { return "" }

// Set reads one value, plain or for one instrument.
func (v *perInstrument) Set(s string) error {
	id, val, one := strings.Cut(s, "=")
	if !one {
		val = s
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
	switch {
	case err != nil || (v.integer && x != math.Trunc(x)):
		what := "a number, such as 7.5"
		if v.integer {
			what = "a whole number"
		}
		return errors.New("give " + what + ", or INSTRUMENT=VALUE for one instrument (honos, honos65, honosca)")
	case !finite(x):
		return errors.New("options take ordinary numbers, not NaN or Inf")
	}
	if !one {
		*v.base = x
		return nil
	}
	in, err := scoring.LookupInstrument(id)
	if err != nil {
		return err
	}
	if v.per == nil {
		v.per = map[scoring.InstrumentID]float64{}
	}
	v.per[in.ID] = x
	return nil
}

// settingsFlags parses the options that 'honoscope change' and 'honoscope
// ranges' share into scoring's settings, with the input's layout. code is
// -1 to go on, else the exit status (with the problem on stderr).
func settingsFlags(name string, args []string, help string, stdout, stderr io.Writer, more ...func(*flag.FlagSet)) (s scoring.Settings, opt layout.Options, files []string, code int) {
	s = scoring.DefaultSettings()
	fs := NewFlagSet(name)
	for _, f := range more {
		f(fs)
	}
	method := fs.String("method", s.Method.Flag(), "")
	var cutoff, maxUnknown float64 = float64(s.Cutoff), float64(s.MaxUnknown)
	options := []struct {
		flag string
		v    *perInstrument
		set  func(*scoring.InstrumentSettings, float64)
	}{
		{"threshold", &perInstrument{base: &s.Threshold}, func(is *scoring.InstrumentSettings, x float64) { is.Threshold = x }},
		{"sd", &perInstrument{base: &s.SD}, func(is *scoring.InstrumentSettings, x float64) { is.SD = x }},
		{"reliability", &perInstrument{base: &s.Reliability}, func(is *scoring.InstrumentSettings, x float64) { is.Reliability = x }},
		{"es", &perInstrument{base: &s.EffectSize}, func(is *scoring.InstrumentSettings, x float64) { is.EffectSize = x }},
		{"cutoff", &perInstrument{integer: true, base: &cutoff}, func(is *scoring.InstrumentSettings, x float64) { is.Cutoff = int(x) }},
		{"max-unknown", &perInstrument{integer: true, base: &maxUnknown}, func(is *scoring.InstrumentSettings, x float64) { is.MaxUnknown = int(x) }},
	}
	for _, o := range options {
		fs.Var(o.v, o.flag, "")
	}
	consecutive := fs.Bool("consecutive", false, "")
	preset := fs.String("preset", "", "")
	lo := addLayoutOptions(fs)
	files, code = ParseArgs(fs, args, help, stdout, stderr)
	if code >= 0 {
		return s, opt, nil, code
	}
	if opt, code = lo.options(name, stderr); code >= 0 {
		return s, opt, nil, code
	}
	m, err := scoring.ParseMethod(*method)
	if err != nil {
		return s, opt, nil, UsageError(stderr, name, err.Error())
	}
	if bad := checkMethodFlags(fs, m); bad != "" {
		return s, opt, nil, UsageError(stderr, name, bad)
	}
	s.Method, s.Cutoff, s.MaxUnknown = m, int(cutoff), int(maxUnknown)
	if *consecutive {
		s.Pairing = scoring.Consecutive
	}
	for _, in := range scoring.Instruments() {
		for _, o := range options {
			x, ok := o.v.per[in.ID]
			if !ok {
				continue
			}
			if s.Instruments == nil {
				s.Instruments = map[scoring.InstrumentID]scoring.InstrumentSettings{}
			}
			is, own := s.Instruments[in.ID]
			if !own {
				is = s.For(in.ID)
			}
			o.set(&is, x)
			s.Instruments[in.ID] = is
		}
	}
	if *preset != "" {
		set := false
		fs.Visit(func(f *flag.Flag) { set = set || f.Name == "max-unknown" })
		if set {
			return s, opt, nil, UsageError(stderr, name, "--preset sets which totals are valid: leave out --max-unknown")
		}
		if s, err = s.WithPreset(*preset); err != nil {
			return s, opt, nil, UsageError(stderr, name, "--preset: "+err.Error())
		}
	}
	if err := s.Validate(); err != nil {
		var se *scoring.SettingError
		if errors.As(err, &se) && se.Field == scoring.FieldMaxUnknown && len(s.Instruments) == 0 {
			return s, opt, nil, UsageError(stderr, name, maxUnknownMessage())
		}
		return s, opt, nil, UsageError(stderr, name, err.Error())
	}
	return s, opt, files, -1
}

// Change runs "honoscope change": one CSV row per classified pair.
func Change(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var mem memoryFlags
	s, opt, files, code := settingsFlags("change", args, changeUsage, stdout, stderr, mem.add)
	if code >= 0 {
		return code
	}
	sp, cleanup, code := mem.setUp("change", stderr)
	defer cleanup()
	if code >= 0 {
		return code
	}
	// An MHSDS long file's ratings are assembled before they are paired,
	// and the pairing takes them in while the assembly still holds them:
	// each gets half of the memory, and they share the folder.
	opt.Assembly = scoring.Spill{Limit: sp.Limit / 2, Dir: sp.Dir}
	// Each pair is written as it is classified and then dropped: memory
	// grows with the people in the export, not with its pairs.
	out := bufio.NewWriterSize(stdout, 64<<10)
	line := []byte("patient,instrument,baseline_date,followup_date,baseline_total,followup_total,change,reliable,category,items_improved,items_deteriorated\n")
	begin := func(a *scoring.Analysis) {
		fmt.Fprintf(stderr, "method: %s; %s\n", a.Method, describeCounts(a.Counts))
		if a.Spilled {
			fmt.Fprintf(stderr, "note: the people did not fit in the memory allowed (--memory %s), so they were paired through temporary files; the pairs are the same\n", mem.limitText())
		}
		out.Write(line)
	}
	ew := &errWriter{w: out}
	status, ok := analyseWrite("change", files, opt, stdin, stderr, s, sp, begin, appendPairRow, ew)
	if !ok {
		return status
	}
	if ew.err != nil {
		fmt.Fprintf(stderr, "honoscope change: writing the output: %v\n", ew.err)
		return 1
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "honoscope change: writing the output: %v\n", err)
		return 1
	}
	return status
}

// appendPairRow appends p as a row of 'honoscope change': patient,
// instrument, dates, totals, change, reliable change, category and the
// items that moved. It is safe to call from several goroutines.
func appendPairRow(line []byte, p *scoring.Pair) []byte {
	line = scoring.AppendCell(line, p.Patient)
	line = append(line, ',')
	line = append(line, p.Instrument.ID...)
	line = append(line, ',')
	line = appendDate(line, p.Baseline.Date)
	line = append(line, ',')
	line = appendDate(line, p.Followup.Date)
	line = append(line, ',')
	line = strconv.AppendInt(line, int64(p.Change.Baseline), 10)
	line = append(line, ',')
	line = strconv.AppendInt(line, int64(p.Change.Followup), 10)
	line = append(line, ',')
	line = strconv.AppendInt(line, int64(p.Change.Delta), 10)
	line = append(line, ',')
	line = append(line, p.Change.Reliable.String()...)
	line = append(line, ',')
	line = append(line, p.Change.Category.String()...)
	line = append(line, ',')
	line = strconv.AppendInt(line, int64(p.ItemsImproved), 10)
	line = append(line, ',')
	line = strconv.AppendInt(line, int64(p.ItemsDeteriorated), 10)
	return append(line, '\n')
}

// errWriter keeps its writer's first error, to tell a failed write of the
// output from a failed analysis.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(b []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(b)
	e.err = err
	return n, err
}

// checkMethodFlags returns what is wrong with the options given for method
// m, or "" when nothing is: an option the method does not use is an error
// rather than silently ignored ("--sd 7" without "--method jt" is most likely
// a slip), and Jacobson–Truax needs --reliability given explicitly, because
// r = 0 is a legal reliability and a forgotten option would pass silently.
func checkMethodFlags(fs *flag.FlagSet, m scoring.Method) string {
	uses := map[string][]scoring.Method{
		"threshold":   {scoring.Threshold},
		"sd":          {scoring.JacobsonTruax, scoring.EffectSize},
		"reliability": {scoring.JacobsonTruax},
		"es":          {scoring.EffectSize},
	}
	var bad string
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) {
		set[f.Name] = true
		ms, ok := uses[f.Name]
		if !ok || bad != "" {
			return
		}
		names := make([]string, len(ms))
		for i, x := range ms {
			if x == m {
				return
			}
			names[i] = x.Flag()
		}
		bad = fmt.Sprintf("--%s applies only to --method %s: leave it out or choose that method", f.Name, strings.Join(names, " or "))
	})
	if bad == "" && m == scoring.JacobsonTruax && !set["reliability"] {
		bad = "the Jacobson–Truax method needs the reliability r: set --reliability to a number from 0 up to (not including) 1"
	}
	return bad
}

// describeCounts summarises what the cohort was built from.
func describeCounts(c scoring.Counts) string {
	return fmt.Sprintf("people %d, ratings %d, valid ratings %d, pairs %d, singles %d", c.People, c.Ratings, c.ValidRatings, c.Pairs, c.Singles)
}
