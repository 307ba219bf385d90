package tools

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"honoscope/app/ui"

	"honoscope/app/words"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/chart"
	"honoscope/app/fileio"
	"honoscope/app/teamreport"
	"honoscope/scoring"
	"honoscope/scoring/layout"
)

// teamFileInput is the id of the page's file input; a drop puts its file
// there too, so both ways read through fileio.OpenInput.
const teamFileInput = "team-file"

// allValues is the value of a filter option that keeps every pair; other
// options are "=" followed by the label ("=" alone: not recorded).
const allValues = "*"

// teamPage is "/team": a trust's export analysed in the browser, with
// outcome feedback and expected-change ranges. Nothing leaves the device.
type teamPage struct {
	app.Compo

	loading   bool
	analysing bool
	progress  int
	fileName  string
	status    string
	failure   string
	cancel    context.CancelFunc

	data    *teamData
	mapping *mappingStep // set while the user maps a file Honoscope does not know
	// page is the page's own context, from OnMount. go-app drops the
	// updates of work started from an element that has since gone, so
	// work that outlives the control that started it (the mapping step's
	// button, gone once the file is read) runs from the page's context.
	page   app.Context
	res    *scoring.Analysis
	charts []chart.Chart
	// pictures are the report's pictures (teamreport) for pictureTeam
	// ("" every team) against all teams.
	pictures    *teamreport.Report
	pictureTeam string
	settings    string // the error of the method settings, if any

	method, threshold, sd, reliability, es, cutoff, pairing, maxUnknown string
	// validity is "" for Honoscope's rule (maxUnknown) or a preset's name.
	validity string
	// own holds an instrument's own threshold, cut-off and unknown items
	// allowed, as typed ("" keeps the settings above), keyed by the
	// field's id ("team-cutoff-honosca").
	own                                                     map[string]string
	fInstrument, fBand, fTeam, fSetting, fOccasion, groupBy string
}

// OnInit sets the command line's defaults.
func (p *teamPage) OnInit() {
	t := scoring.DefaultSettings().Text()
	p.method, p.threshold, p.es, p.cutoff, p.pairing, p.maxUnknown = t.Method, t.Threshold, t.EffectSize, t.Cutoff, t.Pairing, t.MaxUnknown
	p.resetFilters()
}

func (p *teamPage) resetFilters() {
	p.fInstrument, p.fBand, p.fTeam, p.fSetting, p.fOccasion, p.groupBy = allValues, allValues, allValues, allValues, allValues, "none"
}

// OnMount keeps the page's own context.
func (p *teamPage) OnMount(ctx app.Context) { p.page = ctx }

// OnResize draws the report's plots again for the width they now have.
func (p *teamPage) OnResize(ctx app.Context) {
	if p.res == nil {
		return
	}
	if charts, err := scatterCharts(p.res.Kept, p.res.UsedFor, ui.FigureWidth("team-scatter-0")); err == nil {
		p.charts = charts
	}
	if r, err := pictures(p.res.Kept, p.pictureTeam, ui.FigureWidth(picturesFigure)); err == nil {
		p.pictures = r
	}
}

// OnDismount stops a load in progress.
func (p *teamPage) OnDismount() {
	if p.cancel != nil {
		p.cancel()
	}
}

// load reads the file now in the input, streaming it, and analyses it.
func (p *teamPage) load(ctx app.Context) { p.loadWith(ctx, nil) }

// loadWith reads the file now in the input by the column mapping m (nil:
// by its own layout), streaming it, and analyses it. A file whose layout
// Honoscope does not know starts the mapping step.
func (p *teamPage) loadWith(ctx app.Context, m *layout.Mapping) {
	p.loadFrom(ctx, func(c context.Context) (*fileio.Stream, error) { return fileio.OpenInput(c, teamFileInput) }, m)
}

// ExampleExport is the made-up team export the site ships in web/ (made
// by synth.Example), for trying the team page without a file of one's own.
const ExampleExport = "/web/team-example.csv"

// loadExample loads the example export from the site itself.
func (p *teamPage) loadExample(ctx app.Context, e app.Event) {
	p.loadFrom(ctx, func(c context.Context) (*fileio.Stream, error) {
		return fileio.OpenURL(c, ui.Href(ExampleExport), "example export (made-up people).csv")
	}, nil)
}

