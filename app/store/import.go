package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"honoscope/scoring"
	"honoscope/scoring/layout"
)

// MaxImportBytes is the largest file import reads (50 MB, about 400 000
// CSV rows), so that a wrong file cannot exhaust the tab's memory.
const MaxImportBytes = 50 << 20

// ImportError is one problem found while reading an import file.
type ImportError struct {
	// Line is the line of the file (from 1), 0 for the file as a whole.
	Line int
	// Column is the character column for syntax errors, else 0.
	Column int
	// Rating is the position of the rating in a JSON export (from 1), else 0.
	Rating int
	// Field is the CSV column or JSON field concerned, or "".
	Field string
	// Msg says what is wrong and what to do.
	Msg string
	// Warning reports that the row was imported despite the problem.
	Warning bool
}

// Error returns the problem with its place: "line 3: column date: …" for
// CSV, "line 12: rating 2: date: …" for JSON, "line 4, column 17: …" for
// syntax errors.
func (e ImportError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		b.WriteString("line " + strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteString(", column " + strconv.Itoa(e.Column))
		}
		b.WriteString(": ")
	}
	if e.Rating > 0 {
		b.WriteString("rating " + strconv.Itoa(e.Rating) + ": ")
		if e.Field != "" {
			b.WriteString(e.Field + ": ")
		}
	} else if e.Field != "" {
		b.WriteString("column " + e.Field + ": ")
	}
	if e.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Parsed is the result of reading an import file: the ratings that passed
// validation and every problem found. Rejected rows are listed in Errors and
// left out of Ratings; the rest can still be imported.
type Parsed struct {
	// Ratings are the valid ratings, in file order, each with an ID and
	// Created/Updated times.
	Ratings []Rating
	// Lines holds the line on which each of Ratings starts.
	Lines []int
	// Errors lists every rejected row or rating, in file order.
	Errors []ImportError
	// Warnings lists problems with rows that were accepted.
	Warnings []ImportError
	// CSV reports that the file was CSV, which carries no period, rater or
	// note: those fields are not compared when looking for identical
	// ratings and are kept from the existing rating on Replace.
	CSV bool
	// Documents are the valid documents of a JSON export's optional
	// "documents" list, in file order; rejected ones are in Errors.
	Documents []Document
	// DocLines holds the line on which each of Documents starts.
	DocLines []int
}

// ParseImport reads an import file: JSON when its first non-space character
// is "{", otherwise CSV. now stamps ratings without times. The error is for
// a file that cannot be read at all (it names the line and column when
// there is one); problems with single ratings are in Parsed.Errors.
func ParseImport(data []byte, now time.Time) (Parsed, error) {
	if len(data) > MaxImportBytes {
		return Parsed{}, fmt.Errorf("the file is %d MB, more than the %d MB an import may be: split it", len(data)>>20, MaxImportBytes>>20)
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		if isFHIR(trimmed) {
			return ParseLayout(data, layout.FHIR, now)
		}
		return ParseJSON(data, now)
	}
	if f := layout.Detect(data); f != layout.CSV {
		return ParseLayout(data, f, now)
	}
	return ParseCSV(data, now)
}

// isFHIR reports whether a JSON document is FHIR (it names a resourceType)
// rather than Honoscope's own export (which names its format).
func isFHIR(data []byte) bool {
	head := data[:min(len(data), 4096)]
	return bytes.Contains(head, []byte(`"resourceType"`)) && !bytes.Contains(head, []byte(`"format"`))
}

// ParseLayout reads ratings in a layout that services export (package
// layout: MHSDS long, NOCC, CamCOPS, CDU, FHIR): each row's problems read
// "line N: column C: what is wrong" with the file's own column names, then
// each rating is checked as a stored rating. Like a CSV, such a file
// carries no rater or note, so those are kept from the device's own rating
// on Replace.
func ParseLayout(data []byte, from layout.Format, now time.Time) (Parsed, error) {
	return parseWith(data, layout.Options{From: from}, now)
}

// ParseMapped reads ratings from a file in a layout Honoscope does not know
// by the user's column mapping m, as ParseLayout reads the known ones.
func ParseMapped(data []byte, m *layout.Mapping, now time.Time) (Parsed, error) {
	return parseWith(data, layout.Options{From: layout.Mapped, Mapping: m}, now)
}

