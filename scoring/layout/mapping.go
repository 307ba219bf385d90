package layout

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"honoscope/scoring"
)

// Mapping says which of a file's columns hold each of Honoscope's fields,
// for a layout with one row per rating that Honoscope does not know: a
// record system's own export. The user makes it by choosing columns, and
// may keep it under a name to use again; it holds column names only, never
// a cell of the file.
type Mapping struct {
	// Name is the name the user kept the mapping under.
	Name string `json:"name"`
	// Patient and Date name the person's label and the date columns.
	Patient string `json:"patient"`
	Date    string `json:"date"`
	// DayFirst reads dates as DD/MM/YYYY or DDMMYYYY instead of YYYY-MM-DD.
	DayFirst bool `json:"day_first,omitempty"`
	// Instrument names a column that says the instrument (honos, honos65,
	// honosca, or NOCC's A1, G1, G2); Fixed is the instrument when it is
	// empty or there is no such column (HoNOS when neither says).
	Instrument string               `json:"instrument,omitempty"`
	Fixed      scoring.InstrumentID `json:"fixed,omitempty"`
	// Items names item n's column at Items[n-1] ("" when the file has none).
	Items []string `json:"items"`
	// ProblemType, Occasion, Team and Setting name optional columns.
	ProblemType string `json:"problem_type,omitempty"`
	Occasion    string `json:"occasion,omitempty"`
	Team        string `json:"team,omitempty"`
	Setting     string `json:"setting,omitempty"`
}

// instrumentNames reads an instrument column's values, upper case, as
// written by Honoscope, by NOCC (HnosVer) and by people.
var instrumentNames = map[string]scoring.InstrumentID{
	"HONOS": scoring.HoNOS, "HONOS65": scoring.HoNOS65, "HONOS 65+": scoring.HoNOS65, "HONOS65+": scoring.HoNOS65,
	"HONOSCA": scoring.HoNOSCA, "HONOS-CA": scoring.HoNOSCA, "HONOS CA": scoring.HoNOSCA,
	"A1": scoring.HoNOS, "G1": scoring.HoNOS65, "G2": scoring.HoNOS65,
}

// Columns lists the columns the mapping reads, in field order.
func (m *Mapping) Columns() []string {
	out := []string{m.Patient, m.Date, m.Instrument, m.ProblemType, m.Occasion, m.Team, m.Setting}
	out = append(out, m.Items...)
	var named []string
	for _, c := range out {
		if c != "" {
			named = append(named, c)
		}
	}
	return named
}

// Check says what is missing or wrong in the mapping for a file with this
// header, in words that say what to choose; nil when it can be read.
func (m *Mapping) Check(header []string) error {
	has := headerSet(header)
	switch {
	case m.Patient == "":
		return errors.New("choose the column that holds each person's label")
	case m.Date == "":
		return errors.New("choose the column that holds the date of each rating")
	}
	items := 0
	for _, c := range m.Items {
		if c != "" {
			items++
		}
	}
	if items == 0 {
		return errors.New("choose the columns of the items (at least item 1)")
	}
	if len(m.Items) > scoring.MaxItems {
		return fmt.Errorf("a mapping has at most %d item columns", scoring.MaxItems)
	}
	if m.Fixed != "" {
		if _, err := scoring.LookupInstrument(string(m.Fixed)); err != nil {
			return err
		}
	}
	for _, c := range m.Columns() {
		if !has[strings.ToLower(strings.TrimSpace(c))] {
			return fmt.Errorf("the file has no column %q: choose one of its columns", c)
		}
	}
	return nil
}

// Fits reports whether every column the mapping reads is in the header, so
// that a kept mapping can be offered for a file of the same export.
func (m *Mapping) Fits(header []string) bool { return m.Check(header) == nil }

