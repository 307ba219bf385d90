//go:build !(js && wasm)

package tools

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"honoscope/app/device"
	"honoscope/app/ui"
	"honoscope/scoring/layout"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/store"
)

// transferHost mounts a transferPanel in a test engine and keeps a context
// (natively OnPreRender runs on mount and OnMount does not, which is why
// these tests are native only).
type transferHost struct {
	app.Compo
	panel *transferPanel
	ctx   app.Context
}

func (h *transferHost) OnPreRender(ctx app.Context) { h.ctx = ctx }
func (h *transferHost) Render() app.UI              { return h.panel }

var transferNow = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// newTransfer returns a mounted panel on an emptied device store. The store
// is shared (database opens it once), so these tests do not run in parallel.
func newTransfer(t *testing.T) (*transferHost, app.TestEngine, store.Store) {
	t.Helper()
	e := app.NewTestEngine()
	h := &transferHost{panel: &transferPanel{}}
	if err := e.Load(h); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	s, err := device.Store(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := s.Ratings(context.Background())
	for _, r := range rs {
		_ = s.DeleteRating(context.Background(), r.ID)
	}
	return h, e, s
}

// html renders the panel's current state afresh (a mounted component
// encodes its last mounted tree, which test dispatches to the host do not
// update).
func html(p *transferPanel) string { return app.HTMLString(p.Render()) }

// tagWith returns the opening tag of the first tag element in out whose
// opening tag contains attr (go-app writes attributes in any order).
func tagWith(out, tag, attr string) string {
	for _, m := range regexp.MustCompile(`<`+tag+`\b[^>]*>`).FindAllString(out, -1) {
		if strings.Contains(m, attr) {
			return m
		}
	}
	return ""
}

// hasTag reports whether out has a tag element with every attribute given.
func hasTag(out, tag string, attrs ...string) bool {
	m := tagWith(out, tag, attrs[0])
	for _, a := range attrs {
		if !strings.Contains(m, a) {
			return false
		}
	}
	return m != ""
}

const csvHeader = "patient,date,instrument,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item8_type\n"

func TestThePanelOffersLabelledExportAndImportButtonsAndLiveRegions(t *testing.T) {
	h, _, _ := newTransfer(t)
	out := html(h.panel)
	for id, text := range map[string]string{"export-json": "Export JSON", "export-csv": "Export CSV", "import-file": "Import a file…"} {
		if !hasTag(out, "button", `id="`+id+`"`, `type="button"`) || !strings.Contains(out, ">"+text+"</button>") || strings.Contains(tagWith(out, "button", id), "disabled") {
			t.Errorf("panel lacks an enabled button %s named %q:\n%s", id, text, out)
		}
	}
	if !hasTag(out, "div", `role="alert"`) || !hasTag(out, "div", `role="status"`, `aria-live="polite"`) || !hasTag(out, "section", `aria-labelledby="transfer-title"`) {
		t.Errorf("panel lacks its alert and status regions or its name:\n%s", out)
	}
}

func TestAnImportWithBadRowsListsTheirLinesAndAsksAboutConflicts(t *testing.T) {
	h, e, s := newTransfer(t)
	ctx := context.Background()
	old := store.Rating{ID: "old", Patient: "P1", Date: "2024-01-01", Instrument: "honos", Items: make([]int, 12), Period: store.PeriodTwoWeeks, Created: "2024-01-01T09:00:00Z"}
	if err := s.PutRating(ctx, old); err != nil {
		t.Fatal(err)
	}
	changed := 0
	h.panel.OnChange = func(app.Context) { changed++ }
	data := csvHeader +
		"P1,2024-01-01,honos,4,0,0,0,0,0,0,0,0,0,0,0,\n" + // conflict
		"P2,2024-13-01,honos,0,0,0,0,0,0,0,0,0,0,0,0,\n" + // bad date
		"P3,2024-01-02,honos,0,0,0,0,0,0,0,0,0,0,0,7,\n" // new
	h.panel.prepare(h.ctx, "ward.csv", []byte(data), transferNow)
	e.ConsumeAll()
	out := html(h.panel)
	for _, want := range []string{
		"1 problem in ward.csv",
		"<li>line 3: column date: &#34;2024-13-01&#34; is not a real date",
		"Ready to import: 1 new rating; 0 ratings are already on this device and will be skipped; 1 rating needs your choice.",
		"<legend>Line 2: P1, 2024-01-01, HoNOS</legend>",
		`<label for="transfer-conflict-0-1">Replace with the imported rating</label>`,
		">Import</button>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("panel lacks %s:\n%s", want, out)
		}
	}
	for j := range 3 {
		if !hasTag(out, "input", `id="transfer-conflict-0-`+strconv.Itoa(j)+`"`, `type="radio"`, `name="transfer-conflict-0"`) {
			t.Errorf("no radio %d for the conflict:\n%s", j, out)
		}
	}
	if n := strings.Count(out, "checked"); n != 1 || !strings.Contains(tagWith(out, "input", `id="transfer-conflict-0-0"`), "checked") {
		t.Errorf("want only 'keep existing' checked by default, %d checked:\n%s", n, out)
	}
	all, _ := s.Ratings(ctx)
	if len(all) != 1 {
		t.Fatalf("something was stored before the user confirmed: %d ratings", len(all))
	}

	h.panel.onChoice(0, store.Replace)(h.ctx, app.Event{})
	h.panel.onConfirm(h.ctx, app.Event{})
	e.ConsumeAll()
	all, _ = s.Ratings(ctx)
	if len(all) != 2 || all[0].ID != "old" || all[0].Items[0] != 4 || all[1].Patient != "P3" {
		t.Fatalf("after import: %+v", all)
	}
	out = html(h.panel)
	if !strings.Contains(out, "Imported from ward.csv: 1 rating added, 1 replaced, 0 kept as they were, 0 already on this device.") || changed != 1 {
		t.Fatalf("summary missing or page not told (%d):\n%s", changed, out)
	}
	if strings.Contains(out, "transfer-conflict") {
		t.Fatalf("the conflict list is still shown:\n%s", out)
	}
}