// parseWith reads data with package layout's reader and checks each rating
// as a stored rating.
func parseWith(data []byte, opt layout.Options, now time.Time) (Parsed, error) {
	from := opt.From
	p := Parsed{CSV: true}
	opt.Problem = func(e *scoring.RowError) {
		if e.Warning {
			p.Warnings = append(p.Warnings, fromRowError(e))
		} else {
			p.Errors = append(p.Errors, fromRowError(e))
		}
	}
	_, err := layout.Read(bytes.NewReader(data), opt, func(sr *scoring.Rating) {
		r := FromScoring(*sr, "")
		if err := r.Validate(); err != nil {
			p.Errors = append(p.Errors, fieldErrors(err, sr.Line, 0)...)
			return
		}
		stamp(&r, now)
		p.Ratings = append(p.Ratings, r)
		p.Lines = append(p.Lines, sr.Line)
	})
	if err != nil {
		return p, fmt.Errorf("read as %s: %w", from.Title(), err)
	}
	if len(p.Ratings) == 0 && len(p.Errors) == 0 {
		return p, fmt.Errorf("read as %s, the file holds no ratings: check it is the export you meant", from.Title())
	}
	return p, nil
}

// stamp gives r an ID and times when it lacks them, and trims its label
// and puts it in the form every label is kept in (scoring.NormalLabel).
func stamp(r *Rating, now time.Time) {
	// A label typed with a stray space elsewhere is the same person here.
	r.Patient = scoring.NormalLabel(strings.TrimSpace(r.Patient))
	if r.ID == "" {
		r.ID = NewID()
	}
	ts := now.UTC().Format(time.RFC3339)
	if r.Created == "" {
		r.Created = ts
	}
	if r.Updated == "" {
		r.Updated = r.Created
	}
}

// ParseCSV reads ratings in the command line's input columns with
// scoring.Reader (its row errors read "line N: column NAME: what is wrong"),
// then checks each row as a stored rating (Rating.Validate): the occasion
// must be admission, review, discharge or other (any case). The reader
// restores cells that WriteCSV guarded against formulas. Rows get a new ID,
// the period "previous 2 weeks" and Created = now.
func ParseCSV(data []byte, now time.Time) (Parsed, error) {
	p := Parsed{CSV: true}
	rd, err := scoring.NewReader(bytes.NewReader(data))
	if err != nil {
		return p, err
	}
	for _, w := range rd.HeaderWarnings() {
		p.Warnings = append(p.Warnings, fromRowError(w))
	}
	var sr scoring.Rating
	for {
		err := rd.Next(&sr)
		if err == io.EOF {
			break
		}
		var re *scoring.RowError
		if errors.As(err, &re) {
			if !re.Warning {
				p.Errors = append(p.Errors, fromRowError(re))
				continue
			}
			p.Warnings = append(p.Warnings, fromRowError(re))
		} else if err != nil {
			return p, err
		}
		r := FromScoring(sr, "")
		if err := r.Validate(); err != nil {
			p.Errors = append(p.Errors, fieldErrors(err, sr.Line, 0)...)
			continue
		}
		stamp(&r, now)
		p.Ratings = append(p.Ratings, r)
		p.Lines = append(p.Lines, sr.Line)
	}
	return p, nil
}

func fromRowError(e *scoring.RowError) ImportError {
	return ImportError{Line: e.Line, Field: e.Column, Msg: e.Msg, Warning: e.Warning}
}

// fieldErrors turns the joined *FieldError of Validate into import errors
// at line (and JSON rating position n, or 0 for CSV).
func fieldErrors(err error, line, n int) []ImportError {
	var out []ImportError
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, e := range errs {
		var fe *FieldError
		if errors.As(e, &fe) {
			out = append(out, ImportError{Line: line, Rating: n, Field: fe.Field, Msg: fe.Msg})
		} else {
			out = append(out, ImportError{Line: line, Rating: n, Msg: e.Error()})
		}
	}
	return out
}