// loadFrom reads the file open gives by the column mapping m (nil: by its
// own layout), streaming it, and analyses it.
func (p *teamPage) loadFrom(ctx app.Context, open func(context.Context) (*fileio.Stream, error), m *layout.Mapping) {
	if p.cancel != nil {
		p.cancel()
	}
	c, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.loading, p.progress, p.failure, p.status = true, 0, "", "Opening the file…"
	ctx.Async(func() {
		st, err := open(c)
		if err != nil {
			ctx.Dispatch(func(ctx app.Context) { p.loadFailed(c, err) })
			return
		}
		defer st.Close()
		name, size := st.Name(), st.Size()
		ctx.Dispatch(func(ctx app.Context) { p.fileName, p.status = name, "Reading "+name+": 0%" })
		last := -1
		d, err := loadTeam(name, st, size, func() {
			pc := 100
			if size > 0 {
				pc = int(100 * st.Done() / size)
			}
			if pc != last {
				last = pc
				ctx.Dispatch(func(ctx app.Context) {
					if p.loading && c.Err() == nil {
						p.progress, p.status = pc, "Reading "+name+": "+strconv.Itoa(pc)+"%"
					}
				})
			}
		}, m)
		ctx.Dispatch(func(ctx app.Context) {
			var nm *needsMapping
			if errors.As(err, &nm) && c.Err() == nil {
				p.loading, p.cancel = false, nil
				p.startMapping(ctx, nm)
				return
			}
			if err != nil {
				p.loadFailed(c, err)
				return
			}
			if c.Err() != nil {
				return
			}
			p.loading, p.progress, p.cancel = false, 100, nil
			p.data, p.mapping = d, nil
			p.resetFilters()
			p.analyse(ctx)
		})
	})
}

func (p *teamPage) loadFailed(c context.Context, err error) {
	p.loading = false
	switch {
	case c.Err() != nil || errors.Is(err, context.Canceled):
		p.status = "Cancelled: the file was not loaded."
		if p.data != nil {
			p.status += " The report below is still from " + p.data.Name + "."
		}
	case errors.Is(err, fileio.ErrCancelled):
		p.status = "No file was chosen."
	default:
		p.status = ""
		p.failure = "The file could not be read: " + err.Error()
	}
}

// stop cancels a load in progress.
func (p *teamPage) stop(ctx app.Context, e app.Event) {
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	p.loading = false
	p.status = "Cancelled: the file was not loaded."
}

// options reads the method settings, saying what to fix.
func (p *teamPage) options() (scoring.Settings, error) {
	s, err := scoring.ParseSettings(scoring.SettingsText{
		Method: p.method, Threshold: p.threshold, SD: p.sd, Reliability: p.reliability,
		EffectSize: p.es, Cutoff: p.cutoff, Pairing: p.pairing, MaxUnknown: p.maxUnknown,
	})
	if err != nil {
		return s, err
	}
	for _, in := range scoring.Instruments() {
		id := string(in.ID)
		if s, err = scoring.ParseInstrumentSettings(s, in.ID, scoring.SettingsText{
			Threshold: p.own["team-threshold-"+id], Cutoff: p.own["team-cutoff-"+id], MaxUnknown: p.own["team-max-unknown-"+id],
		}); err != nil {
			return s, err
		}
	}
	return s.WithPreset(p.validity)
}

func (p *teamPage) filter() (scoring.Filter, scoring.Dimensions) {
	var f scoring.Filter
	val := func(v string) *string {
		if v == allValues || !strings.HasPrefix(v, "=") {
			return nil
		}
		s := v[1:]
		return &s
	}
	if v := val(p.fInstrument); v != nil {
		id := scoring.InstrumentID(*v)
		f.Instrument = &id
	}
	f.Band, f.Team, f.Setting, f.Occasion = val(p.fBand), val(p.fTeam), val(p.fSetting), val(p.fOccasion)
	by := map[string]scoring.Dimensions{"team": scoring.ByTeam, "setting": scoring.BySetting, "occasion": scoring.ByOccasion,
		"band": scoring.ByBand, "instrument": scoring.ByInstrument}[p.groupBy]
	return f, by
}

// analyse re-pairs and classifies the kept ratings with the current
// settings; the file is not read again. The work runs after the browser has
// had a moment to show "Analysing…".
func (p *teamPage) analyse(ctx app.Context) {
	if p.data == nil {
		return
	}
	s, err := p.options()
	if err != nil {
		p.settings, p.res, p.charts, p.pictures = err.Error(), nil, nil, nil
		return
	}
	p.settings = ""
	f, by := p.filter()
	d := p.data
	team := p.pictureTeam
	p.analysing, p.status = true, "Analysing "+d.Name+"…"
	ctx.Async(func() {
		time.Sleep(15 * time.Millisecond) // let the browser paint the status
		res, err := analyseTeam(d, s, f, by, utcToday())
		var charts []chart.Chart
		var pics *teamreport.Report
		if err == nil {
			charts, err = scatterCharts(res.Kept, res.UsedFor, ui.FigureWidth("team-scatter-0"))
		}
		if err == nil {
			// A team the filters now leave out falls back to every team.
			if !hasTeam(res.Kept, team) {
				team = ""
			}
			pics, err = pictures(res.Kept, team, ui.FigureWidth(picturesFigure))
		}
		ctx.Dispatch(func(ctx app.Context) {
			if p.data != d {
				return
			}
			p.analysing = false
			if err != nil {
				p.settings, p.res, p.charts, p.pictures, p.status = err.Error(), nil, nil, nil, ""
				return
			}
			p.res, p.charts, p.pictures, p.pictureTeam = res, charts, pics, team
			p.status = "Report ready: " + words.Count(res.Counts.Pairs, "pair", "pairs") + " from " + d.Name + "."
		})
	})
}

