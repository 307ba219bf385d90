//go:build !(js && wasm)

// Native only: these tests drive the form's handlers with stand-in events
// (app.Event over a nil value), which go-app's browser build would call into
// JavaScript. The browser side is proved end to end by
// TestRateTwelveItemsByKeyboardSaveAndFindUnderPeople (app/e2e).

package ui

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/scoring"
)

// checkLinesRendered fails unless every line is the text of an element of
// root with the line's id, held in that element's only child, a text node
// (the node the fast path writes), inside the panel's status region (so a
// screen reader hears the change).
func checkLinesRendered(t *testing.T, root *rfNode, lines []panelLine) {
	t.Helper()
	for _, l := range lines {
		el := root.byID(l.ID)
		if el == nil {
			t.Errorf("the rendered panel has no element %q for %q", l.ID, l.Text)
			continue
		}
		if len(el.children) != 1 || el.children[0].tag != "" {
			t.Errorf("element %q has %d children, want one text node", l.ID, len(el.children))
			continue
		}
		if got := el.children[0].text; got != l.Text {
			t.Errorf("element %q renders %q, the fast path writes %q", l.ID, got, l.Text)
		}
		inStatus := false
		for p := el.parent; p != nil; p = p.parent {
			if p.attrs["role"] == "status" {
				inStatus = true
			}
		}
		if !inStatus {
			t.Errorf("element %q is outside the status region", l.ID)
		}
	}
}

func TestQuickPanelLinesAreTheTextTheRenderedPanelShows(t *testing.T) {
	t.Parallel()
	honos := scoring.MustInstrument(scoring.HoNOS)
	honos65 := scoring.MustInstrument(scoring.HoNOS65)
	honosca := scoring.MustInstrument(scoring.HoNOSCA)
	tests := []struct {
		name      string
		in        *scoring.Instrument
		items     string
		wantTotal string
	}{
		{"an empty HoNOS form, not valid yet", honos, "", "Total 0/48"},
		{"a HoNOS form half rated, not valid yet", honos, "21023", "Total 8/48"},
		{"HoNOS with three items not known, not valid", honos, "999400000000", "Total 4/48"},
		{"HoNOS with two items not known, valid and mild", honos, "993000000000", "Total 3/48"},
		{"HoNOS 65+ at 10, moderate", honos65, "111111111100", "Total 10/48"},
		{"HoNOS at 13, severe", honos, "444100000000", "Total 13/48"},
		{"HoNOS at the most, 48", honos, "444444444444", "Total 48/48"},
		{"an empty HoNOSCA form out of 52", honosca, "", "Total 0/52"},
		{"HoNOSCA at the most, 52 of 52", honosca, "4444444444444" + "44", "Total 52/52"},
		{"HoNOSCA with only its information items rated", honosca, "-------------" + "44", "Total 0/52"},
		{"HoNOSCA with three items not known, not valid", honosca, "9990000000002" + "00", "Total 2/52"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			items := codes(tt.items)
			facts := scorePanelFacts(tt.in, items)
			lines := quickPanelLines("rf-panel", &facts)
			wantLines := 3
			if tt.in.ID == scoring.HoNOSCA {
				wantLines = 2 // HoNOSCA has no severity bands, so no severity line
			}
			if len(lines) != wantLines {
				t.Fatalf("%d lines, want %d: %v", len(lines), wantLines, lines)
			}
			if lines[0].ID != "rf-panel-total" || lines[0].Text != tt.wantTotal {
				t.Errorf("first line %+v, want the total %q", lines[0], tt.wantTotal)
			}
			root := rfParse(t, app.HTMLString(scorePanel("rf-panel", tt.in, items)))
			checkLinesRendered(t, root, lines)
			if wantLines == 2 && root.byID("rf-panel-severity") != nil {
				t.Errorf("a HoNOSCA panel shows a severity line")
			}
		})
	}
}

func TestQuickPanelLinesMatchTheRenderedPanelOverManyRatings(t *testing.T) {
	t.Parallel()
	// Codes drawn from every kind an item can hold: 0–4, 9 and not rated yet.
	kinds := []scoring.Code{0, 1, 2, 3, 4, scoring.NotKnown, Unrated}
	for _, in := range scoring.Instruments() {
		t.Run(in.Name, func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(1, uint64(len(in.Items))))
			for range 300 {
				var items [scoring.MaxItems]scoring.Code
				for i := range items {
					items[i] = Unrated
				}
				for i := range in.Items {
					items[i] = kinds[r.IntN(len(kinds))]
				}
				facts := scorePanelFacts(in, &items)
				root := rfParse(t, app.HTMLString(scorePanel("tr-panel", in, &items)))
				checkLinesRendered(t, root, quickPanelLines("tr-panel", &facts))
				if t.Failed() {
					t.Fatalf("ratings %v", items[:len(in.Items)])
				}
			}
		})
	}
}

