package consult

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"honoscope/app/crypto"
	"honoscope/app/ui"

	"honoscope/app/words"

	"honoscope/app/device"

	"honoscope/app/browser"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/chart"
	"honoscope/app/explain"
	"honoscope/app/fileio"
	"honoscope/app/share"
	"honoscope/app/store"
	"honoscope/scoring"
)

// Settings documents kept on the device (kind device.ChartSettingsKind): the
// loaded expected-change range file and the custom grouping, so that they
// stay loaded across visits.
const (
	settingsKind = device.ChartSettingsKind
	rangesKey    = device.RangesKey
	groupingKey  = device.GroupingKey
)

// settingsDoc is a loaded file kept as a settings document: its name and
// its JSON text as loaded (read again with its own reader on every visit).
type settingsDoc struct {
	Name string          `json:"name"`
	File json.RawMessage `json:"file"`
}

// settingNotRecorded is the setting picker's value for a range file's
// group of people whose setting was not recorded (its setting is empty).
const settingNotRecorded = "(not recorded)"

// Reliable-change methods as the method picker names them.
const (
	methodThreshold = "threshold"
	methodJT        = "jt"
	methodES        = "es"
)

// whereSDAndR tells the clinician where the Jacobson–Truax and effect-size
// parameters come from; the app has no built-in values for them.
const whereSDAndR = "Where to get them: the SD is the standard deviation of baseline totals in a group like this person's, " +
	"from your service's own data (the command line's “honoscope change --method es” prints the SD of your baseline totals) " +
	"or from a published study of a similar service. r is the reliability of the total from a published reliability study of " +
	"the scale in a similar setting. Honoscope has no built-in values for either."

// outcomesView is the outcomes component for one person, shown on the
// person page: the timeline with cut-off, reliable-change band, event notes
// and expected range; the item profile of any two ratings; the change in
// words with its method; and the ways to show it to the patient. Its
// exported fields are set by the page that embeds it.
type outcomesView struct {
	app.Compo

	// Patient is the person's label.
	Patient string
	// Ratings are the person's ratings in date order.
	Ratings []store.Rating
	// OnPatientView shows the patient view of the profile in place of the
	// page (set by the person page).
	OnPatientView func(ctx app.Context, p share.Profile)

	method                                     string
	threshold, sd, reliability, effect, cutoff string
	instrument                                 string
	fromID, toID                               string

	events                        []eventNote
	eventsFor                     string
	eventDate, eventKind, eventTx string
	eventError                    string

	ranges     *scoring.RangeFile
	rangesName string
	setting    string
	grouping   *scoring.Grouping
	groupName  string

	// widths are the widths the charts are drawn for.
	widths ui.ChartWidths

	shareName string
	// shareNotes holds the keys of the event notes the clinician chose to
	// include in the patient view and the link; none are unless chosen.
	shareNotes map[string]bool
	sealPass   string
	sealedLink string
	sealError  string
	sealBusy   bool
	shareLink  string
	shareQR    string
	shareAbout string
	shareError string
	copyStatus string

	status  string
	failure string
	ctx     app.Context

	// kept is the model worked out for the inputs keptFor: typing a note or
	// a name for the share link redraws the view without scoring every
	// rating again.
	kept    *outcomeModel
	keptFor modelInputs
}

// modelInputs are what the model is worked out from: the person's ratings
// and notes (by fingerprint), the method's fields, the chosen instrument
// and ratings, and the loaded files.
type modelInputs struct {
	ratings, events                            uint64
	method, threshold, sd, reliability, effect string
	cutoff, instrument, fromID, toID           string
	ranges                                     *scoring.RangeFile
	setting                                    string
	grouping                                   *scoring.Grouping
	groupName                                  string
	width, profileWidth                        float64
}

// inputs returns the view's current modelInputs.
func (v *outcomesView) inputs() modelInputs {
	h := fnv.New64a()
	for _, r := range v.Ratings {
		h.Write([]byte(r.ID))
		h.Write([]byte{0})
		h.Write([]byte(r.Updated))
		h.Write([]byte{0})
	}
	ratings := h.Sum64()
	h.Reset()
	for _, e := range v.events {
		h.Write([]byte(e.Key))
		h.Write([]byte{0})
	}
	return modelInputs{
		ratings: ratings, events: h.Sum64(),
		method: v.method, threshold: v.threshold, sd: v.sd, reliability: v.reliability, effect: v.effect,
		cutoff: v.cutoff, instrument: v.instrument, fromID: v.fromID, toID: v.toID,
		ranges: v.ranges, setting: v.setting, grouping: v.grouping, groupName: v.groupName,
		width: v.widths.Width("oc-timeline"), profileWidth: v.widths.Width("oc-profile"),
	}
}

// current returns the model for the view's inputs, working it out only
// when one of them changed since the last time.
func (v *outcomesView) current() *outcomeModel {
	in := v.inputs()
	if v.kept == nil || in != v.keptFor {
		m := v.model()
		v.kept, v.keptFor = &m, in
	}
	return v.kept
}

