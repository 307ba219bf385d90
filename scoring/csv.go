package scoring

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// The column names of a ratings file, as written in the header (matched
// case-insensitively, in any order; other columns are ignored). Item columns
// are "item1" to "item15".
const (
	// ColPatient holds the pseudonymous patient label (required).
	ColPatient = "patient"
	// ColDate holds the date of the rating, YYYY-MM-DD (required).
	ColDate = "date"
	// ColInstrument holds honos, honos65 or honosca; absent or empty means honos.
	ColInstrument = "instrument"
	// ColProblemType holds the item 8 problem type, a letter A–K.
	ColProblemType = "item8_type"
	// ColOccasion holds the occasion label (optional), e.g. admission.
	ColOccasion = "occasion"
	// ColTeam holds the team label (optional).
	ColTeam = "team"
	// ColSetting holds the setting label (optional), e.g. inpatient.
	ColSetting = "setting"
)

// labelColumns names the optional label columns in the order Reader keeps them.
var labelColumns = [...]string{ColOccasion, ColTeam, ColSetting}

// ItemColumn returns the header name of item n (from 1): "item1" … "item15".
func ItemColumn(n int) string { return "item" + strconv.Itoa(n) }

// RowError is a problem with one row of a ratings file. Its text is
// "line N: column NAME: what is wrong" (or "line N: what is wrong" when the
// row as a whole is malformed), with "warning: " before the description when
// Warning is set.
type RowError struct {
	// Line is the line on which the row starts (the header is line 1).
	Line int
	// Column is the canonical lower-case column name, or "" when the problem
	// is with the row as a whole (a malformed or ragged row).
	Column string
	// Msg says what is wrong and what to do.
	Msg string
	// Warning reports that the row was accepted despite the problem.
	Warning bool
}

