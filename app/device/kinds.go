package device

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"honoscope/app/store"
	"honoscope/scoring"
)

// EventKindIDs are the kinds of event note a document of EventsKind may
// hold, as stored: admission, medication change, discharge and a free note.
var EventKindIDs = []string{"admission", "medication", "discharge", "note"}

// MaxEventText is the most characters an event note's text may hold.
const MaxEventText = 200

// Size limits of the documents a file may bring in: far above what the app
// writes (an event note is under 400 bytes, a ranges file a few kilobytes),
// low enough that a crafted file cannot fill the device's storage through
// one document.
const (
	maxDocBytes      = 16 << 10
	maxSettingsBytes = 1 << 20
	maxNameChars     = 255
)

// CheckDocument says what is wrong with a document of one of BackupKinds
// that a file brings in, in words for the import's problem list, or returns
// nil. It holds every document to what the page that reads it expects, so
// that a file cannot plant a note under another person, a practice attempt
// that breaks the statistics or a setting outside its bounds. Kinds that are
// not BackupKinds are refused: a file must not set the lock, the device's
// settings or a sealed record.
func CheckDocument(d store.Document) error {
	limit := maxDocBytes
	if d.Kind == ChartSettingsKind {
		limit = maxSettingsBytes
	}
	if len(d.Data) > limit {
		return fmt.Errorf("it holds %d KB, more than the %d KB such a document can be", len(d.Data)>>10, limit>>10)
	}
	switch d.Kind {
	case EventsKind:
		return checkEvent(d)
	case ChartSettingsKind:
		return checkChartSettings(d)
	case PracticeKind:
		return checkAttempt(d)
	case PracticeSettingsKind:
		return checkPracticeSettings(d)
	case store.LockKind:
		return errors.New("it is a passphrase lock setting, which a file may never set on this device")
	case store.DeviceKind:
		return errors.New("it holds this device's own settings (idle lock, backup reminder), which a file may never set")
	}
	return fmt.Errorf("no page of Honoscope keeps a document of kind %q, so a file cannot bring one in", clip(d.Kind))
}

// strictJSON decodes data into v, refusing fields v does not have and
// anything after the value, so that a document holds exactly what the page
// writes.
func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one value")
	}
	return nil
}

// checkText refuses control characters and text longer than n characters.
func checkText(what, s string, n int) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("its %s is not valid text", what)
	}
	if utf8.RuneCountInString(s) > n {
		return fmt.Errorf("its %s is longer than %d characters", what, n)
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return fmt.Errorf("its %s holds a control or invisible character (%U)", what, r)
		}
	}
	return nil
}

// checkEvent holds an event note to what the person page writes: the key
// is the person's label, NUL, an identifier; the data names the same
// person, a real date, one of EventKindIDs, and a short text.
func checkEvent(d store.Document) error {
	var e struct {
		Patient string `json:"patient"`
		Date    string `json:"date"`
		Kind    string `json:"kind"`
		Text    string `json:"text"`
	}
	if err := strictJSON(d.Data, &e); err != nil {
		return fmt.Errorf("it is not an event note (%v)", err)
	}
	if msg := scoring.LabelProblem(e.Patient); msg != "" || e.Patient == "" || e.Patient != scoring.NormalLabel(strings.TrimSpace(e.Patient)) {
		return fmt.Errorf("its person's label is not one Honoscope keeps: %s", msg)
	}
	label, id, ok := strings.Cut(d.Key, "\x00")
	if !ok || label != e.Patient || id == "" || checkText("key", id, 64) != nil {
		return errors.New("its key does not name the person the note is about")
	}
	if _, err := scoring.ParseDate(e.Date); err != nil {
		return errors.New("its date is not a real date (YYYY-MM-DD)")
	}
	if !oneOf(e.Kind, EventKindIDs) {
		return fmt.Errorf("%q is not a kind of event note: admission, medication, discharge or note", clip(e.Kind))
	}
	if e.Kind == "note" && strings.TrimSpace(e.Text) == "" {
		return errors.New("a note needs text")
	}
	return checkText("text", e.Text, MaxEventText)
}

// Keys of the person page's settings documents (ChartSettingsKind): the
// loaded expected-change ranges file and the custom grouping.
const (
	RangesKey   = "ranges"
	GroupingKey = "grouping"
)