// Wide returns the mapping as a wide layout for ReadWide.
func (m *Mapping) Wide() *Wide {
	fixed := m.Fixed
	if fixed == "" {
		fixed = scoring.HoNOS
	}
	// An item with no column ("") matches none and reads as not known.
	items := append([]string(nil), m.Items...)
	name := "your mapping"
	if m.Name != "" {
		name = strconv.Quote(m.Name)
	}
	return &Wide{
		Name: name, Patient: []string{m.Patient}, Date: []string{m.Date}, DayFirst: m.DayFirst,
		Forms:       []Form{{Instrument: fixed, Items: items, Version: m.Instrument, Versions: instrumentNames}},
		ProblemType: m.ProblemType, None: []string{"X", "Z"},
		Occasion: m.Occasion, Setting: m.Setting, Team: m.Team,
	}
}

// itemNumber reads a column name that looks like an item's: "item 3", "Q3",
// "H3", "HoNOS_03", "Hnos03", "scale 3" are item 3 (the name lower case).
func itemNumber(name string) (int, bool) {
	for _, prefix := range []string{"item", "honosca", "honos", "hnosc", "hnos", "scale", "q", "h"} {
		if rest, ok := strings.CutPrefix(name, prefix); ok {
			name = rest
			break
		}
	}
	name = strings.TrimLeft(name, " _.-")
	n, err := strconv.Atoi(name)
	if err != nil || name == "" || name[0] < '0' || name[0] > '9' || n < 1 || n > scoring.MaxItems {
		return 0, false
	}
	return n, true
}

// isProblemTypeName reports whether a column name looks like the item 8
// problem type's: "8a", "H8 type", "q8problemtype", "item8_type".
func isProblemTypeName(name string) bool {
	i := strings.Index(name, "8")
	if i < 0 {
		return false
	}
	rest := strings.TrimLeft(name[i+1:], " _.-")
	for _, w := range []string{"a", "type", "prob"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// isDateName reports whether a column name looks like a date's.
func isDateName(name string) bool {
	for _, w := range []string{"date", "when", "rated on", "completed"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return strings.HasSuffix(name, "dt")
}

func isItem(name string) bool { _, ok := itemNumber(name); return ok }

// GuessMapping proposes a mapping for a header from its column names, for
// the user to correct: the first column that looks like a person's label,
// a date, an instrument, each item, the problem type and the labels.
func GuessMapping(header []string) Mapping {
	m := Mapping{Items: make([]string, scoring.MaxItems)}
	for _, h := range header {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		set := func(dst *string) bool {
			if *dst == "" {
				*dst = h
				return true
			}
			return false
		}
		switch {
		case isProblemTypeName(name):
			set(&m.ProblemType)
		case isItem(name):
			if n, _ := itemNumber(name); m.Items[n-1] == "" {
				m.Items[n-1] = h
			}
		case strings.Contains(name, "patient") || strings.Contains(name, "person") || strings.Contains(name, "client") ||
			name == "id" || name == "pid" || strings.Contains(name, "nhs") || strings.Contains(name, "label"):
			set(&m.Patient)
		case isDateName(name):
			set(&m.Date)
		case strings.Contains(name, "instrument") || strings.Contains(name, "version") || strings.Contains(name, "form") || strings.Contains(name, "scale"):
			set(&m.Instrument)
		case strings.Contains(name, "occasion") || strings.Contains(name, "reason"):
			set(&m.Occasion)
		case strings.Contains(name, "team") || strings.Contains(name, "service") || strings.Contains(name, "unit"):
			set(&m.Team)
		case strings.Contains(name, "setting") || strings.Contains(name, "ward"):
			set(&m.Setting)
		}
	}
	return m
}

// ReadMapping reads a mapping kept as JSON (as the team view keeps it, or
// a file the command line is given), refusing unknown fields so that a
// typing slip is said, not ignored.
func ReadMapping(r io.Reader) (Mapping, error) {
	var m Mapping
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return m, fmt.Errorf("not a Honoscope column mapping: %v", err)
	}
	return m, nil
}