// OnInit sets the defaults: fixed threshold of 8 points, cut-off 11
// (Parabiaghi et al. 2005), effect size 0.5 (METEOR 584024).
func (v *outcomesView) OnInit() {
	v.method = methodThreshold
	v.threshold = strconv.Itoa(scoring.DefaultThreshold)
	v.effect = strconv.FormatFloat(scoring.DefaultEffectSize, 'f', -1, 64)
	v.cutoff = strconv.Itoa(scoring.DefaultCutoff)
	v.eventKind = eventKinds[0].id
}

// OnMount reads the person's event notes and the kept settings.
func (v *outcomesView) OnMount(ctx app.Context) {
	v.ctx = ctx
	v.loadEvents(ctx)
	v.loadSettings(ctx)
	v.widths.Measure(ctx, "oc-timeline", "oc-profile")
}

// OnResize draws the charts again for the width they now have.
func (v *outcomesView) OnResize(ctx app.Context) { v.widths.Measure(ctx, "oc-timeline", "oc-profile") }

// OnUpdate reads the notes again when the page shows another person.
func (v *outcomesView) OnUpdate(ctx app.Context) {
	if v.Patient != v.eventsFor {
		v.fromID, v.toID, v.shareLink, v.shareQR = "", "", "", ""
		v.loadEvents(ctx)
	}
}

// loadEvents reads the person's notes from the device.
func (v *outcomesView) loadEvents(ctx app.Context) {
	patient := v.Patient
	v.eventsFor = patient
	ctx.Async(func() {
		var notes []eventNote
		bad := 0
		db, err := device.Store(ctx)
		if err == nil {
			notes, bad, err = loadEvents(ctx, db, patient)
		}
		ctx.Dispatch(func(app.Context) {
			if patient != v.Patient {
				return
			}
			if err != nil {
				v.failure = "Could not read the event notes on this device: " + err.Error()
				return
			}
			v.events = notes
			if bad > 0 {
				v.failure = words.Count(bad, "event note", "event notes") + " on this device could not be read and are not shown."
			}
		})
	})
}

// loadSettings reads the kept range file and grouping.
func (v *outcomesView) loadSettings(ctx app.Context) {
	ctx.Async(func() {
		db, err := device.Store(ctx)
		if err != nil {
			return
		}
		var f *scoring.RangeFile
		var g *scoring.Grouping
		var fname, gname string
		var problems []string
		if data, err := db.Doc(ctx, settingsKind, rangesKey); err == nil {
			var d settingsDoc
			if err = json.Unmarshal(data, &d); err == nil {
				f, err = scoring.ReadRangeFile(bytes.NewReader(d.File))
			}
			if err != nil {
				problems = append(problems, "the kept expected-change range file could not be read ("+err.Error()+"): load it again")
			}
			fname = d.Name
		}
		if data, err := db.Doc(ctx, settingsKind, groupingKey); err == nil {
			var d settingsDoc
			if err = json.Unmarshal(data, &d); err == nil {
				g, err = scoring.ReadGrouping(bytes.NewReader(d.File))
			}
			if err != nil {
				problems = append(problems, "the kept grouping could not be read ("+err.Error()+"): load it again")
			}
			gname = d.Name
		}
		ctx.Dispatch(func(app.Context) {
			v.ranges, v.rangesName = f, fname
			v.grouping, v.groupName = g, gname
			if len(problems) > 0 {
				v.failure = ui.Capitalise(strings.Join(problems, "; ")) + "."
			}
		})
	})
}

// options reads the change options from the controls with scoring's one
// settings parser. The error says what to enter. One person's ratings give
// no SD of baseline totals, so the effect-size method needs one entered.
func (v *outcomesView) options() (scoring.ChangeOptions, error) {
	s, err := scoring.ParseSettings(scoring.SettingsText{
		Method: v.method, Threshold: v.threshold, SD: v.sd, Reliability: v.reliability,
		EffectSize: v.effect, Cutoff: v.cutoff,
	})
	// The command line may leave the effect size's SD out and take the
	// cohort's own; one person's ratings cannot give it, so here it is
	// always asked for.
	var bad *scoring.SettingError
	if v.method == methodES && (err == nil && s.SD == 0 || errors.As(err, &bad) && bad.Field == scoring.FieldSD) {
		err = errors.New("enter the SD of baseline totals, above 0: one person's ratings cannot give it")
	}
	return s.Change(), err
}

// outcomeModel is everything the view shows, worked out from the ratings
// and the controls.
type outcomeModel struct {
	instruments []string
	in          *scoring.Instrument
	ratings     []scoring.Rating
	ids         []string
	stored      []store.Rating
	skipped     int
	opts        scoring.ChangeOptions
	optsErr     error
	from, to    int
	sentence    string
	timeline    chart.Chart
	timelineErr error
	profile     chart.Chart
	profileErr  error
	expected    string
	settings    []string
	needSetting bool
	groupNote   string
	took        time.Duration
}

