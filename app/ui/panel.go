package ui

import (
	"strconv"
	"strings"

	"honoscope/app/words"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/scoring"
)

// panelFacts are the lines of the live score panel, worked out from the
// codes so that they can be tested without a browser.
type panelFacts struct {
	// Total reads "Total N/48" (N/52 for HoNOSCA).
	Total string
	// Valid reads "Valid items 10 of 12".
	Valid string
	// Warning says why the total is not valid when it cannot become valid
	// (too many items rated 9), "" otherwise.
	Warning string
	// Progress says why the total is not valid yet while items are still to
	// be rated, "" otherwise.
	Progress string
	// Subscales has one line per subscale: "Behaviour 3" or "Impairment not
	// computable: item 5 not known".
	Subscales []string
	// Significant reads "Clinically significant items (rated 2 to 4): 3 (items 2, 7, 9)".
	Significant string
	// Severity reads "Indicative severity: moderate (total 10 to 12)",
	// or says why none is given; "" for HoNOSCA, which has no bands.
	Severity string
}

// scorePanelFacts scores items (unrated counts as unknown) with the
// instrument's subscales and scoring.DefaultRules, and words the result.
func scorePanelFacts(in *scoring.Instrument, items *[scoring.MaxItems]scoring.Code) panelFacts {
	rules := scoring.DefaultRules()
	s := scoring.ScoreItems(in, items, &in.Subscales, rules)
	var f panelFacts
	f.Total = "Total " + strconv.Itoa(s.Total) + "/" + strconv.Itoa(s.MaxTotal)
	f.Valid = "Valid items " + strconv.Itoa(s.ValidItems) + " of " + strconv.Itoa(s.ScoredItems)

	notKnown, notRated := 0, 0
	for i := 0; i < in.Scored; i++ {
		switch items[i] {
		case Unrated:
			notRated++
		default:
			if !items[i].Rated() {
				notKnown++
			}
		}
	}
	need := "a total needs at least " + strconv.Itoa(in.Scored-rules.MaxUnknown) + " of " + strconv.Itoa(in.Scored) + " items rated"
	switch {
	case s.TotalValid:
	case notKnown > rules.MaxUnknown:
		f.Warning = "Total not valid: " + words.Count(notKnown, "item", "items") + " not known: " + need + " 0 to 4."
	default:
		f.Progress = "Total not valid yet: " + words.Count(notRated, "item", "items") + " still to rate"
		if notKnown > 0 {
			f.Progress += " and " + strconv.Itoa(notKnown) + " not known"
		}
		f.Progress += " (" + need + " 0 to 4)."
	}

	for gi := 0; gi < s.NGroups; gi++ {
		g := in.Subscales.Groups[gi]
		if v, ok := s.Group(gi); ok {
			f.Subscales = append(f.Subscales, g.Name+" "+strconv.Itoa(v))
			continue
		}
		var unknown, open []string
		for _, n := range g.Items {
			switch c := items[n-1]; {
			case c == Unrated:
				open = append(open, strconv.Itoa(n))
			case !c.Rated():
				unknown = append(unknown, strconv.Itoa(n))
			}
		}
		var why []string
		if len(unknown) > 0 {
			why = append(why, itemList(unknown)+" not known")
		}
		if len(open) > 0 {
			why = append(why, itemList(open)+" not rated yet")
		}
		f.Subscales = append(f.Subscales, g.Name+" not computable: "+strings.Join(why, ", "))
	}

	var sig []string
	for i := 0; i < in.Scored; i++ {
		if items[i].Significant() {
			sig = append(sig, strconv.Itoa(i+1))
		}
	}
	f.Significant = "Clinically significant items (rated 2 to 4): " + strconv.Itoa(s.Significant)
	if len(sig) > 0 {
		f.Significant += " (" + itemList(sig) + ")"
	}

	if in.ID == scoring.HoNOS || in.ID == scoring.HoNOS65 {
		switch s.Severity {
		case scoring.SeverityMild:
			f.Severity = "Indicative severity: mild (total under " + strconv.Itoa(scoring.ModerateFrom) + ")"
		case scoring.SeverityModerate:
			f.Severity = "Indicative severity: moderate (total " + strconv.Itoa(scoring.ModerateFrom) + " to " + strconv.Itoa(scoring.SevereFrom-1) + ")"
		case scoring.SeveritySevere:
			f.Severity = "Indicative severity: severe (total " + strconv.Itoa(scoring.SevereFrom) + " or more)"
		default:
			f.Severity = "Indicative severity: none while the total is not valid"
		}
	}
	return f
}