// Even a clean file says what it will change and waits for Import: a file
// from someone else changes nothing the user has not seen.
func TestACleanFileIsImportedOnlyAfterTheUserSeesWhatItWillChange(t *testing.T) {
	h, e, s := newTransfer(t)
	file := `{"format":"honoscope-export","version":1,"ratings":[` +
		`{"id":"c1","patient":"Q","date":"2024-02-02","instrument":"honos","items":[0,0,0,0,0,0,0,0,0,0,0,0],"period":"2w","created":"2024-02-02T09:00:00Z","updated":"2024-02-02T09:00:00Z"}],` +
		`"documents":[{"kind":"events","key":"Q\u0000e1","data":{"patient":"Q","date":"2024-02-03","kind":"discharge","text":""}},` +
		`{"kind":"device","key":"settings","data":{"idle_seconds":999999999}}]}`
	h.panel.prepare(h.ctx, "clean.json", []byte(file), transferNow)
	e.ConsumeAll()
	all, _ := s.Ratings(context.Background())
	out := html(h.panel)
	if len(all) != 0 || !strings.Contains(out, "Ready to import: 1 new rating;") || !strings.Contains(out, "It also adds 1 event note.") ||
		!strings.Contains(out, "Nothing changes until you press Import.") || !strings.Contains(out, `a document of kind &#34;device&#34; was left out`) {
		t.Fatalf("stored %d before Import; panel:\n%s", len(all), out)
	}
	h.panel.onConfirm(h.ctx, app.Event{})
	e.ConsumeAll()
	all, _ = s.Ratings(context.Background())
	evs, _ := s.Docs(context.Background(), device.EventsKind)
	if out := html(h.panel); len(all) != 1 || len(evs) != 1 || !strings.Contains(out, "Imported from clean.json: 1 rating added") || !strings.Contains(out, "Also added: 1 event note.") {
		t.Fatalf("stored %d ratings and %d notes; panel:\n%s", len(all), len(evs), out)
	}
	if d, err := s.Doc(context.Background(), store.DeviceKind, "settings"); err == nil && strings.Contains(string(d), "999999999") {
		t.Fatalf("the file set the device's settings: %s", d)
	}
}

func TestOnlyTheFirstHundredProblemsAreListedWithACountOfTheRest(t *testing.T) {
	h, e, _ := newTransfer(t)
	var b strings.Builder
	b.WriteString(csvHeader)
	for i := range 130 {
		b.WriteString("P" + strconv.Itoa(i) + ",not-a-date,honos,0,0,0,0,0,0,0,0,0,0,0,0,\n")
	}
	h.panel.prepare(h.ctx, "bad.csv", []byte(b.String()), transferNow)
	e.ConsumeAll()
	out := html(h.panel)
	if n := strings.Count(out, "<li>line "); n != 100 {
		t.Fatalf("%d problems listed, want 100", n)
	}
	for _, want := range []string{"130 problems in bad.csv", "The first 100 are listed", "…and 30 more.", "<li>line 101: column date:"} {
		if !strings.Contains(out, want) {
			t.Errorf("panel lacks %q", want)
		}
	}
}