// model works out the charts and the change sentence.
func (v *outcomesView) model() outcomeModel {
	start := time.Now()
	var m outcomeModel
	m.opts, m.optsErr = v.options()
	seen := map[string]bool{}
	for _, r := range v.Ratings {
		if !seen[r.Instrument] {
			seen[r.Instrument] = true
			m.instruments = append(m.instruments, r.Instrument)
		}
	}
	id := v.instrument
	if !seen[id] && len(v.Ratings) > 0 {
		id = v.Ratings[len(v.Ratings)-1].Instrument
	}
	for _, r := range v.Ratings {
		if r.Instrument != id {
			continue
		}
		sr, err := r.Scoring()
		if err != nil {
			m.skipped++
			continue
		}
		m.ratings = append(m.ratings, sr)
		m.ids = append(m.ids, r.ID)
		m.stored = append(m.stored, r)
	}
	if len(m.ratings) == 0 {
		return m
	}
	m.in = m.ratings[0].Instrument
	rules := scoring.DefaultRules()

	// The two ratings compared: the chosen ones, by default first and latest.
	m.from, m.to = 0, len(m.ratings)-1
	for i, rid := range m.ids {
		if rid == v.fromID {
			m.from = i
		}
		if rid == v.toID {
			m.to = i
		}
	}
	a, b := m.from, m.to
	if m.ratings[b].Date < m.ratings[a].Date {
		a, b = b, a
	}
	switch {
	case len(m.ratings) < 2:
		m.sentence = "Only one rating so far: a change needs two."
	case a == b:
		m.sentence = "The same rating is chosen twice: choose two different ratings to see a change."
	case m.optsErr != nil:
		m.sentence = ""
	default:
		sa, sb := scoring.Score(&m.ratings[a], rules), scoring.Score(&m.ratings[b], rules)
		s, err := explain.Change(sa, sb, m.opts)
		if err != nil {
			m.optsErr = err
		}
		m.sentence = s
	}

	// Grouping: the loaded one when it is for this instrument.
	var g *scoring.Grouping
	if v.grouping != nil {
		if v.grouping.Instrument == m.in.ID {
			g = v.grouping
			m.groupNote = "Groups: " + g.Name + " (loaded from " + v.groupName + ")."
		} else {
			m.groupNote = "The loaded grouping “" + v.grouping.Name + "” is for another instrument; showing the standard subscales."
		}
	}
	opts := chart.TimelineOptions{ID: "oc-timeline", Title: m.in.Name + " scores over time", Width: v.widths.Width("oc-timeline")}
	if m.optsErr == nil {
		o := m.opts
		opts.Change = &o
	}
	opts.Expected = v.expected(&m, rules)
	for _, e := range v.events {
		if ce, ok := e.chartEvent(); ok {
			opts.Events = append(opts.Events, ce)
		}
	}
	m.timeline, m.timelineErr = chart.Timeline(chart.SeriesOf(m.ratings, g, rules), opts)
	if len(m.ratings) >= 1 {
		m.profile, m.profileErr = chart.ItemProfile(&m.ratings[a], &m.ratings[b], chart.ProfileOptions{ID: "oc-profile", Title: "Item by item", Width: v.widths.Width("oc-profile")})
	}
	m.took = time.Since(start)
	return m
}

// expected finds the expected-change range for people who started in the
// same severity band and setting as this person, and words what was found.
func (v *outcomesView) expected(m *outcomeModel, rules scoring.Rules) *chart.ExpectedRange {
	f := v.ranges
	if f == nil {
		return nil
	}
	base := -1
	var bs scoring.Scores
	for i := range m.ratings {
		bs = scoring.Score(&m.ratings[i], rules)
		if bs.TotalValid {
			base = i
			break
		}
	}
	if base < 0 {
		m.expected = "No rating has a valid total, so no expected range can be matched."
		return nil
	}
	band := scoring.BandLabel(&bs)
	setting := strings.TrimSpace(m.stored[base].Setting)
	seen := map[string]bool{}
	for _, gr := range f.Groups {
		if gr.Instrument == m.in.ID && !seen[gr.Setting] {
			seen[gr.Setting] = true
			m.settings = append(m.settings, gr.Setting)
		}
	}
	where := ""
	if setting == "" {
		setting = strings.TrimSpace(v.setting)
		m.needSetting = true
		switch setting {
		case "":
			m.expected = "The first rating has no setting recorded: choose the setting to compare with."
			return nil
		case settingNotRecorded:
			setting, where = "", "setting not recorded"
		}
	}
	if where == "" {
		where = "setting “" + setting + "”"
	}
	for _, gr := range f.Groups {
		if gr.Instrument != m.in.ID || gr.Band != band || gr.Setting != setting {
			continue
		}
		who := "people starting in the " + band + " band, " + where
		if gr.Suppressed != "" || gr.Q1 == nil || gr.Median == nil || gr.Q3 == nil {
			m.expected = "The range file has " + scoring.Suppressed() + " for " + who + ", so no range is shown."
			return nil
		}
		label := fmt.Sprintf("%s (%d pairs)", who, gr.Pairs)
		m.expected = fmt.Sprintf("Expected change for %s: median %s points, middle half from %s to %s", label, words.SignedDecimal(*gr.Median, -1), words.SignedDecimal(*gr.Q1, -1), words.SignedDecimal(*gr.Q3, -1))
		if gr.ReliablyImproved != nil {
			m.expected += fmt.Sprintf("; %s%% reliably improved (%s)", strconv.FormatFloat(*gr.ReliablyImproved, 'f', -1, 64), f.Method.Description)
		}
		m.expected += ". From " + v.rangesName + ", made " + f.Created + "."
		return &chart.ExpectedRange{Label: label, Q1: *gr.Q1, Median: *gr.Median, Q3: *gr.Q3}
	}
	m.expected = "The range file has no group for people starting in the " + band + " band in " + where + " (" + m.in.Name + ")."
	return nil
}

