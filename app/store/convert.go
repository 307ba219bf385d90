package store

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"honoscope/scoring"
)

// Rating periods as stored (Rating.Period). The rating period is the previous
// 2 weeks, or the previous 3 days at discharge from inpatient care (project
// scoring reference, "Rating period").
const (
	// PeriodTwoWeeks is the standard period.
	PeriodTwoWeeks = "2w"
	// PeriodThreeDays is the period at inpatient discharge.
	PeriodThreeDays = "3d"
)

// Occasions lists the values Rating.Occasion may take besides "".
var Occasions = []string{"admission", "review", "discharge", "other"}

// MaxLabel is the longest patient label, occasion, team, setting or rater
// role accepted, in characters; MaxNote is the longest note. They keep one
// bad cell from filling the device and the screen.
const (
	MaxLabel = 200
	MaxNote  = 10000
)

// FieldError is one problem with one field of a rating.
type FieldError struct {
	// Field is the JSON name of the field ("date", "items", …).
	Field string
	// Msg says what is wrong and what to do.
	Msg string
}

// Error returns "FIELD: what is wrong".
func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// Validate checks r as a record to store or import and returns every problem
// found, joined (errors.Join of *FieldError, in field order), or nil. It
// checks: a patient label (non-empty, at most MaxLabel characters, valid
// UTF-8); the date (a real YYYY-MM-DD); the instrument; exactly one code per
// item of the instrument, each 0–4 or 9; the item 8 problem type (a letter
// A–K, only on HoNOS and HoNOS 65+); the period; the occasion; label lengths;
// and, when present, the timestamps (RFC 3339). The ID is not checked: new
// ratings get one when stored. A missing item 8 problem type is not an error
// here, because files from other systems often lack it; the form requires it
// (scoring.Rating.NeedsProblemType).
func (r Rating) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	switch p := strings.TrimSpace(r.Patient); {
	case p == "":
		bad("patient", "empty: give a pseudonymous patient label")
	case !utf8.ValidString(p):
		bad("patient", "not valid UTF-8 text: save the file as UTF-8")
	case utf8.RuneCountInString(p) > MaxLabel:
		bad("patient", "longer than %d characters: shorten the label", MaxLabel)
	}
	if _, err := scoring.ParseDate(r.Date); err != nil {
		bad("date", "%v", err)
	}
	in, err := scoring.LookupInstrument(r.Instrument)
	if err != nil {
		bad("instrument", "%v", err)
	}
	if in != nil {
		if len(r.Items) != len(in.Items) {
			bad("items", "%s has %d items but %d codes were given: give one code (0–4, or 9 for not known) per item", in.Name, len(in.Items), len(r.Items))
		}
	}
	for i, c := range r.Items {
		if (c < 0 || c > scoring.MaxCode) && c != int(scoring.NotKnown) {
			bad("items", "item %d is %d: use 0, 1, 2, 3 or 4, or 9 for not known", i+1, c)
		}
	}
	if r.Item8Type != "" {
		p, err := scoring.ParseProblemType(r.Item8Type)
		switch {
		case err != nil:
			bad("item8_type", "%v", err)
		case in != nil && !in.HasProblemType:
			bad("item8_type", "%s item 8 has no problem type: leave it empty", in.Name)
		case p.String() != r.Item8Type:
			bad("item8_type", "%q must be written as the capital letter %q", r.Item8Type, p.String())
		}
	}
	if r.Period != PeriodTwoWeeks && r.Period != PeriodThreeDays {
		bad("period", "%q is not a rating period: use %q (previous 2 weeks) or %q (previous 3 days, inpatient discharge)", clip(r.Period), PeriodTwoWeeks, PeriodThreeDays)
	}
	if r.Occasion != "" && !validOccasion(r.Occasion) {
		bad("occasion", "%q is not an occasion: use admission, review, discharge, other or leave it empty", clip(r.Occasion))
	}
	for _, f := range [...]struct{ name, v string }{{"rater", r.Rater}, {"team", r.Team}, {"setting", r.Setting}} {
		if !utf8.ValidString(f.v) {
			bad(f.name, "not valid UTF-8 text: save the file as UTF-8")
		} else if utf8.RuneCountInString(f.v) > MaxLabel {
			bad(f.name, "longer than %d characters: shorten it", MaxLabel)
		}
	}
	if !utf8.ValidString(r.Note) {
		bad("note", "not valid UTF-8 text: save the file as UTF-8")
	} else if utf8.RuneCountInString(r.Note) > MaxNote {
		bad("note", "longer than %d characters: shorten it", MaxNote)
	}
	for _, f := range [...]struct{ name, v string }{{"created", r.Created}, {"updated", r.Updated}} {
		if f.v == "" {
			continue
		}
		if _, err := time.Parse(time.RFC3339, f.v); err != nil {
			bad(f.name, "%q is not a time: write it as RFC 3339, e.g. 2024-05-01T09:30:00Z", clip(f.v))
		}
	}
	return errors.Join(errs...)
}

func validOccasion(s string) bool {
	for _, o := range Occasions {
		if s == o {
			return true
		}
	}
	return false
}

// clip shortens s for an error message so that a binary cell cannot flood it.
func clip(s string) string {
	const max = 30
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}

// Scoring validates r and returns it as a scoring.Rating. Items beyond the
// instrument's own are NotKnown; Line is 0.
func (r Rating) Scoring() (scoring.Rating, error) {
	if err := r.Validate(); err != nil {
		return scoring.Rating{}, err
	}
	in, _ := scoring.LookupInstrument(r.Instrument)
	date, _ := scoring.ParseDate(r.Date)
	out := scoring.Rating{
		Patient:    strings.TrimSpace(r.Patient),
		Date:       date,
		Instrument: in,
		Occasion:   r.Occasion,
		Team:       r.Team,
		Setting:    r.Setting,
	}
	for i := range out.Items {
		out.Items[i] = scoring.NotKnown
	}
	for i, c := range r.Items {
		out.Items[i] = scoring.Code(c)
	}
	out.ProblemType, _ = scoring.ParseProblemType(r.Item8Type)
	if r.Period == PeriodThreeDays {
		out.Period = scoring.ThreeDays
	}
	return out, nil
}

// FromScoring returns r as a stored Rating with the given ID: one code per
// item of the instrument, the item 8 problem type only where the instrument
// has one, and the occasion in lower case. Created and Updated are left
// empty for the caller to stamp. A rating without an instrument gives a
// Rating that fails Validate.
func FromScoring(r scoring.Rating, id string) Rating {
	out := Rating{
		ID:       id,
		Patient:  r.Patient,
		Date:     r.Date.String(),
		Period:   PeriodTwoWeeks,
		Occasion: strings.ToLower(strings.TrimSpace(r.Occasion)),
		Team:     r.Team,
		Setting:  r.Setting,
	}
	if r.Period == scoring.ThreeDays {
		out.Period = PeriodThreeDays
	}
	if r.Instrument == nil {
		return out
	}
	out.Instrument = string(r.Instrument.ID)
	out.Items = make([]int, len(r.Instrument.Items))
	for i := range out.Items {
		out.Items[i] = int(r.Items[i])
	}
	if r.Instrument.HasProblemType {
		out.Item8Type = r.ProblemType.String()
	}
	return out
}
