package consult

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"honoscope/app/browser"
	"honoscope/app/ui"

	"honoscope/app/device"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/store"
	"honoscope/scoring"
)

// draftNew starts the draft key of a new rating: "new-" and the tab's
// identity (browser.TabID), so that two tabs rating two people never write
// over each other's draft; plain "new" is an older version's key. A rating
// being edited keeps its draft under its ID (store.Draft).
const draftNew = "new"

// newDraftKey returns the key of the new rating's draft in tab.
func newDraftKey(tab string) string { return draftNew + "-" + tab }

// tabOfDraft returns the tab a new rating's draft key belongs to ("" for
// the older shared key), and false for any other key.
func tabOfDraft(key string) (string, bool) {
	if key == draftNew {
		return "", true
	}
	tab, ok := strings.CutPrefix(key, draftNew+"-")
	return tab, ok
}

// draftDelay is how long the form must be still before a draft is written:
// short enough that closing the tab loses at most the last fraction of a
// second, long enough that a burst of twelve digits costs one write.
const draftDelay = 250 * time.Millisecond

// fragmentEdit starts the fragment of /rate that opens a saved rating for
// editing: "/rate#edit=<ref>", where ref is store.Ref of its ID: random,
// never patient data (the browser keeps addresses in its history), and a
// fragment never reaches a server.
const fragmentEdit = "edit="

// fragmentPerson starts the fragment of /person: "/person#r=<ref>", the
// store.Ref of one of the person's ratings, so that the label is in no
// address.
const fragmentPerson = "r="

// rateHref returns the link that opens a saved rating for editing.
func rateHref(id string) string { return ui.Href("/rate#" + fragmentEdit + store.Ref(id)) }

// personHref returns the link to the page of the person whose rating has
// the given ID.
func personHref(id string) string { return ui.Href("/person#" + fragmentPerson + store.Ref(id)) }

// editIDFromFragment returns the rating ID of an "edit=<id>" fragment, or "".
func editIDFromFragment(fragment string) string {
	id, ok := strings.CutPrefix(fragment, fragmentEdit)
	if !ok {
		return ""
	}
	if u, err := url.QueryUnescape(id); err == nil {
		id = u
	}
	return strings.TrimSpace(id)
}

// formToStored converts a form value to a stored rating on top of base (whose
// ID, Created, Team and Setting are kept). Items not yet rated become
// unratedAs: 9 (not known) for a rating, -1 for a draft, so that a restored
// draft pre-selects nothing the user had not chosen. The item 8 problem type
// is kept only while item 8 is rated 1–4.
func formToStored(v ui.FormValue, base store.Rating, now time.Time, unratedAs int) store.Rating {
	in := v.Scale()
	r := base
	r.Patient = scoring.NormalLabel(strings.TrimSpace(v.Patient))
	r.Date = v.Date
	r.Instrument = string(in.ID)
	r.Items = make([]int, len(in.Items))
	for i := range r.Items {
		if c := v.Items[i]; c == ui.Unrated {
			r.Items[i] = unratedAs
		} else {
			r.Items[i] = int(c)
		}
	}
	r.Item8Type = ""
	if v.AsksProblemType() {
		r.Item8Type = v.ProblemType.String()
	}
	r.Period = store.PeriodTwoWeeks
	if v.Period == scoring.ThreeDays {
		r.Period = store.PeriodThreeDays
	}
	r.Occasion = v.Occasion
	r.Rater = strings.TrimSpace(v.Rater)
	r.Note = v.Note
	stamp := now.UTC().Format(time.RFC3339)
	if r.Created == "" {
		r.Created = stamp
	}
	r.Updated = stamp
	return r
}

// storedToForm converts a stored rating or draft to a form value. It never
// fails: an unknown instrument reads as HoNOS and a code outside 0–4 and 9
// reads as not rated yet, so the form asks for it again.
func storedToForm(r store.Rating) ui.FormValue {
	id := scoring.HoNOS
	if in, err := scoring.LookupInstrument(r.Instrument); err == nil {
		id = in.ID
	}
	v := ui.NewFormValue(id, r.Date)
	v.Patient = r.Patient
	for i, c := range r.Items {
		if i >= len(v.Items) {
			break
		}
		if (c >= 0 && c <= scoring.MaxCode) || c == int(scoring.NotKnown) {
			v.Items[i] = scoring.Code(c)
		}
	}
	v.ProblemType, _ = scoring.ParseProblemType(r.Item8Type)
	if r.Period == store.PeriodThreeDays {
		v.Period = scoring.ThreeDays
	}
	for _, o := range scoring.Occasions {
		if r.Occasion == o {
			v.Occasion = o
		}
	}
	v.Rater = r.Rater
	v.Note = r.Note
	return v
}