// text returns a handler that copies the control's value into field.
func (v *outcomesView) text(field *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*field = ctx.JSSrc().Get("value").String()
		v.shareLink, v.shareQR, v.copyStatus = "", "", ""
	}
}

// Render draws the view.
func (v *outcomesView) Render() app.UI {
	m := *v.current()
	sec := app.Section().Class("outcomes").Aria("labelledby", "outcomes-title").
		DataSet("build-ms", strconv.FormatFloat(float64(m.took.Microseconds())/1000, 'f', 2, 64))
	if m.in == nil {
		return sec.Body(
			app.H2().ID("outcomes-title").Text("Change over time"),
			app.P().Text("No rating that can be scored yet: the charts appear after the first one."),
		)
	}
	return sec.Body(
		app.H2().ID("outcomes-title").Text("Change over time"),
		app.Div().Role("alert").Body(app.If(v.failure != "", func() app.UI {
			return app.P().Class("error").Body(app.Strong().Text("Problem: "), app.Text(v.failure))
		})),
		app.If(m.skipped > 0, func() app.UI {
			return app.P().Class("warning").Text(words.Count(m.skipped, "rating", "ratings") + " could not be scored and are left out of the charts.")
		}),
		v.renderOptions(&m),
		app.Div().ID("oc-change").Class("outcomes-change").Role("status").Aria("live", "polite").Body(
			app.If(m.optsErr != nil, func() app.UI {
				return app.P().ID("oc-options-error").Class("warning").Text("To judge change: " + m.optsErr.Error() + ".")
			}),
			app.If(m.sentence != "", func() app.UI {
				return app.P().ID("oc-sentence").Class("outcomes-sentence").Text(m.sentence)
			}),
			app.P().ID("oc-method").Class("muted").Text(v.methodLine(&m)),
		),
		// What is done with the patient comes early: a few tab stops from
		// the page's heading, before the charts' controls.
		v.renderShare(&m),
		app.H3().Text("Scores over time"),
		v.renderChart("oc-timeline", m.timeline, m.timelineErr),
		app.If(m.groupNote != "", func() app.UI { return app.P().Class("muted").Text(m.groupNote) }),
		v.renderFiles(&m),
		v.renderEvents(),
		app.H3().Text("Item by item"),
		v.renderCompare(&m),
		v.renderChart("oc-profile", m.profile, m.profileErr),
	)
}

// methodLine always says which method and cut-off are in use.
func (v *outcomesView) methodLine(m *outcomeModel) string {
	o := m.opts
	line := "Method: " + o.Method.String()
	switch o.Method {
	case scoring.Threshold:
		line += ", " + strings.TrimSpace(v.threshold) + " points"
	case scoring.JacobsonTruax:
		line += ", SD " + strings.TrimSpace(v.sd) + ", r " + strings.TrimSpace(v.reliability)
	case scoring.EffectSize:
		line += ", effect size " + strings.TrimSpace(v.effect) + ", SD " + strings.TrimSpace(v.sd)
	}
	line += "; clinical cut-off " + strings.TrimSpace(v.cutoff) + " (a total at or above it is in the clinical range)."
	if len(m.ratings) >= 2 && m.from != m.to {
		a, b := m.ratings[m.from].Date, m.ratings[m.to].Date
		if b < a {
			a, b = b, a
		}
		line += " Comparing " + chart.LongDate(a) + " with " + chart.LongDate(b) + "."
	}
	return line
}