// onField stores a control's value, found by the control's id, and
// analyses again. One handler serves every control: go-app keeps an
// element's first handler when a re-render puts another control in its
// place, so a handler must not capture which field it sets.
func (p *teamPage) onField(ctx app.Context, e app.Event) {
	src := ctx.JSSrc()
	dst := map[string]*string{
		"team-method": &p.method, "team-threshold": &p.threshold, "team-sd": &p.sd, "team-r": &p.reliability,
		"team-es": &p.es, "team-cutoff": &p.cutoff, "team-pairing": &p.pairing, "team-max-unknown": &p.maxUnknown,
		"team-validity":     &p.validity,
		"team-f-instrument": &p.fInstrument, "team-f-band": &p.fBand, "team-f-team": &p.fTeam,
		"team-f-setting": &p.fSetting, "team-f-occasion": &p.fOccasion, "team-group": &p.groupBy,
	}[src.Get("id").String()]
	if id := src.Get("id").String(); dst == nil && strings.HasPrefix(id, "team-") && instrumentField(id) {
		if p.own == nil {
			p.own = map[string]string{}
		}
		p.own[id] = src.Get("value").String()
		p.analyse(ctx)
		return
	}
	if dst == nil {
		return
	}
	*dst = src.Get("value").String()
	p.analyse(ctx)
}

// instrumentField reports whether a control's id is an instrument's own
// setting: "team-cutoff-honosca" and the like.
func instrumentField(id string) bool {
	for _, in := range scoring.Instruments() {
		for _, f := range []string{"team-threshold-", "team-cutoff-", "team-max-unknown-"} {
			if id == f+string(in.ID) {
				return true
			}
		}
	}
	return false
}

// onDrop puts a dropped file into the file input and loads it.
func (p *teamPage) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	files := e.Get("dataTransfer").Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	app.Window().GetElementByID(teamFileInput).Set("files", files)
	p.load(ctx)
}

func (p *teamPage) onDragOver(ctx app.Context, e app.Event) { e.PreventDefault() }

// onDropKey opens the file chooser from the drop zone with Enter or Space.
func (p *teamPage) onDropKey(ctx app.Context, e app.Event) {
	if k := e.Get("key").String(); k == "Enter" || k == " " {
		e.PreventDefault()
		app.Window().GetElementByID(teamFileInput).Call("click")
	}
}

func (p *teamPage) downloadCSV(ctx app.Context, e app.Event) {
	if p.res == nil {
		return
	}
	if err := fileio.Download("honoscope-team-summary.csv", "text/csv", summaryCSV(p.res)); err != nil {
		p.failure = "The download failed: " + err.Error()
	}
}

func (p *teamPage) downloadRanges(ctx app.Context, e app.Event) {
	if p.res == nil {
		return
	}
	b, err := rangesJSON(p.res)
	if err == nil {
		err = fileio.Download("honoscope-ranges-"+p.res.Ranges.Created+".json", "application/json", b)
	}
	if err != nil {
		p.failure = "The download failed: " + err.Error()
	}
}

func (p *teamPage) print(ctx app.Context, e app.Event) { app.Window().Call("print") }

// Render draws the page.
func (p *teamPage) Render() app.UI {
	return ui.Shell("/team", "Team outcomes",
		app.P().Class("lead").Text("Load your trust's export of HoNOS ratings to see how patients' scores changed, by team, setting and severity, and the range of change to expect. The file is read on this device: nothing is uploaded."),
		p.renderLoader(),
		p.renderMapping(),
		p.renderSettings(),
		p.renderReport(),
	)
}

