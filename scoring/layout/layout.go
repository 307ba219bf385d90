package layout

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"honoscope/scoring"
)

// Format names a layout a file can be read from or written in.
type Format string

// The layouts.
const (
	// Auto detects the layout from the file's first line.
	Auto Format = "auto"
	// CSV is Honoscope's own CSV (scoring.Reader's columns).
	CSV Format = "csv"
	// MHSDS is England's MHSDS long format, one row per item.
	MHSDS Format = "mhsds"
	// NOCC is a flat CSV extract of Australia's NOCC collection occasions.
	NOCC Format = "nocc"
	// METEOR is NOCC's element names with METEOR codes; it is read as NOCC.
	METEOR Format = "meteor"
	// CamCOPS is a CamCOPS HoNOS, HoNOS 65+ or HoNOSCA task table.
	CamCOPS Format = "camcops"
	// CDU is the CDU honos R package's layout.
	CDU Format = "cdu"
	// FHIR is a FHIR R4 Bundle of QuestionnaireResponses (and Observations).
	FHIR Format = "fhir"
	// Mapped is a file read by a user's column mapping (Options.Mapping).
	Mapped Format = "mapped"
)

// Title describes the layout in a sentence's words.
func (f Format) Title() string {
	switch f {
	case CSV:
		return "Honoscope CSV"
	case MHSDS:
		return "MHSDS long format (one row per item)"
	case NOCC, METEOR:
		return "NOCC extract (PID, ColDt, Hnos01…, HnosC01…)"
	case CamCOPS:
		return "CamCOPS task table (patient_id, when_created, q1…)"
	case CDU:
		return "CDU honos package layout (id, date, q1…q12, q8_prob)"
	case FHIR:
		return "FHIR R4 JSON (QuestionnaireResponse)"
	case Mapped:
		return "your column mapping"
	}
	return string(f)
}

// ReadFormats are the layouts Read reads, and WriteFormats those Write
// writes, as typed after --from and --to.
var (
	ReadFormats  = []Format{Auto, CSV, MHSDS, NOCC, METEOR, CamCOPS, CDU, FHIR}
	WriteFormats = []Format{CSV, MHSDS, METEOR, FHIR}
)

// ParseFormat reads a layout's name from a list of allowed ones.
func ParseFormat(s string, allowed []Format) (Format, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	var names []string
	for _, f := range allowed {
		if string(f) == s {
			return f, nil
		}
		names = append(names, string(f))
	}
	return "", fmt.Errorf("unknown layout %q: use %s", s, orList(names))
}

// Options says how Read reads a file.
type Options struct {
	// From is the layout, Auto (or "") to detect it from the first line.
	From Format
	// Instrument is the instrument of a layout whose file does not say:
	// a CamCOPS table of HoNOS 65+ has the same columns as one of HoNOS.
	Instrument scoring.InstrumentID
	// Problem is told every rejected row and warning, in file order.
	Problem func(*scoring.RowError)
	// Mapping, when set, reads the file by the user's column mapping,
	// whatever From says.
	Mapping *Mapping
	// Assembly bounds the memory of an MHSDS long file's ratings while
	// they are assembled from its rows (ReadMHSDSWithin); the zero value
	// keeps them all in memory.
	Assembly scoring.Spill
	// Borrow lets a reader hand use ratings whose patient labels are valid
	// only until use returns (scoring.ReadOptions.Borrow): for a use that
	// copies what it keeps, such as scoring.Cohort.Add.
	Borrow bool
}

// Detect names the layout of a file from its first line: FHIR JSON when
// it starts with "{", else by the columns its header names. A header that
// is none of the others is read as Honoscope's CSV, whose reader then says
// which columns are missing.
func Detect(first []byte) Format {
	t := bytes.TrimLeft(bytes.TrimPrefix(first, []byte("\ufeff")), " \t\r\n")
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return FHIR
	}
	header := headerCells(t)
	switch {
	case IsMHSDS(header):
		return MHSDS
	case IsNOCC(header):
		return NOCC
	case IsCamCOPS(header):
		return CamCOPS
	case IsCDU(header):
		return CDU
	}
	return CSV
}

// DetectReader names the layout of the file br reads from its first line,
// which it peeks at and leaves to be read.
func DetectReader(br *bufio.Reader) Format {
	first, _ := br.Peek(firstLine(br))
	return Detect(first)
}

// HeaderOf returns the column names of the header of the file br reads,
// which it peeks at and leaves to be read.
func HeaderOf(br *bufio.Reader) []string {
	first, _ := br.Peek(firstLine(br))
	return headerCells(bytes.TrimPrefix(first, []byte("\ufeff")))
}

// headerCells splits a header line into its column names.
func headerCells(line []byte) []string {
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	cr := csv.NewReader(bytes.NewReader(line))
	cr.FieldsPerRecord = -1
	rec, err := cr.Read()
	if err != nil {
		return strings.Split(strings.TrimRight(string(line), "\r"), ",")
	}
	return rec
}

