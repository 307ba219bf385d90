package ui

import (
	"honoscope/app/words"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/store"
	"honoscope/content"
	"honoscope/scoring"
)

// Unrated marks an item on which no option has been chosen yet. The form
// pre-selects nothing, so "not rated yet" must differ from 9 (not known).
// scoring.ScoreItems counts any code above 4 as unknown, so an Unrated item
// scores like a 9 while the form tells the two apart.
const Unrated scoring.Code = 255

// FormValue is everything the rating form edits. It knows nothing of storage:
// the page that embeds the form converts it to and from stored ratings.
type FormValue struct {
	// Instrument is the instrument rated.
	Instrument scoring.InstrumentID
	// Patient is the pseudonymous label.
	Patient string
	// Date is the rating date, YYYY-MM-DD ("" while not set).
	Date string
	// Period is the rating period.
	Period scoring.Period
	// Occasion is one of formOccasions, or "".
	Occasion string
	// Rater is the rater's role, optional.
	Rater string
	// Note is free text.
	Note string
	// Items holds the code of item n at Items[n-1]: 0–4, NotKnown, or
	// unrated when no option is chosen.
	Items [scoring.MaxItems]scoring.Code
	// ProblemType is the item 8 problem type, or NoProblemType.
	ProblemType scoring.ProblemType
}

// NewFormValue returns an empty rating of instrument id dated date: no item
// rated, period the previous 2 weeks.
func NewFormValue(id scoring.InstrumentID, date string) FormValue {
	v := FormValue{Instrument: id, Date: date}
	for i := range v.Items {
		v.Items[i] = Unrated
	}
	return v
}

// Scale returns the Scale rated, HoNOS when the identifier is not
// known.
func (v *FormValue) Scale() *scoring.Instrument {
	in, err := scoring.LookupInstrument(string(v.Instrument))
	if err != nil {
		return scoring.MustInstrument(scoring.HoNOS)
	}
	return in
}

// setInstrument switches the instrument. HoNOS and HoNOS 65+ rate the same
// twelve scales (Burns et al. 1999), so their codes carry over; a switch to or
// from HoNOSCA, whose items differ, clears every item. It reports whether
// ratings were cleared.
func (v *FormValue) setInstrument(id scoring.InstrumentID) (cleared bool) {
	if id == v.Instrument {
		return false
	}
	if id == scoring.HoNOSCA || v.Instrument == scoring.HoNOSCA {
		for i := range v.Items {
			if v.Items[i] != Unrated {
				cleared = true
			}
			v.Items[i] = Unrated
		}
		v.ProblemType = scoring.NoProblemType
	}
	v.Instrument = id
	return cleared
}

// AsksProblemType reports whether item 8 needs its problem type, so the
// form shows the select (scoring's rule for the instrument and the code).
func (v *FormValue) AsksProblemType() bool {
	return v.Scale().AsksProblemType(v.Items[7])
}

// problem is one reason the form cannot be saved.
type problem struct {
	// Field is the id suffix of the control at fault: "patient", "date",
	// "item-N" or "item8-type".
	Field string
	// Msg says what is wrong and what to do.
	Msg string
}

// problems returns every reason the value cannot be saved, in form order.
// practice leaves out the patient label and date (training use); today
// (YYYY-MM-DD) bounds the rating date.
func (v *FormValue) problems(practice bool, today string) []problem {
	var out []problem
	if !practice {
		switch p := strings.TrimSpace(v.Patient); {
		case p == "":
			out = append(out, problem{"patient", "Enter a patient label: a pseudonym or code you will recognise."})
		case utf8.RuneCountInString(p) > store.MaxLabel:
			out = append(out, problem{"patient", "The patient label is longer than " + strconv.Itoa(store.MaxLabel) + " characters: shorten it."})
		case scoring.LabelProblem(p) != "":
			out = append(out, problem{"patient", "The patient label " + scoring.LabelProblem(p) + "."})
		}
		if d, err := scoring.ParseDate(v.Date); err != nil {
			out = append(out, problem{"date", "Enter the rating date as a real date."})
		} else if t, err := scoring.ParseDate(today); err == nil && d > t {
			out = append(out, problem{"date", "The rating date is in the future: enter the date the rating was made."})
		}
	}
	in := v.Scale()
	for i, it := range in.Items {
		if v.Items[i] == Unrated {
			out = append(out, problem{"item-" + strconv.Itoa(it.Number),
				"Item " + strconv.Itoa(it.Number) + " has no rating: choose 0 to 4, or 9 if not known."})
		}
		if it.Number == 8 && v.AsksProblemType() && !v.ProblemType.Valid() {
			out = append(out, problem{"item8-type", "Item 8 is rated " + v.Items[7].String() + ": choose its problem type (A to K)."})
		}
	}
	return out
}