func (p *teamPage) renderLoader() app.UI {
	return app.Section().Class("team-load no-print").Aria("labelledby", "team-load-h").Body(
		app.H2().ID("team-load-h").Text("Load a file"),
		app.P().Body(
			app.Text("A CSV file in the command-line format: a header row with "),
			app.Code().Text("patient,date,item1,…,item12"), app.Text(" and optionally "),
			app.Code().Text("instrument, team, setting, occasion, item8_type"), app.Text(" (as for "), app.Code().Text("honoscope score"), app.Text(")."),
		),
		app.P().Text("The layouts services export are read as they are and told apart by their first line: an MHSDS long extract (one row per item), a NOCC extract (PID, ColDt, Hnos01…), a CamCOPS HoNOS table, the CDU honos package's layout, or a FHIR Bundle that Honoscope wrote."),
		app.Div().Class("team-pick").Body(
			app.Label().For(teamFileInput).Text("Choose a ratings file (CSV or FHIR JSON)"),
			app.Input().Type("file").ID(teamFileInput).Accept(".csv,text/csv,.json,application/json,application/fhir+json").
				OnChange(func(ctx app.Context, e app.Event) { p.load(ctx) }),
		),
		app.Div().ID("team-drop").Class("team-drop").TabIndex(0).Attr("role", "button").
			Aria("label", "Drop a ratings file here, or press Enter to choose one").
			OnDragOver(p.onDragOver).OnDrop(p.onDrop).OnKeyDown(p.onDropKey).
			Text("Drop a ratings file here (or press Enter to choose one)"),
		app.P().Class("team-example").Body(
			app.Button().ID("team-example").Class("button").Type("button").Text("Try it with example data").OnClick(p.loadExample),
			app.Text(" A made-up export of eight teams that comes with Honoscope: no real person is in it."),
		),
		app.Div().Class("team-progress").Body(
			app.If(p.loading, func() app.UI {
				return app.Div().Body(
					app.Label().For("team-progress").Text("Progress"),
					app.Progress().ID("team-progress").Max(100).Value(p.progress).Text(strconv.Itoa(p.progress)+"%"),
					app.Button().ID("team-cancel").Class("button").Type("button").Text("Cancel").OnClick(p.stop),
				)
			}),
			app.P().ID("team-status").Attr("role", "status").Aria("live", "polite").Text(p.status),
		),
		app.If(p.failure != "", func() app.UI {
			return app.P().ID("team-failure").Class("error").Attr("role", "alert").Text(p.failure)
		}),
	)
}

func selectOf(id, label, value string, onChange app.EventHandler, opts [][2]string) app.UI {
	options := make([]app.UI, len(opts))
	for i, o := range opts {
		options[i] = app.Option().Value(o[0]).Selected(o[0] == value).Text(o[1])
	}
	return app.Div().Class("team-field").Body(
		app.Label().For(id).Text(label),
		app.Select().ID(id).OnChange(onChange).Body(options...),
	)
}

func (p *teamPage) numberField(id, label, value, hint string) app.UI {
	return app.Div().Class("team-field").Body(
		app.Label().For(id).Text(label),
		app.Input().Type("text").ID(id).Attr("inputmode", "decimal").Value(value).Aria("describedby", id+"-hint").OnChange(p.onField),
		app.Span().ID(id+"-hint").Class("muted").Text(hint),
	)
}

func (p *teamPage) renderSettings() app.UI {
	fields := []app.UI{
		selectOf("team-method", "Method of reliable change", p.method, p.onField, [][2]string{
			{"threshold", "Fixed threshold (Parabiaghi et al. 2005)"},
			{"jt", "Jacobson–Truax reliable change index (1991)"},
			{"es", "Effect size (METEOR 584024)"},
		}),
	}
	switch p.method {
	case "jt":
		fields = append(fields,
			p.numberField("team-sd", "SD of baseline totals", p.sd, "required"),
			p.numberField("team-r", "Reliability r", p.reliability, "from 0 up to 1, required"))
	case "es":
		fields = append(fields,
			p.numberField("team-es", "Effect size", p.es, "default 0.5"),
			p.numberField("team-sd", "SD of baseline totals", p.sd, "leave empty for the SD of the pairs' own baselines"))
	default:
		fields = append(fields, p.numberField("team-threshold", "Threshold in points", p.threshold, "default 8"))
	}
	fields = append(fields,
		p.numberField("team-cutoff", "Clinical cut-off", p.cutoff, "default 11"),
		selectOf("team-pairing", "Pairs", p.pairing, p.onField, [][2]string{
			{"earliest", "Earliest and latest rating of each person"},
			{"consecutive", "Each rating with the next"},
		}),
		selectOf("team-validity", "Which totals are valid", p.validity, p.onField, [][2]string{
			{"default", "Honoscope's rule: a number of unknown items allowed"},
			{scoring.PresetNHSE, "NHS England's rule (AMH04): 9 of 12 items rated, HoNOSCA all 13"},
		}),
	)
	if p.validity == "" || p.validity == "default" {
		fields = append(fields, p.numberField("team-max-unknown", "Unknown items allowed in a valid total", p.maxUnknown, "default 2"))
	}
	var own []app.UI
	for _, in := range scoring.Instruments() {
		id := string(in.ID)
		group := []app.UI{app.Legend().Text(in.Name)}
		if p.method == "" || p.method == "threshold" {
			group = append(group, p.numberField("team-threshold-"+id, "Threshold in points", p.own["team-threshold-"+id], "empty: as above"))
		}
		group = append(group, p.numberField("team-cutoff-"+id, "Clinical cut-off", p.own["team-cutoff-"+id], "empty: as above"))
		if p.validity == "" || p.validity == "default" {
			group = append(group, p.numberField("team-max-unknown-"+id, "Unknown items allowed", p.own["team-max-unknown-"+id], "empty: as above"))
		}
		own = append(own, app.FieldSet().Class("team-fields").Body(group...))
	}
	return app.Section().Class("team-settings no-print").Aria("labelledby", "team-settings-h").Body(
		app.H2().ID("team-settings-h").Text("Method"),
		app.P().Text("The same settings as the command line (honoscope change). Changing one analyses the loaded file again."),
		app.Div().Class("team-fields").Body(fields...),
		app.Details().ID("team-own").Body(append([]app.UI{
			app.Summary().Text("Settings for one instrument"),
			app.P().Text("Each instrument's pairs are classified by its own settings, never pooled with another's: the effect-size SD comes from its own pairs. Give an instrument its own threshold, cut-off or unknown items allowed here; the method line says what applied."),
		}, own...)...),
		app.If(p.settings != "", func() app.UI {
			return app.P().ID("team-settings-error").Class("error").Attr("role", "alert").Text(p.settings)
		}),
	)
}

