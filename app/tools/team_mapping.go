package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/app/chart"
	"honoscope/app/fileio"
	"honoscope/app/ui"
	"honoscope/app/words"
	"honoscope/scoring"
	"honoscope/scoring/layout"
)

// noChoice is the value of a select's "(none)" option (ui.NoChoice): a
// column name is compared trimmed, so no column can be one space.
const noChoice = ui.NoChoice

// choice reads a select's value, noChoice as "".
func choice(v string) string {
	if v == noChoice {
		return ""
	}
	return v
}

// previewRatings is how many ratings the mapping step shows before the
// whole file is read, and the import of another system's file before it
// writes anything.
const previewRatings = 10

// mappingStep is the team view's question "which column is which?" for a
// file whose layout Honoscope does not know.
type mappingStep struct {
	name   string // the file's name
	header []string
	m      layout.Mapping
	kept   []layout.Mapping // the user's named mappings
	keep   string           // the name typed to keep the mapping under
	// chosen names the kept mapping in use, "" for one being made.
	chosen   string
	problem  string // what the mapping lacks, in words
	preview  []scoring.Rating
	problems []*scoring.RowError
	note     string // what the last action did
}

// startMapping asks which column is which for a file: a kept mapping that
// fits its header is chosen at once, else one guessed from the names.
func (p *teamPage) startMapping(ctx app.Context, e *needsMapping) {
	st := &mappingStep{name: e.name, header: e.header, kept: ui.KeptMappings(ctx)}
	st.m = layout.GuessMapping(e.header)
	for _, k := range st.kept {
		if k.Fits(e.header) {
			st.m, st.chosen, st.keep = k, k.Name, k.Name
			st.note = "The kept mapping “" + k.Name + "” fits this file and is chosen: check the preview, then read the file."
			break
		}
	}
	p.mapping, p.status = st, ""
	p.checkMapping()
	p.previewMapping(ctx)
}

// checkMapping says what the mapping lacks.
func (p *teamPage) checkMapping() {
	st := p.mapping
	st.problem = ""
	if err := st.m.Check(st.header); err != nil {
		st.problem = err.Error()
	}
}

// onMapField stores a mapping control's value, found by its id (one
// handler for every control, as onField explains).
func (p *teamPage) onMapField(ctx app.Context, e app.Event) {
	st := p.mapping
	if st == nil {
		return
	}
	src := ctx.JSSrc()
	id, v := src.Get("id").String(), choice(src.Get("value").String())
	m := &st.m
	switch id {
	case "map-kept":
		for _, k := range st.kept {
			if k.Name == v {
				st.m, st.chosen, st.keep = k, k.Name, k.Name
			}
		}
	case "map-name":
		st.keep = v
		return
	case "map-patient":
		m.Patient = v
	case "map-date":
		m.Date = v
	case "map-date-order":
		m.DayFirst = v == "dmy"
	case "map-instrument":
		m.Instrument = v
	case "map-fixed":
		m.Fixed = scoring.InstrumentID(v)
	case "map-type":
		m.ProblemType = v
	case "map-occasion":
		m.Occasion = v
	case "map-team":
		m.Team = v
	case "map-setting":
		m.Setting = v
	default:
		n, err := strconv.Atoi(strings.TrimPrefix(id, "map-item-"))
		if err != nil || n < 1 || n > scoring.MaxItems {
			return
		}
		for len(m.Items) < n {
			m.Items = append(m.Items, "")
		}
		m.Items[n-1] = v
	}
	if id != "map-kept" {
		st.chosen = ""
	}
	st.note = ""
	p.checkMapping()
	p.previewMapping(ctx)
}

