package layout

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"honoscope/scoring"
)

// The MHSDS columns Honoscope reads (MHS607 Coded Score Assessment, NHS
// Digital's mental-health-bulletin prep/0. Generic_prep.py): the person
// (Person_ID, or LocalPatientId in a provider's own extract), the time the
// assessment was completed (AssToolCompTimestamp; AssToolCompDate in older
// versions), the item's SNOMED CT code and its score, and optionally the
// care activity that groups one rating's rows.
var (
	mhsdsPerson   = []string{"person_id", "localpatientid"}
	mhsdsTime     = []string{"asstoolcomptimestamp", "asstoolcompdate"}
	mhsdsCode     = "codedasstooltype"
	mhsdsScore    = "persscore"
	mhsdsActivity = "uniqcareactid"
)

// IsMHSDS reports whether a header is that of an MHSDS long file: it names
// the item code and score columns.
func IsMHSDS(header []string) bool {
	has := map[string]bool{}
	for _, h := range header {
		has[strings.ToLower(strings.TrimSpace(h))] = true
	}
	return has[mhsdsCode] && has[mhsdsScore]
}

// MHSDSReport says what ReadMHSDS made of a file.
type MHSDSReport struct {
	// Rows is the number of data rows read; Rejected of them were left out.
	Rows, Rejected int
	// Ratings is the number of ratings assembled.
	Ratings int
	// ThroughFiles is set when the ratings outgrew the assembly's limit and
	// were assembled through temporary files.
	ThroughFiles bool
}

// ReadMHSDS reads an MHSDS long file (one row per rated item) and calls use
// with each rating it assembles, in the order its first row appears. The
// rows of one rating share the person, the completion time (the date, when
// only a date is given), the instrument and, when the file has it, the care
// activity. An item with no row is not known. A score of "3", "03" or "3.0"
// is 3; 7, 8, 9 and an empty score are not known. Parent- and self-rated
// HoNOSCA rows are left out with a warning: Honoscope pairs clinician
// ratings, and a parent's rating is not a clinician's follow-up. A row that
// cannot be used is passed to problem (line, column, what to do) and left
// out; the rest are read.
//
// The ratings are assembled in memory, because an extract is not sorted by
// person and time: it holds every open rating (about 100 bytes and its key
// each), not every row. ReadMHSDSWithin bounds that memory.
func ReadMHSDS(r io.Reader, problem func(*scoring.RowError), use func(*scoring.Rating)) (MHSDSReport, error) {
	return ReadMHSDSWithin(r, scoring.Spill{}, problem, use)
}

// ReadMHSDSWithin is ReadMHSDS with the open ratings held within asm's
// limit. Every rating stays open until the file ends; past the limit the
// open ratings and every later row go to temporary files in asm.Dir, split
// by rating, each part is assembled on its own and the parts are merged by
// first row. The ratings and their order are the same; a row repeating its
// rating's item is then told once the file has been read, rather than in
// file order with the other problems. A failure of those files is a
// *scoring.SpillError.
func ReadMHSDSWithin(r io.Reader, asm scoring.Spill, problem func(*scoring.RowError), use func(*scoring.Rating)) (MHSDSReport, error) {
	var rep MHSDSReport
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	rec, err := cr.Read()
	if err != nil {
		return rep, fmt.Errorf("no header row: %w", err)
	}
	header := append([]string(nil), rec...) // the reader reuses rec
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	first := func(names []string) int {
		for _, n := range names {
			if i, ok := col[n]; ok {
				return i
			}
		}
		return -1
	}
	person, when := first(mhsdsPerson), first(mhsdsTime)
	code, score, activity := first([]string{mhsdsCode}), first([]string{mhsdsScore}), first([]string{mhsdsActivity})
	switch {
	case code < 0 || score < 0:
		return rep, errors.New("the header has no CodedAssToolType and PersScore columns: this is not an MHSDS long file")
	case person < 0:
		return rep, errors.New("the header has no Person_ID or LocalPatientId column: add the person's pseudonymous identifier")
	case when < 0:
		return rep, errors.New("the header has no AssToolCompTimestamp or AssToolCompDate column: add when each rating was completed")
	}
	a := newAssembler(asm, func(line, item int) {
		rep.Rejected++
		problem(&scoring.RowError{Line: line, Column: header[code],
			Msg: fmt.Sprintf("item %d of this rating (person, time and instrument) is already on an earlier row: keep one row per item", item)})
	})
	defer a.close()
	cell := func(rec []string, i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
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
		reject := func(column, msg string) {
			rep.Rejected++
			problem(&scoring.RowError{Line: line, Column: column, Msg: msg})
		}
		it, ok := mhsdsItems[cell(rec, code)]
		if !ok {
			reject(header[code], fmt.Sprintf("%q is not the SNOMED CT code of a HoNOS, HoNOS 65+ or HoNOSCA item: check the column holds item codes", clipCell(cell(rec, code))))
			continue
		}
		if !it.clinician {
			problem(&scoring.RowError{Line: line, Column: header[code], Warning: true,
				Msg: "a parent- or self-rated HoNOSCA item is left out: Honoscope analyses clinician ratings"})
			continue
		}
		label := scoring.UnguardCell(cell(rec, person))
		if label == "" {
			reject(header[person], "empty: give the person's pseudonymous identifier")
			continue
		}
		if msg := scoring.LabelProblem(label); msg != "" {
			reject(header[person], msg)
			continue
		}
		label = scoring.NormalLabel(label)
		stamp := cell(rec, when)
		date, err := scoring.ParseDate(datePart(stamp))
		if err != nil {
			reject(header[when], fmt.Sprintf("%v (a timestamp such as 2024-03-01T10:15:00 counts by its date)", err))
			continue
		}
		c, err := parseScore(cell(rec, score))
		if err != nil {
			reject(header[score], err.Error())
			continue
		}
		if err := a.row(mhsdsKey(label, stamp, it.instrument, cell(rec, activity)), date, it.instrument, line, it.item, c); err != nil {
			return rep, err
		}
	}
	rep.ThroughFiles = a.tmp != ""
	n, err := a.finish(use)
	rep.Ratings = n
	return rep, err
}

// datePart returns the date of a timestamp such as "2024-03-01T10:15:00" or
// "2024-03-01 10:15:00.000", or s itself.
func datePart(s string) string {
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		return s[:10]
	}
	return s
}

// parseScore reads a PersScore: "0"–"4" with any leading zeros or a ".0"
// (NHS Digital's pipelines write both "03" and "3.0"); 7, 8, 9 and empty are
// not known (as scoring.ParseCode).
func parseScore(s string) (scoring.Code, error) {
	t := strings.TrimSuffix(s, ".0")
	if n, err := strconv.Atoi(t); err == nil && t != "" && t[0] != '-' && t[0] != '+' {
		return scoring.ParseCode(strconv.Itoa(n))
	}
	return scoring.ParseCode(s)
}

// clipCell shortens a cell for an error message.
func clipCell(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}

// WriteMHSDS writes rs as an MHSDS long file: one row per rated item of the
// clinician-rated form, with the person's label, the rating's date, the
// item's SNOMED CT code and its score ("0"–"4", "9" for not known), and a
// care activity number that keeps two ratings of one person on one day
// apart. HoNOSCA items 14 and 15, and the item 8 problem type, have no
// MHSDS codes and are not written. Labels go through the formula guard.
func WriteMHSDS(w io.Writer, rs []scoring.Rating) error {
	return writeAll(newMHSDSWriter(w), rs)
}