// headerSet is a header's column names, lower case, as a set.
func headerSet(header []string) map[string]bool {
	has := make(map[string]bool, len(header))
	for _, h := range header {
		has[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = true
	}
	return has
}

// Read reads the ratings of a file in any layout Honoscope knows, calling
// use with each accepted rating, and every rejected row and warning to
// opt.Problem as "line N: column C: what is wrong and what to do", with C
// the file's own column name. The error is for a file that cannot be read
// through at all (no header, a header without the layout's columns, a read
// failure); rejected rows are counted in the report and the rest read.
func Read(r io.Reader, opt Options, use func(*scoring.Rating)) (Report, error) {
	problem := opt.Problem
	if problem == nil {
		problem = func(*scoring.RowError) {}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if opt.Mapping != nil {
		first, _ := br.Peek(firstLine(br))
		if err := opt.Mapping.Check(headerCells(bytes.TrimPrefix(first, []byte("\ufeff")))); err != nil {
			return Report{Layout: Mapped}, fmt.Errorf("line 1: the column mapping does not fit this file: %w", err)
		}
		rep, err := ReadWide(br, opt.Mapping.Wide(), problem, use)
		rep.Layout = Mapped
		return rep, err
	}
	from := opt.From
	var header []string
	if from == "" || from == Auto || from == CDU || from == CamCOPS {
		first, _ := br.Peek(firstLine(br))
		header = headerCells(bytes.TrimPrefix(first, []byte("\ufeff")))
		if from == "" || from == Auto {
			from = Detect(first)
		}
	}
	rep := Report{Layout: from}
	var err error
	switch from {
	case MHSDS:
		var m MHSDSReport
		m, err = ReadMHSDSWithin(br, opt.Assembly, problem, use)
		rep.Rows, rep.Rejected, rep.Ratings, rep.ThroughFiles = m.Rows, m.Rejected, m.Ratings, m.ThroughFiles
		return rep, err
	case NOCC, METEOR:
		rep, err = ReadWide(br, noccLayout, problem, use)
	case CamCOPS:
		rep, err = ReadWide(br, camcops(camcopsInstrument(header, opt.Instrument)), problem, use)
	case FHIR:
		rep, err = ReadFHIR(br, problem, use)
	case CSV, CDU:
		rep, err = readCSV(br, from == CDU, opt.Borrow, problem, use)
	default:
		return rep, fmt.Errorf("unknown layout %q", from)
	}
	rep.Layout = from
	return rep, err
}

// readCSV reads Honoscope's CSV with scoring's reader, or the CDU layout by
// renaming its columns to Honoscope's and naming its own columns in every
// problem.
func readCSV(br *bufio.Reader, cdu, borrow bool, problem func(*scoring.RowError), use func(*scoring.Rating)) (Report, error) {
	var src io.Reader = br
	if cdu {
		first, _ := br.Peek(firstLine(br))
		header := headerCells(bytes.TrimPrefix(first, []byte("\ufeff")))
		if _, err := br.Discard(len(first)); err != nil {
			return Report{}, err
		}
		src = io.MultiReader(strings.NewReader(strings.Join(CDUHeader(header), ",")), br)
		plain := problem
		problem = func(e *scoring.RowError) {
			c := *e
			c.Column = CDUColumn(c.Column)
			plain(&c)
		}
	}
	rd, err := scoring.NewReader(src)
	if err != nil {
		return Report{}, err
	}
	rep, err := rd.ReadAll(scoring.ReadOptions{Problem: problem, Borrow: borrow}, use)
	if err != nil {
		return Report{}, fmt.Errorf("reading: %w", err)
	}
	return Report{Rows: rep.Rows, Rejected: rep.Rejected, Ratings: rep.Rows - rep.Rejected}, nil
}

// firstLine returns the length of the buffered first line of br (the
// header, without its line end), at most its buffer.
func firstLine(br *bufio.Reader) int {
	b, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return i
	}
	return len(b)
}

// Write writes rs in layout to: Honoscope's CSV, MHSDS long, METEOR-coded
// NOCC or a FHIR Bundle.
func Write(w io.Writer, to Format, rs []scoring.Rating) error {
	rw, err := NewWriter(w, to)
	if err != nil {
		return err
	}
	return writeAll(rw, rs)
}

// CSVHeader is the header WriteCSV writes: patient, date, instrument,
// item1…item15, item8_type, occasion, team, setting.
func CSVHeader() []string {
	h := []string{scoring.ColPatient, scoring.ColDate, scoring.ColInstrument}
	for n := 1; n <= scoring.MaxItems; n++ {
		h = append(h, scoring.ItemColumn(n))
	}
	return append(h, scoring.ColProblemType, scoring.ColOccasion, scoring.ColTeam, scoring.ColSetting)
}

// WriteCSV writes rs in Honoscope's CSV (CSVHeader), in the order given:
// each row fills its instrument's own items (an unknown item 9) and leaves
// the rest empty. Text cells pass through the formula guard, which the
// reader undoes.
func WriteCSV(w io.Writer, rs []scoring.Rating) error {
	return writeAll(newCSVWriter(w), rs)
}
