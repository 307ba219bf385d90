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
	// Instruments holds an instrument's own settings where they differ
	// from those above: cut-off, threshold, SD, reliability, effect size
	// and validity (the method is the same for all). An instrument not in
	// it uses the settings above. Instruments are never pooled: each
	// instrument's pairs are classified by its own settings, and the
	// effect-size SD is taken from its own pairs.
	Instruments map[InstrumentID]InstrumentSettings
	// Preset names the preset the settings were made from (PresetNHSE),
	// for the method line; "" for none.
	Preset string
}

// InstrumentSettings are the settings that apply to one instrument's
// ratings and pairs.
type InstrumentSettings struct {
	// ChangeOptions classify the instrument's pairs.
	ChangeOptions
	// MaxUnknown is the number of the instrument's scored items that may be
	// unknown while its total stays valid.
	MaxUnknown int
}

// PresetNHSE names NHS England's rule for a counted HoNOS-family rating, as
// in its measure AMH04: HoNOS and HoNOS 65+ need at least 9 of their 12
// items rated, HoNOSCA all 13 of its scored items (NHS Digital,
// mental-health-monthly-statistics, 1.Main_monthly_prep.py lines 430–442;
// reference interop notes).
const PresetNHSE = "nhse"

// nhseRated is the number of scored items PresetNHSE needs rated.
var nhseRated = map[InstrumentID]int{HoNOS: 9, HoNOS65: 9, HoNOSCA: 13}

// Presets are the named presets beside the default, as typed after
// --preset.
var Presets = []string{PresetNHSE}

// WithPreset returns s with the named preset applied: for PresetNHSE, each
// instrument's validity by NHS England's rule, its other settings as s has
// them. "" or "default" gives s back unchanged.
func (s Settings) WithPreset(name string) (Settings, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "default":
		return s, nil
	case PresetNHSE:
	default:
		return s, &SettingError{Field: FieldMaxUnknown, Msg: "unknown preset " + strconv.Quote(name) + ": use nhse (NHS England's rule), or leave it out for Honoscope's default"}
	}
	out := s
	out.Instruments = map[InstrumentID]InstrumentSettings{}
	for id, is := range s.Instruments {
		out.Instruments[id] = is
	}
	for _, in := range instruments {
		is := out.For(in.ID)
		is.MaxUnknown = in.Scored - nhseRated[in.ID]
		out.Instruments[in.ID] = is
	}
	out.Preset = PresetNHSE
	return out, nil
}

// For returns the settings of one instrument: its own where it has them,
// else those of s, with s's method either way.
func (s Settings) For(id InstrumentID) InstrumentSettings {
	if is, ok := s.Instruments[id]; ok {
		is.Method = s.Method
		return is
	}
	return InstrumentSettings{ChangeOptions: s.ChangeOptions, MaxUnknown: s.MaxUnknown}
}

// RulesFor returns the scoring rules of one instrument's ratings.
func (s Settings) RulesFor(id InstrumentID) Rules {
	r := DefaultRules()
	r.MaxUnknown = s.For(id).MaxUnknown
	return r
}

// Validity words the validity rule of the instruments in ids (all when
// nil) for a method line: "valid totals have at most 2 scored items not
// known", or each instrument's rule when they differ, with the preset's
// name.
func (s Settings) Validity(ids []InstrumentID) string {
	if len(ids) == 0 {
		for _, in := range instruments {
			ids = append(ids, in.ID)
		}
	}
	var parts []string
	same := true
	for _, id := range ids {
		if s.For(id).MaxUnknown != s.For(ids[0]).MaxUnknown {
			same = false
		}
	}
	for _, id := range ids {
		in := MustInstrument(id)
		n := s.For(id).MaxUnknown
		if same && s.Preset == "" {
			return "valid totals have at most " + strconv.Itoa(n) + " scored items not known"
		}
		if n >= in.Scored {
			n = in.Scored
		}
		parts = append(parts, in.Name+" at least "+strconv.Itoa(in.Scored-n)+" of "+strconv.Itoa(in.Scored)+" items rated")
	}
	text := "valid totals: " + strings.Join(parts, ", ")
	if s.Preset == PresetNHSE {
		text += " (NHS England's rule, as in its measure AMH04)"
	}
	return text
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
	for _, in := range instruments {
		is, own := s.Instruments[in.ID]
		if !own {
			continue
		}
		is.Method = s.Method
		if err := is.ChangeOptions.Validate(); err != nil {
			se := err.(*SettingError)
			return &SettingError{Field: se.Field, Msg: in.Name + ": " + se.Msg}
		}
		if is.MaxUnknown < 0 || is.MaxUnknown > in.Scored {
			return &SettingError{Field: FieldMaxUnknown, Msg: in.Name + ": unknown items allowed must be a whole number from 0 to " + strconv.Itoa(in.Scored)}
		}
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

// ParseInstrumentSettings sets one instrument's own threshold, cut-off and
// validity from a form's fields (t.Threshold, t.Cutoff, t.MaxUnknown; the
// others are not read), over what s gives it: an empty field keeps s's
// value. It checks the result (Validate); an error names the instrument.
func ParseInstrumentSettings(s Settings, id InstrumentID, t SettingsText) (Settings, error) {
	in, err := LookupInstrument(string(id))
	if err != nil {
		return s, err
	}
	is := s.For(in.ID)
	changed := false
	bad := func(f Field, msg string) error { return &SettingError{Field: f, Msg: in.Name + ": " + msg} }
	if v := strings.ReplaceAll(strings.TrimSpace(t.Threshold), ",", "."); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return s, bad(FieldThreshold, "the threshold must be a number, such as 8")
		}
		is.Threshold, changed = x, true
	}
	for _, w := range []struct {
		f    Field
		text string
		msg  string
		dst  *int
	}{
		{FieldCutoff, t.Cutoff, "the clinical cut-off must be a whole number, such as " + strconv.Itoa(DefaultCutoff), &is.Cutoff},
		{FieldMaxUnknown, t.MaxUnknown, "unknown items allowed must be a whole number from 0 to " + strconv.Itoa(in.Scored), &is.MaxUnknown},
	} {
		if v := strings.TrimSpace(w.text); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return s, bad(w.f, w.msg)
			}
			*w.dst, changed = n, true
		}
	}
	if !changed {
		return s, nil
	}
	out := s
	out.Instruments = map[InstrumentID]InstrumentSettings{}
	for k, v := range s.Instruments {
		out.Instruments[k] = v
	}
	out.Instruments[in.ID] = is
	return out, out.Validate()
}