// stopKind is a kind of place the keyboard flow can be at.
type stopKind uint8

// The places of the keyboard flow.
const (
	// atItem is an item's radio group.
	atItem stopKind = iota
	// atType is the item 8 problem type select.
	atType
	// atSave is the Save button.
	atSave
)

// stop is a place in the keyboard flow: item n, the item 8 type or Save.
type stop struct {
	kind stopKind
	item int
}

// key applies a key pressed with focus at, as the form's keyboard flow
// defines it, and returns where focus goes and whether the key was used:
//
//   - on an item, 0–4 or 9 rates it and moves on: to the item 8 problem type
//     when item 8 is rated 1–4 and has no type yet, else to the next item, and
//     after the last item to Save;
//   - on the item 8 problem type, a letter A–K chooses the type and moves to
//     item 9;
//   - Backspace moves back one place (from item 9 to the problem type when it
//     is shown; from Save to the last item) without clearing anything: typing
//     a digit there replaces the rating.
//
// Every other key is left to the browser (Tab, arrows, Space, Enter).
func (v *FormValue) key(at stop, key string) (stop, bool) {
	in := v.Scale()
	last := len(in.Items)
	if key == "Backspace" {
		switch {
		case at.kind == atSave:
			return stop{atItem, last}, true
		case at.kind == atType:
			return stop{atItem, 8}, true
		case at.item <= 1:
			return stop{atItem, 1}, true
		case at.item == 9 && v.AsksProblemType():
			return stop{kind: atType, item: 8}, true
		}
		return stop{atItem, at.item - 1}, true
	}
	switch at.kind {
	case atItem:
		c, ok := digitCode(key)
		if !ok || at.item < 1 || at.item > last {
			return at, false
		}
		v.Items[at.item-1] = c
		if at.item == 8 && v.AsksProblemType() && !v.ProblemType.Valid() {
			return stop{atType, 8}, true
		}
		if at.item == last {
			return stop{kind: atSave}, true
		}
		return stop{atItem, at.item + 1}, true
	case atType:
		if len(key) != 1 {
			return at, false
		}
		p, err := scoring.ParseProblemType(key)
		if err != nil || !p.Valid() {
			return at, false
		}
		v.ProblemType = p
		return stop{atItem, 9}, true
	}
	return at, false
}

// digitCode reads a rating key: "0"–"4" or "9".
func digitCode(key string) (scoring.Code, bool) {
	if len(key) != 1 {
		return 0, false
	}
	switch b := key[0]; {
	case b >= '0' && b <= '4':
		return scoring.Code(b - '0'), true
	case b == '9':
		return scoring.NotKnown, true
	}
	return 0, false
}

// formCodes are the options of every item, in the order shown.
var formCodes = [...]scoring.Code{scoring.NoProblem, scoring.Minor, scoring.Mild, scoring.Moderate, scoring.Severe, scoring.NotKnown}

// itemHelp caches content.Items per instrument; it is built once at start-up
// so that rendering on every keystroke allocates no help text.
var itemHelp = func() map[scoring.InstrumentID][]content.ItemHelp {
	m := make(map[scoring.InstrumentID][]content.ItemHelp)
	for _, in := range scoring.Instruments() {
		m[in.ID] = content.Items(in.ID)
	}
	return m
}()

// ratingRules are the general rating rules shown above the items.
var ratingRules = content.RatingRules()