// Error returns "line N: column NAME: what is wrong".
func (e *RowError) Error() string {
	var b strings.Builder
	b.WriteString("line ")
	b.WriteString(strconv.Itoa(e.Line))
	b.WriteString(": ")
	if e.Column != "" {
		b.WriteString("column ")
		b.WriteString(e.Column)
		b.WriteString(": ")
	}
	if e.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// column indices of the fields a Reader uses; -1 when the header lacks one.
type columns struct {
	patient, date, instrument, problemType, occasion, team, setting int
	item                                                            [MaxItems]int
}

// interner hands out one stored copy of each distinct label, so that kept
// labels do not pin the record they were read from and repeat labels cost
// nothing. It suits columns with few distinct values (team, setting,
// occasion): a small table of the cells last seen, found by a cheap hash of
// a cell's length and a few of its bytes, answers most rows with one
// comparison and no check, since the same cell always makes the same label
// (measured: hashing every label into a map, and checking it, took a
// quarter of the time of reading the labels of a million rows).
type interner struct {
	m      map[string]string
	recent [internRecent]struct{ cell, label string }
}

// quickHash is a cheap hash of a non-empty label, from its length and its
// first, middle and last bytes: enough to spread the few labels of a
// column over a small table of those seen last (interner, Cohort.label).
func quickHash(s string) int {
	n := len(s)
	return n*7 + int(s[0]) + int(s[n-1])*3 + int(s[n/2])*5
}

// internRecent is the number of entries of an interner's table (a power of 2).
const internRecent = 32

// label returns the label of the cell, the cell's text trimmed, unguarded
// and in Normalization Form C, or what is wrong with it (LabelProblem).
func (in *interner) label(cell string) (label, problem string) {
	if cell == "" {
		return "", ""
	}
	e := &in.recent[quickHash(cell)&(internRecent-1)]
	if e.cell == cell {
		return e.label, ""
	}
	s := UnguardCell(trim(cell))
	if msg := LabelProblem(s); msg != "" {
		return "", msg
	}
	s = NormalLabel(s)
	v, ok := in.m[s]
	if !ok {
		v = strings.Clone(s)
		in.m[v] = v
	}
	e.cell, e.label = strings.Clone(cell), v
	return v, ""
}

// labelCache gives patient labels their own storage, apart from the record
// they were read from, and shares one copy between rows of the same patient
// seen recently. It is a direct-mapped table indexed by a hash of the label:
// unlike a map of every patient it stays small enough for the processor's
// cache, which matters at a million rows (measured: a map of 100,000 labels
// cost about 300 ns a row in cache misses; this costs about 30).
type labelCache struct {
	slots []string
}

// labelCacheSize is the number of slots of a labelCache (a power of 2):
// 16,384 slots are 256 KiB, within a typical L2 cache.
const labelCacheSize = 1 << 14

func (c *labelCache) get(s string) string {
	if c.slots == nil {
		c.slots = make([]string, labelCacheSize)
	}
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	slot := &c.slots[h&(labelCacheSize-1)]
	if *slot != s {
		*slot = strings.Clone(s)
	}
	return *slot
}

// Reader reads ratings from CSV text with a header row (the project's import
// format; see the column constants). The CSV is RFC 4180: comma-separated,
// cells optionally in double quotes with "" for a quote inside, quoted cells
// may span lines, CRLF or LF line ends, a leading byte-order mark ignored,
// blank lines skipped. A text cell that a CSV writer guarded against
// spreadsheet formulas (GuardCell) is read back as it was before the guard
// (UnguardCell). The reader is written for speed (no allocation for a row whose
// labels were seen recently), gives kept labels their own small storage (patient
// labels of nearby rows and repeated team, setting and occasion labels share
// one copy) so that a rating never pins its record, and never panics on any
// input.
//
// Use it as:
//
//	rd, err := scoring.NewReader(f) // err: a file-level problem, say it and stop
//	var r scoring.Rating
//	for {
//		err := rd.Next(&r)
//		if err == io.EOF {
//			break
//		}
//		var re *scoring.RowError
//		if errors.As(err, &re) {
//			report(re) // rejected row, or a warning when re.Warning
//			if !re.Warning {
//				continue
//			}
//		} else if err != nil {
//			return err // reading failed
//		}
//		use(&r)
//	}
type Reader struct {
	rr       recordReader
	col      columns
	nField   int
	patients labelCache
	labels   [3]interner // occasion, team, setting
	warnings []*RowError
	// warnedItem13 is set once a HoNOSCA row has been read from a file
	// without an item13 column.
	warnedItem13 bool
	// sequential makes ReadAll read one row at a time even on several
	// cores, and chunkSize sets the size of its chunks otherwise (0: the
	// default): both for tests that compare the two.
	sequential bool
	chunkSize  int
	// borrow makes the patient label of an unquoted record a view of the
	// reader's data (ReadOptions.Borrow; only for a reader of a chunk).
	borrow bool
}

// NewReader reads the header row from r and returns a Reader positioned at
// the first rating. It returns an error (naming the column and saying what
// to do) when the input is empty, the header cannot be read, a column appears
// twice, or the header lacks the patient or date column. A header with no item
// columns is also an error; a header missing only some of item1–item12 is
// accepted with a warning (see HeaderWarnings) and those items read as not
// known.
func NewReader(r io.Reader) (*Reader, error) {
	rd := &Reader{rr: recordReader{br: bufio.NewReaderSize(r, 64<<10)}}
	labels := make(map[string]string)
	for i := range rd.labels {
		rd.labels[i].m = labels
	}
	header, line, err := rd.rr.read()
	for i := range header {
		header[i] = strings.Clone(header[i])
	}
	if err == io.EOF {
		return nil, errors.New("the file is empty: the first line must be a header naming the columns, e.g. patient,date,instrument,item1,…,item12")
	}
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("line %d: the header row is not valid CSV: %s", line, se.msg)
		}
		return nil, err
	}
	rd.nField = len(header)
	col := columns{patient: -1, date: -1, instrument: -1, problemType: -1, occasion: -1, team: -1, setting: -1}
	for i := range col.item {
		col.item[i] = -1
	}
	nItems := 0
	for i, name := range header {
		name = strings.ToLower(strings.TrimSpace(name))
		var slot *int
		switch name {
		case ColPatient:
			slot = &col.patient
		case ColDate:
			slot = &col.date
		case ColInstrument:
			slot = &col.instrument
		case ColProblemType:
			slot = &col.problemType
		case ColOccasion:
			slot = &col.occasion
		case ColTeam:
			slot = &col.team
		case ColSetting:
			slot = &col.setting
		default:
			if n, ok := itemNumber(name); ok {
				slot = &col.item[n-1]
				nItems++
			}
		}
		if slot == nil {
			continue // unknown columns are ignored (e.g. an MHCT export's extras)
		}
		if *slot >= 0 {
			return nil, fmt.Errorf("line %d: column %s appears twice in the header: keep one", line, name)
		}
		*slot = i
	}
	if col.patient < 0 {
		return nil, fmt.Errorf("line %d: the header has no column patient: add a column named patient holding each person's pseudonymous label", line)
	}
	if col.date < 0 {
		return nil, fmt.Errorf("line %d: the header has no column date: add a column named date holding the date of each rating as YYYY-MM-DD", line)
	}
	if nItems == 0 {
		return nil, fmt.Errorf("line %d: the header has no item columns: name them item1, item2, … item12 (to item15 for HoNOSCA)", line)
	}
	for n := 1; n <= 12; n++ {
		if col.item[n-1] < 0 {
			rd.warnings = append(rd.warnings, &RowError{Line: line, Column: ItemColumn(n), Warning: true,
				Msg: "the header has no such column: item " + strconv.Itoa(n) + " reads as not known on every row; add the column if the data has it"})
		}
	}
	rd.col = col
	return rd, nil
}