// renderOptions draws the method picker and its inputs.
func (v *outcomesView) renderOptions(m *outcomeModel) app.UI {
	input := func(id, label, value, hint string, field *string) app.UI {
		in := app.Input().Type("text").ID(id).Attr("inputmode", "decimal").Class("outcomes-number").
			Value(value).OnInput(v.text(field), app.EventScope(id)).OnChange(v.text(field), app.EventScope(id))
		if hint != "" {
			in = in.Aria("describedby", id+"-hint")
		}
		return app.Div().Class("outcomes-field").Body(
			app.Label().For(id).Text(label), in,
			app.If(hint != "", func() app.UI { return app.P().ID(id + "-hint").Class("muted").Text(hint) }),
		)
	}
	return app.Details().Class("outcomes-options").Open(true).Body(
		app.Summary().Text("How change is judged"),
		app.If(len(m.instruments) > 1, func() app.UI {
			return app.Div().Class("outcomes-field").Body(
				app.Label().For("oc-instrument").Text("Instrument"),
				app.Select().ID("oc-instrument").OnChange(v.text(&v.instrument)).Body(
					app.Range(m.instruments).Slice(func(i int) app.UI {
						id := m.instruments[i]
						return app.Option().Value(id).Selected(id == string(m.in.ID)).Text(ui.InstrumentName(id))
					})),
			)
		}),
		app.Div().Class("outcomes-field").Body(
			app.Label().For("oc-method-select").Text("Reliable-change method"),
			app.Select().ID("oc-method-select").OnChange(v.text(&v.method)).OnInput(v.text(&v.method)).Body(
				app.Option().Value(methodThreshold).Selected(v.method == methodThreshold).Text("Fixed threshold (Parabiaghi et al. 2005)"),
				app.Option().Value(methodJT).Selected(v.method == methodJT).Text("Jacobson–Truax reliable change index"),
				app.Option().Value(methodES).Selected(v.method == methodES).Text("Effect size (METEOR 584024)"),
			),
		),
		app.If(v.method == methodThreshold || v.method == "", func() app.UI {
			return input("oc-threshold", "Points that count as reliable change", v.threshold, "Default 8 (Parabiaghi et al. 2005).", &v.threshold)
		}),
		app.If(v.method == methodJT || v.method == methodES, func() app.UI {
			return input("oc-sd", "SD of baseline totals", v.sd, "", &v.sd)
		}),
		app.If(v.method == methodJT, func() app.UI {
			return input("oc-r", "Reliability r (0 up to 1)", v.reliability, "", &v.reliability)
		}),
		app.If(v.method == methodES, func() app.UI {
			return input("oc-es", "Effect size that counts as change", v.effect, "Default 0.5, a medium effect (METEOR 584024).", &v.effect)
		}),
		app.If(v.method == methodJT || v.method == methodES, func() app.UI {
			return app.P().ID("oc-where").Class("muted").Text(whereSDAndR)
		}),
		input("oc-cutoff", "Clinical cut-off", v.cutoff, "Default 11 (Parabiaghi et al. 2005): a total at or above it is in the clinical range.", &v.cutoff),
	)
}

// renderChart draws a chart with its summary and its data table.
func (v *outcomesView) renderChart(id string, c chart.Chart, err error) app.UI {
	if err != nil {
		return app.P().Class("error").Text("This chart cannot be drawn: " + err.Error())
	}
	if c.SVG == "" {
		return app.Div()
	}
	return ui.ChartFigure(id, c)
}

// renderFiles draws the expected-range and grouping controls.
func (v *outcomesView) renderFiles(m *outcomeModel) app.UI {
	return app.Div().Class("outcomes-files").Body(
		app.If(m.expected != "", func() app.UI { return app.P().ID("oc-expected").Text(m.expected) }),
		app.If(m.needSetting && len(m.settings) > 0, func() app.UI {
			return app.Div().Class("outcomes-field").Body(
				app.Label().For("oc-setting").Text("Setting to compare with"),
				app.Select().ID("oc-setting").OnChange(v.text(&v.setting)).OnInput(v.text(&v.setting)).Body(
					// go-app writes no empty value, so the option's words
					// would become its value: "none" has ui.NoChoice.
					app.Option().Value(ui.NoChoice).Selected(strings.TrimSpace(v.setting) == "").Text("Choose a setting"),
					app.Range(m.settings).Slice(func(i int) app.UI {
						s, label := m.settings[i], m.settings[i]
						if s == "" {
							s, label = settingNotRecorded, "Setting not recorded"
						}
						return app.Option().Value(s).Selected(s == v.setting).Text(label)
					}),
				),
			)
		}),
		app.Div().Class("actions").Body(
			app.Button().Type("button").ID("oc-ranges-load").Class("secondary").OnClick(v.onLoad(rangesKey)).Text("Load expected-change ranges…"),
			app.If(v.ranges != nil, func() app.UI {
				return app.Button().Type("button").ID("oc-ranges-clear").Class("secondary").OnClick(v.onForget(rangesKey)).Text("Remove the ranges")
			}),
			app.Button().Type("button").ID("oc-grouping-load").Class("secondary").OnClick(v.onLoad(groupingKey)).Text("Load a grouping…"),
			app.If(v.grouping != nil, func() app.UI {
				return app.Button().Type("button").ID("oc-grouping-clear").Class("secondary").OnClick(v.onForget(groupingKey)).Text("Use the standard subscales")
			}),
		),
		app.P().ID("oc-files-status").Role("status").Text(v.status),
	)
}

// onLoad picks a range file or a grouping file, checks it and keeps it on
// the device as a settings document.
func (v *outcomesView) onLoad(key string) app.EventHandler {
	return func(app.Context, app.Event) {
		ctx := v.ctx
		ctx.Async(func() {
			name, data, err := fileio.PickFile(ctx, ".json,application/json")
			if errors.Is(err, fileio.ErrCancelled) {
				return
			}
			var f *scoring.RangeFile
			var g *scoring.Grouping
			if err == nil {
				if key == rangesKey {
					f, err = scoring.ReadRangeFile(bytes.NewReader(data))
				} else {
					g, err = scoring.ReadGrouping(bytes.NewReader(data))
				}
				if err != nil {
					err = fmt.Errorf("%s: %w", name, err)
				}
			}
			if err == nil {
				var doc []byte
				doc, err = json.Marshal(settingsDoc{Name: name, File: json.RawMessage(bytes.TrimSpace(data))})
				var db store.Store
				if err == nil {
					db, err = device.Store(ctx)
				}
				if err == nil {
					err = db.PutDoc(ctx, settingsKind, key, doc)
				}
			}
			ctx.Dispatch(func(app.Context) {
				if err != nil {
					v.failure = err.Error()
					return
				}
				v.failure = ""
				if key == rangesKey {
					v.ranges, v.rangesName = f, name
					v.status = "Loaded the expected-change ranges from " + name + "; kept on this device."
				} else {
					v.grouping, v.groupName = g, name
					v.status = "Loaded the grouping “" + g.Name + "” from " + name + "; kept on this device."
				}
			})
		})
	}
}