// RatingForm is the reusable HoNOS rating form: details of the rating, one
// radio group per item with help at the point of rating, the keyboard flow,
// the live score panel and a Save button. It holds no storage: the page
// gives it a value (Initial, reloaded whenever Key changes) and receives
// every change (OnChange) and the value to save (OnSave), which the form
// calls only once the value has no problems.
type RatingForm struct {
	app.Compo

	// Initial is the value the form starts from.
	Initial FormValue
	// Key names the value being edited; when it changes the form reloads
	// Initial (a restored draft, a saved rating, a fresh form after saving).
	Key string
	// IDPrefix starts every element id; "rf" when empty.
	IDPrefix string
	// Practice hides the patient label, date, period, occasion, rater and
	// note, for rating a training vignette.
	Practice bool
	// FixedInstrument hides the instrument choice.
	FixedInstrument bool
	// Labels are patient labels already on the device, offered as suggestions.
	Labels []string
	// SaveLabel is the text of the save button; "Save" when empty.
	SaveLabel string
	// Busy disables saving while the page stores the rating.
	Busy bool
	// Early marks the form as pre-rendered into the page the server sends:
	// its Save is enabled and marked data-early, so that web/early.js keeps
	// a click on it until the program has started (the page then saves
	// through SaveOnLoadKey).
	Early bool
	// SaveOnLoadKey, when it is the Key of the value loaded, presses Save
	// once that value is loaded: the checks run as for a click, and a
	// problem is shown with focus on it.
	SaveOnLoadKey string
	// Status is a short line shown beside Save, such as when the draft was
	// last kept.
	Status string
	// Today is the current date, YYYY-MM-DD, the latest rating date allowed.
	Today string
	// OnChange receives the value after every change made in the form.
	OnChange func(ctx app.Context, v FormValue)
	// OnSave receives the value when Save is pressed and nothing is missing.
	OnSave func(ctx app.Context, v FormValue)
	// Compact lays the form out as a sheet, every item one row of codes
	// with its help a tap away, for rating in consultation on one screen
	// (web/rate.css); the keyboard works the same.
	Compact bool

	value     FormValue
	loadedKey string
	loaded    bool
	// tried is set once Save was pressed with problems; from then on the
	// problems are shown and updated on every change.
	tried bool
	// notice is a one-off message about the last change (e.g. cleared items).
	notice string
	// ctx is the form's own context (from OnMount): focus moves and other
	// deferred work use it, because the element that raised an event may be
	// re-rendered away before the work runs.
	ctx app.Context
	// cursor is where the keyboard flow sent focus; while pending, focus has
	// not moved there yet, and keys typed meanwhile apply to the cursor, so
	// fast typing never rates the same item twice.
	cursor  stop
	pending bool
	// text writes the panel's short lines at once when a rating changes;
	// nil means the page (pageText).
	text textWriter
}

// OnInit loads the initial value.
func (f *RatingForm) OnInit() { f.load() }

// OnMount keeps the form's context for deferred work.
func (f *RatingForm) OnMount(ctx app.Context) { f.ctx = ctx }

// OnUpdate reloads the initial value when the page gives a new Key and,
// once rendered, makes the browser's controls show it: go-app removes a
// "checked" attribute but does not clear the checked state a user gave a
// radio, so a reload sets it explicitly.
func (f *RatingForm) OnUpdate(ctx app.Context) {
	if !f.loaded || f.Key != f.loadedKey {
		f.load()
		if f.ctx.Context != nil {
			ctx = f.ctx
		}
		ctx.Defer(f.syncControls)
		if f.SaveOnLoadKey != "" && f.SaveOnLoadKey == f.Key {
			ctx.Defer(func(ctx app.Context) { f.onSave(ctx, app.Event{}) })
		}
	}
}

// load copies Initial into the form.
func (f *RatingForm) load() {
	f.value = f.Initial
	if _, err := scoring.LookupInstrument(string(f.value.Instrument)); err != nil {
		f.value.Instrument = scoring.HoNOS
	}
	f.loadedKey = f.Key
	f.loaded = true
	f.tried = false
	f.notice = ""
}

// syncControls sets the DOM state of every control from the value. Text
// inputs need it too: go-app drops an empty "value" attribute instead of
// clearing the input.
func (f *RatingForm) syncControls(ctx app.Context) {
	doc := app.Window().Get("document")
	if !doc.Truthy() {
		return
	}
	for _, it := range f.value.Scale().Items {
		for _, c := range formCodes {
			if el := app.Window().GetElementByID(f.optionID(it.Number, c)); el.Truthy() {
				el.Set("checked", f.value.Items[it.Number-1] == c)
			}
		}
	}
	set := func(id, v string) {
		if el := app.Window().GetElementByID(f.id(id)); el.Truthy() {
			el.Set("value", v)
		}
	}
	set("patient", f.value.Patient)
	set("date", f.value.Date)
	set("rater", f.value.Rater)
	set("note", f.value.Note)
	set("occasion", f.value.Occasion)
	set("instrument", string(f.value.Instrument))
	set("item8-type", f.value.ProblemType.String())
}

// prefix returns the id prefix.
func (f *RatingForm) prefix() string {
	if f.IDPrefix == "" {
		return "rf"
	}
	return f.IDPrefix
}

// id returns the element id of a control: prefix + "-" + name.
func (f *RatingForm) id(name string) string { return f.prefix() + "-" + name }

// optionID returns the id of option c of item n.
func (f *RatingForm) optionID(n int, c scoring.Code) string {
	return f.id("item-" + strconv.Itoa(n) + "-" + c.String())
}

// stopID returns the id of the control that takes focus at s: the checked
// radio of an item, or its first radio when none is checked.
func (f *RatingForm) stopID(s stop) string {
	switch s.kind {
	case atType:
		return f.id("item8-type")
	case atSave:
		return f.id("save")
	}
	c := scoring.NoProblem
	if s.item >= 1 && s.item <= scoring.MaxItems {
		if v := f.value.Items[s.item-1]; v != Unrated {
			c = v
		}
	}
	return f.optionID(s.item, c)
}

