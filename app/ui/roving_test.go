package ui

import (
	"strings"
	"testing"
)

// Only a chart's first focusable point stays in the tab order.
func TestRovingKeepsOneTabStopAChart(t *testing.T) {
	svg := `<svg><g tabindex="0">a</g><g tabindex="0">b</g><g tabindex="0">c</g></svg>`
	got := Roving(svg)
	if strings.Count(got, `tabindex="0"`) != 1 || strings.Count(got, `tabindex="-1"`) != 2 || !strings.HasPrefix(got, `<svg><g tabindex="0">a`) {
		t.Errorf("Roving gave %s", got)
	}
	if Roving("<svg></svg>") != "<svg></svg>" {
		t.Error("a chart without points changed")
	}
}