// onForget removes a kept settings document.
func (v *outcomesView) onForget(key string) app.EventHandler {
	return func(app.Context, app.Event) {
		ctx := v.ctx
		ctx.Async(func() {
			db, err := device.Store(ctx)
			if err == nil {
				err = db.DeleteDoc(ctx, settingsKind, key)
			}
			ctx.Dispatch(func(app.Context) {
				if err != nil {
					v.failure = "Could not remove it: " + err.Error()
					return
				}
				if key == rangesKey {
					v.ranges, v.status = nil, "Removed the expected-change ranges."
					ui.Focus(ctx, "oc-ranges-load")
				} else {
					v.grouping, v.status = nil, "Back to the standard subscales."
					ui.Focus(ctx, "oc-grouping-load")
				}
			})
		})
	}
}

// renderEvents lists the person's event notes with Delete, and the form
// that adds one.
func (v *outcomesView) renderEvents() app.UI {
	return app.Section().Class("outcomes-events").Aria("labelledby", "oc-events-title").Body(
		app.H3().ID("oc-events-title").Text("Events"),
		app.If(len(v.events) == 0, func() app.UI {
			return app.P().Class("muted").Text("No events noted. Events appear on the chart as flags.")
		}).Else(func() app.UI {
			return app.Ul().ID("oc-events").Class("outcomes-event-list").Body(app.Range(v.events).Slice(func(i int) app.UI {
				e := v.events[i]
				d, _ := scoring.ParseDate(e.Date)
				what := chart.LongDate(d) + ": " + e.label()
				return app.Li().Body(
					app.Span().Text(what+" "),
					app.Button().Type("button").Class("secondary").Aria("label", "Delete the event "+what).
						OnClick(v.onDeleteEvent(e.Key), app.EventScope(e.Key)).Text("Delete"),
				)
			}))
		}),
		app.FieldSet().Class("outcomes-event-form").Body(
			app.Legend().Text("Add an event"),
			app.Div().Class("outcomes-field").Body(
				app.Label().For("ev-date").Text("Date"),
				app.Input().Type("date").ID("ev-date").Value(v.eventDate).OnInput(v.text(&v.eventDate)).OnChange(v.text(&v.eventDate)),
			),
			app.Div().Class("outcomes-field").Body(
				app.Label().For("ev-kind").Text("What happened"),
				app.Select().ID("ev-kind").OnChange(v.text(&v.eventKind)).OnInput(v.text(&v.eventKind)).Body(
					app.Range(eventKinds).Slice(func(i int) app.UI {
						k := eventKinds[i]
						return app.Option().Value(k.id).Selected(k.id == v.eventKind).Text(k.label)
					}),
				),
			),
			app.Div().Class("outcomes-field").Body(
				app.Label().For("ev-text").Text("Details (needed for a note)"),
				app.Input().Type("text").ID("ev-text").MaxLength(maxEventText).Value(v.eventTx).OnInput(v.text(&v.eventTx)).OnChange(v.text(&v.eventTx)),
			),
			app.Button().Type("button").ID("ev-add").OnClick(v.onAddEvent).Text("Add the event"),
			app.P().ID("ev-error").Role("alert").Text(v.eventError),
		),
	)
}

// onAddEvent checks and stores the new note.
func (v *outcomesView) onAddEvent(_ app.Context, e app.Event) {
	note, err := newEventNote(v.Patient, v.eventDate, v.eventKind, v.eventTx)
	if err != nil {
		v.eventError = "Not added: " + err.Error() + "."
		return
	}
	v.eventError = ""
	ctx := v.ctx
	ctx.Async(func() {
		db, err := device.Store(ctx)
		if err == nil {
			err = saveEvent(ctx, db, note)
		}
		ctx.Dispatch(func(app.Context) {
			if err != nil {
				v.eventError = "Not added: " + err.Error()
				return
			}
			v.events = append(v.events, note)
			sortEvents(v.events)
			v.eventTx = ""
			v.shareLink, v.shareQR = "", ""
		})
	})
}

// onDeleteEvent removes a note.
func (v *outcomesView) onDeleteEvent(key string) app.EventHandler {
	return func(app.Context, app.Event) {
		ctx := v.ctx
		ctx.Async(func() {
			db, err := device.Store(ctx)
			if err == nil {
				err = deleteEvent(ctx, db, key)
			}
			ctx.Dispatch(func(app.Context) {
				if err != nil {
					v.failure = "Could not delete the event: " + err.Error()
					return
				}
				out := v.events[:0:0]
				for _, n := range v.events {
					if n.Key != key {
						out = append(out, n)
					}
				}
				v.events = out
				v.shareLink, v.shareQR = "", ""
				ui.Focus(ctx, "ev-date")
			})
		})
	}
}