// checkChartSettings holds a kept ranges or grouping file to its shape: a
// name and the file as a JSON object. The page reads the file again with its
// own reader on every visit and says what is wrong with it there.
func checkChartSettings(d store.Document) error {
	if d.Key != RangesKey && d.Key != GroupingKey {
		return fmt.Errorf("%q is not a kept file of the person page (ranges or grouping)", clip(d.Key))
	}
	var s struct {
		Name string          `json:"name"`
		File json.RawMessage `json:"file"`
	}
	if err := strictJSON(d.Data, &s); err != nil {
		return fmt.Errorf("it is not a kept file (%v)", err)
	}
	if err := checkText("file name", s.Name, maxNameChars); err != nil {
		return err
	}
	if f := bytes.TrimSpace(s.File); len(f) == 0 || f[0] != '{' {
		return errors.New("the kept file is not a JSON object")
	}
	return nil
}

// checkAttempt holds a practice attempt to what the training page writes:
// its key is its finishing time and vignette, its codes and reference codes
// one per item of its instrument, each 0–4 or 9, and its item 8 types
// letters A–K.
func checkAttempt(d store.Document) error {
	var a struct {
		Vignette           string `json:"vignette"`
		Version            int    `json:"version"`
		Instrument         string `json:"instrument"`
		Date               string `json:"date"`
		Finished           string `json:"finished"`
		Codes              []int  `json:"codes"`
		Item8Type          string `json:"item8_type"`
		Reference          []int  `json:"reference"`
		ReferenceItem8Type string `json:"reference_item8_type"`
	}
	if err := strictJSON(d.Data, &a); err != nil {
		return fmt.Errorf("it is not a practice attempt (%v)", err)
	}
	if err := checkText("vignette", a.Vignette, 100); err != nil || a.Vignette == "" || a.Version < 0 {
		return errors.New("it names no vignette")
	}
	in, err := scoring.LookupInstrument(a.Instrument)
	if err != nil {
		return err
	}
	if _, err := scoring.ParseDate(a.Date); err != nil {
		return errors.New("its date is not a real date (YYYY-MM-DD)")
	}
	if _, err := time.Parse(time.RFC3339, a.Finished); err != nil {
		return errors.New("its finishing time is not a time")
	}
	if d.Key != a.Finished+" "+a.Vignette {
		return errors.New("its key is not its finishing time and vignette")
	}
	for _, c := range []struct {
		what  string
		codes []int
		typ   string
	}{{"codes", a.Codes, a.Item8Type}, {"reference codes", a.Reference, a.ReferenceItem8Type}} {
		if len(c.codes) != len(in.Items) {
			return fmt.Errorf("its %s are %d, not one for each of the %d items of %s", c.what, len(c.codes), len(in.Items), in.Name)
		}
		for i, v := range c.codes {
			if (v < 0 || v > scoring.MaxCode) && v != 9 {
				return fmt.Errorf("its %s give item %d the code %d: a code is 0 to 4, or 9", c.what, i+1, v)
			}
		}
		if _, err := scoring.ParseProblemType(c.typ); err != nil || len(c.typ) > 1 {
			return fmt.Errorf("its %s have an item 8 type that is not a letter A to K", c.what)
		}
	}
	return nil
}

// checkPracticeSettings holds the practice settings to their one key and
// the refresher interval's bounds (0, the default, or 1 to 60 months).
func checkPracticeSettings(d store.Document) error {
	if d.Key != "settings" {
		return fmt.Errorf("%q is not the practice settings", clip(d.Key))
	}
	var s struct {
		RefresherMonths int `json:"refresher_months"`
	}
	if err := strictJSON(d.Data, &s); err != nil {
		return fmt.Errorf("it is not the practice settings (%v)", err)
	}
	if s.RefresherMonths < 0 || s.RefresherMonths > maxRefresherMonths {
		return fmt.Errorf("its refresher interval of %d months is outside 1 to %d", s.RefresherMonths, maxRefresherMonths)
	}
	return nil
}

// maxRefresherMonths is practice.MaxRefresherMonths, named here so that the
// consultation program need not link the practice code (a test keeps them
// equal).
const maxRefresherMonths = 60

// oneOf reports whether s is one of set.
func oneOf(s string, set []string) bool {
	for _, x := range set {
		if x == s {
			return true
		}
	}
	return false
}

// clip shortens s for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