func TestAFileThatCannotBeReadIsShownAsAnAlert(t *testing.T) {
	h, e, _ := newTransfer(t)
	h.panel.prepare(h.ctx, "x.json", []byte(`{"name":"another program"}`), transferNow)
	e.ConsumeAll()
	out := html(h.panel)
	i := strings.Index(out, `role="alert"`)
	if i < 0 || !strings.Contains(out[i:], "x.json: this JSON file is not a Honoscope export") {
		t.Fatalf("no alert naming the file:\n%s", out)
	}
}

// A file whose columns Honoscope does not know is imported by a kept column
// mapping that fits it; without one, the alert says where to make one.
func TestAnUnknownExportIsImportedByAKeptMapping(t *testing.T) {
	h, e, s := newTransfer(t)
	data := []byte("Client ref,Rated on,H1,H2,H3,H4,H5,H6,H7,H8,H9,H10,H11,H12\n" +
		"C-1,05/01/2024,2,1,0,1,2,3,3,2,2,2,1,2\n")
	if err := ui.KeepMappings(h.ctx, nil); err != nil {
		t.Fatal(err)
	}
	h.panel.prepare(h.ctx, "ours.csv", data, transferNow)
	e.ConsumeAll()
	if out := html(h.panel); !strings.Contains(out, "ours.csv: Honoscope does not know these columns (Client ref, Rated on, H1, H2…). Map them once on Team outcomes") {
		t.Fatalf("no alert saying where to map the columns:\n%s", out)
	}
	m := layout.GuessMapping(strings.Split("Client ref,Rated on,H1,H2,H3,H4,H5,H6,H7,H8,H9,H10,H11,H12", ","))
	m.Name, m.DayFirst = "Ours", true
	if err := ui.KeepMappings(h.ctx, []layout.Mapping{m}); err != nil {
		t.Fatal(err)
	}
	h.panel.reset()
	h.panel.prepare(h.ctx, "ours.csv", data, transferNow)
	e.ConsumeAll()
	// Another system's file is shown before anything is written.
	if rs, _ := s.Ratings(context.Background()); len(rs) != 0 {
		t.Fatalf("%d ratings written before the preview was confirmed", len(rs))
	}
	out := html(h.panel)
	if !strings.Contains(out, `id="import-preview"`) || !strings.Contains(out, "C-1") || !strings.Contains(out, "2024-01-05") || !strings.Contains(out, "21/48") {
		t.Fatalf("no preview of the first ratings with their totals:\n%s", out)
	}
	h.panel.onConfirm(h.ctx, app.Event{})
	e.ConsumeAll()
	rs, err := s.Ratings(context.Background())
	if err != nil || len(rs) != 1 || rs[0].Patient != "C-1" || rs[0].Date != "2024-01-05" || rs[0].Items[5] != 3 {
		t.Fatalf("imported %+v, %v; panel:\n%s", rs, err, html(h.panel))
	}
}

// The page holds the panel under its own heading, points back to the
// people list, and once an import stored something, says where to see it.
func TestTheTransferPageHoldsThePanelAndLeadsBackToThePeople(t *testing.T) {
	p := &transferPage{}
	out := app.HTMLString(p.Render())
	for _, want := range []struct{ tag, attr string }{{"h1", `id="page-title"`}, {"a", `id="transfer-people"`}, {"button", `id="import-file"`}, {"button", `id="export-fhir"`}} {
		if !hasTag(out, want.tag, want.attr) {
			t.Errorf("the page lacks <%s %s>", want.tag, want.attr)
		}
	}
	if !hasTag(out, "a", `id="transfer-people"`, `href="/people"`) || !strings.Contains(out, ">Export and import</h1>") {
		t.Error("the page's title or its way back to the people is wrong")
	}
	if strings.Contains(out, "transfer-see-people") {
		t.Error("the page offers the imported people before anything was imported")
	}
	p.onImported(app.Context{})
	if out := app.HTMLString(p.Render()); !strings.Contains(out, `id="transfer-see-people"`) {
		t.Error("after an import the page does not point to the people list")
	}
}