func labelOptions(values []string) [][2]string {
	out := [][2]string{{allValues, "All"}}
	for _, v := range values {
		name := v
		if v == "" {
			name = "(not recorded)"
		}
		out = append(out, [2]string{"=" + v, name})
	}
	return out
}

func (p *teamPage) renderFilters() app.UI {
	d := p.data
	ins := [][2]string{{allValues, "All"}}
	for _, in := range d.ratings.Instruments() {
		ins = append(ins, [2]string{"=" + string(in.ID), in.Name})
	}
	return app.Div().Class("team-filters no-print").Body(
		app.H3().Text("Show and group"),
		app.P().Class("muted").Text("A pair belongs to the team, setting and occasion of its first rating, and to the severity band of its first total."),
		app.Div().Class("team-fields").Body(
			selectOf("team-f-instrument", "Instrument", p.fInstrument, p.onField, ins),
			selectOf("team-f-band", "Baseline severity band", p.fBand, p.onField, labelOptions([]string{"mild", "moderate", "severe", scoring.NotBanded})),
			selectOf("team-f-team", "Team", p.fTeam, p.onField, labelOptions(d.ratings.Labels(scoring.LabelTeam))),
			selectOf("team-f-setting", "Setting", p.fSetting, p.onField, labelOptions(d.ratings.Labels(scoring.LabelSetting))),
			selectOf("team-f-occasion", "Occasion", p.fOccasion, p.onField, labelOptions(d.ratings.Labels(scoring.LabelOccasion))),
			selectOf("team-group", "Group by", p.groupBy, p.onField, [][2]string{
				{"none", "No grouping"}, {"team", "Team"}, {"setting", "Setting"}, {"occasion", "Occasion"},
				{"band", "Baseline severity band"}, {"instrument", "Instrument"},
			}),
		),
	)
}

// table renders a data table with a caption, column headers and the first
// cell of each row as its row header.
func table(id string, t chart.Table) app.UI {
	head := make([]app.UI, len(t.Headers))
	for i, h := range t.Headers {
		head[i] = app.Th().Scope("col").Text(h)
	}
	rows := make([]app.UI, len(t.Rows))
	for i, r := range t.Rows {
		cells := make([]app.UI, len(r))
		for j, c := range r {
			if j == 0 {
				cells[j] = app.Th().Scope("row").Text(c)
			} else {
				cells[j] = app.Td().Text(c)
			}
		}
		rows[i] = app.Tr().Body(cells...)
	}
	tb := app.Table().Class("team-table").Body(
		app.Caption().Text(t.Caption),
		app.THead().Body(app.Tr().Body(head...)),
		app.TBody().Body(rows...),
	)
	if id != "" {
		tb = tb.ID(id)
	}
	return ui.ScrollBox(t.Caption).Body(tb)
}

func (p *teamPage) methodLine() app.UI {
	return app.P().Class("team-method").Text("Method: " + p.res.Method + ".")
}