// loaded is what the rate page reads from the store on opening.
type loaded struct {
	value    ui.FormValue
	base     store.Rating
	labels   []string
	restored bool
	missing  bool
}

// loadRating reads what /rate opens: the draft of a new rating under
// newKey (else one a closed tab left: live says which tabs are open; it is
// moved under newKey) or a fresh value when editID is "", else the saved
// rating with its unsaved draft if any; and the labels already on the
// device.
func loadRating(ctx context.Context, db store.Store, editID, day, newKey string, live func(tab string) bool) (loaded, error) {
	var l loaded
	all, err := db.Ratings(ctx)
	if err != nil {
		return l, err
	}
	l.labels = patientLabels(all)
	key := newKey
	if editID != "" {
		key = editID
		r, ok := store.FindRef(all, editID)
		if !ok {
			l.missing = true
			l.value = ui.NewFormValue(scoring.HoNOS, day)
			return l, nil
		}
		l.base = r
		l.value = storedToForm(r)
	} else {
		l.value = ui.NewFormValue(scoring.HoNOS, day)
	}
	d, err := db.Draft(ctx, key)
	switch {
	case err == nil:
		l.value = storedToForm(d.Rating)
		l.restored = true
		return l, nil
	case !errors.Is(err, store.ErrNotFound):
		return l, err
	}
	if editID != "" {
		return l, nil
	}
	orphan, ok, err := closedTabsDraft(ctx, db, live)
	if err != nil || !ok {
		return l, err
	}
	// Taken over: under this tab's key, so that no other tab takes it too.
	if err := db.PutDraft(ctx, store.Draft{Key: key, Rating: orphan.Rating}); err != nil {
		return l, err
	}
	if err := db.DeleteDraft(ctx, orphan.Key); err != nil {
		return l, err
	}
	l.value = storedToForm(orphan.Rating)
	l.restored = true
	return l, nil
}

// closedTabsDraft returns the latest draft of a new rating that a tab no
// longer open left behind (closed before Save), if any.
func closedTabsDraft(ctx context.Context, db store.Store, live func(tab string) bool) (store.Draft, bool, error) {
	ds, err := db.AllDrafts(ctx)
	if err != nil {
		return store.Draft{}, false, err
	}
	var best store.Draft
	found := false
	for _, d := range ds {
		tab, ok := tabOfDraft(d.Key)
		if !ok || (tab != "" && live(tab)) {
			continue
		}
		if !found || d.Rating.Updated > best.Rating.Updated {
			best, found = d, true
		}
	}
	return best, found, nil
}

// patientLabels returns the distinct labels of ratings ordered by patient.
func patientLabels(rs []store.Rating) []string {
	var out []string
	for _, r := range rs {
		if len(out) == 0 || out[len(out)-1] != r.Patient {
			out = append(out, r.Patient)
		}
	}
	return out
}

// ratePage is "/rate": a new rating, or a saved one ("#edit=<id>").
type ratePage struct {
	app.Compo

	day      string
	editID   string
	base     store.Rating
	initial  ui.FormValue
	formKey  string
	loads    int
	labels   []string
	ready    bool
	busy     bool
	restored bool
	missing  bool
	// kept says the form holds what was entered before the program
	// started (see CaptureEarlyInput); keptOverDraft that an unsaved draft
	// from before was set aside for it.
	kept, keptOverDraft bool
	// early is set while the page is pre-rendered: its Save takes a click
	// before the program has started (web/early.js). saveOnLoad is the
	// form key of kept input whose Save was pressed so; the form saves it
	// once loaded.
	early      bool
	saveOnLoad string
	// saved is the rating last saved from this page, for the confirmation.
	saved *store.Rating
	// record is the saved rating as text for the patient's record
	// (ui.RecordText); copyStatus says whether copying it worked.
	record, copyStatus string
	failure            string
	// changes counts edits; it sequences draft writes (device.Drafts).
	changes int
	drafts  *device.Drafts
	// pending is the draft waiting for the form to be still, and its
	// change number; nil once written.
	pending    *store.Draft
	pendingSeq int
	// draftNote says when the draft was last kept.
	draftNote string
	// conflict is the rating as another tab or window saved it (or, with
	// gone, deleted it) after this page opened it; the save waits for the
	// user's choice, with unsaved the form's value to save.
	conflict *store.Rating
	gone     bool
	unsaved  ui.FormValue
	// newKey is the draft key of a new rating in this tab (newDraftKey).
	newKey string
	// compact shows the form as the compact sheet, as chosen on this
	// device (sheetKey).
	compact bool
	// ctx is the page's own context: asynchronous work reports back through
	// it, because the element that raised an event may be gone by then.
	ctx app.Context
}