// itemNumber reads "itemN" for N in 1–MaxItems.
func itemNumber(name string) (int, bool) {
	s, ok := strings.CutPrefix(name, "item")
	if !ok || len(s) == 0 || len(s) > 2 || s[0] == '0' {
		return 0, false
	}
	n, ok := digits(s)
	if !ok || n < 1 || n > MaxItems {
		return 0, false
	}
	return n, true
}

// HeaderWarnings returns problems with the header that did not stop reading,
// such as a missing item column. Each has Warning set and Line of the header.
func (rd *Reader) HeaderWarnings() []*RowError { return rd.warnings }

// Next reads the next row into r. It returns:
//   - nil when the row was accepted;
//   - a *RowError with Warning set when the row was accepted with a problem
//     worth telling the user (a missing item 8 problem type): r is filled;
//   - a *RowError without Warning when the row was rejected: r is not a
//     rating and must not be used; call Next again for the following rows;
//   - io.EOF at the end of the input;
//   - any other error when the underlying reader failed: stop.
//
// Checks run in column order patient, date, instrument, items, item8_type,
// labels, and the first problem found is reported. r.Line is set to the line
// where the row starts. Items beyond the instrument's own (an MHCT export's
// item13 for HoNOS) are not read and are set to NotKnown.
func (rd *Reader) Next(r *Rating) error {
	rec, line, err := rd.rr.read()
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			return &RowError{Line: line, Msg: se.msg}
		}
		return err
	}
	r.Line = line
	if len(rec) != rd.nField {
		return &RowError{Line: line, Msg: fmt.Sprintf("the row has %d fields but the header has %d: check for a missing or extra comma, or quote cells that contain commas", len(rec), rd.nField)}
	}
	col := &rd.col

	p := UnguardCell(trim(rec[col.patient]))
	if p == "" {
		return &RowError{Line: line, Column: ColPatient, Msg: "empty: give every row a pseudonymous patient label"}
	}
	if !printableASCII(p) { // else it is fine and in NFC already
		if msg := LabelProblem(p); msg != "" {
			return &RowError{Line: line, Column: ColPatient, Msg: msg}
		}
		p = NormalLabel(p)
	}
	if rd.borrow && !rd.rr.quoted {
		r.Patient = p // a view of the chunk, kept until used (readParallel)
	} else {
		r.Patient = rd.patients.get(p)
	}

	d := UnguardCell(trim(rec[col.date]))
	if d == "" {
		return &RowError{Line: line, Column: ColDate, Msg: "empty: give the date of the rating as YYYY-MM-DD"}
	}
	if r.Date, err = ParseDate(d); err != nil {
		return &RowError{Line: line, Column: ColDate, Msg: err.Error()}
	}

	in, err := rd.instrument(rec)
	if err != nil {
		return &RowError{Line: line, Column: ColInstrument, Msg: err.Error()}
	}
	r.Instrument = in

	n := len(in.Items)
	for i := 0; i < MaxItems; i++ {
		r.Items[i] = NotKnown
		if i >= n || col.item[i] < 0 {
			continue
		}
		cell := rec[col.item[i]]
		if len(cell) <= 1 { // the common case, an empty cell or one character
			k := len(singleCode) - 1
			if len(cell) == 1 {
				k = int(cell[0])
			}
			// A table, not a test of the character: codes and the
			// empty or 9 of an item not known come in no order, and a
			// branch on them mispredicted often.
			if c := singleCode[k]; c != notACode {
				r.Items[i] = c
				continue
			}
		}
		c, err := ParseCode(cell)
		if err != nil {
			return &RowError{Line: line, Column: ItemColumn(i + 1), Msg: err.Error()}
		}
		r.Items[i] = c
	}

	r.ProblemType = NoProblemType
	if col.problemType >= 0 && in.HasProblemType {
		if r.ProblemType, err = ParseProblemType(UnguardCell(rec[col.problemType])); err != nil {
			return &RowError{Line: line, Column: ColProblemType, Msg: err.Error()}
		}
	}

	r.Period = TwoWeeks
	for i, idx := range [...]int{col.occasion, col.team, col.setting} {
		s := ""
		if idx >= 0 {
			var msg string
			if s, msg = rd.labels[i].label(rec[idx]); msg != "" {
				return &RowError{Line: line, Column: labelColumns[i], Msg: msg}
			}
		}
		switch i {
		case 0:
			r.Occasion = s
		case 1:
			r.Team = s
		default:
			r.Setting = s
		}
	}

	if in.Scored > 12 && col.item[12] < 0 && !rd.warnedItem13 {
		rd.warnedItem13 = true // once per file: every such row is affected alike
		return item13Warning(line, in)
	}
	if r.NeedsProblemType() {
		return &RowError{Line: line, Column: ColProblemType, Warning: true,
			Msg: "item 8 is rated " + r.Items[7].String() + " but no problem type is given: add a letter A to K"}
	}
	return nil
}