func (p *teamPage) renderReport() app.UI {
	if p.data == nil {
		return app.Div()
	}
	d := p.data
	body := []app.UI{
		app.H2().ID("team-report-h").Text("Report: " + d.Name),
		app.P().Class("print-only").Text("Made with Honoscope on this device from " + d.Name + "."),
	}
	if d.Layout != layout.CSV {
		body = append(body, app.P().ID("team-layout").Text("Read as "+d.Layout.Title()+"."))
	}
	body = append(body, p.renderProblems()...)
	if p.res == nil {
		body = append(body, p.renderFilters())
		return app.Section().ID("team-report-pending").Aria("labelledby", "team-report-h").Body(body...)
	}
	res := p.res
	n := res.Counts
	counts := chart.Table{Caption: "What the file holds", Headers: []string{"Count", "Number"}, Rows: [][]string{
		{"Data rows read", strconv.Itoa(d.Rows)},
		{"Rows left out (see above)", strconv.Itoa(d.Rejected)},
		{"People", strconv.Itoa(n.People)},
		{"Ratings", strconv.Itoa(n.Ratings)},
		{"Ratings with a valid total", strconv.Itoa(n.ValidRatings)},
		{"Pairs", strconv.Itoa(n.Pairs)},
		{"People with a single valid rating (per instrument): no change can be shown", strconv.Itoa(n.Singles)},
	}}
	body = append(body,
		app.Section().Class("team-block").Body(p.methodLine(), table("team-counts", counts)),
		app.Aside().Class("team-cautions").Aria("labelledby", "team-cautions-h").Body(
			app.H3().ID("team-cautions-h").Text("Reading this report"),
			app.Ul().Body(
				app.Li().Text("Stability is a good outcome for many patients: “no reliable change” is not failure, especially in long-term and older adults' care."),
				app.Li().Text("Compare like with like: teams differ in case mix (severity at the start, diagnosis, setting), so compare a team with itself over time or with the expected ranges for the same band and setting."),
				app.Li().Text("Small groups are noisy: a few patients can move a percentage a long way. Ranges from fewer than 10 pairs are not shown."),
			),
		),
		p.renderFilters(),
		p.renderPictures(),
		p.renderOutcomes(),
		p.renderSubscales(),
		p.renderItems(),
		p.renderScatter(),
		p.renderRanges(),
		app.Section().Class("team-block no-print").Aria("labelledby", "team-export-h").Body(
			app.H2().ID("team-export-h").Text("Export"),
			p.methodLine(),
			app.Div().Class("actions").Body(
				app.Button().ID("team-export-csv").Class("button").Type("button").Text("Download the summary tables (CSV)").OnClick(p.downloadCSV),
				app.Button().ID("team-print").Class("button").Type("button").Text("Print the report").OnClick(p.print),
			),
		),
	)
	return app.Section().ID("team-report").Aria("labelledby", "team-report-h").Body(body...)
}

func (p *teamPage) renderProblems() []app.UI {
	d := p.data
	var out []app.UI
	list := func(id, title, intro string, items []*scoring.RowError, total int) app.UI {
		lis := make([]app.UI, len(items))
		for i, e := range items {
			lis[i] = app.Li().Text(e.Error())
		}
		more := ""
		if total > len(items) {
			more = "The first " + strconv.Itoa(len(items)) + " are listed; " + strconv.Itoa(total-len(items)) + " more are not."
		}
		return app.Section().ID(id).Class("team-block").Body(
			app.H3().Text(title),
			app.P().ID(id+"-count").Text(intro),
			app.Ul().Class("team-problem-list").Body(lis...),
			app.If(more != "", func() app.UI { return app.P().Text(more) }),
		)
	}
	if d.Rejected > 0 {
		out = append(out, list("team-problems", "Rows left out",
			words.Count(d.Rejected, "row was", "rows were")+" left out of "+strconv.Itoa(d.Rows)+"; the other rows are analysed. Correct them in the file and load it again.",
			d.Problems, d.Rejected))
	}
	if d.NWarnings > 0 {
		out = append(out, list("team-warnings", "Warnings", words.Count(d.NWarnings, "warning", "warnings")+": the rows were kept.", d.Warnings, d.NWarnings))
	}
	return out
}

func (p *teamPage) groups() ([]scoring.Summary, []string) {
	res := p.res
	sums := append(append([]scoring.Summary{}, res.Overall...), res.Groups...)
	names := make([]string, len(sums))
	for i := range sums {
		if i < len(res.Overall) {
			names[i] = "All pairs shown"
		} else {
			names[i] = groupName(sums[i].Key, res.By)
		}
	}
	return sums, names
}

func (p *teamPage) renderOutcomes() app.UI {
	sums, names := p.groups()
	t := chart.Table{Caption: "Outcome of each pair, by group", Headers: []string{"Group", "Pairs"}}
	for _, c := range scoring.Categories {
		t.Headers = append(t.Headers, ui.Capitalise(chart.CategoryName(c)))
	}
	t.Headers = append(t.Headers, "Mean change of the total (negative = fewer problems)")
	for i := range sums {
		s := &sums[i]
		row := []string{names[i], strconv.Itoa(s.Pairs)}
		for _, c := range scoring.Categories {
			row = append(row, strconv.Itoa(s.Count(c))+" ("+words.Percent(s.Count(c), s.Pairs, "–")+")")
		}
		t.Rows = append(t.Rows, append(row, words.SignedDecimal(s.MeanChange, 1)))
	}
	if len(sums) == 0 {
		t.Rows = append(t.Rows, []string{"No pairs match", "0", "–", "–", "–", "–", "–", "–"})
	}
	return app.Section().Class("team-block").Aria("labelledby", "team-outcomes-h").Body(
		app.H2().ID("team-outcomes-h").Text("Outcomes"),
		p.methodLine(),
		app.P().Text("Recovered: a reliable improvement from at or above the cut-off to below it. Improved: a reliable improvement otherwise. No reliable change: within measurement error (stable). Deteriorated and harmed mirror improved and recovered."),
		table("team-outcomes", t),
	)
}