// sheetKey is the local-storage key of the chosen form layout: "compact"
// for the compact sheet, else the full form. It holds no patient data.
const sheetKey = "honoscope.sheet"

// OnMount keeps the page's context and reads the layout chosen on this
// device.
func (p *ratePage) OnMount(ctx app.Context) {
	p.ctx = ctx
	var sheet string
	if ctx.LocalStorage().Get(sheetKey, &sheet) == nil {
		p.compact = sheet == "compact"
	}
}

// compactBox is the layout check box, written as checked only when it is
// (go-app would write checked="false", which a browser reads as checked).
func compactBox(checked bool) app.HTMLInput {
	box := app.Input().Type("checkbox").ID("rate-compact")
	if checked {
		box = box.Checked(true)
	}
	return box
}

// onCompact switches between the compact sheet and the full form and
// remembers the choice on this device.
func (p *ratePage) onCompact(ctx app.Context, e app.Event) {
	p.compact = ctx.JSSrc().Get("checked").Bool()
	sheet := "full"
	if p.compact {
		sheet = "compact"
	}
	_ = ctx.LocalStorage().Set(sheetKey, sheet)
}

// OnInit prepares a fresh form so the page shows at once.
func (p *ratePage) OnInit() {
	p.day = ui.Today()
	p.drafts = &device.Drafts{}
	p.initial = ui.NewFormValue(scoring.HoNOS, p.day)
	p.formKey = "initial"
}

// OnPreRender leaves the date empty in the pre-rendered page, which is built
// once and served on other days; the browser fills in today.
func (p *ratePage) OnPreRender(ctx app.Context) {
	p.day = ""
	p.initial.Date = ""
	p.early = true
}

// OnNav opens what the fragment names.
func (p *ratePage) OnNav(ctx app.Context) {
	p.ctx = ctx
	p.editID = editIDFromFragment(ctx.Page().URL().Fragment)
	p.saved = nil
	p.load(ctx)
}

// load reads the rating, draft and labels from the store.
func (p *ratePage) load(ctx app.Context) {
	p.day = ui.Today()
	editID, day := p.editID, p.day
	p.ready = false
	ctx.Async(func() {
		var l loaded
		newKey := newDraftKey(browser.TabID(ctx))
		live, known := browser.LiveTabs(ctx)
		db, err := device.Store(ctx)
		if err == nil {
			// Where the browser cannot tell which tabs are open, any other
			// tab's draft may be taken: losing a closed tab's rating is worse.
			l, err = loadRating(ctx, db, editID, day, newKey, func(tab string) bool { return known && live[tab] })
		}
		ctx.Dispatch(func(ctx app.Context) {
			if editID != p.editID {
				return // the fragment changed meanwhile
			}
			p.newKey = newKey
			p.ready = true
			if err != nil {
				p.failure = "Could not open the ratings on this device: " + err.Error()
				return
			}
			p.failure = ""
			p.base, p.labels, p.restored, p.missing = l.base, l.labels, l.restored, l.missing
			p.kept, p.keptOverDraft = false, false
			if v, save, ok := takeEarlyInput(); ok && editID == "" {
				v.Date = day
				p.kept, p.keptOverDraft, p.restored = true, l.restored, false
				p.show(v)
				if save {
					p.saveOnLoad = p.formKey
				}
				p.onChange(ctx, v) // keep it as the draft
				return
			}
			p.show(l.value)
		})
	})
}

// show gives the form a value under a new key, so that it reloads.
func (p *ratePage) show(v ui.FormValue) {
	p.loads++
	p.initial = v
	p.formKey = p.editID + "#" + strconv.Itoa(p.loads)
}

