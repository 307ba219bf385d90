package tools

import (
	"bytes"
	"strconv"

	"honoscope/scoring"
)

// csvCell writes one cell of the summary: a number (such as a mean change
// of -1.5) as it is, since it cannot be a formula; text by scoring's one CSV
// cell policy (scoring.AppendCell: guarded against formulas, quoted when
// needed).
func csvCell(s string) string {
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return string(scoring.AppendCell(nil, s))
}

// csvNum writes a number for the CSV: plain ASCII, "-" for negatives.
func csvNum(x float64, prec int) string { return strconv.FormatFloat(x, 'f', prec, 64) }

// summaryCSV writes the summary tables of res as one CSV file: a comment
// row with the method, then one row per group (the overall row first) with
// the counts and proportions per category and the mean change of the total,
// then per group and instrument the mean change of each subscale, then per
// group and instrument each item's high-to-low and low-to-high counts.
func summaryCSV(res *scoring.Analysis) []byte {
	var b bytes.Buffer
	row := func(cells ...string) {
		for i, c := range cells {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(csvCell(c))
		}
		b.WriteString("\r\n")
	}
	groups := make([]scoring.Summary, 0, 1+len(res.Groups))
	groups = append(groups, res.Overall...)
	groups = append(groups, res.Groups...)
	name := func(i int) string {
		if i < len(res.Overall) {
			return "All pairs"
		}
		return groupName(groups[i].Key, res.By)
	}
	row("method", res.Method)
	row()
	head := []string{"group", "pairs"}
	for _, c := range scoring.Categories {
		head = append(head, c.String(), c.String()+"_percent")
	}
	row(append(head, "mean_change_total")...)
	for i := range groups {
		s := &groups[i]
		cells := []string{name(i), strconv.Itoa(s.Pairs)}
		for _, c := range scoring.Categories {
			cells = append(cells, strconv.Itoa(s.Count(c)), csvNum(100*s.Proportion(c), 1))
		}
		row(append(cells, csvNum(s.MeanChange, 2))...)
	}
	row()
	row("group", "instrument", "grouping", "subscale", "pairs", "mean_change")
	for i := range groups {
		for _, d := range groups[i].Instruments {
			for _, g := range d.Groups {
				row(name(i), string(d.Instrument.ID), g.Grouping, g.Name, strconv.Itoa(g.Pairs), csvNum(g.MeanChange, 2))
			}
		}
	}
	row()
	row("group", "instrument", "item", "assessable", "high_to_low", "high_to_low_percent", "low_to_high", "low_to_high_percent")
	for i := range groups {
		for _, d := range groups[i].Instruments {
			for _, it := range d.Items {
				row(name(i), string(d.Instrument.ID), strconv.Itoa(it.Item), strconv.Itoa(it.Assessable),
					strconv.Itoa(it.HighLow), csvNum(100*it.HighLowShare(), 1), strconv.Itoa(it.LowHigh), csvNum(100*it.LowHighShare(), 1))
			}
		}
	}
	return b.Bytes()
}

// rangesJSON writes the expected-change ranges as 'honoscope ranges' does.
func rangesJSON(res *scoring.Analysis) ([]byte, error) {
	var b bytes.Buffer
	if _, err := res.Ranges.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
