package layout

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"honoscope/scoring"
)

// Wide describes a layout with one row per rating, like Honoscope's own,
// whose columns have other names and whose cells use other codes: NOCC's
// flat extracts, CamCOPS's task tables, or a layout a user maps by hand.
// Column names are matched without regard to case or surrounding space.
type Wide struct {
	// Name names the layout in messages ("NOCC", "CamCOPS").
	Name string
	// Patient and Date list the names the person's identifier and the date
	// of the rating may go by; the first found in the header is read.
	Patient, Date []string
	// DayFirst reads dates written day first, DDMMYYYY or DD/MM/YYYY (the
	// Australian METEOR form); otherwise dates are YYYY-MM-DD, or a
	// timestamp whose date is read.
	DayFirst bool
	// Forms are the sets of item columns a row may fill; each filled set is
	// one rating.
	Forms []Form
	// ProblemType names the item 8 problem type column (A–K); None lists the
	// values in it that mean no type was recorded (NOCC: X not applicable,
	// Z not stated).
	ProblemType string
	None        []string
	// Occasion and Setting name columns whose codes Occasions and Settings
	// turn into Honoscope's labels; a code not listed is rejected. Team
	// names a column read as the team label.
	Occasion, Setting, Team string
	Occasions, Settings     map[string]string
	// Period names a free-text column of the period rated: a text that
	// speaks of three days or 72 hours is the inpatient-discharge period,
	// anything else the standard two weeks.
	Period string
}

// Form is one set of item columns of a wide layout.
type Form struct {
	// Instrument is the instrument rated in these columns.
	Instrument scoring.InstrumentID
	// Items names the item columns: item n is Items[n-1].
	Items []string
	// Version names a column whose value says which instrument of the family
	// these columns hold (NOCC's HnosVer: A1 HoNOS, G1 and G2 HoNOS 65+);
	// an empty cell means Instrument, a value not in Versions is rejected.
	Version  string
	Versions map[string]scoring.InstrumentID
}

// Report says what a reader made of a file.
type Report struct {
	// Layout names the layout read.
	Layout Format
	// Rows is the number of data rows read; Rejected of them were left out.
	Rows, Rejected int
	// Ratings is the number of ratings read.
	Ratings int
	// ThroughFiles is set when an MHSDS long file's ratings outgrew
	// Options.Assembly's limit and were assembled through temporary files.
	ThroughFiles bool
}

// wideColumns is a Wide's columns found in one header.
type wideColumns struct {
	header                                              []string
	patient, date, problemType, occasion, setting, team int
	period                                              int
	forms                                               []wideForm
}

type wideForm struct {
	Form
	items   [scoring.MaxItems]int
	version int
}

// columns finds w's columns in header.
func (w *Wide) columns(header []string) (*wideColumns, error) {
	idx := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := idx[h]; !dup {
			idx[h] = i
		}
	}
	find := func(names ...string) int {
		for _, n := range names {
			if n == "" {
				continue
			}
			if i, ok := idx[strings.ToLower(n)]; ok {
				return i
			}
		}
		return -1
	}
	c := &wideColumns{header: header, patient: find(w.Patient...), date: find(w.Date...),
		problemType: find(w.ProblemType), occasion: find(w.Occasion), setting: find(w.Setting),
		team: find(w.Team), period: find(w.Period)}
	if c.patient < 0 {
		return nil, fmt.Errorf("line 1: the header has no %s column: the %s layout needs the person's pseudonymous identifier", orList(w.Patient), w.Name)
	}
	if c.date < 0 {
		return nil, fmt.Errorf("line 1: the header has no %s column: the %s layout needs the date of each rating", orList(w.Date), w.Name)
	}
	for _, f := range w.Forms {
		wf := wideForm{Form: f, version: find(f.Version)}
		any := false
		for n := range wf.items {
			wf.items[n] = -1
			if n < len(f.Items) {
				wf.items[n] = find(f.Items[n])
				any = any || wf.items[n] >= 0
			}
		}
		if any {
			c.forms = append(c.forms, wf)
		}
	}
	if len(c.forms) == 0 {
		var names []string
		for _, f := range w.Forms {
			names = append(names, f.Items[0]+"…"+f.Items[len(f.Items)-1])
		}
		return nil, fmt.Errorf("line 1: the header has no item columns: the %s layout names them %s", w.Name, orList(names))
	}
	return c, nil
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// ReadWide reads a file in the wide layout w and calls use with each rating,
// in file order. A row rates one instrument per filled form (a NOCC row
// may hold both a HoNOS and a HoNOSCA); a row that fills no form is left out
// with a warning, since a collection occasion need not include HoNOS. A
// row that cannot be used is passed to problem (line, the file's own column
// name, what to do) and left out; the rest are read. Item cells read "3",
// "03" and "3.0" as 3, and 7, 8, 9 and empty as not known.
func ReadWide(r io.Reader, w *Wide, problem func(*scoring.RowError), use func(*scoring.Rating)) (Report, error) {
	return readWide(r, w, problem, func(r *scoring.Rating) bool { use(r); return true })
}