// draftKey returns the key of this page's draft.
func (p *ratePage) draftKey() string {
	if p.editID != "" {
		return p.editID
	}
	if p.newKey != "" {
		return p.newKey
	}
	return draftNew
}

// onChange schedules a draft write once the form has been still for
// draftDelay; if the page goes away first, OnDismount writes it at once.
func (p *ratePage) onChange(_ app.Context, v ui.FormValue) {
	ctx := p.ctx
	p.changes++
	seq := p.changes
	d := store.Draft{Key: p.draftKey(), Rating: formToStored(v, p.base, time.Now(), -1)}
	p.pending, p.pendingSeq = &d, seq
	ctx.After(draftDelay, func(ctx app.Context) {
		if seq != p.changes || p.pending == nil {
			return // a later change will write, or the page already did
		}
		p.pending = nil
		w := p.drafts
		done := device.BeginWrite()
		ctx.Async(func() {
			defer done()
			db, err := device.Store(ctx)
			if err == nil {
				err = w.Put(ctx, db, seq, d)
			}
			ctx.Dispatch(func(app.Context) {
				if err != nil {
					p.draftNote = "The draft could not be kept on this device: " + err.Error()
					return
				}
				if seq == p.changes {
					p.draftNote = "Draft kept on this device at " + time.Now().Format("15:04:05") + "."
				}
			})
		})
	})
}

// OnDismount writes a draft that was still waiting for the form to be
// still: leaving the page straight after a keystroke (a link, or a page of
// the other program, which reloads) loses nothing. The write outlives the
// page, so it uses its own context; device.BeginWrite lets a reload wait
// for it.
func (p *ratePage) OnDismount() {
	d, seq := p.pending, p.pendingSeq
	if d == nil {
		return
	}
	p.pending = nil
	w := p.drafts
	done := device.BeginWrite()
	go func() {
		defer done()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if db, err := device.Store(ctx); err == nil {
			_ = w.Put(ctx, db, seq, *d) // nowhere left to report a failure
		}
	}()
}

// onSave stores the rating, removes its draft and, for a new rating, gives
// a fresh form keeping the instrument, date, period and rater role. A
// rating being edited is first compared with the device's copy: if another
// tab or window saved or deleted it since this page opened it, nothing is
// written until the user chooses (saveChecked).
func (p *ratePage) onSave(_ app.Context, v ui.FormValue) { p.save(v, true) }

// onOverwrite saves this page's version over the one saved elsewhere.
func (p *ratePage) onOverwrite(_ app.Context, e app.Event) {
	v := p.unsaved
	p.conflict, p.gone = nil, false
	p.save(v, false)
}

// onTakeOther discards this page's changes and shows the version saved
// elsewhere.
func (p *ratePage) onTakeOther(_ app.Context, e app.Event) {
	other := p.conflict
	p.conflict, p.gone = nil, false
	if other == nil {
		return
	}
	p.base = *other
	p.changes++
	seq, key, w, ctx := p.changes, p.draftKey(), p.drafts, p.ctx
	ctx.Async(func() {
		if db, err := device.Store(ctx); err == nil {
			_ = w.Remove(ctx, db, key, seq)
		}
	})
	p.restored, p.kept = false, false
	p.show(storedToForm(*other))
}

