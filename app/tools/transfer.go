package tools

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"honoscope/app/ui"
	"honoscope/scoring"
	"honoscope/scoring/layout"

	"honoscope/app/words"

	"honoscope/app/device"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/crypto"
	"honoscope/app/fileio"
	"honoscope/app/store"
)

// maxShownErrors is how many import problems the panel lists; the rest are
// counted.
const maxShownErrors = 100

// importAccept filters the file chooser to the two import formats.
const importAccept = ".json,.csv,application/json,text/csv"

// transferPanel exports every rating on the device as JSON or CSV and
// imports a file: it lists problems with their line numbers, asks about each
// conflict (same patient, date and instrument as a rating on the device) and
// never overwrites anything without the user's choice. The Export and
// import page (/transfer) holds it.
type transferPanel struct {
	app.Compo

	// OnChange, when set, is called after an import stored ratings or
	// documents.
	OnChange func(ctx app.Context)

	busy     string
	failure  string
	fileName string
	problems []store.ImportError
	warnings []store.ImportError
	// pending is a checked file waiting for the choices on its conflicts,
	// or, for another system's layout, for a look at its first ratings.
	pending *device.Import
	// preview is set when pending is another system's file: its first
	// ratings are shown with their totals before anything is written.
	preview bool
	choices []store.Choice
	summary string
	// encName and encData hold an encrypted file waiting for its
	// passphrase (encPass, typed into the panel).
	encName string
	encData []byte
	encPass string
	// ctx is the panel's own context (OnMount): asynchronous work reports
	// back through it, because the control that started the work (the
	// passphrase form, the plan's Import button) may be gone by then, and
	// go-app drops what is dispatched on a removed element's context.
	ctx     app.Context
	mounted bool
}

// Render draws the panel.
func (t *transferPanel) Render() app.UI {
	return app.Section().Class("transfer").Aria("labelledby", "transfer-title").Body(
		app.H2().ID("transfer-title").Text("Export and import"),
		app.P().Text("Exports are files made on this device and saved where you choose; they hold patient labels, so keep them as safely as the ratings. "+
			"JSON keeps everything and moves ratings to another device. CSV has the command-line columns for spreadsheets and analysis (no period, rater or note)."),
		app.Div().Class("transfer-actions").Body(
			t.button("export-json", "Export JSON", t.onExport("json")),
			t.button("export-csv", "Export CSV", t.onExport("csv")),
			t.button("export-fhir", "Export FHIR (for a record system)", t.onExport("fhir")),
			t.button("export-mhsds", "Export MHSDS long (England)", t.onExport("mhsds")),
			t.button("export-meteor", "Export NOCC / METEOR (Australia)", t.onExport("meteor")),
			t.button("import-file", "Import a file…", t.onImport),
		),
		app.Div().Class("transfer-status").Role("status").Aria("live", "polite").Body(
			app.If(t.busy != "", func() app.UI { return app.P().Text(t.busy) }),
			app.If(t.summary != "", func() app.UI { return app.P().Class("transfer-summary").Text(t.summary) }),
		),
		app.Div().Class("transfer-alert").Role("alert").Body(
			app.If(t.failure != "", func() app.UI {
				return app.P().Class("transfer-failure").Body(app.Strong().Text("Problem: "), app.Text(t.failure))
			}),
			app.If(len(t.problems) > 0, func() app.UI { return t.renderProblems() }),
		),
		app.If(len(t.warnings) > 0, func() app.UI { return t.renderWarnings() }),
		app.If(t.encData != nil, func() app.UI { return t.renderPassphrase() }),
		app.If(t.pending != nil, func() app.UI { return t.renderPlan() }),
	)
}

// renderPassphrase asks for the passphrase of an encrypted file.
func (t *transferPanel) renderPassphrase() app.UI {
	open := app.Button().Type("submit").ID("import-open").Text("Open")
	if t.busy != "" {
		open = open.Disabled(true)
	}
	return app.Form().Class("transfer-passphrase").OnSubmit(t.onOpen).Body(
		app.P().Text(t.encName+" is an encrypted backup. Type the passphrase it was made with to open it; nothing is imported before you confirm as usual."),
		app.Label().For("import-pass").Text("Passphrase of this backup"),
		app.Input().Type("password").ID("import-pass").Attr("autocomplete", "current-password").OnInput(t.onEncPass),
		open,
		app.Button().Type("button").ID("import-pass-cancel").OnClick(t.onCancel).Text("Cancel"),
	)
}