// PreviewWide reads the first n ratings of a file in the wide layout w, and
// the problems of the rows before them, for the user to check a mapping
// before the whole file is read.
func PreviewWide(r io.Reader, w *Wide, n int) ([]scoring.Rating, []*scoring.RowError, error) {
	var rs []scoring.Rating
	var problems []*scoring.RowError
	_, err := readWide(r, w, func(e *scoring.RowError) { problems = append(problems, e) }, func(r *scoring.Rating) bool {
		rs = append(rs, *r)
		return len(rs) < n
	})
	return rs, problems, err
}

// readWide is ReadWide, stopping when use returns false.
func readWide(r io.Reader, w *Wide, problem func(*scoring.RowError), use func(*scoring.Rating) bool) (Report, error) {
	rep := Report{}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	rec, err := cr.Read()
	if err != nil {
		return rep, fmt.Errorf("no header row: %w", err)
	}
	c, err := w.columns(append([]string(nil), rec...))
	if err != nil {
		return rep, err
	}
	var rt scoring.Rating
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return rep, err
			}
			rep.Rows++
			rep.Rejected++
			problem(&scoring.RowError{Line: pe.StartLine, Msg: pe.Err.Error() + ": correct the row's quotes"})
			continue
		}
		rep.Rows++
		line, _ := cr.FieldPos(0)
		more := true
		n, pe := w.row(c, rec, line, &rt, problem, func(r *scoring.Rating) { more = use(r) && more })
		rep.Ratings += n
		if pe != nil {
			rep.Rejected++
			problem(pe)
		}
		if !more {
			break
		}
	}
	return rep, nil
}