// position returns the 1-based line and column of byte offset off in data.
func position(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// ParseJSON reads a JSON export (see Export). Each rating is checked with
// Rating.Validate; errors name the line where the rating starts and its
// position. A syntax error stops reading and is returned with its line and
// column. Ratings without an ID or times get them (Created = now).
func ParseJSON(data []byte, now time.Time) (Parsed, error) {
	var p Parsed
	dec := json.NewDecoder(bytes.NewReader(data))
	fail := func(err error) (Parsed, error) {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			// A Decoder's offsets are not from the start of the file; a
			// whole-file Unmarshal finds the same error at its true place.
			var whole any
			if errors.As(json.Unmarshal(data, &whole), &se) {
				l, c := position(data, max(se.Offset-1, 0)) // Offset is just after the bad character
				return p, fmt.Errorf("line %d, column %d: the file is not valid JSON (%v): was it changed by hand or cut short? Export it again", l, c, se)
			}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			l, c := position(data, int64(len(data)))
			return p, fmt.Errorf("line %d, column %d: the file ends in the middle of the JSON: was it cut short? Export it again", l, c)
		}
		return p, err
	}
	notExport := func(what string) (Parsed, error) {
		return p, fmt.Errorf("this JSON file is not a Honoscope export (%s): choose a file made with \"Export JSON\", or a CSV file", what)
	}
	tok, err := dec.Token()
	if err != nil {
		return fail(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return notExport("it does not start with {")
	}
	var format string
	version := -1
	seenRatings := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		key, _ := tok.(string)
		switch key {
		case "format":
			if err := dec.Decode(&format); err != nil {
				return notExport("its format is not text")
			}
		case "version":
			if err := dec.Decode(&version); err != nil {
				return notExport("its version is not a whole number")
			}
		case "ratings":
			seenRatings = true
			if err := parseRatings(dec, data, now, &p); err != nil {
				return fail(err)
			}
		case "documents":
			if err := parseDocuments(dec, data, &p); err != nil {
				return fail(err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return fail(err)
			}
		}
	}
	if _, err := dec.Token(); err != nil {
		return fail(err)
	}
	switch {
	case format != ExportFormat:
		return notExport(fmt.Sprintf("its format is %q, not %q", clip(format), ExportFormat))
	case version < 1:
		return notExport("it has no version")
	case version > ExportVersion:
		return Parsed{}, fmt.Errorf("this export is version %d, made by a newer Honoscope; this page reads up to version %d: reload the page to get the newest version", version, ExportVersion)
	case !seenRatings:
		return notExport("it has no ratings list")
	}
	return p, nil
}

// eachElement reads the list that comes next in dec ("null" is an empty
// list) and calls f with each element whole: its number from 1, the line
// it starts on, its offset in data and its JSON. Each element is decoded
// whole first so that offsets in a later json.Unmarshal error are exact
// (those of a Decoder are not). what names the list in the error for a
// value that is not a list. An error from f stops the reading.
func eachElement(dec *json.Decoder, data []byte, what string, f func(n, line int, off int64, raw json.RawMessage) error) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		return nil // null, an empty export
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		l, c := position(data, dec.InputOffset())
		return fmt.Errorf("line %d, column %d: %s must be a list [ … ]: export the file again", l, c, what)
	}
	for n := 1; dec.More(); n++ {
		off := dec.InputOffset()
		for off < int64(len(data)) && strings.IndexByte(" \t\r\n,", data[off]) >= 0 {
			off++
		}
		line, _ := position(data, off)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		if err := f(n, line, off, raw); err != nil {
			return err
		}
	}
	_, err = dec.Token() // ]
	return err
}

// parseRatings reads the ratings array, each element checked on its own.
func parseRatings(dec *json.Decoder, data []byte, now time.Time, p *Parsed) error {
	return eachElement(dec, data, "ratings", func(n, line int, off int64, raw json.RawMessage) error {
		var r Rating
		if err := json.Unmarshal(raw, &r); err != nil {
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) {
				return err
			}
			l, _ := position(data, off+te.Offset)
			field := te.Field
			if i := strings.LastIndexByte(field, '.'); i >= 0 {
				field = field[i+1:]
			}
			p.Errors = append(p.Errors, ImportError{Line: l, Rating: n, Field: field,
				Msg: fmt.Sprintf("%s where %s was expected: export the file again", jsonKind(te.Value), jsonKind(te.Type.Kind().String()))})
			return nil
		}
		stamp(&r, now)
		if err := r.Validate(); err != nil {
			p.Errors = append(p.Errors, fieldErrors(err, line, n)...)
			return nil
		}
		if msg := scoring.LabelProblem(r.Patient); msg != "" {
			p.Errors = append(p.Errors, ImportError{Line: line, Rating: n, Field: "patient", Msg: msg})
			return nil
		}
		p.Ratings = append(p.Ratings, r)
		p.Lines = append(p.Lines, line)
		return nil
	})
}

// parseDocuments reads the optional documents list; a document without a
// kind or key is reported with its line and left out.
func parseDocuments(dec *json.Decoder, data []byte, p *Parsed) error {
	return eachElement(dec, data, "documents", func(n, line int, _ int64, raw json.RawMessage) error {
		var d Document
		if err := json.Unmarshal(raw, &d); err != nil {
			p.Errors = append(p.Errors, ImportError{Line: line, Field: "documents",
				Msg: fmt.Sprintf("document %d is not an object with kind, key and data: export the file again", n)})
			return nil
		}
		if err := checkDoc(d.Kind, d.Key, d.Data); err != nil {
			p.Errors = append(p.Errors, ImportError{Line: line, Field: "documents",
				Msg: fmt.Sprintf("document %d: %v: export the file again", n, err)})
			return nil
		}
		p.Documents = append(p.Documents, d)
		p.DocLines = append(p.DocLines, line)
		return nil
	})
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "text"
	case "number":
		return "a number"
	case "bool":
		return "true or false"
	case "object":
		return "an object"
	case "slice", "array":
		return "a list"
	case "int", "int64":
		return "a whole number"
	}
	return k
}