// OnMount keeps the panel's context for asynchronous work.
func (t *transferPanel) OnMount(ctx app.Context) { t.ctx, t.mounted = ctx, true }

// async runs f with the panel's own context (or ctx before mounting).
func (t *transferPanel) async(ctx app.Context, f func(ctx app.Context)) {
	if t.mounted {
		ctx = t.ctx
	}
	ctx.Async(func() { f(ctx) })
}

func (t *transferPanel) onEncPass(ctx app.Context, e app.Event) {
	t.encPass = ctx.JSSrc().Get("value").String()
}

func (t *transferPanel) onOpen(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if t.encData == nil || t.busy != "" {
		return
	}
	name, data, pass := t.encName, t.encData, t.encPass
	t.failure, t.busy = "", "Opening "+name+"…"
	t.async(ctx, func(ctx app.Context) { t.openEncrypted(ctx, name, data, pass, time.Now()) })
}

// openEncrypted decrypts the waiting encrypted file (name, data) with pass and goes on
// with the normal import (prepare) on its contents. A wrong passphrase (or
// a changed file) says so, keeps the question open and changes nothing. It
// runs in ctx.Async.
func (t *transferPanel) openEncrypted(ctx app.Context, name string, data []byte, pass string, now time.Time) {
	plain, err := crypto.OpenFile(ctx, pass, data)
	if err != nil {
		ctx.Dispatch(func(ctx app.Context) {
			t.busy, t.failure = "", name+": "+err.Error()+". Nothing was imported."
		})
		return
	}
	ctx.Dispatch(func(ctx app.Context) { t.encName, t.encData, t.encPass = "", nil, "" })
	t.prepare(ctx, name, plain, now)
}

// button is a plain button, disabled while the panel is busy (the
// attribute is left out otherwise: pre-rendered HTML has no "false").
func (t *transferPanel) button(id, text string, h app.EventHandler) app.UI {
	b := app.Button().Type("button").ID(id).OnClick(h).Text(text)
	if t.busy != "" {
		b = b.Disabled(true)
	}
	return b
}

// problemsHeading says how many rows were left out and how many are listed.
func problemsHeading(file string, n int) string {
	s := words.Count(n, "problem", "problems") + " in " + file + ": the rows or ratings with a problem are not imported."
	if n > maxShownErrors {
		s += " The first " + strconv.Itoa(maxShownErrors) + " are listed; fix them in the file and import it again to see the rest."
	}
	return s
}

func (t *transferPanel) renderProblems() app.UI {
	shown := t.problems[:min(len(t.problems), maxShownErrors)]
	return app.Div().Class("transfer-problems").Body(
		app.P().Text(problemsHeading(t.fileName, len(t.problems))),
		app.Ul().Class("transfer-problem-list").Body(app.Range(shown).Slice(func(i int) app.UI {
			return app.Li().Text(shown[i].Error())
		})),
		app.If(len(t.problems) > maxShownErrors, func() app.UI {
			return app.P().Text("…and " + strconv.Itoa(len(t.problems)-maxShownErrors) + " more.")
		}),
	)
}

func (t *transferPanel) renderWarnings() app.UI {
	shown := t.warnings[:min(len(t.warnings), maxShownErrors)]
	return app.Details().Class("transfer-warnings").Body(
		app.Summary().Text(words.Count(len(t.warnings), "warning", "warnings")+" (imported anyway)"),
		app.Ul().Body(app.Range(shown).Slice(func(i int) app.UI { return app.Li().Text(shown[i].Error()) })),
		app.If(len(t.warnings) > maxShownErrors, func() app.UI {
			return app.P().Text("…and " + strconv.Itoa(len(t.warnings)-maxShownErrors) + " more.")
		}),
	)
}

// planSummary words what the import would do.
func planSummary(im *device.Import) string {
	p := &im.Plan
	s := "Ready to import: " + words.Count(len(p.New), "new rating", "new ratings") + "; " +
		words.Count(p.Identical, "rating is", "ratings are") + " already on this device and will be skipped; " +
		words.Count(len(p.Conflicts), "rating needs", "ratings need") + " your choice."
	if docs := docsSummary(im.Docs); docs != "" {
		s += " It also adds " + docs + "."
	}
	if im.DocsKept > 0 {
		s += " " + words.Count(im.DocsKept, "note or setting in the file is", "notes and settings in the file are") + " already on this device and will be kept as they are."
	}
	return s + " Nothing changes until you press Import."
}

