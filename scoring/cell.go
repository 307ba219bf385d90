package scoring

import "strings"

// formulaLead reports whether a spreadsheet runs a cell starting with b as a
// formula: =, +, -, @, tab or carriage return (OWASP, "CSV Injection").
func formulaLead(b byte) bool {
	switch b {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// RunsAsFormula reports whether a spreadsheet would run the cell s as a
// formula (OWASP, "CSV Injection").
func RunsAsFormula(s string) bool { return s != "" && formulaLead(s[0]) }

// guarded reports whether GuardCell puts an apostrophe before s: when s
// would run as a formula, also after leading spaces (which some
// spreadsheets skip before they look for one), and when s is apostrophes
// followed by such a cell, so that a label that really starts with an
// apostrophe survives the round trip through GuardCell and UnguardCell.
func guarded(s string) bool {
	i := 0
	for i < len(s) && s[i] == '\'' {
		i++
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i < len(s) && formulaLead(s[i])
}

// GuardCell is the one CSV cell policy for text that a person typed (labels,
// names): it returns s with an apostrophe in front when a spreadsheet would
// otherwise run it as a formula, so that opening an export cannot run a
// formula planted in a label (OWASP, "CSV Injection"). Every CSV writer of
// the project passes text cells through it; the ratings Reader undoes it
// with UnguardCell, so UnguardCell(GuardCell(s)) == s for every s.
func GuardCell(s string) string {
	if guarded(s) {
		return "'" + s
	}
	return s
}

// UnguardCell undoes GuardCell exactly: it removes the one apostrophe that
// GuardCell adds and nothing else, so a cell such as "'quoted" (which
// GuardCell leaves alone) is returned as it is.
func UnguardCell(s string) string {
	if len(s) >= 2 && s[0] == '\'' && guarded(s[1:]) {
		return s[1:]
	}
	return s
}

// AppendCell appends the text s to b as one CSV cell: passed through
// GuardCell, then quoted (RFC 4180) when it holds a comma, quote or line end
// or starts with a space or tab, which a reader would otherwise trim.
func AppendCell(b []byte, s string) []byte {
	s = GuardCell(s)
	if s == "" || (!strings.ContainsAny(s, ",\"\r\n") && s[0] != ' ' && s[0] != '\t') {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}