func (p *teamPage) renderSubscales() app.UI {
	sums, names := p.groups()
	var tables []app.UI
	for _, in := range scoring.Instruments() {
		var t chart.Table
		for i := range sums {
			for _, d := range sums[i].Instruments {
				if d.Instrument != in {
					continue
				}
				if t.Caption == "" {
					t.Caption = in.Name + ": mean change of each subscale (" + in.Subscales.Name + "; negative = fewer problems)"
					t.Headers = []string{"Group", "Pairs"}
					for _, g := range d.Groups {
						t.Headers = append(t.Headers, g.Name)
					}
				}
				row := []string{names[i], strconv.Itoa(d.Pairs)}
				for _, g := range d.Groups {
					if g.Pairs == 0 {
						row = append(row, "–")
					} else {
						row = append(row, words.SignedDecimal(g.MeanChange, 1)+" ("+strconv.Itoa(g.Pairs)+")")
					}
				}
				t.Rows = append(t.Rows, row)
			}
		}
		if t.Caption != "" {
			tables = append(tables, table("team-subscales-"+string(in.ID), t))
		}
	}
	return app.Section().Class("team-block").Aria("labelledby", "team-subscales-h").Body(
		app.H2().ID("team-subscales-h").Text("Mean change of the total's parts"),
		p.methodLine(),
		app.P().Text("In brackets: the pairs where every item of the subscale was rated at both ratings."),
		app.Div().Body(tables...),
	)
}

func (p *teamPage) renderItems() app.UI {
	sums, names := p.groups()
	var blocks []app.UI
	for i := range sums {
		for _, d := range sums[i].Instruments {
			t := chart.Table{
				Caption: d.Instrument.Name + ", " + names[i] + ": items moving between high (3–4) and low (0–2)",
				Headers: []string{"Item", "Pairs rated at both", "High to low (improved)", "Low to high (deteriorated)"},
			}
			for _, it := range d.Items {
				title := strconv.Itoa(it.Item)
				if it.Item <= len(d.Instrument.Items) {
					title += ". " + d.Instrument.Items[it.Item-1].Title
				}
				t.Rows = append(t.Rows, []string{title, strconv.Itoa(it.Assessable),
					strconv.Itoa(it.HighLow) + " (" + words.Percent(it.HighLow, it.Assessable, "–") + ")",
					strconv.Itoa(it.LowHigh) + " (" + words.Percent(it.LowHigh, it.Assessable, "–") + ")"})
			}
			blocks = append(blocks, table("team-items-"+strconv.Itoa(i)+"-"+string(d.Instrument.ID), t))
		}
	}
	return app.Section().Class("team-block").Aria("labelledby", "team-items-h").Body(
		app.H2().ID("team-items-h").Text("Change item by item"),
		p.methodLine(),
		app.P().Text("The share of pairs in which an item went from a high rating (3 or 4) to a low one (0–2), and the reverse (Crawford et al. 2017)."),
		app.Div().Body(blocks...),
	)
}

// picturesFigure is the figure whose width the pictures are drawn for.
const picturesFigure = "team-pictures"

// pictures draws the report's pictures of pairs for team ("" every team),
// for width, leaving out groups under teamreport.MinGroup pairs as the
// report file does, so that the page and the file agree figure for figure.
func pictures(pairs []scoring.Pair, team string, width float64) (*teamreport.Report, error) {
	return teamreport.Build(pairs, teamreport.Options{Team: team, Width: width, MinGroup: teamreport.MinGroup})
}

func hasTeam(pairs []scoring.Pair, team string) bool {
	if team == "" {
		return true
	}
	for i := range pairs {
		if teamreport.TeamOf(&pairs[i]) == team {
			return true
		}
	}
	return false
}

// onPictureTeam draws the pictures for the team chosen.
func (p *teamPage) onPictureTeam(ctx app.Context, e app.Event) {
	if p.res == nil {
		return
	}
	// Options are allValues for every team, "=" and the name for one.
	team := strings.TrimPrefix(ctx.JSSrc().Get("value").String(), "=")
	if team == allValues {
		team = ""
	}
	r, err := pictures(p.res.Kept, team, ui.FigureWidth(picturesFigure))
	if err != nil {
		p.status = err.Error()
		return
	}
	p.pictures, p.pictureTeam = r, team
	if team == "" {
		p.status = "Showing every team."
	} else {
		p.status = "Showing " + team + " against all teams."
	}
}