// docsSummary words the documents an import adds: "2 event notes and 1
// practice attempt".
func docsSummary(ds []store.Document) string {
	n := map[string]int{}
	for _, d := range ds {
		n[d.Kind]++
	}
	var parts []string
	for _, k := range []struct{ kind, one, many string }{
		{device.EventsKind, "event note", "event notes"},
		{device.PracticeKind, "practice attempt", "practice attempts"},
		{device.ChartSettingsKind, "kept ranges or grouping file", "kept ranges and grouping files"},
		{device.PracticeSettingsKind, "practice setting", "practice settings"},
	} {
		if n[k.kind] > 0 {
			parts = append(parts, words.Count(n[k.kind], k.one, k.many))
		}
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// describeRating words a rating for a conflict: total, codes and when saved.
func describeRating(r store.Rating) string {
	total, _ := ratingTotalText(r)
	codes := make([]string, len(r.Items))
	for i, c := range r.Items {
		codes[i] = strconv.Itoa(c)
	}
	s := "total " + total + "; codes " + strings.Join(codes, " ")
	if r.Item8Type != "" {
		s += "; item 8 type " + r.Item8Type
	}
	if r.Note != "" {
		s += "; note: " + r.Note
	}
	if len(r.Created) >= 10 {
		s += "; saved " + r.Created[:10]
	}
	return s
}

// ratingTotalText returns "14/48" for a stored rating, or "not scorable".
func ratingTotalText(r store.Rating) (string, bool) {
	sr, err := r.Scoring()
	if err != nil {
		return "not scorable", false
	}
	total, valid := 0, 0
	for i := 0; i < sr.Instrument.Scored; i++ {
		if c := sr.Items[i]; c.Rated() {
			total += int(c)
			valid++
		}
	}
	return strconv.Itoa(total) + "/" + strconv.Itoa(sr.Instrument.MaxTotal()), valid == sr.Instrument.Scored
}

func (t *transferPanel) renderPlan() app.UI {
	p := &t.pending.Plan
	return app.Div().Class("transfer-plan").Body(
		app.P().Class("transfer-plan-summary").Text(planSummary(t.pending)),
		app.If(t.preview, func() app.UI { return t.renderPreview() }),
		app.Range(p.Conflicts).Slice(func(i int) app.UI {
			c := p.Conflicts[i]
			name := "transfer-conflict-" + strconv.Itoa(i)
			return app.FieldSet().Class("transfer-conflict").Body(
				app.Legend().Text("Line "+strconv.Itoa(c.Line)+": "+c.Incoming.Patient+", "+c.Incoming.Date+", "+ui.InstrumentName(c.Incoming.Instrument)),
				app.P().Body(app.Strong().Text("On this device: "), app.Text(describeRating(c.Existing))),
				app.P().Body(app.Strong().Text("In the file: "), app.Text(describeRating(c.Incoming))),
				app.Range([]store.Choice{store.KeepExisting, store.Replace, store.KeepBoth}).Slice(func(j int) app.UI {
					choice := store.Choice(j)
					id := name + "-" + strconv.Itoa(j)
					radio := app.Input().Type("radio").ID(id).Name(name).Value(strconv.Itoa(j)).
						OnChange(t.onChoice(i, choice))
					if t.choices[i] == choice {
						radio = radio.Checked(true) // never written as checked="false"
					}
					return app.Div().Class("transfer-choice").Body(radio, app.Label().For(id).Text(choice.String()))
				}),
			)
		}),
		app.Div().Class("transfer-actions").Body(
			t.button("import-confirm", "Import", t.onConfirm),
			t.button("import-cancel", "Cancel", t.onCancel),
		),
	)
}

func (t *transferPanel) onChoice(i int, c store.Choice) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i < len(t.choices) {
			t.choices[i] = c
		}
	}
}

// reset clears the outcome of the previous action.
func (t *transferPanel) reset() {
	t.failure, t.summary, t.fileName = "", "", ""
	t.problems, t.warnings, t.pending, t.choices, t.preview = nil, nil, nil, nil, false
	t.encName, t.encData, t.encPass = "", nil, ""
}

func (t *transferPanel) onExport(format string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		t.reset()
		t.busy = "Preparing the export…"
		ctx.Async(func() {
			msg, err := exportRatings(ctx, format, time.Now())
			ctx.Dispatch(func(ctx app.Context) {
				t.busy = ""
				if err != nil {
					t.failure = "The export failed: " + err.Error()
					return
				}
				t.summary = msg
			})
		})
	}
}

