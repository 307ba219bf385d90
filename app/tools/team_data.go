package tools

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"honoscope/app/ui"

	"honoscope/app/chart"
	"honoscope/scoring"
	"honoscope/scoring/layout"
)

// maxListedProblems is how many rejected rows (and, separately, warnings)
// the team view lists; the rest are counted, so that a file with many bad
// rows still shows a page that can be read.
const maxListedProblems = 100

// teamData is a loaded export: its name, its ratings kept compactly, and
// what was wrong with its rows.
type teamData struct {
	// Name is the file's name.
	Name string
	// Layout is the layout the file was read as.
	Layout layout.Format
	scoring.ReadReport
	ratings *scoring.RatingSet
}

// loadTeam reads a ratings file in any layout the command line reads
// (Honoscope's CSV, MHSDS long, NOCC, CamCOPS, CDU, FHIR), told from its
// first line as the command line tells it, and keeps its ratings
// compactly. size, when known (else 0), sizes the kept ratings. every is
// called every few thousand rows (the caller updates progress there); an
// error from reading (such as a cancelled stream) ends the load.
//
// With a mapping m, the file is read by it. Without one, a file whose
// header is none of the known layouts gives a *needsMapping error holding
// the header, so that the page can ask which column is which.
func loadTeam(name string, r io.Reader, size int64, every func(), m *layout.Mapping) (*teamData, error) {
	if every == nil {
		every = func() {}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	d := &teamData{Name: name, Layout: layout.DetectReader(br), ratings: scoring.NewRatingSet(size)}
	if m != nil {
		d.Layout = layout.Mapped
	} else if d.Layout == layout.CSV {
		if header := layout.HeaderOf(br); !honoscopeHeader(header) {
			return nil, &needsMapping{name: name, header: header}
		}
		// Honoscope's own CSV keeps its faster reader, which parses on a
		// goroutine of its own while the ratings are kept.
		rd, err := scoring.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if d.ReadReport, err = rd.ReadAll(scoring.ReadOptions{Keep: maxListedProblems, Progress: every}, d.ratings.Add); err != nil {
			return nil, err
		}
		return d, nil
	}
	n := 0
	rep, err := layout.Read(br, layout.Options{From: d.Layout, Mapping: m, Problem: func(e *scoring.RowError) {
		c := *e
		if c.Warning {
			d.NWarnings++
			if len(d.Warnings) < maxListedProblems {
				d.Warnings = append(d.Warnings, &c)
			}
		} else if len(d.Problems) < maxListedProblems {
			d.Problems = append(d.Problems, &c)
		}
	}}, func(r *scoring.Rating) {
		d.ratings.Add(r)
		if n++; n%scoring.ProgressRows == 0 {
			every()
		}
	})
	if err != nil {
		return nil, fmt.Errorf("%s: read as %s: %w", name, d.Layout.Title(), err)
	}
	d.Rows, d.Rejected = rep.Rows, rep.Rejected
	return d, nil
}

// needsMapping is a file in a layout Honoscope does not know: the user is
// asked which of its columns holds each field.
type needsMapping struct {
	name   string
	header []string
}

func (e *needsMapping) Error() string {
	return e.name + ": Honoscope does not know this file's columns: choose which column holds each field"
}

// honoscopeHeader reports whether a header has Honoscope's own patient and
// date columns (the CSV reader then says anything else that is missing).
func honoscopeHeader(header []string) bool {
	has := map[string]bool{}
	for _, h := range header {
		has[strings.ToLower(strings.TrimSpace(h))] = true
	}
	return has[scoring.ColPatient] && has[scoring.ColDate]
}

// analyseTeam pairs and classifies the kept ratings with s on the command
// line's own path (scoring.Analyse), keeps the pairs f keeps, groups them by
// by, and makes the ranges dated today.
func analyseTeam(d *teamData, s scoring.Settings, f scoring.Filter, by scoring.Dimensions, today scoring.Date) (*scoring.Analysis, error) {
	return scoring.Analyse(d.ratings.Each, s, scoring.View{Filter: f, By: by, Summarise: true, Ranges: true, Created: today})
}

// utcToday is the current day in UTC, as 'honoscope ranges' dates its file.
func utcToday() scoring.Date {
	now := time.Now().UTC()
	return scoring.DateOf(now.Year(), now.Month(), now.Day())
}

func fnum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// groupName words a group key, e.g. "HoNOS · moderate · Team A".
func groupName(k scoring.GroupKey, by scoring.Dimensions) string {
	var parts []string
	rec := func(s string) string {
		if s == "" {
			return "not recorded"
		}
		return s
	}
	if by&scoring.ByInstrument != 0 {
		parts = append(parts, ui.InstrumentName(string(k.Instrument)))
	}
	if by&scoring.ByBand != 0 {
		parts = append(parts, "baseline "+k.Band)
	}
	if by&scoring.ByTeam != 0 {
		parts = append(parts, "team "+rec(k.Team))
	}
	if by&scoring.BySetting != 0 {
		parts = append(parts, "setting "+rec(k.Setting))
	}
	if by&scoring.ByOccasion != 0 {
		parts = append(parts, "occasion "+rec(k.Occasion))
	}
	if len(parts) == 0 {
		return "All pairs"
	}
	return strings.Join(parts, " · ")
}

// scatterCharts draws one Jacobson plot per instrument among pairs, with
// the change options used for that instrument's pairs, for a figure width
// px wide (0: the widest).
func scatterCharts(pairs []scoring.Pair, used func(scoring.InstrumentID) scoring.ChangeOptions, width float64) ([]chart.Chart, error) {
	var out []chart.Chart
	for _, in := range scoring.Instruments() {
		var pts []chart.PairTotals
		for i := range pairs {
			if pairs[i].Instrument == in {
				pts = append(pts, chart.PairTotals{Baseline: pairs[i].BaselineScores.Total, Followup: pairs[i].FollowupScores.Total})
			}
		}
		if len(pts) == 0 {
			continue
		}
		c, err := chart.Scatter(pts, chart.ScatterOptions{ID: "team-scatter-" + string(in.ID), Title: in.Name + ": first and latest totals of each pair", MaxTotal: in.MaxTotal(), Change: used(in.ID), Width: width})
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
