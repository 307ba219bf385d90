package consult

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"honoscope/app/chart"
	"honoscope/app/device"
	"honoscope/app/share"
	"honoscope/app/store"
	"honoscope/scoring"
)

// Event notes are documents of kind device.EventsKind. A note's key is the
// patient label, a NUL and a random ID, so one person's notes are found by
// prefix and two devices never make the same key.
const eventsKind = device.EventsKind

// maxEventText is the most characters of an event note's text on the device
// (an import holds a file's notes to the same). A share link carries at
// most share.MaxEventText bytes of it.
const maxEventText = device.MaxEventText

// eventKind is one kind of event note: admission, medication change,
// discharge or free text, the events clinicians said they need to read a
// change of scores against.
type eventKind struct {
	// id is stored in the document ("admission").
	id string
	// label is shown in the form and on the chart ("Admission").
	label string
	// share is the kind in a share link.
	share share.EventKind
}

// eventKinds lists the kinds in the order of the form's choices.
var eventKinds = []eventKind{
	{"admission", "Admission", share.Admission},
	{"medication", "Medication change", share.MedicationChange},
	{"discharge", "Discharge", share.Discharge},
	{"note", "Note", share.Note},
}

// kindOf returns the kind with the given id.
func kindOf(id string) (eventKind, bool) {
	for _, k := range eventKinds {
		if k.id == id {
			return k, true
		}
	}
	return eventKind{}, false
}

// eventNote is one dated note on a person's timeline, kept on the device as
// a document of kind eventsKind. JSON field names are part of the export
// format (the backup carries documents).
type eventNote struct {
	// Key is the document key (not stored inside the document).
	Key string `json:"-"`
	// Patient is the person's label.
	Patient string `json:"patient"`
	// Date is when it happened, YYYY-MM-DD.
	Date string `json:"date"`
	// Kind is an eventKind id.
	Kind string `json:"kind"`
	// Text is optional detail, required for a note.
	Text string `json:"text"`
}

// newEventNote checks a note entered in the form and gives it a new key.
// The error says what to fix.
func newEventNote(patient, date, kind, text string) (eventNote, error) {
	if patient == "" {
		return eventNote{}, errors.New("no person is chosen")
	}
	if _, err := scoring.ParseDate(date); err != nil {
		return eventNote{}, errors.New("the date is missing or not a real date: choose it as year, month and day")
	}
	k, ok := kindOf(kind)
	if !ok {
		return eventNote{}, errors.New("choose what happened: admission, medication change, discharge or note")
	}
	text = strings.TrimSpace(text)
	if k.id == "note" && text == "" {
		return eventNote{}, errors.New("a note needs a few words of text")
	}
	if n := utf8.RuneCountInString(text); n > maxEventText {
		return eventNote{}, errors.New("the text is too long: shorten it to " + strconv.Itoa(maxEventText) + " characters")
	}
	for _, r := range text {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return eventNote{}, errors.New("the text holds a control character or an invisible one: retype it")
		}
	}
	return eventNote{Key: patient + "\x00" + store.NewID(), Patient: patient, Date: date, Kind: k.id, Text: text}, nil
}

// label is the note as shown on the chart: "Admission", "Medication
// change: sertraline started", or a note's text.
func (e eventNote) label() string {
	k, _ := kindOf(e.Kind)
	switch {
	case k.id == "note" || k.id == "":
		return e.Text
	case e.Text == "":
		return k.label
	}
	return k.label + ": " + e.Text
}

// chartEvent is the note for chart.Timeline; ok is false for a note whose
// stored date is not a date.
func (e eventNote) chartEvent() (chart.Event, bool) {
	d, err := scoring.ParseDate(e.Date)
	if err != nil {
		return chart.Event{}, false
	}
	return chart.Event{Date: d, Text: e.label()}, true
}

// shareEvent is the note for a share link, its text cut to fit
// (share.MaxEventText bytes, at a character boundary).
func (e eventNote) shareEvent() (share.Event, bool) {
	d, err := scoring.ParseDate(e.Date)
	if err != nil {
		return share.Event{}, false
	}
	k, ok := kindOf(e.Kind)
	if !ok {
		return share.Event{}, false
	}
	text := e.Text
	if len(text) > share.MaxEventText {
		cut := share.MaxEventText - len("…")
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut] + "…"
	}
	if k.share == share.Note && text == "" {
		return share.Event{}, false
	}
	return share.Event{Date: d, Kind: k.share, Text: text}, true
}

// loadEvents reads one person's notes, in date order. Documents that cannot
// be read are counted in bad, not fatal.
func loadEvents(ctx context.Context, db store.Store, patient string) (notes []eventNote, bad int, err error) {
	docs, err := db.Docs(ctx, eventsKind)
	if err != nil {
		return nil, 0, err
	}
	prefix := patient + "\x00"
	for _, d := range docs {
		if !strings.HasPrefix(d.Key, prefix) {
			continue
		}
		var e eventNote
		if json.Unmarshal(d.Data, &e) != nil || e.Patient != patient {
			bad++
			continue
		}
		if _, err := scoring.ParseDate(e.Date); err != nil {
			bad++
			continue
		}
		e.Key = d.Key
		notes = append(notes, e)
	}
	sortEvents(notes)
	return notes, bad, nil
}

// sortEvents orders notes by date, then key.
func sortEvents(notes []eventNote) {
	sort.SliceStable(notes, func(i, j int) bool {
		if notes[i].Date != notes[j].Date {
			return notes[i].Date < notes[j].Date
		}
		return notes[i].Key < notes[j].Key
	})
}

// saveEvent stores a note.
func saveEvent(ctx context.Context, db store.Store, e eventNote) error {
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return db.PutDoc(ctx, eventsKind, e.Key, data)
}

// deleteEvent removes a note.
func deleteEvent(ctx context.Context, db store.Store, key string) error {
	return db.DeleteDoc(ctx, eventsKind, key)
}