// notACode marks a cell that singleCode cannot read: ParseCode says why.
const notACode Code = 0xff

// singleCode is ParseCode of a cell of one character (indexed by it) and,
// at the end, of the empty cell, with notACode where ParseCode refuses it.
var singleCode = func() (t [257]Code) {
	for i := range t {
		t[i] = notACode
	}
	for c := '0'; c <= '4'; c++ {
		t[c] = Code(c - '0')
	}
	t['7'], t['8'], t['9'], t[256] = NotKnown, NotKnown, NotKnown, NotKnown
	return t
}()

// item13Warning is the warning, given once a file, that a file without an
// item13 column has a rating of an instrument that has one.
func item13Warning(line int, in *Instrument) *RowError {
	return &RowError{Line: line, Column: ItemColumn(13), Warning: true,
		Msg: "the header has no such column, so item 13 of " + in.Name + " reads as not known on every row; add the column if the data has it"}
}

// instrument returns the instrument named in the row: HoNOS when the column
// is absent or the cell empty.
func (rd *Reader) instrument(rec []string) (*Instrument, error) {
	if rd.col.instrument < 0 {
		return MustInstrument(HoNOS), nil
	}
	s := rec[rd.col.instrument]
	for _, in := range instruments {
		if s == string(in.ID) {
			return in, nil // fast path: the identifier exactly as written
		}
	}
	if strings.TrimSpace(s) == "" {
		return MustInstrument(HoNOS), nil
	}
	return LookupInstrument(UnguardCell(s))
}