// exportRatings downloads every rating as format: "json" is a complete
// backup of the device (device.Backup: ratings and documents, and the
// backup reminder counts from it), "csv" the ratings in the command line's
// columns (no period, rater, note or documents, so it is not a backup);
// "fhir", "mhsds" and "meteor" are the layouts record systems and national
// returns take (package layout), made on this device like the rest. It
// returns what it did, in words.
func exportRatings(ctx app.Context, format string, now time.Time) (string, error) {
	if format == "json" {
		name, n, err := device.Backup(ctx, "", now)
		if err != nil {
			return "", err
		}
		return exported(n, name), nil
	}
	s, err := device.Store(ctx)
	if err != nil {
		return "", err
	}
	rs, err := s.Ratings(ctx)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	name, mime := store.ExportName(now, "csv"), "text/csv"
	if format == "csv" {
		err = store.WriteCSV(&buf, rs)
	} else {
		to, ferr := layout.ParseFormat(format, layout.WriteFormats)
		if ferr != nil {
			return "", ferr
		}
		store.SortRatings(rs)
		srs := make([]scoring.Rating, 0, len(rs))
		for _, r := range rs {
			sr, serr := r.Scoring()
			if serr != nil {
				return "", fmt.Errorf("the rating of %s on %s cannot be exported: %w", r.Patient, r.Date, serr)
			}
			srs = append(srs, sr)
		}
		err = layout.Write(&buf, to, srs)
		name = strings.TrimSuffix(name, ".csv") + "-" + format + ".csv"
		if to == layout.FHIR {
			name, mime = strings.TrimSuffix(name, "-fhir.csv")+".fhir.json", "application/fhir+json"
		}
	}
	if err != nil {
		return "", err
	}
	if err := fileio.Download(name, mime, buf.Bytes()); err != nil {
		return "", err
	}
	return exported(len(rs), name), nil
}

// knownColumns reports whether data is a file Honoscope reads without a
// column mapping (JSON, Honoscope's CSV with its patient and date columns,
// or a layout services export), and otherwise returns its header.
func knownColumns(data []byte) ([]string, bool) {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) == 0 || trimmed[0] == '{' || layout.Detect(data) != layout.CSV {
		return nil, true
	}
	header := layout.HeaderOf(bufio.NewReader(bytes.NewReader(data)))
	has := map[string]bool{}
	for _, h := range header {
		has[strings.ToLower(strings.TrimSpace(h))] = true
	}
	return header, has[scoring.ColPatient] || has[scoring.ColDate] || len(header) < 2
}

// exported words a finished export.
func exported(n int, name string) string {
	return "Exported " + words.Count(n, "rating", "ratings") + " to " + name + " (in your downloads)."
}

func (t *transferPanel) onImport(ctx app.Context, e app.Event) {
	t.reset()
	t.busy = "Choose a file exported from Honoscope (JSON), a CSV file, or an MHSDS, NOCC, CamCOPS or FHIR export…"
	t.async(ctx, func(ctx app.Context) {
		name, data, err := fileio.PickFile(ctx, importAccept)
		if errors.Is(err, fileio.ErrCancelled) {
			ctx.Dispatch(func(ctx app.Context) { t.busy = "" })
			return
		}
		if err != nil {
			ctx.Dispatch(func(ctx app.Context) { t.busy, t.failure = "", "The file could not be read: "+err.Error() })
			return
		}
		ctx.Dispatch(func(ctx app.Context) { t.busy = "Checking " + name + "…" })
		t.prepare(ctx, name, data, time.Now())
	})
}

// prepare checks the file against the device and shows what importing it
// would change, its problems and conflicts; nothing is written before the
// user confirms (onConfirm). It runs in ctx.Async.
func (t *transferPanel) prepare(ctx app.Context, name string, data []byte, now time.Time) {
	if crypto.IsEnvelope(data) {
		ctx.Dispatch(func(ctx app.Context) {
			t.busy, t.fileName, t.encName, t.encData, t.encPass = "", name, name, data, ""
			ui.Focus(ctx, "import-pass")
		})
		return
	}
	var im *device.Import
	var err error
	header, known := knownColumns(data)
	preview := !known || foreignLayout(data)
	if known {
		im, err = device.ReadImport(ctx, name, data, now)
	} else if m, ok := ui.MappingFor(ctx, header); ok {
		im, err = device.ReadImportMapped(ctx, name, data, &m, now)
	} else {
		err = errors.New(name + ": Honoscope does not know these columns (" + strings.Join(header[:min(len(header), 4)], ", ") +
			"…). Map them once on Team outcomes (/team) and keep the mapping under a name: the import here then reads files with those columns by it.")
	}
	if err != nil {
		ctx.Dispatch(func(ctx app.Context) { t.busy, t.failure = "", err.Error() })
		return
	}
	ctx.Dispatch(func(ctx app.Context) {
		t.busy, t.fileName = "", name
		t.problems, t.warnings = im.Parsed.Errors, im.Parsed.Warnings
		t.pending, t.preview = im, preview
		t.choices = make([]store.Choice, len(im.Plan.Conflicts))
	})
}