// itemList words item numbers: "item 5", "items 4, 5".
func itemList(ns []string) string {
	if len(ns) == 1 {
		return "item " + ns[0]
	}
	return "items " + strings.Join(ns, ", ")
}

// scorePanelView is the live score panel as a component: go-app re-renders
// it only when the instrument or a code changes.
type scorePanelView struct {
	app.Compo

	// ID is the panel's element id.
	ID string
	// Instrument is the instrument rated.
	Instrument scoring.InstrumentID
	// Items are the codes (unrated for items without a rating).
	Items [scoring.MaxItems]scoring.Code
}

// Render draws the panel.
func (p *scorePanelView) Render() app.UI {
	in, err := scoring.LookupInstrument(string(p.Instrument))
	if err != nil {
		in = scoring.MustInstrument(scoring.HoNOS)
	}
	return scorePanel(p.ID, in, &p.Items)
}

// scorePanel draws the live score panel. Its status region (polite) lets
// screen readers announce the changed lines without moving focus; lines
// that come and go sit in slots that are always there, so that the others
// are updated in place. The warning carries the word "Warning" and a
// symbol, never colour alone. The total, valid items and severity lines
// carry ids: a rating writes them at once (see quickPanelLines).
func scorePanel(id string, in *scoring.Instrument, items *[scoring.MaxItems]scoring.Code) app.UI {
	f := scorePanelFacts(in, items)
	sources := "Valid total: at most " + strconv.Itoa(scoring.MaxUnknownDefault) + " scored items not known. Items rated 2 or more are clinically significant (James et al. 2018)."
	if f.Severity != "" {
		sources += " Severity bands are indicative only (Parabiaghi et al. 2014)."
	}
	// The panel scrolls on a small screen: a tab stop lets a keyboard user
	// scroll it, and its heading names it (axe: scrollable-region-focusable).
	return app.Aside().ID(id).Class("score-panel").TabIndex(0).Aria("labelledby", id+"-title").Body(
		app.H2().ID(id+"-title").Text("Scores"),
		app.Div().Role("status").Aria("live", "polite").Class("score-status").Body(
			app.P().Class("score-total").Body(app.Strong().ID(panelTotalID(id)).Text(f.Total)),
			app.Div().Class("score-slot").Body(app.If(f.Warning != "", func() app.UI {
				return app.P().Class("score-warning").Body(
					app.Span().Aria("hidden", "true").Class("score-icon").Text("⚠ "),
					app.Strong().Text("Warning: "), app.Text(f.Warning))
			})),
			app.Div().Class("score-slot").Body(app.If(f.Progress != "", func() app.UI {
				return app.P().Class("score-progress").Text(f.Progress)
			})),
			app.P().Class("score-valid").ID(panelValidID(id)).Text(f.Valid),
			app.P().Class("score-significant").Text(f.Significant),
			app.Div().Class("score-slot").Body(app.If(f.Severity != "", func() app.UI {
				return app.P().Class("score-severity").ID(panelSeverityID(id)).Text(f.Severity)
			})),
			app.H3().Text(in.Subscales.Name),
			app.Ul().Class("score-subscales").Body(app.Range(f.Subscales).Slice(func(i int) app.UI {
				return app.Li().Text(f.Subscales[i])
			})),
		),
		app.P().Class("score-sources").Text(sources),
	)
}