// LabelProblem says what is wrong with a label that is not printable UTF-8
// text, or returns "". Control characters (line breaks, tabs, terminal
// escapes) are refused so that a label cannot break or disguise the
// output, and invisible formatting characters (Unicode category Cf, such
// as a zero-width space or a right-to-left override) so that "Sam" and
// "S\u200bam" cannot be two people who look the same on screen and are
// merged by the next tool that drops them. Every place a label enters (the
// form, a JSON or CSV import, the command line) checks it here.
func LabelProblem(s string) string {
	const control = "contains a control character (such as a line break, tab or escape): use printable text only"
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c == 0x7f {
			return control
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if ascii {
		return ""
	}
	if !utf8.ValidString(s) {
		return "not valid UTF-8 text: save the file as UTF-8"
	}
	for i, r := range []rune(s) {
		if unicode.IsControl(r) {
			return control
		}
		if unicode.Is(unicode.Cf, r) {
			return fmt.Sprintf("contains an invisible formatting character (U+%04X) at character %d: retype the label without it", r, i+1)
		}
	}
	return ""
}

// printableASCII reports whether s is printable ASCII only (space to
// tilde), the usual pseudonym: LabelProblem then has nothing to say of it
// and NormalLabel returns it as it is. It looks at eight bytes at a time.
func printableASCII(s string) bool {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A byte above 0x7e (DEL and everything not ASCII) sets its top
		// bit in the first term; one below a space, in the second. Each
		// term can also mark bytes beyond one it marks rightly, never a
		// word that has none.
		if ((x+ones)|x)&high != 0 || (x-ones*' ')&^x&high != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// NormalLabel returns the label s in Unicode Normalization Form C, the
// form in which an accented letter is one character (UAX #15): "é" typed
// as e and a combining accent, as some keyboards and systems write it, and
// "é" typed as one character are then the same person. Every place a label
// enters (the form, a JSON or CSV import, another system's layout, the
// command line) stores it so, after LabelProblem has accepted it. An ASCII
// label, the usual pseudonym, is returned as it is.
func NormalLabel(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return norm.NFC.String(s)
		}
	}
	return s
}

// trim removes surrounding spaces and tabs; it is strings.TrimSpace with a
// fast path for the usual cell that has none.
func trim(s string) string {
	if len(s) == 0 || (s[0] > ' ' && s[0] < utf8.RuneSelf && s[len(s)-1] > ' ' && s[len(s)-1] < utf8.RuneSelf) {
		return s
	}
	return strings.TrimSpace(s)
}

// syntaxError is a row that is not valid CSV; msg says what to do.
type syntaxError struct{ msg string }

func (e *syntaxError) Error() string { return e.msg }

// The CSV syntax errors, worded for the person who has to fix the file.
var (
	errBareQuote  = &syntaxError{`a quote (") inside a cell that does not start with one: put the whole cell in quotes and double any quote inside it ("")`}
	errAfterQuote = &syntaxError{`text after the closing quote of a cell: end a quoted cell with a quote followed by a comma or the end of the line, and double any quote inside it ("")`}
	errUnclosed   = &syntaxError{`a quoted cell is never closed: the rest of the file was read as one cell; add the closing quote`}
)

// recordReader splits RFC 4180 text into records. A record without quotes
// (the usual case) costs no allocation and no copying; a record with
// quotes is unescaped into a reused buffer first.
type recordReader struct {
	br     *bufio.Reader
	line   int      // physical lines consumed
	long   []byte   // a physical line longer than the bufio buffer
	rec    []byte   // unescaped cells of a quoted record
	ends   []int    // end offset of each cell in rec
	fields []string // the record returned, reused
	// data, when br is nil, is the text still to read: a chunk of a file
	// read in parallel (readParallel).
	data []byte
	// quoted tells that the last record read had a quoted cell, so that its
	// cells are views of rec rather than of the text read.
	quoted bool
}

