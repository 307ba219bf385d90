package ui

import "honoscope/app/browser"

// The score panel's fast path: a keystroke updates the total within one
// frame. go-app v10 runs an event's Go handler inside the browser's
// event task, but re-renders components only on its own ticker, at least
// 1/120 s later, so the new total would wait for a later frame. A handler
// that records a rating therefore also writes the panel's short lines (the
// total, the valid items and the indicative severity) straight into the
// page, and the browser paints them in the next frame; go-app's render then
// writes the identical text. Both take their words from scorePanelFacts, so
// they cannot disagree.
//
// Behind go-app's virtual DOM the write must leave every node in place:
// only the nodeValue of the one text node that go-app created inside an
// element with a known id is set, never textContent or innerHTML (which
// would replace that node and leave go-app updating a detached one). A
// screen reader hears each line once: the polite status region changes
// from the old text to the new, and go-app's second write of the same text
// is no change at all.

// panelLine is one line of the score panel that the fast path writes: the
// id of the element that holds it and its text.
type panelLine struct {
	ID, Text string
}

// panelTotalID, panelValidID and panelSeverityID return the ids of the
// elements of the panel with id id that hold the total, the valid items and
// the indicative severity. Each holds exactly one text node.
func panelTotalID(id string) string    { return id + "-total" }
func panelValidID(id string) string    { return id + "-valid" }
func panelSeverityID(id string) string { return id + "-severity" }

// quickPanelLines returns the lines of the panel with id id that a rating
// writes at once, from f (the facts the panel renders): the total and the
// valid items, and the indicative severity when the instrument has severity
// bands (the panel has no severity line for HoNOSCA).
func quickPanelLines(id string, f *panelFacts) []panelLine {
	lines := []panelLine{{panelTotalID(id), f.Total}, {panelValidID(id), f.Valid}}
	if f.Severity != "" {
		lines = append(lines, panelLine{panelSeverityID(id), f.Severity})
	}
	return lines
}

// textWriter writes text into elements that go-app rendered, in place.
// pageText is the page's (browser.SetText; natively it writes nothing).
type textWriter interface {
	// setText sets the nodeValue of the only child of the element with id
	// id to text, when that element exists, its only child is a text node
	// and the node's text differs from text. It creates, removes and
	// replaces no node. It reports whether it wrote.
	setText(id, text string) bool
}

// writeQuickLines writes the short lines of the panel with id id, worded
// in f, through w.
func writeQuickLines(w textWriter, id string, f *panelFacts) {
	for _, l := range quickPanelLines(id, f) {
		w.setText(l.ID, l.Text)
	}
}

// pageText writes into the page through browser.SetText.
type pageText struct{}

func (pageText) setText(id, text string) bool { return browser.SetText(id, text) }