// recordText is a textWriter that keeps what is written, by element id.
type recordText struct{ lines []panelLine }

// setText records the write and reports it done.
func (r *recordText) setText(id, text string) bool {
	r.lines = append(r.lines, panelLine{id, text})
	return true
}

// keyEvent is a keydown event with no modifier and no target id, as the
// form's handler reads it (go-app's native Value answers every other
// question with a zero value).
type keyEvent struct {
	app.Value
	key string
}

// Get returns the key for "key" and a zero value for anything else.
func (e keyEvent) Get(p string) app.Value {
	if p == "key" {
		return nativeString{e.Value, e.key}
	}
	return e.Value.Get(p)
}

// nativeString is a Value holding a string.
type nativeString struct {
	app.Value
	s string
}

// String returns the string.
func (s nativeString) String() string { return s.s }

func TestRatingAnItemWritesTheLinesTheFormThenRenders(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		id     scoring.InstrumentID
		prefix string
		keys   string // one key per item in order; "<" is Backspace
	}{
		{"HoNOS typed to a severe total, with a step back", scoring.HoNOS, "rf", "2102300<204129"},
		{"HoNOS with three items not known", scoring.HoNOS, "tr", "999000000000"},
		{"HoNOSCA out of 52", scoring.HoNOSCA, "rf", "444444444444444"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := &recordText{}
			f := &RatingForm{Initial: NewFormValue(tt.id, "2025-01-02"), Today: "2025-01-02", IDPrefix: tt.prefix, text: rec}
			e := app.NewTestEngine()
			if err := e.Load(f); err != nil {
				t.Fatal(err)
			}
			e.ConsumeAll()
			at := stop{atItem, 1}
			for i, k := range tt.keys {
				key := string(k)
				if k == '<' {
					key = "Backspace"
				}
				rec.lines = nil
				before := f.value.Items
				f.handleKey(app.Context{}, app.Event{Value: keyEvent{app.ValueOf(nil), key}}, at)
				at = f.cursor
				if f.value.Items == before {
					if len(rec.lines) != 0 {
						t.Errorf("key %d (%s) changed no rating but wrote %v", i+1, key, rec.lines)
					}
					continue
				}
				if len(rec.lines) == 0 {
					t.Fatalf("key %d (%s) changed a rating and wrote nothing", i+1, key)
				}
				root := renderForm(t, &RatingForm{Initial: f.value, IDPrefix: tt.prefix})
				checkLinesRendered(t, root, rec.lines)
			}
			// A click (a change event) on a radio writes the lines too.
			rec.lines = nil
			f.onOption(1, scoring.Minor)(app.Context{}, app.Event{Value: app.ValueOf(nil)})
			if want := "Total "; len(rec.lines) == 0 || !strings.HasPrefix(rec.lines[0].Text, want) {
				t.Fatalf("choosing 1 on item 1 wrote %v", rec.lines)
			}
			checkLinesRendered(t, renderForm(t, &RatingForm{Initial: f.value, IDPrefix: tt.prefix}), rec.lines)
			if got, want := rec.lines[0].ID, tt.prefix+"-panel-total"; got != want {
				t.Errorf("wrote the total into %q, want %q", got, want)
			}
			in := scoring.MustInstrument(tt.id)
			if !strings.HasSuffix(rec.lines[0].Text, "/"+strconv.Itoa(in.MaxTotal())) {
				t.Errorf("total %q is not out of %d", rec.lines[0].Text, in.MaxTotal())
			}
			// Choosing the option already chosen changes nothing and writes nothing.
			rec.lines = nil
			f.onOption(1, scoring.Minor)(app.Context{}, app.Event{Value: app.ValueOf(nil)})
			if len(rec.lines) != 0 {
				t.Errorf("choosing the same option again wrote %v", rec.lines)
			}
		})
	}
}

// BenchmarkQuickPanelLines measures the Go side of the fast path on one
// keystroke: score and word the panel, then pick its short lines (the DOM
// writes are no-ops natively).
func BenchmarkQuickPanelLines(b *testing.B) {
	in := scoring.MustInstrument(scoring.HoNOS)
	items := codes("2102300120")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		items[i%10] = scoring.Code(i % 5)
		facts := scorePanelFacts(in, items)
		writeQuickLines(pageText{}, "rf-panel", &facts)
	}
}