// changedElsewhere compares the device's copy of the rating being edited
// with the one this page opened: the copy saved since by another tab or
// window, or gone true when it was deleted there; nil when unchanged.
func changedElsewhere(ctx context.Context, db store.Store, base store.Rating) (*store.Rating, bool, error) {
	cur, err := db.Rating(ctx, base.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	if cur.Updated != base.Updated || !slices.Equal(cur.Items, base.Items) {
		return &cur, false, nil
	}
	return nil, false, nil
}

// save stores v; check compares an edited rating with the device's copy
// first.
func (p *ratePage) save(v ui.FormValue, check bool) {
	ctx := p.ctx
	if p.busy {
		return
	}
	editing := p.editID != "" && p.base.ID != ""
	base := p.base
	if base.ID == "" {
		base.ID = store.NewID()
	}
	r := formToStored(v, base, time.Now(), int(scoring.NotKnown))
	if err := r.Validate(); err != nil {
		p.failure = "This rating cannot be saved: " + err.Error()
		return
	}
	p.busy = true
	seq, key, w, opened := p.changes, p.draftKey(), p.drafts, p.base
	ctx.Async(func() {
		db, err := device.Store(ctx)
		if err == nil && editing && check {
			other, gone, cerr := changedElsewhere(ctx, db, opened)
			if cerr == nil && (other != nil || gone) {
				ctx.Dispatch(func(app.Context) {
					p.busy = false
					p.conflict, p.gone, p.unsaved = other, gone, v
					ui.Focus(p.ctx, "rate-conflict")
				})
				return
			}
			err = cerr
		}
		if err == nil {
			err = db.PutRating(ctx, r)
		}
		if err == nil {
			err = w.Remove(ctx, db, key, seq)
		}
		ctx.Dispatch(func(app.Context) {
			p.busy = false
			if err != nil {
				p.failure = "Saving failed: " + err.Error() + ". The rating is still here and kept as a draft; try Save again."
				return
			}
			p.failure = ""
			p.restored, p.kept = false, false
			p.draftNote = ""
			p.saved = &r
			p.record, p.copyStatus = ui.RecordText(storedToForm(r)), ""
			p.labels = insertLabel(p.labels, r.Patient)
			ui.Focus(p.ctx, "rate-saved")
			if p.editID != "" {
				p.base = r
				return
			}
			next := ui.NewFormValue(v.Instrument, v.Date)
			next.Period, next.Rater = v.Period, v.Rater
			p.show(next)
		})
	})
}

// renderConflict asks what to do with an edit whose rating was saved or
// deleted elsewhere since this page opened it: nothing was written yet.
func (p *ratePage) renderConflict() app.UI {
	var what string
	if p.gone {
		what = "This rating was deleted in another tab or window after you opened it here. Nothing was saved yet. Saving puts it back, with your changes."
	} else {
		total, _ := ratingTotal(*p.conflict)
		when := p.conflict.Updated
		if t, err := time.Parse(time.RFC3339, when); err == nil {
			when = t.Local().Format("2 January 2006 at 15:04")
		}
		what = "This rating was changed in another tab or window after you opened it here (saved " + when + ", total " + total + "). Nothing was saved yet: choose which version to keep."
	}
	save := "Save mine over it"
	if p.gone {
		save = "Save it back"
	}
	return app.Div().ID("rate-conflict").Class("rate-conflict").TabIndex(-1).Body(
		app.P().Body(app.Strong().Text("Changed elsewhere. "), app.Text(what)),
		app.Div().Class("actions").Body(
			app.Button().Type("button").ID("rate-overwrite").OnClick(p.onOverwrite).Text(save),
			app.If(!p.gone, func() app.UI {
				return app.Button().Type("button").ID("rate-take-other").Class("secondary").OnClick(p.onTakeOther).Text("Discard mine and show the other version")
			}),
		),
	)
}

// insertLabel adds label to the sorted labels unless present.
func insertLabel(labels []string, label string) []string {
	for i, l := range labels {
		if l == label {
			return labels
		}
		if l > label {
			return append(labels[:i:i], append([]string{label}, labels[i:]...)...)
		}
	}
	return append(labels, label)
}

// onDiscard throws the restored draft away and shows the saved rating, or
// a fresh form.
func (p *ratePage) onDiscard(_ app.Context, e app.Event) {
	ctx := p.ctx
	p.changes++
	seq, key, w := p.changes, p.draftKey(), p.drafts
	ctx.Async(func() {
		if db, err := device.Store(ctx); err == nil {
			if err := w.Remove(ctx, db, key, seq); err != nil {
				app.Log("honoscope: discarding the draft failed:", err)
			}
		}
	})
	p.restored, p.kept = false, false
	if p.editID != "" {
		p.show(storedToForm(p.base))
	} else {
		p.show(ui.NewFormValue(scoring.HoNOS, p.day))
	}
}

// Render draws the page.
func (p *ratePage) Render() app.UI {
	title := "Rate"
	if p.editID != "" {
		title = "Edit a rating"
	}
	return ui.Shell("/rate", title,
		app.P().Class("lead").Text("Rate the most severe problem in the period for each item. "+
			"Everything you enter stays on this device and is kept as a draft as you go, so closing the tab loses nothing."),
		app.Div().Class("rate-alert").Role("alert").Body(
			app.If(p.failure != "", func() app.UI {
				return app.P().Class("rate-failure").Body(app.Strong().Text("Problem: "), app.Text(p.failure))
			}),
			app.If(p.conflict != nil || p.gone, func() app.UI { return p.renderConflict() }),
		),
		app.Div().Class("rate-status").Role("status").Body(
			app.If(p.missing, func() app.UI {
				return app.P().Class("rate-notice").Body(
					app.Text("That rating is not on this device (it may have been deleted). "),
					app.A().Href(ui.Href("/rate")).Text("Start a new rating"),
					app.Text("."))
			}),
			app.If(p.kept, func() app.UI {
				what := "Kept what you entered while the app was starting."
				if p.keptOverDraft {
					what += " It takes the place of the unsaved rating kept from before."
				}
				return app.P().Class("rate-notice").Text(what)
			}),
			app.If(p.restored, func() app.UI {
				what := "Restored the rating you had not saved."
				discard := "Discard it and start again"
				if p.editID != "" {
					what = "Restored changes to this rating that you had not saved."
					discard = "Discard the changes"
				}
				return app.Div().Class("rate-notice").Body(
					app.P().Text(what),
					app.Button().Type("button").Class("secondary").OnClick(p.onDiscard).Text(discard),
				)
			}),
		),
		app.Div().Class("rate-saved-slot").Body(
			app.If(p.saved != nil, func() app.UI { return p.renderSaved() }),
		),
		app.Div().Class("rate-layout").Body(
			compactBox(p.compact).OnChange(p.onCompact),
			app.Label().For("rate-compact").Text("Compact sheet: every item on one screen, each item's help a tap away"),
		),
		&ui.RatingForm{
			Compact:       p.compact,
			Initial:       p.initial,
			Key:           p.formKey,
			Labels:        p.labels,
			Busy:          p.busy || !p.ready,
			Early:         p.early,
			SaveOnLoadKey: p.saveOnLoad,
			Status:        p.draftNote,
			Today:         p.day,
			OnChange:      p.onChange,
			OnSave:        p.onSave,
		},
	)
}

// renderSaved confirms the last save with the total and a link to the person.
func (p *ratePage) renderSaved() app.UI {
	r := p.saved
	total := ""
	if sr, err := r.Scoring(); err == nil {
		s := scoring.Score(&sr, scoring.DefaultRules())
		total = ", total " + strconv.Itoa(s.Total) + "/" + strconv.Itoa(s.MaxTotal)
		if !s.TotalValid {
			total += " (not valid)"
		}
	}
	verb := "Saved the rating of "
	if p.editID != "" {
		verb = "Saved the changes to the rating of "
	}
	return app.Div().Class("rate-saved").Body(
		app.P().ID("rate-saved").TabIndex(-1).Body(
			app.Text(verb+r.Patient+" on "+r.Date+total+". "),
			app.A().Href(personHref(r.ID)).Text("See all ratings of "+r.Patient),
			app.Text("."),
		),
		app.Div().Class("rate-record").Body(
			app.Button().Type("button").ID("rate-copy").OnClick(p.onCopyRecord).Text("Copy for the record"),
			app.P().ID("rate-copy-status").Role("status").Text(p.copyStatus),
			app.Details().Body(
				app.Summary().Text("Text for the record"),
				app.Textarea().ID("rate-record").ReadOnly(true).Rows(12).Aria("label", "Text for the record").Text(p.record),
			),
		),
	)
}

// onCopyRecord puts the saved rating's text for the record on the
// clipboard, so that it can be pasted into the record system's note; where
// the browser refuses, it opens and selects the text for the user to copy.
func (p *ratePage) onCopyRecord(_ app.Context, e app.Event) {
	text, ctx := p.record, p.ctx
	ctx.Async(func() {
		err := browser.CopyText(ctx, text)
		ctx.Dispatch(func(app.Context) {
			if err == nil {
				p.copyStatus = "Copied: paste it into the patient's record."
				return
			}
			if el := app.Window().GetElementByID("rate-record"); el.Truthy() {
				el.Get("parentElement").Set("open", true)
				el.Call("focus")
				el.Call("select")
			}
			p.copyStatus = "Copying is not allowed here, so the text is selected: press Ctrl+C (⌘+C on a Mac) to copy it."
		})
	})
}
