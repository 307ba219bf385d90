package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strconv"

	"honoscope/scoring"
)

const scoreUsage = `Usage: honoscope score [--max-unknown N] [--memory 2GB] [--temp-dir DIR]
                      [--from LAYOUT] [FILE|-]

Scores every rating in FILE (or standard input when FILE is - or left out)
and writes CSV to standard output, one row per accepted rating, in input order:

  patient,date,instrument,total,valid_items,total_valid,behaviour,impairment,symptoms,social,significant_items

total is the sum of the scored items rated 0-4 (items 1-12; HoNOSCA 1-13);
total_valid is true when at most N scored items are unknown; a subscale
(Wing for HoNOS and HoNOS 65+, Gowers for HoNOSCA) is empty unless all its
items are rated; significant_items counts items rated 2-4.

Honoscope's own input is CSV with a header row naming its columns: patient
and date (YYYY-MM-DD) are required; instrument (honos, honos65, honosca;
default honos), item1 ... item15, item8_type, occasion, team and setting are
read when present; other columns are ignored. Items may be 0-4, or 9, 7, 8
or empty for not known. The layouts services export are read as well and
told apart by their first line: MHSDS long (Person_ID, AssToolCompTimestamp,
CodedAssToolType, PersScore; one row per item), a NOCC extract (PID, ColDt
as DDMMYYYY, HnosVer, Hnos01...Hnos12, Hnos08a, HnosC01...HnosC15), a
CamCOPS task table (patient_id, when_created, period_rated, q1...), the CDU
honos package's (id, date, q1...q12, q8_prob) and a FHIR R4 Bundle that
'honoscope convert --to fhir' wrote.

A row with a bad value is left out and reported on standard error as
"line N: column NAME: what is wrong". Exit status: 0 all rows read,
1 some rows rejected or the file unreadable, 2 wrong options.

Options:
  --max-unknown N   scored items that may be unknown while the total stays
                    valid (default 2: the UK score-sheet convention); give
                    INSTRUMENT=N for one instrument, e.g. honosca=0
  --preset nhse     NHS England's rule instead (its measure AMH04): HoNOS and
                    HoNOS 65+ valid with at least 9 of 12 items rated,
                    HoNOSCA with all 13
  --memory SIZE     about how much memory to use (default 2GB): an MHSDS long
                    file's ratings that do not fit while they are assembled
                    from its rows go through temporary files, with the same
                    output; other layouts are scored a row at a time
  --temp-dir DIR    where those files go (default the system's temporary
                    folder); they are removed at the end
` + layoutUsage + `
Example:
  honoscope score ratings.csv > scores.csv
`

// Score runs "honoscope score": one CSV row of scores per accepted rating.
func Score(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := NewFlagSet("score")
	s := scoring.DefaultSettings()
	maxUnknown := float64(s.MaxUnknown)
	perUnknown := &perInstrument{integer: true, base: &maxUnknown}
	fs.Var(perUnknown, "max-unknown", "")
	preset := fs.String("preset", "", "")
	lo := addLayoutOptions(fs)
	var mem memoryFlags
	mem.add(fs)
	files, code := ParseArgs(fs, args, scoreUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	opt, code := lo.options("score", stderr)
	if code >= 0 {
		return code
	}
	sp, cleanup, code := mem.setUp("score", stderr)
	defer cleanup()
	if code >= 0 {
		return code
	}
	opt.Assembly = scoring.Spill{Limit: sp.Limit, Dir: sp.Dir}
	s.MaxUnknown = int(maxUnknown)
	for id, n := range perUnknown.per {
		if s.Instruments == nil {
			s.Instruments = map[scoring.InstrumentID]scoring.InstrumentSettings{}
		}
		is := s.For(id)
		is.MaxUnknown = int(n)
		s.Instruments[id] = is
	}
	if *preset != "" {
		set := false
		fs.Visit(func(f *flag.Flag) { set = set || f.Name == "max-unknown" })
		if set {
			return UsageError(stderr, "score", "--preset sets which totals are valid: leave out --max-unknown")
		}
		var err error
		if s, err = s.WithPreset(*preset); err != nil {
			return UsageError(stderr, "score", "--preset: "+err.Error())
		}
	}
	if err := s.Validate(); err != nil {
		if len(s.Instruments) > 0 {
			return UsageError(stderr, "score", err.Error())
		}
		return UsageError(stderr, "score", maxUnknownMessage())
	}
	var rules [len(instrumentIDs)]scoring.Rules
	for i, id := range instrumentIDs {
		rules[i] = s.RulesFor(id)
	}

	// The output is buffered and dropped when the file cannot be read, so a
	// bad header leaves stdout empty.
	out := bufio.NewWriterSize(stdout, 64<<10)
	const header = "patient,date,instrument,total,valid_items,total_valid,behaviour,impairment,symptoms,social,significant_items\n"
	out.WriteString(header)
	var line []byte
	read, status := readRatings("score", files, opt, stdin, stderr, func(r *scoring.Rating) {
		s := scoring.Score(r, rules[instrumentIndex(r.Instrument.ID)])
		line = scoring.AppendCell(line[:0], r.Patient)
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

// instrumentIDs are the instruments in a fixed order, so that per-rating
// rules are looked up without a map.
var instrumentIDs = [...]scoring.InstrumentID{scoring.HoNOS, scoring.HoNOS65, scoring.HoNOSCA}

func instrumentIndex(id scoring.InstrumentID) int {
	for i, x := range instrumentIDs {
		if x == id {
			return i
		}
	}
	return 0
}