// row reads one record into ratings, calling use for each; it returns how
// many it read, or the problem that rejects the row.
func (w *Wide) row(c *wideColumns, rec []string, line int, rt *scoring.Rating, problem func(*scoring.RowError), use func(*scoring.Rating)) (int, *scoring.RowError) {
	cell := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	bad := func(i int, msg string) *scoring.RowError {
		return &scoring.RowError{Line: line, Column: c.header[i], Msg: msg}
	}
	var filled []*wideForm
	for i := range c.forms {
		f := &c.forms[i]
		for _, at := range f.items {
			if cell(at) != "" {
				filled = append(filled, f)
				break
			}
		}
	}
	if len(filled) == 0 {
		problem(&scoring.RowError{Line: line, Warning: true, Msg: "no item is filled in on this row, so it holds no rating and is left out"})
		return 0, nil
	}
	*rt = scoring.Rating{Line: line}
	label := scoring.UnguardCell(cell(c.patient))
	if label == "" {
		return 0, bad(c.patient, "empty: give the person's pseudonymous identifier")
	}
	if msg := scoring.LabelProblem(label); msg != "" {
		return 0, bad(c.patient, msg)
	}
	rt.Patient = scoring.NormalLabel(label)
	date, err := parseDate(cell(c.date), w.DayFirst)
	if err != nil {
		return 0, bad(c.date, err.Error())
	}
	rt.Date = date
	for _, lc := range []struct {
		at    int
		codes map[string]string
		to    *string
	}{{c.occasion, w.Occasions, &rt.Occasion}, {c.setting, w.Settings, &rt.Setting}, {c.team, nil, &rt.Team}} {
		v := scoring.UnguardCell(cell(lc.at))
		if v == "" {
			continue
		}
		if lc.codes != nil {
			label, ok := lc.codes[strings.ToUpper(v)]
			if !ok {
				return 0, bad(lc.at, fmt.Sprintf("%q is not one of the codes of this column (%s): correct it or leave it empty", clipCell(v), codeList(lc.codes)))
			}
			v = label
		}
		if msg := scoring.LabelProblem(v); msg != "" {
			return 0, bad(lc.at, msg)
		}
		*lc.to = scoring.NormalLabel(v)
	}
	if c.period >= 0 {
		rt.Period = periodOf(cell(c.period))
	}
	ratings := make([]scoring.Rating, 0, len(filled))
	for _, f := range filled {
		r := *rt
		id := f.Instrument
		if v := strings.ToUpper(cell(f.version)); v != "" {
			got, ok := f.Versions[v]
			if !ok {
				return 0, bad(f.version, fmt.Sprintf("%q is not a version this layout knows (%s): correct it", clipCell(v), versionList(f.Versions)))
			}
			id = got
		}
		r.Instrument = scoring.MustInstrument(id)
		for n := range r.Items {
			r.Items[n] = scoring.NotKnown
			if n >= len(r.Instrument.Items) || f.items[n] < 0 {
				continue
			}
			code, err := parseScore(cell(f.items[n]))
			if err != nil {
				return 0, bad(f.items[n], err.Error())
			}
			r.Items[n] = code
		}
		if r.Instrument.HasProblemType && c.problemType >= 0 {
			v := strings.ToUpper(cell(c.problemType))
			if !contains(w.None, v) {
				p, err := scoring.ParseProblemType(v)
				if err != nil {
					return 0, bad(c.problemType, err.Error())
				}
				r.ProblemType = p
			}
		}
		ratings = append(ratings, r)
	}
	for i := range ratings {
		if ratings[i].NeedsProblemType() {
			col := "item 8"
			if c.problemType >= 0 {
				col = c.header[c.problemType]
			}
			problem(&scoring.RowError{Line: line, Column: col, Warning: true,
				Msg: "item 8 is rated " + ratings[i].Items[7].String() + " but no problem type is given: add a letter A to K"})
		}
		use(&ratings[i])
	}
	return len(ratings), nil
}

// parseDate reads a date as YYYY-MM-DD (or the date of a timestamp), or,
// day first, as DDMMYYYY or DD/MM/YYYY.
func parseDate(s string, dayFirst bool) (scoring.Date, error) {
	if s == "" {
		if dayFirst {
			return 0, errors.New("empty: give the date of the rating as DDMMYYYY")
		}
		return 0, errors.New("empty: give the date of the rating as YYYY-MM-DD")
	}
	if !dayFirst {
		d, err := scoring.ParseDate(datePart(s))
		if err != nil {
			return 0, fmt.Errorf("%v (a timestamp such as 2024-03-01T10:15:00 counts by its date)", err)
		}
		return d, nil
	}
	t := s
	if len(t) == 10 && (t[2] == '/' || t[2] == '-' || t[2] == '.') && t[5] == t[2] {
		t = t[:2] + t[3:5] + t[6:]
	}
	if len(t) == 8 {
		if d, err := scoring.ParseDate(t[4:8] + "-" + t[2:4] + "-" + t[0:2]); err == nil {
			return d, nil
		}
	}
	return 0, fmt.Errorf("%q is not a real date written day first: write it as DDMMYYYY, e.g. 01032024 for 1 March 2024", clipCell(s))
}

// periodOf reads a free-text period rated: three days (the inpatient
// discharge period) when it says so, else the standard two weeks.
func periodOf(s string) scoring.Period {
	t := strings.ToLower(s)
	for _, w := range []string{"3 day", "three day", "3-day", "72 h", "72h", "72 hour"} {
		if strings.Contains(t, w) {
			return scoring.ThreeDays
		}
	}
	return scoring.TwoWeeks
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// codeList lists a column's codes in order, for an error message.
func codeList(codes map[string]string) string {
	keys := make([]string, 0, len(codes))
	for k := range codes {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}

func versionList(v map[string]scoring.InstrumentID) string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}
