package ui

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/scoring"
)

// rfNode is an element of rendered HTML, parsed for assertions.
type rfNode struct {
	tag      string
	attrs    map[string]string
	children []*rfNode
	text     string // for text nodes (tag "")
	parent   *rfNode
}

// rfParse parses the HTML that go-app renders (well formed apart from void
// elements) into a tree.
func rfParse(t *testing.T, s string) *rfNode {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader("<root>" + s + "</root>"))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	root := &rfNode{tag: "#root"}
	cur := root
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("parsing rendered HTML: %v\n%s", err, s)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &rfNode{tag: tok.Name.Local, attrs: map[string]string{}, parent: cur}
			for _, a := range tok.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			cur.children = append(cur.children, n)
			cur = n
		case xml.EndElement:
			if cur.parent != nil {
				cur = cur.parent
			}
		case xml.CharData:
			cur.children = append(cur.children, &rfNode{text: string(tok), parent: cur})
		}
	}
	return root
}

// all returns every element below n with the tag, in document order.
func (n *rfNode) all(tag string) []*rfNode {
	var out []*rfNode
	var walk func(*rfNode)
	walk = func(m *rfNode) {
		for _, c := range m.children {
			if c.tag == tag {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

// byID returns the element with the id, or nil.
func (n *rfNode) byID(id string) *rfNode {
	var found *rfNode
	var walk func(*rfNode)
	walk = func(m *rfNode) {
		for _, c := range m.children {
			if found != nil {
				return
			}
			if c.attrs["id"] == id {
				found = c
				return
			}
			walk(c)
		}
	}
	walk(n)
	return found
}

// textContent returns the text below n with white space collapsed.
func (n *rfNode) textContent() string {
	var b strings.Builder
	var walk func(*rfNode)
	walk = func(m *rfNode) {
		if m.tag == "" {
			b.WriteString(m.text)
			b.WriteByte(' ')
		}
		for _, c := range m.children {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// renderForm mounts a rating form in go-app's test engine and parses it.
func renderForm(t *testing.T, f *RatingForm) *rfNode {
	t.Helper()
	e := app.NewTestEngine()
	if err := e.Load(f); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	return rfParse(t, app.HTMLString(f))
}

// accessibleName returns the name of a radio: the text of its label.
func accessibleName(root, input *rfNode) string {
	for p := input.parent; p != nil; p = p.parent {
		if p.tag == "label" {
			return p.textContent()
		}
	}
	for _, l := range root.all("label") {
		if l.attrs["for"] == input.attrs["id"] {
			return l.textContent()
		}
	}
	return ""
}

func TestFormKeys(t *testing.T) {
	t.Parallel()
	item := func(n int) stop { return stop{atItem, n} }
	typ := stop{atType, 8}
	save := stop{kind: atSave}
	with := func(id scoring.InstrumentID, set func(v *FormValue)) FormValue {
		v := NewFormValue(id, "2025-01-02")
		if set != nil {
			set(&v)
		}
		return v
	}
	tests := []struct {
		name     string
		v        FormValue
		at       stop
		key      string
		want     stop
		handled  bool
		wantItem scoring.Code // code of the item at "at" afterwards (items only)
	}{
		{"a digit on item 1 rates it and moves to item 2", with(scoring.HoNOS, nil), item(1), "3", item(2), true, scoring.Moderate},
		{"9 rates an item not known", with(scoring.HoNOS, nil), item(4), "9", item(5), true, scoring.NotKnown},
		{"0 rates an item no problem", with(scoring.HoNOS, nil), item(5), "0", item(6), true, scoring.NoProblem},
		{"5 is not a rating and is left to the browser", with(scoring.HoNOS, nil), item(2), "5", item(2), false, Unrated},
		{"a letter on an item is left to the browser", with(scoring.HoNOS, nil), item(2), "a", item(2), false, Unrated},
		{"Tab is left to the browser", with(scoring.HoNOS, nil), item(2), "Tab", item(2), false, Unrated},
		{"the last HoNOS item moves to Save", with(scoring.HoNOS, nil), item(12), "1", save, true, scoring.Minor},
		{"HoNOSCA goes on to item 13", with(scoring.HoNOSCA, nil), item(12), "1", item(13), true, scoring.Minor},
		{"HoNOSCA information item 15 moves to Save", with(scoring.HoNOSCA, nil), item(15), "0", save, true, scoring.NoProblem},
		{"item 8 rated 1 moves to its problem type", with(scoring.HoNOS, nil), item(8), "1", typ, true, scoring.Minor},
		{"item 8 rated 4 moves to its problem type", with(scoring.HoNOS65, nil), item(8), "4", typ, true, scoring.Severe},
		{"item 8 rated 0 needs no type and moves to item 9", with(scoring.HoNOS, nil), item(8), "0", item(9), true, scoring.NoProblem},
		{"item 8 rated 9 needs no type and moves to item 9", with(scoring.HoNOS, nil), item(8), "9", item(9), true, scoring.NotKnown},
		{"item 8 with a type already moves to item 9", with(scoring.HoNOS, func(v *FormValue) { v.ProblemType = 'B' }), item(8), "2", item(9), true, scoring.Mild},
		{"HoNOSCA item 8 has no problem type", with(scoring.HoNOSCA, nil), item(8), "3", item(9), true, scoring.Moderate},
		{"a letter on the problem type chooses it and moves to item 9", with(scoring.HoNOS, func(v *FormValue) { v.Items[7] = 2 }), typ, "b", item(9), true, 0},
		{"a letter beyond K on the problem type is left to the browser", with(scoring.HoNOS, func(v *FormValue) { v.Items[7] = 2 }), typ, "z", typ, false, 0},
		{"a digit on the problem type is left to the browser", with(scoring.HoNOS, func(v *FormValue) { v.Items[7] = 2 }), typ, "3", typ, false, 0},
		{"Backspace on item 5 goes to item 4", with(scoring.HoNOS, nil), item(5), "Backspace", item(4), true, Unrated},
		{"Backspace on item 1 stays on item 1", with(scoring.HoNOS, nil), item(1), "Backspace", item(1), true, Unrated},
		{"Backspace on item 9 goes to the problem type when shown", with(scoring.HoNOS, func(v *FormValue) { v.Items[7] = 3 }), item(9), "Backspace", typ, true, Unrated},
		{"Backspace on item 9 goes to item 8 when no type is needed", with(scoring.HoNOS, func(v *FormValue) { v.Items[7] = 0 }), item(9), "Backspace", item(8), true, Unrated},
		{"Backspace on the problem type goes to item 8", with(scoring.HoNOS, func(v *FormValue) { v.Items[7] = 3 }), typ, "Backspace", item(8), true, 0},
		{"Backspace on Save goes to the last HoNOS item", with(scoring.HoNOS, nil), save, "Backspace", item(12), true, 0},
		{"Backspace on Save goes to HoNOSCA item 15", with(scoring.HoNOSCA, nil), save, "Backspace", item(15), true, 0},
		{"Backspace does not clear the item it leaves", with(scoring.HoNOS, func(v *FormValue) { v.Items[4] = 2 }), item(5), "Backspace", item(4), true, scoring.Mild},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := tt.v
			got, handled := v.key(tt.at, tt.key)
			if got != tt.want || handled != tt.handled {
				t.Fatalf("key(%v, %q) = %v, %v; want %v, %v", tt.at, tt.key, got, handled, tt.want, tt.handled)
			}
			if tt.at.kind == atItem {
				if c := v.Items[tt.at.item-1]; c != tt.wantItem {
					t.Errorf("item %d = %d after the key, want %d", tt.at.item, c, tt.wantItem)
				}
			}
		})
	}
}

func TestFormKeysTypeOneRatingInTwelveDigits(t *testing.T) {
	t.Parallel()
	v := NewFormValue(scoring.HoNOS, "2025-01-02")
	at := stop{atItem, 1}
	for i, k := range "012349302340" {
		var ok bool
		at, ok = v.key(at, string(k))
		if !ok {
			t.Fatalf("digit %d (%c) was not taken", i+1, k)
		}
	}
	if at.kind != atSave {
		t.Fatalf("after 12 digits focus is at %v, want Save", at)
	}
	want := [12]scoring.Code{0, 1, 2, 3, 4, 9, 3, 0, 2, 3, 4, 0}
	for i, c := range want {
		if v.Items[i] != c {
			t.Errorf("item %d = %d, want %d", i+1, v.Items[i], c)
		}
	}
	if ps := v.problems(false, "2025-01-02"); len(ps) != 1 || ps[0].Field != "patient" {
		t.Errorf("problems = %v, want only the patient label", ps)
	}
}

func TestFormKeysWalkItem8TypeInOrder(t *testing.T) {
	t.Parallel()
	v := NewFormValue(scoring.HoNOS, "2025-01-02")
	at := stop{atItem, 1}
	var path []stop
	for _, k := range []string{"0", "0", "0", "0", "0", "0", "0", "2", "c", "0", "0", "0", "0"} {
		var ok bool
		if at, ok = v.key(at, k); !ok {
			t.Fatalf("key %q was not taken at %v", k, at)
		}
		path = append(path, at)
	}
	if path[7] != (stop{atType, 8}) || path[8] != (stop{atItem, 9}) || at.kind != atSave {
		t.Fatalf("path = %v", path)
	}
	if v.ProblemType != 'C' {
		t.Errorf("problem type = %q, want C", v.ProblemType)
	}
	if ps := v.problems(false, "2025-01-02"); len(ps) != 1 || ps[0].Field != "patient" {
		t.Errorf("problems = %v, want only the patient label", ps)
	}
}

func TestFormProblems(t *testing.T) {
	t.Parallel()
	full := func(id scoring.InstrumentID) FormValue {
		v := NewFormValue(id, "2025-01-02")
		v.Patient = "AB-17"
		for i := range v.Items {
			v.Items[i] = 0
		}
		return v
	}
	tests := []struct {
		name     string
		edit     func(v *FormValue)
		practice bool
		want     []string
	}{
		{"a complete rating has no problems", func(v *FormValue) {}, false, nil},
		{"a blank patient label is a problem", func(v *FormValue) { v.Patient = "  " }, false, []string{"patient"}},
		{"a zero-width space in the label is a problem", func(v *FormValue) { v.Patient = "S\u200bam" }, false, []string{"patient"}},
		{"a right-to-left override in the label is a problem", func(v *FormValue) { v.Patient = "\u202eSam" }, false, []string{"patient"}},
		{"spaces around the label are not a problem: they are trimmed", func(v *FormValue) { v.Patient = " Sam " }, false, nil},
		{"practice needs no patient label", func(v *FormValue) { v.Patient = "" }, true, nil},
		{"a missing date is a problem", func(v *FormValue) { v.Date = "" }, false, []string{"date"}},
		{"a date after today is a problem", func(v *FormValue) { v.Date = "2025-01-03" }, false, []string{"date"}},
		{"today is a good date", func(v *FormValue) { v.Date = "2025-01-02" }, false, nil},
		{"an unrated item is a problem", func(v *FormValue) { v.Items[4] = Unrated }, false, []string{"item-5"}},
		{"9 is a rating, not a problem", func(v *FormValue) { v.Items[4] = scoring.NotKnown }, false, nil},
		{"item 8 rated 1 without a type is a problem", func(v *FormValue) { v.Items[7] = 1 }, false, []string{"item8-type"}},
		{"item 8 rated 4 with a type is fine", func(v *FormValue) { v.Items[7] = 4; v.ProblemType = 'K' }, false, nil},
		{"item 8 rated 0 needs no type", func(v *FormValue) { v.Items[7] = 0 }, false, nil},
		{"problems come in form order", func(v *FormValue) { v.Patient = ""; v.Items[0] = Unrated; v.Items[7] = 2; v.Items[11] = Unrated },
			false, []string{"patient", "item-1", "item8-type", "item-12"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := full(scoring.HoNOS)
			tt.edit(&v)
			var got []string
			for _, p := range v.problems(tt.practice, "2025-01-02") {
				got = append(got, p.Field)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("problems = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFormSwitchingInstrument(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		from, to    scoring.InstrumentID
		wantCleared bool
	}{
		{"HoNOS to HoNOS 65+ keeps the codes", scoring.HoNOS, scoring.HoNOS65, false},
		{"HoNOS 65+ to HoNOS keeps the codes", scoring.HoNOS65, scoring.HoNOS, false},
		{"HoNOS to HoNOSCA clears the codes", scoring.HoNOS, scoring.HoNOSCA, true},
		{"HoNOSCA to HoNOS 65+ clears the codes", scoring.HoNOSCA, scoring.HoNOS65, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := NewFormValue(tt.from, "")
			v.Items[0], v.Items[7], v.ProblemType = 3, 2, 'A'
			if got := v.setInstrument(tt.to); got != tt.wantCleared {
				t.Fatalf("cleared = %v, want %v", got, tt.wantCleared)
			}
			if tt.wantCleared == (v.Items[0] == 3) {
				t.Errorf("item 1 = %d after switching (cleared %v)", v.Items[0], tt.wantCleared)
			}
			if v.Instrument != tt.to {
				t.Errorf("instrument = %s, want %s", v.Instrument, tt.to)
			}
		})
	}
}

func TestFormRendersEveryItemAsARadioGroup(t *testing.T) {
	t.Parallel()
	for _, in := range scoring.Instruments() {
		t.Run(in.Name, func(t *testing.T) {
			t.Parallel()
			root := renderForm(t, &RatingForm{Initial: NewFormValue(in.ID, "2025-01-02"), Today: "2025-01-02"})
			var items []*rfNode
			for _, fs := range root.all("fieldset") {
				if strings.Contains(fs.attrs["class"], "rf-item") {
					items = append(items, fs)
				}
			}
			if len(items) != len(in.Items) {
				t.Fatalf("%d item fieldsets, want %d", len(items), len(in.Items))
			}
			for i, fs := range items {
				it := in.Items[i]
				legend := fs.all("legend")
				want := it.Title
				if len(legend) != 1 || legend[0].textContent() != strings.TrimSpace(strconv.Itoa(it.Number)+". "+want) {
					t.Errorf("item %d legend = %q, want %q", it.Number, legend[0].textContent(), strconv.Itoa(it.Number)+". "+want)
				}
				var radios []*rfNode
				for _, in := range fs.all("input") {
					if in.attrs["type"] == "radio" {
						radios = append(radios, in)
					}
				}
				if len(radios) != 6 {
					t.Fatalf("item %d has %d radios, want 6", it.Number, len(radios))
				}
				for j, r := range radios {
					c := formCodes[j]
					if name := accessibleName(root, r); name != c.String()+" "+c.Meaning() {
						t.Errorf("item %d option %d is named %q, want %q", it.Number, j, name, c.String()+" "+c.Meaning())
					}
					if _, checked := r.attrs["checked"]; checked {
						t.Errorf("item %d option %s is pre-selected", it.Number, c)
					}
				}
				info := strings.Contains(fs.textContent(), "not counted in the total")
				if info == it.Scored {
					t.Errorf("item %d scored=%v but information note shown=%v", it.Number, it.Scored, info)
				}
				help := fs.all("details")
				if len(help) != 1 {
					t.Errorf("item %d has %d help sections, want 1", it.Number, len(help))
				} else if _, open := help[0].attrs["open"]; open {
					t.Errorf("item %d help is open; it must start collapsed", it.Number)
				}
			}
			if root.byID("rf-item8-type") != nil {
				t.Errorf("the item 8 problem type is shown before item 8 is rated")
			}
			if got := root.byID("rf-save"); got == nil || got.textContent() != "Save" {
				t.Errorf("no button named Save")
			}
			panel := root.byID("rf-panel")
			if panel == nil {
				t.Fatal("no score panel")
			}
			// It scrolls on a small screen, so it takes focus and has a name.
			if panel.attrs["tabindex"] != "0" || panel.attrs["aria-labelledby"] == "" || root.byID(panel.attrs["aria-labelledby"]) == nil {
				t.Errorf("the score panel is not a named tab stop: %v", panel.attrs)
			}
			status := findRole(panel, "status")
			if status == nil || status.attrs["aria-live"] != "polite" {
				t.Fatalf("no polite status region in the panel")
			}
			if want := "Total 0/" + strconv.Itoa(in.MaxTotal()); !strings.Contains(status.textContent(), want) {
				t.Errorf("status reads %q, want it to contain %q", status.textContent(), want)
			}
		})
	}
}

func TestFormShowsItem8TypeWhenRated1To4(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		id   scoring.InstrumentID
		code scoring.Code
		want bool
	}{
		{"HoNOS item 8 rated 0 has no type", scoring.HoNOS, 0, false},
		{"HoNOS item 8 rated 1 has a type", scoring.HoNOS, 1, true},
		{"HoNOS 65+ item 8 rated 4 has a type", scoring.HoNOS65, 4, true},
		{"HoNOS item 8 rated 9 has no type", scoring.HoNOS, scoring.NotKnown, false},
		{"HoNOSCA item 8 rated 3 has no type", scoring.HoNOSCA, 3, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := NewFormValue(tt.id, "2025-01-02")
			v.Items[7] = tt.code
			root := renderForm(t, &RatingForm{Initial: v})
			sel := root.byID("rf-item8-type")
			if (sel != nil) != tt.want {
				t.Fatalf("type select shown = %v, want %v", sel != nil, tt.want)
			}
			if !tt.want {
				return
			}
			var label string
			for _, l := range root.all("label") {
				if l.attrs["for"] == "rf-item8-type" {
					label = l.textContent()
				}
			}
			if label != "Item 8 problem type" {
				t.Errorf("type select label = %q", label)
			}
			opts := sel.all("option")
			if len(opts) != 12 {
				t.Fatalf("%d options, want a prompt and A–K", len(opts))
			}
			if got := opts[2].textContent(); got != "B Anxiety" {
				t.Errorf("option B reads %q", got)
			}
			if _, req := sel.attrs["required"]; !req {
				t.Errorf("the type select is not required")
			}
			// The checked radio carries the checked attribute, and only it.
			checked := 0
			for _, in := range root.all("input") {
				if _, ok := in.attrs["checked"]; ok && in.attrs["type"] == "radio" && strings.HasPrefix(in.attrs["id"], "rf-item-") {
					checked++
					if in.attrs["id"] != "rf-item-8-"+tt.code.String() {
						t.Errorf("checked radio %s", in.attrs["id"])
					}
				}
			}
			if checked != 1 {
				t.Errorf("%d item radios checked, want 1", checked)
			}
		})
	}
}

func TestFormSaveShowsProblemsLinkedToTheirFields(t *testing.T) {
	t.Parallel()
	v := NewFormValue(scoring.HoNOS, "2025-01-02")
	for i := range v.Items {
		v.Items[i] = 0
	}
	v.Items[7] = 2
	saved := false
	f := &RatingForm{Initial: v, Today: "2025-01-02", OnSave: func(app.Context, FormValue) { saved = true }}
	e := app.NewTestEngine()
	if err := e.Load(f); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	if _, ok := f.submit(app.Context{}); ok {
		t.Fatal("submit reported success")
	}
	if saved {
		t.Fatal("a rating without a patient label and item 8 type was saved")
	}
	// Render the state the click left (the engine re-renders in the browser).
	root := rfParse(t, app.HTMLString(f.Render()))
	alert := findRole(root, "alert")
	if alert == nil || !strings.Contains(alert.textContent(), "2 problems") {
		t.Fatalf("no alert summarising 2 problems")
	}
	for _, tt := range []struct{ control, err string }{
		{"rf-patient", "rf-patient-error"},
		{"rf-item8-type", "rf-item8-type-error"},
	} {
		c := root.byID(tt.control)
		if c == nil {
			t.Fatalf("no control %s", tt.control)
		}
		// go-app writes an attribute whose value is "true" bare in HTML
		// (the browser DOM gets "true"); the parser reads a bare one as its name.
		if inv := c.attrs["aria-invalid"]; !strings.Contains(c.attrs["aria-describedby"], tt.err) || (inv != "true" && inv != "aria-invalid") {
			t.Errorf("%s is not linked to its message: %v", tt.control, c.attrs)
		}
		if root.byID(tt.err) == nil {
			t.Errorf("no message %s", tt.err)
		}
	}
}

// findRole returns the first element with the role.
func findRole(n *rfNode, role string) *rfNode {
	for _, c := range n.children {
		if c.attrs["role"] == role {
			return c
		}
		if f := findRole(c, role); f != nil {
			return f
		}
	}
	return nil
}

// benchHost stands for the page around the form: every keystroke re-renders
// it (go-app updates the ancestors of the element that raised the event).
type benchHost struct {
	app.Compo
	N       int
	mounted *RatingForm
}

// Render draws a counter and a new form description, as the rate page does.
func (h *benchHost) Render() app.UI {
	f := &RatingForm{Initial: NewFormValue(scoring.HoNOS, "2025-01-02"), Key: "k",
		OnChange: func(app.Context, FormValue) {}, OnSave: func(app.Context, FormValue) {}}
	if h.mounted == nil {
		h.mounted = f
	}
	return app.Div().Body(app.P().Text(strconv.Itoa(h.N)), f)
}

// BenchmarkFormKeystroke measures the Go side of one keystroke: rate one
// item, then re-render the page and the form and diff them. Natively the
// DOM calls are no-ops, so this is the render and diff cost alone.
func BenchmarkFormKeystroke(b *testing.B) {
	e := app.NewTestEngine()
	host := &benchHost{}
	if err := e.Load(host); err != nil {
		b.Fatal(err)
	}
	e.ConsumeAll()
	form := host.mounted
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		form.value.Items[i%12] = scoring.Code(i % 5)
		if err := e.Load(&benchHost{N: i + 1}); err != nil {
			b.Fatal(err)
		}
		e.ConsumeAll()
	}
}