// previewMapping reads the first ratings by the mapping, reading the
// chosen file again.
func (p *teamPage) previewMapping(ctx app.Context) {
	st := p.mapping
	st.preview, st.problems = nil, nil
	if st.problem != "" {
		return
	}
	w := st.m.Wide()
	ctx.Async(func() {
		in, err := fileio.OpenInput(context.Background(), teamFileInput)
		var rs []scoring.Rating
		var problems []*scoring.RowError
		if err == nil {
			rs, problems, err = layout.PreviewWide(in, w, previewRatings)
			in.Close()
		}
		ctx.Dispatch(func(ctx app.Context) {
			if p.mapping != st {
				return
			}
			if err != nil {
				st.problem = "The file could not be read again: " + err.Error()
				return
			}
			st.preview, st.problems = rs, problems
		})
	})
}

// keepMapping keeps the mapping under the typed name, replacing one of the
// same name.
func (p *teamPage) keepMapping(ctx app.Context, e app.Event) {
	st := p.mapping
	name := strings.TrimSpace(st.keep)
	if name == "" {
		st.note = "Type a name to keep this mapping under, such as the record system's name."
		return
	}
	m := st.m
	m.Name = name
	kept := []layout.Mapping{m}
	for _, k := range st.kept {
		if k.Name != name {
			kept = append(kept, k)
		}
	}
	if err := ui.KeepMappings(ctx, kept); err != nil {
		st.note = "The mapping could not be kept: this browser's storage refused it. It still applies to this file."
		return
	}
	st.kept, st.m, st.chosen = kept, m, name
	st.note = "Kept as “" + name + "”: the next file with these columns is read by it."
}