// Focus moves keyboard Focus to the element with the given id after the
// next render (the element may appear in it, as the item 8 type does). ctx
// must belong to a component that stays mounted (its OnMount context): go-app
// drops deferred work whose source element has gone.
func Focus(ctx app.Context, id string) {
	if ctx.Context == nil {
		return // not mounted (native tests)
	}
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus")
		}
	})
}

// moveTo sends focus to stop s once rendered; until then keys apply to s.
func (f *RatingForm) moveTo(s stop) {
	f.cursor, f.pending = s, true
	id := f.stopID(s)
	if f.ctx.Context == nil {
		return
	}
	f.ctx.Defer(func(app.Context) {
		f.pending = false
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus")
		}
	})
}

// changed reports a change to the page.
func (f *RatingForm) changed(ctx app.Context) {
	if f.OnChange != nil {
		f.OnChange(ctx, f.value)
	}
}

// onKey handles a key pressed inside item n's fieldset (its radios or, for
// item 8, the problem type select).
func (f *RatingForm) onKey(n int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if e.Get("ctrlKey").Bool() || e.Get("altKey").Bool() || e.Get("metaKey").Bool() {
			return
		}
		at := stop{atItem, n}
		if e.Get("target").Get("id").String() == f.id("item8-type") {
			at = stop{atType, 8}
		}
		if f.pending {
			at = f.cursor
		}
		f.handleKey(ctx, e, at)
	}
}

// onSaveKey handles a key pressed on the Save button (Backspace goes back).
func (f *RatingForm) onSaveKey(ctx app.Context, e app.Event) {
	if e.Get("key").String() == "Backspace" {
		f.handleKey(ctx, e, stop{kind: atSave})
	}
}

// handleKey runs the keyboard flow and moves focus.
func (f *RatingForm) handleKey(ctx app.Context, e app.Event, at stop) {
	key := e.Get("key").String()
	if at.kind == atSave && key == "Enter" {
		// Enter typed right after the last digit, before focus reached Save.
		e.PreventDefault()
		f.pending = false
		f.onSave(ctx, e)
		return
	}
	before := f.value
	to, ok := f.value.key(at, key)
	if !ok {
		return
	}
	e.PreventDefault()
	if f.value.Items != before.Items {
		f.showScores()
	}
	if f.value != before {
		f.changed(ctx)
	}
	f.moveTo(to)
}

// showScores writes the score panel's total, valid items and severity into
// the page at once, inside the event that changed a rating, so that the
// browser paints them in the next frame instead of after go-app's next
// render (see fastpanel.go). After that render it writes them again where
// they differ from the value rendered: go-app writes a text only when it
// differs from the text it rendered before, so a value changed back by
// other means before the render (a new Key loading another value) would
// otherwise leave the lines written here on the screen.
func (f *RatingForm) showScores() {
	f.writeScores()
	if f.ctx.Context != nil {
		f.ctx.Defer(func(app.Context) { f.writeScores() })
	}
}

// writeScores writes the panel's short lines for the current value.
func (f *RatingForm) writeScores() {
	w := f.text
	if w == nil {
		w = pageText{}
	}
	facts := scorePanelFacts(f.value.Scale(), &f.value.Items)
	writeQuickLines(w, f.id("panel"), &facts)
}

// onOption handles a click or arrow-key choice of option c on item n.
func (f *RatingForm) onOption(n int, c scoring.Code) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if f.value.Items[n-1] != c {
			f.value.Items[n-1] = c
			f.showScores()
		}
		f.changed(ctx)
	}
}

// onText returns a handler that stores an input's value with set.
func (f *RatingForm) onText(set func(v *FormValue, s string)) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		set(&f.value, ctx.JSSrc().Get("value").String())
		f.changed(ctx)
	}
}

// onInstrument switches instrument, saying when item ratings were cleared.
func (f *RatingForm) onInstrument(ctx app.Context, e app.Event) {
	in, err := scoring.LookupInstrument(ctx.JSSrc().Get("value").String())
	if err != nil {
		return
	}
	f.notice = ""
	if f.value.setInstrument(in.ID) {
		f.notice = "Changed to " + in.Name + ": its items differ, so the item ratings were cleared."
		if f.ctx.Context != nil {
			f.ctx.Defer(f.syncControls)
		}
	}
	f.changed(ctx)
}

// onProblemType stores the item 8 problem type chosen with the mouse or arrows.
func (f *RatingForm) onProblemType(ctx app.Context, e app.Event) {
	p, _ := scoring.ParseProblemType(strings.TrimSpace(ctx.JSSrc().Get("value").String()))
	f.value.ProblemType = p
	f.changed(ctx)
}

// NoChoice is the value of a select's "none" option ("Not given", "Choose
// a type"): go-app leaves an empty value attribute out, and the option's
// text would then be its value, so that choosing "Not given" after an
// occasion stored the words "Not given". Readers trim it to "".
const NoChoice = " "

