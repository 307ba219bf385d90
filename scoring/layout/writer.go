package layout

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"honoscope/scoring"
)

// RatingWriter writes ratings in a layout one at a time, so that a
// national extract can be converted without holding it: each rating is
// written as it is given and then forgotten.
type RatingWriter interface {
	// Write writes one rating.
	Write(r *scoring.Rating) error
	// Close finishes the file (a FHIR Bundle's closing brackets) and
	// writes what is buffered. A file whose writing stopped before Close
	// is incomplete.
	Close() error
}

// NewWriter returns a writer of layout to: Honoscope's CSV, MHSDS long,
// METEOR-coded NOCC or a FHIR Bundle. What it writes is what Write writes
// for the same ratings, byte for byte.
func NewWriter(w io.Writer, to Format) (RatingWriter, error) {
	switch to {
	case CSV:
		return newCSVWriter(w), nil
	case MHSDS:
		return newMHSDSWriter(w), nil
	case METEOR, NOCC:
		return newMETEORWriter(w), nil
	case FHIR:
		return &fhirWriter{w: w}, nil
	}
	return nil, errors.New("unknown layout " + strconv.Quote(string(to)))
}

// writeAll writes rs with rw and closes it.
func writeAll(rw RatingWriter, rs []scoring.Rating) error {
	for i := range rs {
		if err := rw.Write(&rs[i]); err != nil {
			return err
		}
	}
	return rw.Close()
}

// csvWriter writes Honoscope's CSV (WriteCSV).
type csvWriter struct {
	cw  *csv.Writer
	row []string
}

func newCSVWriter(w io.Writer) *csvWriter {
	cw := csv.NewWriter(w)
	header := CSVHeader()
	cw.Write(header) // an error stays in cw and is returned by Close
	return &csvWriter{cw: cw, row: make([]string, len(header))}
}

func (c *csvWriter) Write(r *scoring.Rating) error {
	row := c.row
	for j := range row {
		row[j] = ""
	}
	row[0], row[1], row[2] = scoring.GuardCell(r.Patient), r.Date.String(), string(r.Instrument.ID)
	for n := range r.Instrument.Items {
		row[3+n] = r.Items[n].String()
	}
	base := 3 + scoring.MaxItems
	if r.ProblemType.Valid() {
		row[base] = r.ProblemType.String()
	}
	row[base+1] = scoring.GuardCell(r.Occasion)
	row[base+2] = scoring.GuardCell(r.Team)
	row[base+3] = scoring.GuardCell(r.Setting)
	return c.cw.Write(row)
}

func (c *csvWriter) Close() error {
	c.cw.Flush()
	return c.cw.Error()
}

// mhsdsWriter writes MHSDS long rows (WriteMHSDS): each rating's care
// activity is its place in the file, from 1.
type mhsdsWriter struct {
	cw *csv.Writer
	n  int
}

func newMHSDSWriter(w io.Writer) *mhsdsWriter {
	cw := csv.NewWriter(w)
	cw.Write([]string{"Person_ID", "AssToolCompDate", "UniqCareActID", "CodedAssToolType", "PersScore"})
	return &mhsdsWriter{cw: cw}
}

func (m *mhsdsWriter) Write(r *scoring.Rating) error {
	m.n++
	codes := mhsdsCodes[r.Instrument.ID]
	act := strconv.Itoa(m.n)
	for n := 1; n <= len(codes) && n <= len(r.Instrument.Items); n++ {
		if err := m.cw.Write([]string{scoring.GuardCell(r.Patient), r.Date.String(), act, codes[n-1], r.Items[n-1].String()}); err != nil {
			return err
		}
	}
	return nil
}

func (m *mhsdsWriter) Close() error {
	m.cw.Flush()
	return m.cw.Error()
}

// meteorWriter writes NOCC rows with METEOR codes (WriteMETEOR).
type meteorWriter struct {
	cw  *csv.Writer
	row []string
}

// meteorReason and meteorSetting are the METEOR codes of Honoscope's
// occasions and settings.
var (
	meteorReason  = map[string]string{"admission": "03", "review": "05", "discharge": "09"}
	meteorSetting = map[string]string{"inpatient": "1", "residential": "2", "ambulatory": "3", "community": "3"}
)

func newMETEORWriter(w io.Writer) *meteorWriter {
	cw := csv.NewWriter(w)
	header := []string{"PID", "ColDt", "ColRsn", "Setting", "SUId", "HnosVer"}
	header = append(header, noccItems...)
	header = append(header, "Hnos08a")
	header = append(header, noccCAItems...)
	cw.Write(header)
	return &meteorWriter{cw: cw, row: make([]string, len(header))}
}

func (m *meteorWriter) Write(r *scoring.Rating) error {
	row := m.row
	for j := range row {
		row[j] = ""
	}
	y, mo, d := r.Date.Time().Date()
	row[0] = scoring.GuardCell(r.Patient)
	row[1] = fmt.Sprintf("%02d%02d%04d", d, mo, y)
	row[2] = meteorReason[r.Occasion]
	row[3] = meteorSetting[r.Setting]
	row[4] = scoring.GuardCell(r.Team)
	at := 6
	if r.Instrument.ID == scoring.HoNOSCA {
		at = 6 + 12 + 1
	} else {
		row[5] = "A1"
		if r.Instrument.ID == scoring.HoNOS65 {
			row[5] = "G1"
		}
		row[6+12] = noccProblemType(r)
	}
	for n := range r.Instrument.Items {
		c := r.Items[n]
		if c.Rated() {
			row[at+n] = c.String()
		} else {
			row[at+n] = strconv.Itoa(scoring.METEORUnknown)
		}
	}
	return m.cw.Write(row)
}

func (m *meteorWriter) Close() error {
	m.cw.Flush()
	return m.cw.Error()
}

// fhirWriter writes a FHIR Bundle (WriteFHIR) an entry at a time, laid out
// as encoding/json lays out the whole Bundle with one space of indent.
type fhirWriter struct {
	w     io.Writer
	n     int // ratings written
	buf   bytes.Buffer
	enc   *json.Encoder
	begun bool
	err   error
}

// fhirHead opens the Bundle, up to its entries.
const fhirHead = "{\n \"resourceType\": \"Bundle\",\n \"type\": \"collection\""

func (f *fhirWriter) Write(r *scoring.Rating) error {
	if f.err != nil {
		return f.err
	}
	if f.enc == nil {
		f.enc = json.NewEncoder(&f.buf)
		f.enc.SetEscapeHTML(false)
		// An entry sits two levels in: its lines after the first start
		// with two spaces, each level adding one.
		f.enc.SetIndent("  ", " ")
	}
	f.buf.Reset()
	for _, e := range fhirEntries(r, f.n) {
		if !f.begun {
			f.buf.WriteString(fhirHead + ",\n \"entry\": [\n  ")
			f.begun = true
		} else {
			f.buf.WriteString(",\n  ")
		}
		if err := f.enc.Encode(&e); err != nil {
			f.err = err
			return err
		}
		f.buf.Truncate(f.buf.Len() - 1) // Encode ends the value with a newline
	}
	f.n++
	_, f.err = f.w.Write(f.buf.Bytes())
	return f.err
}

func (f *fhirWriter) Close() error {
	if f.err != nil {
		return f.err
	}
	tail := "\n ]\n}\n"
	if !f.begun {
		tail = fhirHead + "\n}\n"
	}
	_, f.err = io.WriteString(f.w, tail)
	return f.err
}
