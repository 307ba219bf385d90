package layout

import (
	"strconv"

	"honoscope/scoring"
)

// CamCOPS (ucam-department-of-psychiatry/camcops,
// server/camcops_server/tasks/honos.py and honosca.py) keeps each task in
// its own table: patient_id, when_created (an ISO 8601 timestamp),
// period_rated (free text), q1…q12 and q8problemtype (A–J) for HoNOS and
// HoNOS 65+, q1…q15 for HoNOSCA. Items are 0–4 and 9 not known. CamCOPS
// sums all 15 HoNOSCA items into its total; Honoscope reads only the items
// and scores items 1–13, as the scale's authors do (METEOR 575041).
func camcops(in scoring.InstrumentID) *Wide {
	n := 12
	if in == scoring.HoNOSCA {
		n = 15
	}
	items := make([]string, n)
	for i := range items {
		items[i] = "q" + strconv.Itoa(i+1)
	}
	return &Wide{
		Name:        "CamCOPS",
		Patient:     []string{"patient_id", "_patient_server_pk", "patient"},
		Date:        []string{"when_created", "when_last_modified"},
		Forms:       []Form{{Instrument: in, Items: items}},
		ProblemType: "q8problemtype",
		Period:      "period_rated",
	}
}

// IsCamCOPS reports whether a header is a CamCOPS HoNOS-family table's:
// q1, when_created and period_rated.
func IsCamCOPS(header []string) bool {
	has := headerSet(header)
	return has["q1"] && has["when_created"] && has["period_rated"]
}

// camcopsInstrument is the instrument a CamCOPS table holds: HoNOSCA when
// it has q13 (HoNOS and HoNOS 65+ have 12 items), else the one the user
// named, HoNOS by default (the HoNOS and HoNOS 65+ tables have the same
// columns).
func camcopsInstrument(header []string, named scoring.InstrumentID) scoring.InstrumentID {
	if headerSet(header)["q13"] {
		return scoring.HoNOSCA
	}
	if named == scoring.HoNOS65 {
		return named
	}
	return scoring.HoNOS
}