// renderCompare draws the two rating pickers of the item profile.
func (v *outcomesView) renderCompare(m *outcomeModel) app.UI {
	pick := func(id, label string, chosen int, field *string) app.UI {
		return app.Div().Class("outcomes-field").Body(
			app.Label().For(id).Text(label),
			app.Select().ID(id).OnChange(v.text(field)).OnInput(v.text(field)).Body(
				app.Range(m.ratings).Slice(func(i int) app.UI {
					s := scoring.Score(&m.ratings[i], scoring.DefaultRules())
					total := "total not assessable"
					if s.TotalValid {
						total = "total " + strconv.Itoa(s.Total)
					}
					return app.Option().Value(m.ids[i]).Selected(i == chosen).Text(chart.LongDate(m.ratings[i].Date) + " (" + total + ")")
				}),
			),
		)
	}
	return app.Div().Class("outcomes-compare").Body(
		pick("oc-from", "First rating to compare", m.from, &v.fromID),
		pick("oc-to", "Second rating to compare", m.to, &v.toID),
	)
}

// profileOf builds the share profile: the latest share.MaxRatings ratings
// of the instrument shown, the change options in use, the latest
// share.MaxEvents notes and the name the clinician typed (maybe blank; never
// the label used on this device unless typed).
func (v *outcomesView) profileOf(m *outcomeModel) (share.Profile, error) {
	if m.optsErr != nil {
		return share.Profile{}, errors.New("set how change is judged first: " + m.optsErr.Error())
	}
	p := share.Profile{Label: strings.TrimSpace(v.shareName), Instrument: m.in.ID, Change: m.opts}
	rs := m.ratings
	if len(rs) > share.MaxRatings {
		rs = rs[len(rs)-share.MaxRatings:]
	}
	for i := range rs {
		p.Ratings = append(p.Ratings, share.Rating{Date: rs[i].Date, Items: append([]scoring.Code(nil), rs[i].Items[:len(m.in.Items)]...)})
	}
	for _, e := range v.events {
		if !v.shareNotes[e.Key] {
			continue
		}
		if se, ok := e.shareEvent(); ok {
			p.Events = append(p.Events, se)
		}
	}
	if len(p.Events) > share.MaxEvents {
		p.Events = p.Events[len(p.Events)-share.MaxEvents:]
	}
	return p, p.Validate()
}

// siteBase is the page's origin and the sub-path the site is served under.
func siteBase() string {
	origin := app.Window().Get("location").Get("origin")
	if !origin.Truthy() {
		return ""
	}
	return origin.String() + ui.RootPrefix()
}

// onPatientView shows the patient's view of this person's profile on this
// screen, as the patient's own link would show it. It stays in this page's
// memory: the profile never goes into an address, which the browser would
// keep in its history on the clinician's device.
func (v *outcomesView) onPatientView(ctx app.Context, e app.Event) {
	m := *v.current()
	p, err := v.profileOf(&m)
	if err != nil {
		v.shareError = "Cannot open the patient view: " + err.Error()
		return
	}
	if v.OnPatientView != nil {
		v.OnPatientView(ctx, p)
	}
}

// onShare makes the share link, its QR code and the words on what it holds.
func (v *outcomesView) onShare(ctx app.Context, e app.Event) {
	m := *v.current()
	v.shareLink, v.shareQR, v.shareAbout, v.shareError, v.copyStatus = "", "", "", "", ""
	v.sealedLink, v.sealError = "", ""
	p, err := v.profileOf(&m)
	var link string
	if err == nil {
		link, err = share.Link(siteBase(), p)
	}
	var qr share.QR
	if err == nil {
		qr, err = share.QRCode(link)
	}
	if err != nil {
		v.shareError = "Cannot make the link: " + err.Error()
		return
	}
	v.shareLink, v.shareQR, v.shareAbout = link, qr.SVG, share.Contents(p)
	if len(m.ratings) > share.MaxRatings {
		v.shareAbout += " Only the latest " + strconv.Itoa(share.MaxRatings) + " ratings fit in a link."
	}
	ui.Focus(v.ctx, "share-link")
}

// onSealPass keeps the sealed link's passphrase as it is typed; the link
// shown stays.
func (v *outcomesView) onSealPass(ctx app.Context, e app.Event) {
	v.sealPass = ctx.JSSrc().Get("value").String()
}

// onNote includes or leaves out one event note.
func (v *outcomesView) onNote(key string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if v.shareNotes == nil {
			v.shareNotes = map[string]bool{}
		}
		v.shareNotes[key] = ctx.JSSrc().Get("checked").Bool()
		v.shareLink, v.sealedLink = "", "" // made with the old choice
	}
}