// foreignLayout reports whether data is another system's layout (MHSDS,
// NOCC, CamCOPS, CDU or FHIR) rather than Honoscope's own JSON or CSV.
func foreignLayout(data []byte) bool {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		head := trimmed[:min(len(trimmed), 4096)]
		return bytes.Contains(head, []byte(`"resourceType"`)) && !bytes.Contains(head, []byte(`"format"`))
	}
	return layout.Detect(data) != layout.CSV
}

// renderPreview shows the first ratings of another system's file as they
// were read, with their totals, so that a misread column is seen before
// anything is written.
func (t *transferPanel) renderPreview() app.UI {
	rs := t.pending.Parsed.Ratings
	n := min(len(rs), previewRatings)
	rows := make([]app.UI, n)
	for i := 0; i < n; i++ {
		r := rs[i]
		total, complete := ratingTotalText(r)
		codes := make([]string, len(r.Items))
		for j, c := range r.Items {
			codes[j] = strconv.Itoa(c)
		}
		valid := "yes"
		if !complete {
			valid = "not every item rated"
		}
		rows[i] = app.Tr().Body(app.Th().Scope("row").Text(r.Patient), app.Td().Text(r.Date), app.Td().Text(ui.InstrumentName(r.Instrument)),
			app.Td().Text(strings.Join(codes, " ")), app.Td().Text(total), app.Td().Text(valid))
	}
	caption := "The " + words.Count(n, "rating", "ratings") + " as read from " + t.pending.Name + ": check them before importing"
	if n < len(rs) {
		caption = "The first " + strconv.Itoa(n) + " of " + strconv.Itoa(len(rs)) + " ratings as read from " + t.pending.Name + ": check them before importing"
	}
	return ui.ScrollBox(caption).Body(app.Table().ID("import-preview").Class("data-table").Body(
		app.Caption().Text(caption),
		app.THead().Body(app.Tr().Body(app.Th().Scope("col").Text("Person"), app.Th().Scope("col").Text("Date"),
			app.Th().Scope("col").Text("Instrument"), app.Th().Scope("col").Text("Items"), app.Th().Scope("col").Text("Total"),
			app.Th().Scope("col").Text("All items rated"))),
		app.TBody().Body(rows...),
	))
}

// finish reports an applied import and tells the page to read again.
func (t *transferPanel) finish(ctx app.Context, sum store.Summary, docs []store.Document, err error) {
	if err != nil {
		t.failure = "Nothing was imported: " + err.Error()
		return
	}
	t.summary = importSummary(t.fileName, sum)
	if d := docsSummary(docs); d != "" {
		t.summary += " Also added: " + d + "."
	}
	if sum.Added+sum.Replaced > 0 || len(docs) > 0 {
		if t.OnChange != nil {
			t.OnChange(ctx)
		}
	}
}

// importSummary words what an import did.
func importSummary(file string, s store.Summary) string {
	return "Imported from " + file + ": " + words.Count(s.Added, "rating", "ratings") + " added, " +
		strconv.Itoa(s.Replaced) + " replaced, " + strconv.Itoa(s.Kept) + " kept as they were, " +
		strconv.Itoa(s.Identical) + " already on this device."
}

func (t *transferPanel) onConfirm(ctx app.Context, e app.Event) {
	if t.pending == nil {
		return
	}
	im, choices := t.pending, append([]store.Choice{}, t.choices...)
	t.busy = "Importing…"
	t.async(ctx, func(ctx app.Context) {
		sum, err := im.Apply(ctx, choices, time.Now())
		ctx.Dispatch(func(ctx app.Context) {
			t.busy, t.pending, t.choices, t.problems, t.preview = "", nil, nil, nil, false
			t.finish(ctx, sum, im.Docs, err)
		})
	})
}

func (t *transferPanel) onCancel(ctx app.Context, e app.Event) {
	t.reset()
	t.summary = "Import cancelled: nothing was changed."
}
