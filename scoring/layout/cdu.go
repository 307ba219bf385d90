package layout

import (
	"strconv"
	"strings"
)

// The CDU honos R package's layout (its example data and functions): id,
// date, team, stage, q1…q13 and q8_prob, one row per HoNOS rating. Its
// columns are Honoscope's under other names, so it is read by renaming
// them; q13 (the clustering tool's extra item) and stage are not read.
var cduToHonoscope = func() map[string]string {
	m := map[string]string{"id": "patient", "date": "date", "team": "team", "q8_prob": "item8_type"}
	for n := 1; n <= 12; n++ {
		m["q"+strconv.Itoa(n)] = "item" + strconv.Itoa(n)
	}
	return m
}()

// honoscopeToCDU names a Honoscope column as the CDU layout does.
var honoscopeToCDU = func() map[string]string {
	m := map[string]string{}
	for k, v := range cduToHonoscope {
		m[v] = k
	}
	return m
}()

// IsCDU reports whether a header is the CDU honos package's: an id, a
// date, q1 and q8_prob, and no Honoscope patient column.
func IsCDU(header []string) bool {
	has := map[string]bool{}
	for _, h := range header {
		has[strings.ToLower(strings.TrimSpace(h))] = true
	}
	return has["id"] && has["date"] && has["q1"] && has["q8_prob"] && !has["patient"]
}

// CDUHeader returns the header with the CDU columns renamed to Honoscope's,
// so that scoring.NewReader reads the file; other columns keep their names
// (and are ignored unless they are Honoscope's).
func CDUHeader(header []string) []string {
	out := make([]string, len(header))
	for i, h := range header {
		if name, ok := cduToHonoscope[strings.ToLower(strings.TrimSpace(h))]; ok {
			out[i] = name
		} else {
			out[i] = h
		}
	}
	return out
}

// CDUColumn names a Honoscope column (as scoring.RowError gives it) by its
// CDU name, so that a problem points at the column the user sees.
func CDUColumn(column string) string {
	if name, ok := honoscopeToCDU[column]; ok {
		return name
	}
	return column
}