// readLine returns the next physical line without its line end ("\n" or
// "\r\n"), valid until the next call. At the end it returns io.EOF.
func (rr *recordReader) readLine() ([]byte, error) {
	if rr.br == nil {
		return rr.dataLine()
	}
	line, err := rr.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		rr.long = append(rr.long[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = rr.br.ReadSlice('\n')
			rr.long = append(rr.long, line...)
		}
		line = rr.long
	}
	if len(line) == 0 {
		if err == nil {
			err = io.EOF
		}
		return nil, err
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	rr.line++
	if rr.line == 1 {
		line = bytes.TrimPrefix(line, []byte("\ufeff")) // byte-order mark from spreadsheet exports
	}
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
		if n > 1 && line[n-2] == '\r' {
			line = line[:n-2]
		}
	}
	return line, nil
}

// dataLine is readLine for a reader of data.
func (rr *recordReader) dataLine() ([]byte, error) {
	if len(rr.data) == 0 {
		return nil, io.EOF
	}
	line := rr.data
	rr.line++
	i := bytes.IndexByte(line, '\n')
	if i < 0 {
		rr.data = nil
		return line, nil
	}
	line, rr.data = line[:i], line[i+1:]
	if i > 0 && line[i-1] == '\r' {
		line = line[:i-1]
	}
	return line, nil
}

// read returns the next record, skipping blank lines, and the line on which
// it starts. On a *syntaxError the bad record has been consumed (to the end
// of its line, or of the file for an unclosed quote) and reading may go on.
//
// The cells are views of the reader's own buffers, not copies, and hold
// their text only until the next call: copying every row into a new string
// cost a national export as much time as pairing it, and the garbage
// filled hundreds of megabytes. Whatever outlives the row must be copied:
// the reader keeps labels through labelCache and interner, which copy, and
// its errors quote cells through fmt, which copies.
func (rr *recordReader) read() ([]string, int, error) {
	var line []byte
	var err error
	for len(line) == 0 {
		if line, err = rr.readLine(); err != nil {
			return nil, rr.line + 1, err
		}
	}
	start := rr.line
	rr.quoted = false
	if bytes.IndexByte(line, '"') < 0 {
		s := unsafe.String(unsafe.SliceData(line), len(line))
		f := rr.fields[:0]
		from := 0
		for i := 0; i < len(s); i++ { // cells are short: a plain loop beats IndexByte
			if s[i] == ',' {
				f = append(f, s[from:i])
				from = i + 1
			}
		}
		rr.fields = append(f, s[from:])
		return rr.fields, start, nil
	}
	rr.quoted = true
	rec, ends := rr.rec[:0], rr.ends[:0]
	defer func() { rr.rec, rr.ends = rec[:0], ends[:0] }()
	pos := 0
	for {
		if pos < len(line) && line[pos] == '"' {
			pos++
			for {
				i := bytes.IndexByte(line[pos:], '"')
				if i < 0 { // the cell goes on to the next line
					rec = append(rec, line[pos:]...)
					rec = append(rec, '\n')
					if line, err = rr.readLine(); err != nil {
						if err == io.EOF {
							err = errUnclosed
						}
						return nil, start, err
					}
					pos = 0
					continue
				}
				rec = append(rec, line[pos:pos+i]...)
				pos += i + 1
				if pos < len(line) && line[pos] == '"' {
					rec = append(rec, '"')
					pos++
					continue
				}
				break
			}
			ends = append(ends, len(rec))
			if pos == len(line) {
				break
			}
			if line[pos] != ',' {
				return nil, start, errAfterQuote
			}
			pos++
			continue
		}
		cell := line[pos:]
		i := bytes.IndexByte(cell, ',')
		if i >= 0 {
			cell = cell[:i]
		}
		if bytes.IndexByte(cell, '"') >= 0 {
			return nil, start, errBareQuote
		}
		rec = append(rec, cell...)
		ends = append(ends, len(rec))
		if i < 0 {
			break
		}
		pos += i + 1
	}
	s := unsafe.String(unsafe.SliceData(rec), len(rec))
	f := rr.fields[:0]
	from := 0
	for _, e := range ends {
		f = append(f, s[from:e])
		from = e
	}
	rr.fields = f
	return f, start, nil
}