// onSave validates and hands the value to the page, or shows the problems
// and moves focus to the first.
func (f *RatingForm) onSave(ctx app.Context, e app.Event) {
	if id, ok := f.submit(ctx); !ok && id != "" {
		Focus(f.ctx, id)
	}
}

// submit hands the value to OnSave when it has no problems and reports
// true; otherwise it shows the problems and returns the id of the control
// of the first.
func (f *RatingForm) submit(ctx app.Context) (focusID string, saved bool) {
	if f.Busy {
		return "", false
	}
	if ps := f.value.problems(f.Practice, f.Today); len(ps) > 0 {
		f.tried = true
		return f.problemFocusID(ps[0]), false
	}
	f.tried = false
	if f.OnSave != nil {
		f.OnSave(ctx, f.value)
	}
	return "", true
}

// problemFocusID returns the id of the control to focus for a problem.
func (f *RatingForm) problemFocusID(p problem) string {
	if n, ok := strings.CutPrefix(p.Field, "item-"); ok {
		i, _ := strconv.Atoi(n)
		return f.stopID(stop{atItem, i})
	}
	return f.id(p.Field)
}

// Render draws the form. Every part that appears or disappears sits in a
// slot that is always there, so that go-app, which compares children by
// position, never re-creates the controls after it (a re-created control
// loses focus). Items and the panel are components of their own, so a
// keystroke re-renders one item and the panel, not the whole form.
func (f *RatingForm) Render() app.UI {
	v := &f.value
	in := v.Scale()
	var ps []problem
	if f.tried {
		ps = v.problems(f.Practice, f.Today)
	}
	msg := func(field string) string {
		for _, p := range ps {
			if p.Field == field {
				return p.Msg
			}
		}
		return ""
	}
	save := f.SaveLabel
	if save == "" {
		save = "Save"
	}
	root := app.Div().Class("rf")
	if f.Compact {
		root = root.Class("rf-compact")
	}
	return root.Body(
		app.Div().Class("rf-summary-slot").Role("alert").Body(
			app.If(len(ps) > 0, func() app.UI { return f.renderSummary(ps) }),
		),
		app.Div().Class("rf-details-slot").Body(
			app.If(!f.Practice || !f.FixedInstrument, func() app.UI {
				return &rfDetails{Form: f, Value: detailsOf(v), Labels: f.Labels, Today: f.Today,
					Practice: f.Practice, FixedInstrument: f.FixedInstrument,
					PatientMsg: msg("patient"), DateMsg: msg("date")}
			}),
		),
		app.Div().Class("rf-notice-slot").Role("status").Body(
			app.If(f.notice != "", func() app.UI {
				return app.P().Class("rf-notice").Text(f.notice)
			}),
		),
		app.Div().Class("rf-body").Body(
			app.Div().Class("rf-items").Body(
				&rfRules{},
				app.P().Class("rf-keys").ID(f.id("keys")).Text(
					"Keyboard: on an item, type 0 to 4, or 9 for not known, to rate it and move to the next; "+
						"Backspace goes back one item. A whole rating is "+strconv.Itoa(len(in.Items))+" digits."),
				app.Range(in.Items).Slice(func(i int) app.UI {
					it := in.Items[i]
					item := &rfItem{Form: f, Instrument: in.ID, Number: it.Number, Code: v.Items[i],
						Msg: msg("item-" + strconv.Itoa(it.Number))}
					if it.Number == 8 && v.AsksProblemType() {
						item.ShowType, item.ProblemType, item.TypeMsg = true, v.ProblemType, msg("item8-type")
					}
					return item
				}),
				app.Div().Class("rf-actions").Body(
					f.saveButton(save),
					app.P().Class("rf-save-status").ID(f.id("save-status")).Text(f.Status).
						Role(roleIf(f.Early, "status")),
				),
			),
			&scorePanelView{ID: f.id("panel"), Instrument: in.ID, Items: v.Items},
		),
	)
}

// saveButton draws Save. Disabled is written only when it holds: in the
// page the server sends, go-app writes a false boolean as disabled="false",
// which a browser reads as disabled. A pre-rendered form that is not Early
// has Save disabled, as nothing would take a click before the program
// starts.
func (f *RatingForm) saveButton(label string) app.UI {
	b := app.Button().Type("button").ID(f.id("save")).Class("rf-save").
		OnClick(f.onSave).OnKeyDown(f.onSaveKey).
		Text(label)
	switch {
	case f.Early:
		b = b.DataSet("early", "save")
	case f.Busy || app.IsServer:
		b = b.Disabled(true)
	}
	return b
}