// downloadMapping saves the mapping as JSON, for 'honoscope ... --map'.
func (p *teamPage) downloadMapping(ctx app.Context, e app.Event) {
	m := p.mapping.m
	if n := strings.TrimSpace(p.mapping.keep); n != "" {
		m.Name = n
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err == nil {
		if err := fileio.Download("honoscope-mapping.json", "application/json", buf.Bytes()); err != nil {
			p.mapping.note = "The mapping could not be downloaded: " + err.Error()
		}
	}
}

// useMapping reads the whole file by the mapping and analyses it.
func (p *teamPage) useMapping(ctx app.Context, e app.Event) {
	if p.mapping == nil || p.mapping.problem != "" {
		return
	}
	m := p.mapping.m
	if m.Name == "" && p.mapping.chosen != "" {
		m.Name = p.mapping.chosen
	}
	p.loadWith(p.page, &m)
}

// renderMapping draws the mapping step.
func (p *teamPage) renderMapping() app.UI {
	st := p.mapping
	if st == nil {
		return app.Div()
	}
	columns := [][2]string{{noChoice, "(none)"}}
	for _, h := range st.header {
		columns = append(columns, [2]string{h, h})
	}
	sel := func(id, label, value string) app.UI {
		if value == "" {
			value = noChoice
		}
		return selectOf(id, label, value, p.onMapField, columns)
	}
	fields := []app.UI{
		sel("map-patient", "Person's label", st.m.Patient),
		sel("map-date", "Date of the rating", st.m.Date),
		selectOf("map-date-order", "Dates are written", map[bool]string{true: "dmy", false: "ymd"}[st.m.DayFirst], p.onMapField, [][2]string{
			{"ymd", "year first: 2024-03-01"}, {"dmy", "day first: 01/03/2024 or 01032024"},
		}),
		sel("map-instrument", "Column naming the instrument", st.m.Instrument),
		selectOf("map-fixed", "Instrument when no column says", string(st.m.Fixed), p.onMapField, [][2]string{
			{string(scoring.HoNOS), "HoNOS"}, {string(scoring.HoNOS65), "HoNOS 65+"}, {string(scoring.HoNOSCA), "HoNOSCA"},
		}),
	}
	var items []app.UI
	for n := 1; n <= scoring.MaxItems; n++ {
		v := ""
		if n <= len(st.m.Items) {
			v = st.m.Items[n-1]
		}
		items = append(items, sel("map-item-"+strconv.Itoa(n), "Item "+strconv.Itoa(n), v))
	}
	labels := []app.UI{
		sel("map-type", "Item 8 problem type", st.m.ProblemType),
		sel("map-occasion", "Occasion", st.m.Occasion),
		sel("map-team", "Team", st.m.Team),
		sel("map-setting", "Setting", st.m.Setting),
	}
	var kept app.UI = app.Div()
	if len(st.kept) > 0 {
		opts := [][2]string{{noChoice, "(choose a kept mapping)"}}
		for _, k := range st.kept {
			opts = append(opts, [2]string{k.Name, k.Name})
		}
		chosen := st.chosen
		if chosen == "" {
			chosen = noChoice
		}
		kept = selectOf("map-kept", "Kept mappings", chosen, p.onMapField, opts)
	}
	return app.Section().ID("team-mapping").Class("team-block no-print").Aria("labelledby", "team-mapping-h").Body(
		app.H2().ID("team-mapping-h").Text("Which column is which?"),
		app.P().Text("Honoscope does not know the layout of "+st.name+". Choose the column that holds each field; Honoscope has guessed from the column names. Nothing is read into the report until you say so."),
		kept,
		app.FieldSet().Class("team-fields").Body(append([]app.UI{app.Legend().Text("The rating")}, fields...)...),
		app.FieldSet().Class("team-fields").Body(append([]app.UI{app.Legend().Text("The items")}, items...)...),
		app.FieldSet().Class("team-fields").Body(append([]app.UI{app.Legend().Text("Optional")}, labels...)...),
		app.If(st.problem != "", func() app.UI {
			return app.P().ID("map-problem").Class("error").Attr("role", "alert").Text(st.problem)
		}),
		p.renderPreview(),
		app.Div().Class("team-field").Body(
			app.Label().For("map-name").Text("Keep this mapping as"),
			app.Input().Type("text").ID("map-name").Value(st.keep).Attr("autocomplete", "off").OnChange(p.onMapField),
		),
		app.Div().Class("actions").Body(
			app.Button().ID("map-use").Class("button primary").Type("button").Disabled(st.problem != "").Text("Read the file with this mapping").OnClick(p.useMapping),
			app.Button().ID("map-keep").Class("button").Type("button").Text("Keep this mapping").OnClick(p.keepMapping),
			app.Button().ID("map-download").Class("button").Type("button").Text("Download this mapping (for honoscope --map)").OnClick(p.downloadMapping),
		),
		app.P().ID("map-note").Attr("role", "status").Aria("live", "polite").Text(st.note),
	)
}

// renderPreview shows the first ratings as the mapping reads them, with
// their totals, and the problems of the rows among them.
func (p *teamPage) renderPreview() app.UI {
	st := p.mapping
	if st.problem != "" {
		return app.Div()
	}
	t := chart.Table{Caption: "The first " + words.Count(len(st.preview), "rating", "ratings") + " as this mapping reads them",
		Headers: []string{"Person", "Date", "Instrument", "Items", "Total", "Valid"}}
	for i := range st.preview {
		r := &st.preview[i]
		s := scoring.Score(r, scoring.DefaultRules())
		codes := make([]string, len(r.Instrument.Items))
		for n := range codes {
			codes[n] = r.Items[n].String()
		}
		valid := "yes"
		if !s.TotalValid {
			valid = "no: " + words.Count(s.Unknown(), "item", "items") + " not known"
		}
		t.Rows = append(t.Rows, []string{r.Patient, r.Date.String(), ui.InstrumentName(string(r.Instrument.ID)),
			strings.Join(codes, " "), strconv.Itoa(s.Total) + "/" + strconv.Itoa(s.MaxTotal), valid})
	}
	lis := make([]app.UI, len(st.problems))
	for i, e := range st.problems {
		lis[i] = app.Li().Text(e.Error())
	}
	return app.Div().ID("map-preview").Body(
		table("map-preview-table", t),
		app.If(len(lis) > 0, func() app.UI {
			return app.Div().Body(app.P().Text("Rows before these with a problem (left out):"), app.Ul().ID("map-preview-problems").Body(lis...))
		}),
	)
}
