package device

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"honoscope/app/practice"
	"honoscope/app/store"
)

func TestTheBoundsAreThoseOfThePracticePackage(t *testing.T) {
	if maxRefresherMonths != practice.MaxRefresherMonths || PracticeKind != practice.Kind || PracticeSettingsKind != practice.SettingsKind {
		t.Fatalf("device's practice bounds and kinds differ from the practice package's")
	}
}

// Every document a file brings in is held to what the page that reads it
// writes, at the boundaries of each rule.
func TestADocumentFromAFileIsCheckedAgainstWhatItsPageWrites(t *testing.T) {
	t.Parallel()
	event := func(key, data string) store.Document {
		return store.Document{Kind: EventsKind, Key: key, Data: json.RawMessage(data)}
	}
	note := func(text string) store.Document {
		b, _ := json.Marshal(map[string]string{"patient": "P-1", "date": "2024-01-02", "kind": "note", "text": text})
		return event("P-1\x00e1", string(b))
	}
	attempt := func(edit func(a *practice.Attempt)) store.Document {
		a := practice.Attempt{Vignette: "v1", Version: 1, Instrument: "honos", Date: "2024-05-01", Finished: "2024-05-01T10:00:00Z",
			Codes: []int{0, 1, 2, 3, 4, 9, 0, 0, 1, 1, 1, 1}, Item8Type: "K", Reference: []int{0, 1, 2, 3, 4, 0, 0, 0, 1, 1, 1, 1}}
		edit(&a)
		b, _ := json.Marshal(a)
		return store.Document{Kind: practice.Kind, Key: a.Key(), Data: b}
	}
	months := func(n string) store.Document {
		return store.Document{Kind: PracticeSettingsKind, Key: "settings", Data: json.RawMessage(`{"refresher_months":` + n + `}`)}
	}
	for _, c := range []struct {
		name string
		doc  store.Document
		want string // "" when accepted, else a word of the message
	}{
		{"an event note as the person page writes it", event("P-1\x00e1", `{"patient":"P-1","date":"2024-01-02","kind":"admission","text":""}`), ""},
		{"a note of 200 characters", note(strings.Repeat("é", 200)), ""},
		{"a note of 201 characters", note(strings.Repeat("é", 201)), "longer than 200"},
		{"a note without text", note("  "), "needs text"},
		{"a note with a control character", note("a\x1bb"), "control"},
		{"a note with an invisible character", note("a\u202eb"), "invisible"},
		{"a note filed under another person", event("Q-2\x00e1", `{"patient":"P-1","date":"2024-01-02","kind":"note","text":"x"}`), "key"},
		{"a note whose key has no identifier", event("P-1\x00", `{"patient":"P-1","date":"2024-01-02","kind":"note","text":"x"}`), "key"},
		{"a note with a label holding a zero-width space", event("P\u200b1\x00e", `{"patient":"P\u200b1","date":"2024-01-02","kind":"note","text":"x"}`), "label"},
		{"a note on 30 February", event("P-1\x00e1", `{"patient":"P-1","date":"2024-02-30","kind":"note","text":"x"}`), "date"},
		{"a note of an unknown kind", event("P-1\x00e1", `{"patient":"P-1","date":"2024-01-02","kind":"party","text":"x"}`), "not a kind"},
		{"a note with a field the page never writes", event("P-1\x00e1", `{"patient":"P-1","date":"2024-01-02","kind":"note","text":"x","sealed":true}`), "unknown field"},
		{"a note that is a list", event("P-1\x00e1", `[1]`), "not an event note"},
		{"a kept ranges file", store.Document{Kind: ChartSettingsKind, Key: RangesKey, Data: json.RawMessage(`{"name":"r.json","file":{"format":"x"}}`)}, ""},
		{"a kept file under another key", store.Document{Kind: ChartSettingsKind, Key: "lock", Data: json.RawMessage(`{"name":"r.json","file":{}}`)}, "not a kept file"},
		{"a kept file that is not an object", store.Document{Kind: ChartSettingsKind, Key: GroupingKey, Data: json.RawMessage(`{"name":"g.json","file":"x"}`)}, "not a JSON object"},
		{"a practice attempt as the training page writes it", attempt(func(*practice.Attempt) {}), ""},
		{"an attempt with a code of 5", attempt(func(a *practice.Attempt) { a.Codes[0] = 5 }), "code 5"},
		{"an attempt with a code of -1", attempt(func(a *practice.Attempt) { a.Reference[3] = -1 }), "code -1"},
		{"an attempt with 11 codes for HoNOS", attempt(func(a *practice.Attempt) { a.Codes = a.Codes[:11] }), "11"},
		{"an attempt of HoNOSCA with 15 codes", attempt(func(a *practice.Attempt) {
			a.Instrument, a.Item8Type = "honosca", ""
			a.Codes, a.Reference = make([]int, 15), make([]int, 15)
		}), ""},
		{"an attempt with item 8 type L", attempt(func(a *practice.Attempt) { a.ReferenceItem8Type = "L" }), "letter A to K"},
		{"an attempt of an unknown instrument", attempt(func(a *practice.Attempt) { a.Instrument = "phq9" }), "phq9"},
		{"an attempt filed under another key", func() store.Document {
			d := attempt(func(*practice.Attempt) {})
			d.Key = "2024-05-01T10:00:00Z v2"
			return d
		}(), "key"},
		{"the refresher interval unset", months("0"), ""},
		{"a refresher of 60 months", months("60"), ""},
		{"a refresher of 61 months", months("61"), "outside"},
		{"a refresher of -1 months", months("-1"), "outside"},
		{"the lock's settings", store.Document{Kind: store.LockKind, Key: store.LockKey, Data: json.RawMessage(`{}`)}, "lock"},
		{"the device's settings", store.Document{Kind: store.DeviceKind, Key: "settings", Data: json.RawMessage(`{"idle_seconds":999999999}`)}, "device"},
		{"a sealed record", store.Document{Kind: "sealed-rating", Key: "o1", Data: json.RawMessage(`{}`)}, "keeps a document of kind"},
		{"a document too big for its kind", note(strings.Repeat("a", 17<<10)), "more than the 16 KB"},
	} {
		err := CheckDocument(c.doc)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: refused: %v", c.name, err)
		case c.want != "" && err == nil:
			t.Errorf("%s: accepted", c.name)
		case c.want != "" && !strings.Contains(err.Error(), c.want):
			t.Errorf("%s: %q does not say %q", c.name, err, c.want)
		}
	}
}