// roleIf returns role when cond holds, else "" (no role attribute).
func roleIf(cond bool, role string) string {
	if cond {
		return role
	}
	return ""
}

// rfRules shows the general rating rules, collapsed. It has no fields, so
// go-app never re-renders it.
type rfRules struct{ app.Compo }

// Render draws the rules.
func (r *rfRules) Render() app.UI {
	return app.Details().Class("rf-rules").Body(
		app.Summary().Text("How to rate"),
		app.Ul().Body(app.Range(ratingRules).Slice(func(i int) app.UI {
			return app.Li().Text(ratingRules[i])
		})),
	)
}

// renderSummary lists the problems that stop saving; role="alert" announces it.
func (f *RatingForm) renderSummary(ps []problem) app.UI {
	head := "1 problem stops this rating being saved:"
	if len(ps) > 1 {
		head = strconv.Itoa(len(ps)) + " problems stop this rating being saved:"
	}
	return app.Div().Class("rf-summary").Role("alert").Body(
		app.P().Class("rf-summary-head").Text(head),
		app.Ul().Body(app.Range(ps).Slice(func(i int) app.UI {
			return app.Li().Text(ps[i].Msg)
		})),
	)
}

// errorID returns the id of the message of a field's problem.
func (f *RatingForm) errorID(field string) string { return f.id(field + "-error") }

// describedBy joins the ids of a hint and, when there is a problem, its message.
func (f *RatingForm) describedBy(hint, field, msg string) string {
	ids := hint
	if msg != "" {
		ids = strings.TrimSpace(ids + " " + f.errorID(field))
	}
	return ids
}

// fieldError renders the slot of a field's problem message.
func (f *RatingForm) fieldError(field, msg string) app.UI {
	return app.Div().Class("rf-error-slot").Body(app.If(msg != "", func() app.UI {
		return app.P().Class("rf-error").ID(f.errorID(field)).Body(
			app.Strong().Text("Error: "), app.Text(msg))
	}))
}

// details are the fields of a rating other than its codes.
type details struct {
	Instrument                           scoring.InstrumentID
	Patient, Date, Occasion, Rater, Note string
	Period                               scoring.Period
}

// detailsOf returns the details of v.
func detailsOf(v *FormValue) details {
	return details{Instrument: v.Instrument, Patient: v.Patient, Date: v.Date, Occasion: v.Occasion,
		Rater: v.Rater, Note: v.Note, Period: v.Period}
}

// rfDetails is the "About this rating" part of the form as a component, so
// that rating an item does not re-render it (nor its list of known labels).
type rfDetails struct {
	app.Compo

	// Form is the form the details belong to.
	Form *RatingForm
	// Value, Labels, Today, Practice and FixedInstrument mirror the form's,
	// so that the component re-renders exactly when they change.
	Value                     details
	Labels                    []string
	Today                     string
	Practice, FixedInstrument bool
	// PatientMsg and DateMsg are the problems shown, if any.
	PatientMsg, DateMsg string
}

// Render draws the details.
func (d *rfDetails) Render() app.UI { return d.Form.renderDetails(d.PatientMsg, d.DateMsg) }