// renderPictures draws the report's pictures, each with its words and its
// data as a table, with the choice of one team against all teams.
func (p *teamPage) renderPictures() app.UI {
	r := p.pictures
	if r == nil {
		return app.Div()
	}
	opts := [][2]string{{allValues, "Every team"}}
	for _, t := range teamreport.Teams(p.res.Kept) {
		opts = append(opts, [2]string{"=" + t.Team, t.Team + " (" + words.Count(t.Pairs, "pair", "pairs") + ") against all teams"})
	}
	value := allValues
	if r.Team != "" {
		value = "=" + r.Team
	}
	heading := "Outcomes in pictures: every team"
	if r.Team != "" {
		heading = "Outcomes in pictures: " + r.Team + " against all teams"
	}
	body := []app.UI{
		app.H2().ID("team-pictures-h").Text(heading),
		p.methodLine(),
		app.Div().Class("team-filters no-print").Body(selectOf("team-pictures-team", "Show", value, p.onPictureTeam, opts)),
		app.P().Text("Groups of fewer than " + strconv.Itoa(r.MinGroup) + " pairs (a team, a quarter, a band, an item) are left out of the pictures, as in the report file made by the command line; the tables further down show every group."),
	}
	if len(r.Sections) == 0 {
		body = append(body, app.P().Text("No pairs match the filters."))
	}
	for _, sec := range r.Sections {
		id := "team-pictures-" + string(sec.Instrument.ID)
		body = append(body, app.H3().ID(id+"-h").Text(sec.Instrument.Name+": "+words.Count(sec.Pairs, "pair", "pairs")))
		if len(sec.Small) > 0 {
			body = append(body, app.P().ID(id+"-small").Text("Teams left out of the comparisons, with fewer than "+strconv.Itoa(r.MinGroup)+" pairs: "+strings.Join(sec.Small, ", ")+"."))
		}
		if len(sec.Figures) == 0 {
			body = append(body, app.P().Text(sec.Empty(r.MinGroup)))
		}
		for _, f := range sec.Figures {
			body = append(body, app.Div().Class("team-picture").Body(
				app.H4().Text(f.Heading),
				app.P().Text(f.Intro),
				ui.ChartFigure(f.ID, f.Chart),
			))
		}
	}
	return app.Section().ID(picturesFigure+"-figure").Class("team-block").Aria("labelledby", "team-pictures-h").Body(body...)
}

func (p *teamPage) renderScatter() app.UI {
	var figs []app.UI
	for i, c := range p.charts {
		figs = append(figs, app.Figure().ID("team-scatter-"+strconv.Itoa(i)+"-figure").Class("team-chart").Body(
			app.Raw(c.SVG),
			app.FigCaption().Text(c.Summary),
			table("team-scatter-table-"+strconv.Itoa(i), c.Table),
		))
	}
	return app.Section().Class("team-block").Aria("labelledby", "team-scatter-h").Body(
		app.H2().ID("team-scatter-h").Text("First and latest totals (Jacobson plot)"),
		p.methodLine(),
		app.Div().Body(figs...),
	)
}

func (p *teamPage) renderRanges() app.UI {
	rf := &p.res.Ranges
	t := chart.Table{Caption: "Expected change of the total, by instrument, baseline band and setting (all pairs in the file)",
		Headers: []string{"Group", "Pairs", "Median change", "Interquartile range", "Reliably improved"}}
	for _, g := range rf.Groups {
		setting := g.Setting
		if setting == "" {
			setting = "setting not recorded"
		}
		name := ui.InstrumentName(string(g.Instrument)) + " · baseline " + g.Band + " · " + setting
		if g.Suppressed != "" {
			t.Rows = append(t.Rows, []string{name, g.Suppressed, "not shown", "not shown", "not shown"})
			continue
		}
		t.Rows = append(t.Rows, []string{name, strconv.Itoa(g.Pairs), fnum(*g.Median), fnum(*g.Q1) + " to " + fnum(*g.Q3), fnum(*g.ReliablyImproved) + "%"})
	}
	return app.Section().Class("team-block").Aria("labelledby", "team-ranges-h").Body(
		app.H2().ID("team-ranges-h").Text("Expected-change ranges"),
		p.methodLine(),
		app.P().Text("What change to expect for a person starting in a band and setting, from this file's own pairs (filters above do not apply). Groups of fewer than 10 pairs are not shown. The file you can download holds only these figures: no label, date or individual score."),
		table("team-ranges", t),
		app.P().Class("no-print").Text("To see a range on a person's chart, download the file and load it on that person's page."),
		app.Div().Class("actions no-print").Body(
			app.Button().ID("team-export-ranges").Class("button").Type("button").Text("Download the ranges (JSON)").OnClick(p.downloadRanges),
		),
	)
}