// Whatever a file holds, checking a document never panics, and a document
// it accepts is one of the kinds a backup carries.
func FuzzCheckDocument(f *testing.F) {
	f.Add(EventsKind, "P-1\x00e1", `{"patient":"P-1","date":"2024-01-02","kind":"note","text":"x"}`)
	f.Add(PracticeKind, "2024-05-01T10:00:00Z v1", `{"vignette":"v1","version":1,"instrument":"honos","date":"2024-05-01","finished":"2024-05-01T10:00:00Z","codes":[0,1,2,3,4,9,0,0,1,1,1,1],"reference":[0,1,2,3,4,0,0,0,1,1,1,1]}`)
	f.Add(PracticeSettingsKind, "settings", `{"refresher_months":12}`)
	f.Add(ChartSettingsKind, "ranges", `{"name":"r.json","file":{}}`)
	f.Add(store.DeviceKind, "settings", `{"idle_seconds":5}`)
	f.Add(store.LockKind, store.LockKey, `{"version":2,"state":"on"}`)
	f.Fuzz(func(t *testing.T, kind, key, data string) {
		if CheckDocument(store.Document{Kind: kind, Key: key, Data: json.RawMessage(data)}) == nil && !backupKind(kind) {
			t.Fatalf("accepted a document of kind %q", kind)
		}
	})
}

// The device's settings are read before the passphrase is typed, from a
// document anything with access to the browser profile can change: whatever
// it holds, the idle lock stays between MinIdleSeconds and a day.
func FuzzTheDeviceSettingsKeepTheIdleLockInBounds(f *testing.F) {
	f.Add(`{"idle_seconds":999999999}`)
	f.Add(`{"idle_seconds":-5,"reminder_days":-1}`)
	f.Add(`{"idle_seconds":1e400}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, data string) {
		dev := store.NewMemory().(store.Device)
		g, err := NewGate(context.Background(), dev)
		if err != nil {
			t.Fatal(err)
		}
		if json.Valid([]byte(data)) {
			if err := dev.PutDoc(context.Background(), store.DeviceKind, SettingsKey, []byte(data)); err != nil {
				t.Fatal(err)
			}
		}
		set := LoadSettings(context.Background(), g)
		if set.IdleSeconds < MinIdleSeconds || set.IdleSeconds > MaxIdleSeconds {
			t.Fatalf("idle time %d s from %s", set.IdleSeconds, data)
		}
	})
}