// renderDetails draws the details of the rating (who, when, which instrument).
func (f *RatingForm) renderDetails(patientMsg, dateMsg string) app.UI {
	v := &f.value
	return app.FieldSet().Class("rf-details").Body(
		app.Legend().Text("About this rating"),
		app.If(!f.FixedInstrument, func() app.UI {
			return app.Div().Class("rf-field").Body(
				app.Label().For(f.id("instrument")).Text("Instrument"),
				app.Select().ID(f.id("instrument")).OnChange(f.onInstrument).Body(
					app.Range(scoring.Instruments()).Slice(func(i int) app.UI {
						in := scoring.Instruments()[i]
						o := app.Option().Value(string(in.ID)).Text(in.Name)
						if in.ID == v.Instrument {
							o = o.Selected(true)
						}
						return o
					}),
				),
			)
		}),
		app.If(!f.Practice, func() app.UI {
			return app.Div().Class("rf-detail-fields").Body(
				app.Div().Class("rf-field").Body(
					app.Label().For(f.id("patient")).Text("Patient label (required)"),
					app.P().Class("rf-hint").ID(f.id("patient-hint")).Text(
						"A pseudonym or code you will recognise, such as AB-17. Do not enter names or NHS numbers "+
							"unless this device is one your organisation allows to hold them: the label is stored on this device."),
					f.fieldError("patient", patientMsg),
					app.Input().Type("text").ID(f.id("patient")).Name("patient").
						AutoComplete(false).Spellcheck(false).Required(true).
						List(f.id("labels")).
						Aria("describedby", f.describedBy(f.id("patient-hint"), "patient", patientMsg)).
						Aria("invalid", ariaBool(patientMsg != "")).
						Value(v.Patient).
						OnInput(f.onText(func(v *FormValue, s string) { v.Patient = s })),
					app.DataList().ID(f.id("labels")).Body(
						app.Range(f.Labels).Slice(func(i int) app.UI {
							return app.Option().Value(f.Labels[i])
						}),
					),
				),
				app.Div().Class("rf-field").Body(
					app.Label().For(f.id("date")).Text("Rating date"),
					f.fieldError("date", dateMsg),
					app.Input().Type("date").ID(f.id("date")).Name("date").Required(true).
						Max(f.Today).
						Aria("describedby", f.describedBy("", "date", dateMsg)).
						Aria("invalid", ariaBool(dateMsg != "")).
						Value(v.Date).
						OnInput(f.onText(func(v *FormValue, s string) { v.Date = s })),
				),
				app.FieldSet().Class("rf-period").Body(
					app.Legend().Text("Rating period"),
					f.periodOption(scoring.TwoWeeks, "Previous 2 weeks"),
					f.periodOption(scoring.ThreeDays, "Previous 3 days (at discharge from inpatient care)"),
				),
				app.Div().Class("rf-field").Body(
					app.Label().For(f.id("occasion")).Text("Occasion (optional)"),
					app.Select().ID(f.id("occasion")).
						OnChange(f.onText(func(v *FormValue, s string) { v.Occasion = strings.TrimSpace(s) })).Body(
						app.Option().Value(NoChoice).Text("Not given"),
						app.Range(scoring.Occasions).Slice(func(i int) app.UI {
							o := app.Option().Value(scoring.Occasions[i]).Text(Capitalise(scoring.Occasions[i]))
							if scoring.Occasions[i] == v.Occasion {
								o = o.Selected(true)
							}
							return o
						}),
					),
				),
				app.Div().Class("rf-field").Body(
					app.Label().For(f.id("rater")).Text("Rater role (optional)"),
					app.P().Class("rf-hint").ID(f.id("rater-hint")).Text("For example nurse, psychiatrist, social worker."),
					app.Input().Type("text").ID(f.id("rater")).Name("rater").AutoComplete(false).
						Aria("describedby", f.id("rater-hint")).
						Value(v.Rater).
						OnInput(f.onText(func(v *FormValue, s string) { v.Rater = s })),
				),
				app.Div().Class("rf-field").Body(
					app.Label().For(f.id("note")).Text("Note (optional)"),
					app.Textarea().ID(f.id("note")).Name("note").Rows(3).
						OnInput(f.onText(func(v *FormValue, s string) { v.Note = s })).
						Text(v.Note),
				),
			)
		}),
	)
}

// periodOption draws one radio of the rating period.
func (f *RatingForm) periodOption(p scoring.Period, text string) app.UI {
	id := f.id("period-" + strconv.Itoa(int(p)))
	in := app.Input().Type("radio").ID(id).Name(f.id("period")).Value(strconv.Itoa(int(p))).
		OnChange(func(ctx app.Context, e app.Event) {
			f.value.Period = p
			f.changed(ctx)
		})
	if f.value.Period == p {
		in = in.Checked(true)
	}
	return app.Div().Class("rf-choice").Body(in, app.Label().For(id).Text(text))
}

// rfItem is one item of the form: a fieldset of six radios, its help, and
// for item 8 of HoNOS and HoNOS 65+ the problem type when it is needed. Its
// fields are all it shows, so go-app re-renders it only when they change.
type rfItem struct {
	app.Compo

	// Form is the form the item belongs to (ids and handlers).
	Form *RatingForm
	// Instrument is the instrument rated.
	Instrument scoring.InstrumentID
	// Number is the item number, from 1.
	Number int
	// Code is the item's rating, or unrated.
	Code scoring.Code
	// ShowType shows the item 8 problem type with ProblemType chosen.
	ShowType    bool
	ProblemType scoring.ProblemType
	// Msg and TypeMsg are the item's and the problem type's problems, if shown.
	Msg, TypeMsg string
}