// onSeal makes a sealed link of the same profile: the v2 fragment encrypted
// under a passphrase (AES-256-GCM, PBKDF2 as an encrypted backup), for
// sending by email with the passphrase given apart.
func (v *outcomesView) onSeal(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if v.sealBusy {
		return
	}
	v.sealedLink, v.sealError = "", ""
	if msg := device.PassphraseProblem(v.sealPass, "the sealed link"); msg != "" {
		v.sealError = msg
		return
	}
	m := *v.current()
	p, err := v.profileOf(&m)
	var frag string
	if err == nil {
		frag, err = share.Encode(p)
	}
	if err != nil {
		v.sealError = "Cannot make the link: " + err.Error()
		return
	}
	pass, base := v.sealPass, siteBase()
	v.sealBusy = true
	c := v.ctx
	c.Async(func() {
		env, err := crypto.SealFile(c, pass, []byte(frag))
		var compact bytes.Buffer
		if err == nil {
			err = json.Compact(&compact, env)
		}
		c.Dispatch(func(ctx app.Context) {
			v.sealBusy = false
			if err != nil {
				v.sealError = "Cannot seal the link: " + err.Error()
				return
			}
			v.sealedLink = share.SealedLink(base, compact.Bytes())
			ui.Focus(ctx, "share-sealed-link")
		})
	})
}

// onCopy copies the link, or selects it for the user to copy.
func (v *outcomesView) onCopy(_ app.Context, e app.Event) {
	link := v.shareLink
	ctx := v.ctx
	ctx.Async(func() {
		err := browser.CopyText(ctx, link)
		ctx.Dispatch(func(app.Context) {
			if err == nil {
				v.copyStatus = "Link copied."
				return
			}
			if el := app.Window().GetElementByID("share-link"); el.Truthy() {
				el.Call("focus")
				el.Call("select")
			}
			v.copyStatus = "Copying is not allowed here, so the link is selected: press Ctrl+C (⌘+C on a Mac) to copy it."
		})
	})
}

// renderShare draws the patient view and share controls.
func (v *outcomesView) renderShare(m *outcomeModel) app.UI {
	return app.Section().Class("outcomes-share").Aria("labelledby", "oc-share-title").Body(
		app.H3().ID("oc-share-title").Text("With the patient"),
		app.Div().Class("outcomes-field").Body(
			app.Label().For("share-name").Text("Name shown to the patient (optional)"),
			app.Input().Type("text").ID("share-name").MaxLength(share.MaxLabel).Aria("describedby", "share-name-hint").
				Value(v.shareName).OnInput(v.text(&v.shareName)).OnChange(v.text(&v.shareName)),
			app.P().ID("share-name-hint").Class("muted").Text("A first name, or leave it blank. Never a record number; the label used on this device is not included."),
		),
		app.If(len(v.events) > 0, func() app.UI {
			return app.FieldSet().Class("share-notes").Body(
				app.Legend().Text("Event notes to show the patient (none unless ticked)"),
				app.Range(v.events).Slice(func(i int) app.UI {
					e := v.events[i]
					id := "share-note-" + strconv.Itoa(i)
					box := app.Input().Type("checkbox").ID(id).OnChange(v.onNote(e.Key))
					if v.shareNotes[e.Key] {
						box = box.Checked(true)
					}
					d := e.Date
					if pd, err := scoring.ParseDate(e.Date); err == nil {
						d = chart.LongDate(pd)
					}
					return app.Div().Class("share-note").Body(box, app.Label().For(id).Text(d+": "+e.label()))
				}),
			)
		}),
		app.Div().Class("actions").Body(
			app.Button().Type("button").ID("oc-patient-view").OnClick(v.onPatientView).Text("Patient view"),
			app.Button().Type("button").ID("share-open").Class("secondary").OnClick(v.onShare).Text("Share with the patient"),
		),
		app.Div().Role("alert").Body(app.If(v.shareError != "", func() app.UI {
			return app.P().Class("error").Text(v.shareError)
		})),
		app.If(v.shareLink != "", func() app.UI {
			return app.Div().ID("share-panel").Class("share-panel").Body(
				app.P().ID("share-contents").Text(v.shareAbout),
				app.Label().For("share-link").Text("Share link"),
				app.Textarea().ID("share-link").Class("share-link").ReadOnly(true).Rows(3).Text(v.shareLink),
				app.Div().Class("actions").Body(
					app.Button().Type("button").ID("share-copy").OnClick(v.onCopy).Text("Copy link"),
				),
				app.P().ID("share-copy-status").Role("status").Text(v.copyStatus),
				app.Figure().Class("share-qr-figure").Body(
					app.Raw(v.shareQR),
					app.FigCaption().Text("Scan with the patient's phone camera to open the same page there. Drawn on this device."),
				),
				app.Form().Class("share-seal").OnSubmit(v.onSeal).Body(
					app.H4().Text("To send by email: a sealed link"),
					app.P().ID("share-seal-hint").Text("A sealed link opens only with a passphrase. Give the passphrase to the patient in person or by phone, never in the same email."),
					app.Label().For("share-seal-pass").Text("Passphrase for the sealed link"),
					app.Input().Type("password").ID("share-seal-pass").Attr("autocomplete", "new-password").Aria("describedby", "share-seal-hint share-seal-error").
						OnInput(v.onSealPass),
					app.Button().Type("submit").ID("share-seal").Disabled(v.sealBusy).Text("Make a sealed link"),
					app.P().ID("share-seal-error").Class("error").Role("alert").Text(v.sealError),
					app.If(v.sealedLink != "", func() app.UI {
						return app.Div().Body(
							app.Label().For("share-sealed-link").Text("Sealed link"),
							app.Textarea().ID("share-sealed-link").Class("share-link").ReadOnly(true).Rows(4).Text(v.sealedLink),
						)
					}),
				),
			)
		}),
	)
}
