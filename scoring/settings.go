package scoring

import (
	"math"
	"strconv"
	"strings"
)

// Settings are every choice of a change analysis, named for what they mean:
// the command line maps them to its options, a page to its fields. Start
// from DefaultSettings.
type Settings struct {
	// ChangeOptions classify each pair's change: method, threshold, SD,
	// reliability, effect size and cut-off.
	ChangeOptions
	// Pairing says which two ratings of a patient make a pair.
	Pairing PairMode
	// MaxUnknown is the number of scored items that may be unknown while
	// the total stays valid.
	MaxUnknown int
}

// MostUnknown is the largest MaxUnknown a setting may take: every scored
// item of the longest instrument (HoNOSCA's 13) unknown.
const MostUnknown = 13

// DefaultSettings returns the defaults: fixed threshold of 8 points
// (Parabiaghi et al. 2005), effect size 0.5 (METEOR 584024), cut-off 11
// (Parabiaghi et al. 2005), earliest and latest ratings paired, at most 2
// unknown items (MaxUnknownDefault). SD and reliability have no default.
func DefaultSettings() Settings {
	return Settings{ChangeOptions: DefaultChangeOptions(), Pairing: EarliestLatest, MaxUnknown: MaxUnknownDefault}
}

// Change returns the options that classify change.
func (s Settings) Change() ChangeOptions { return s.ChangeOptions }

// Rules returns the scoring rules the settings ask for.
func (s Settings) Rules() Rules {
	r := DefaultRules()
	r.MaxUnknown = s.MaxUnknown
	return r
}

// Field names one setting, so that a caller can point at the option or the
// form field that needs fixing.
type Field uint8

// The settings' fields.
const (
	FieldMethod Field = iota
	FieldThreshold
	FieldSD
	FieldReliability
	FieldEffectSize
	FieldCutoff
	FieldPairing
	FieldMaxUnknown
)

// SettingError is a setting that cannot be used. Msg says which and what to
// do; Field names it.
type SettingError struct {
	// Field is the setting that needs fixing.
	Field Field
	// Msg says what is wrong and what to set or enter.
	Msg string
}

// Error returns Msg.
func (e *SettingError) Error() string { return e.Msg }

// Validate reports the first setting that cannot be used, as a
// *SettingError saying what to set.
func (s Settings) Validate() error {
	if err := s.Change().Validate(); err != nil {
		return err
	}
	if s.MaxUnknown < 0 || s.MaxUnknown > MostUnknown {
		return &SettingError{Field: FieldMaxUnknown, Msg: "unknown items allowed must be a whole number from 0 to " +
			strconv.Itoa(MostUnknown) + " (default " + strconv.Itoa(MaxUnknownDefault) + ")"}
	}
	if s.Pairing != EarliestLatest && s.Pairing != Consecutive {
		return &SettingError{Field: FieldPairing, Msg: "pairs must be earliest and latest, or consecutive"}
	}
	return nil
}

// SettingsText holds the settings as typed into a form, one string per
// field. Method is "threshold", "jt" or "es" (Method.Flag); Pairing is
// "earliest" or "consecutive" (PairMode.Flag). Numbers may use a decimal
// comma.
type SettingsText struct {
	Method, Threshold, SD, Reliability, EffectSize, Cutoff, Pairing, MaxUnknown string
}

// Text writes s as a form shows it: the inverse of ParseSettings. An SD or
// reliability of 0 is written empty (not given).
func (s Settings) Text() SettingsText {
	opt := func(x float64) string {
		if x == 0 {
			return ""
		}
		return shortest(x)
	}
	return SettingsText{
		Method: s.Method.Flag(), Threshold: shortest(s.Threshold), SD: opt(s.SD), Reliability: opt(s.Reliability),
		EffectSize: shortest(s.EffectSize), Cutoff: strconv.Itoa(s.Cutoff), Pairing: s.Pairing.Flag(),
		MaxUnknown: strconv.Itoa(s.MaxUnknown),
	}
}

// Flag returns the name of the pairing mode as a form or the command line
// gives it: "earliest" or "consecutive".
func (m PairMode) Flag() string {
	if m == Consecutive {
		return "consecutive"
	}
	return "earliest"
}

// ParseSettings reads settings typed into a form and checks them
// (Validate). A field the method does not use is not read; an empty field
// takes its default (an empty method is the fixed threshold), except that
// the Jacobson–Truax method needs the SD and the reliability. An error is a
// *SettingError that names the field and says what to enter.
func ParseSettings(t SettingsText) (Settings, error) {
	s := DefaultSettings()
	if m := strings.TrimSpace(t.Method); m != "" {
		var err error
		if s.Method, err = ParseMethod(m); err != nil {
			return s, &SettingError{Field: FieldMethod, Msg: err.Error()}
		}
	}
	number := func(f Field, what, text string, required bool, dst *float64) error {
		text = strings.ReplaceAll(strings.TrimSpace(text), ",", ".")
		if text == "" {
			if required {
				return &SettingError{Field: f, Msg: "enter " + what + ": this method needs it"}
			}
			return nil
		}
		x, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1e9 {
			return &SettingError{Field: f, Msg: what + " must be a number, such as 7.5"}
		}
		*dst = x
		return nil
	}
	var err error
	switch s.Method {
	case Threshold:
		err = number(FieldThreshold, "the threshold in points", t.Threshold, false, &s.Threshold)
	case JacobsonTruax:
		if err = number(FieldSD, "the SD of baseline totals", t.SD, true, &s.SD); err == nil {
			err = number(FieldReliability, "the reliability r", t.Reliability, true, &s.Reliability)
		}
	case EffectSize:
		if err = number(FieldEffectSize, "the effect size", t.EffectSize, false, &s.EffectSize); err == nil {
			err = number(FieldSD, "the SD of baseline totals", t.SD, false, &s.SD)
		}
	}
	if err != nil {
		return s, err
	}
	whole := func(f Field, text, msg string, dst *int) error {
		text = strings.TrimSpace(text)
		if text == "" {
			return nil
		}
		n, err := strconv.Atoi(text)
		if err != nil {
			return &SettingError{Field: f, Msg: msg}
		}
		*dst = n
		return nil
	}
	if err := whole(FieldCutoff, t.Cutoff, "the clinical cut-off must be a whole number, such as "+strconv.Itoa(DefaultCutoff), &s.Cutoff); err != nil {
		return s, err
	}
	if err := whole(FieldMaxUnknown, t.MaxUnknown, "unknown items allowed must be a whole number from 0 to "+strconv.Itoa(MostUnknown), &s.MaxUnknown); err != nil {
		return s, err
	}
	switch strings.TrimSpace(t.Pairing) {
	case "", "earliest":
	case "consecutive":
		s.Pairing = Consecutive
	default:
		return s, &SettingError{Field: FieldPairing, Msg: "pairs must be earliest or consecutive"}
	}
	err = s.Validate()
	if se, ok := err.(*SettingError); ok && s.Method == JacobsonTruax {
		// The command line's words ("set --sd to") mean nothing in a form.
		switch se.Field {
		case FieldSD:
			se.Msg = "the SD of baseline totals must be a number above 0"
		case FieldReliability:
			se.Msg = "the reliability r must be a number from 0 up to (not including) 1"
		}
	}
	return s, err
}