// Render draws the item.
func (r *rfItem) Render() app.UI {
	f, n := r.Form, r.Number
	in, err := scoring.LookupInstrument(string(r.Instrument))
	if err != nil || n < 1 || n > len(in.Items) {
		return app.Div()
	}
	it := in.Items[n-1]
	field := "item-" + strconv.Itoa(n)
	var help *content.ItemHelp
	if hs := itemHelp[in.ID]; n-1 < len(hs) {
		help = &hs[n-1]
	}
	infoID := f.id(field + "-info")
	fs := app.FieldSet().ID(f.id(field)).Class("rf-item").OnKeyDown(f.onKey(n))
	switch {
	case !it.Scored:
		fs = fs.Class("rf-info-item").Aria("describedby", infoID)
	case n == 1:
		fs = fs.Aria("describedby", f.id("keys")) // how to rate by keyboard, read once on entering
	}
	if r.Msg != "" {
		fs = fs.Class("rf-invalid")
	}
	return fs.Body(
		app.Legend().Text(strconv.Itoa(n)+". "+it.Title),
		app.Div().Class("rf-info-slot").Body(app.If(!it.Scored, func() app.UI {
			return app.P().Class("rf-hint").ID(infoID).Text("Information item: recorded, but not counted in the total.")
		})),
		f.fieldError(field, r.Msg),
		app.Div().Class("rf-options").Body(
			app.Range(formCodes[:]).Slice(func(i int) app.UI {
				c := formCodes[i]
				return &rfOption{Form: f, Number: n, Code: c, Checked: r.Code == c, Invalid: r.Msg != ""}
			}),
		),
		app.Div().Class("rf-type-slot").Body(
			app.If(r.ShowType, func() app.UI { return f.renderProblemType(r.ProblemType, r.TypeMsg) }),
		),
		app.If(help != nil, func() app.UI { return &rfHelp{Help: help} }),
	)
}

// rfOption is one radio of an item with its label. As a component of its
// own, rating an item re-renders only the two options whose checked state
// changed, not all six (the keystroke budget in README).
type rfOption struct {
	app.Compo

	// Form is the form the option belongs to (ids and handlers).
	Form *RatingForm
	// Number is the item number, from 1.
	Number int
	// Code is the option's code.
	Code scoring.Code
	// Checked marks the option chosen.
	Checked bool
	// Invalid marks the item as having a problem shown.
	Invalid bool
}

// Render draws the option.
func (o *rfOption) Render() app.UI {
	f, n, c := o.Form, o.Number, o.Code
	field := "item-" + strconv.Itoa(n)
	id := f.optionID(n, c)
	in := app.Input().Type("radio").ID(id).Name(f.id(field)).Value(c.String()).
		OnChange(f.onOption(n, c))
	if o.Checked {
		in = in.Checked(true)
	}
	if o.Invalid {
		in = in.Aria("describedby", f.errorID(field)).Aria("invalid", "true")
	}
	return app.Label().For(id).Class("rf-option", "rf-code-"+c.String()).Body(
		in,
		app.Span().Class("rf-digit").Text(c.String()),
		app.Text(" "),
		app.Span().Class("rf-meaning").Text(c.Meaning()),
	)
}

// rfHelp is an item's help as a component: it never changes while the item
// is rated, so go-app neither re-renders nor diffs it on a keystroke.
type rfHelp struct {
	app.Compo

	// Help is the item's help.
	Help *content.ItemHelp
}

// Render draws the help.
func (h *rfHelp) Render() app.UI { return renderItemHelp(h.Help) }

// renderProblemType draws the item 8 problem type select.
func (f *RatingForm) renderProblemType(chosen scoring.ProblemType, errMsg string) app.UI {
	id := f.id("item8-type")
	return app.Div().Class("rf-field", "rf-type").Body(
		app.Label().For(id).Text("Item 8 problem type"),
		app.P().Class("rf-hint").ID(id+"-hint").Text("Required when item 8 is rated 1 to 4. Type the letter A to K."),
		f.fieldError("item8-type", errMsg),
		app.Select().ID(id).Required(true).
			Aria("describedby", f.describedBy(id+"-hint", "item8-type", errMsg)).
			Aria("invalid", ariaBool(errMsg != "")).
			OnChange(f.onProblemType).Body(
			app.Option().Value(NoChoice).Text("Choose a type"),
			app.Range(scoring.ProblemTypes()).Slice(func(i int) app.UI {
				p := scoring.ProblemTypes()[i]
				o := app.Option().Value(p.String()).Text(p.String() + " " + p.Name())
				if p == chosen {
					o = o.Selected(true)
				}
				return o
			}),
		),
	)
}

// renderItemHelp draws an item's help, collapsed.
func renderItemHelp(h *content.ItemHelp) app.UI {
	return app.Details().Class("rf-help").Body(
		app.Summary().Text("Help for item "+strconv.Itoa(h.Number)),
		app.P().Text(h.Covers),
		app.Ul().Class("rf-levels").Body(app.Range(h.Levels[:]).Slice(func(i int) app.UI {
			return app.Li().Body(app.Strong().Text(strconv.Itoa(i)+": "), app.Text(h.Levels[i]))
		})),
		app.Range(h.Notes).Slice(func(i int) app.UI { return app.P().Text(h.Notes[i]) }),
	)
}

// ariaBool returns "true" or "false" for an ARIA state.
func ariaBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// Capitalise upper-cases the first letter of an ASCII word
// (words.Capitalise).
func Capitalise(s string) string { return words.Capitalise(s) }
