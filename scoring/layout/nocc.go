package layout

import (
	"fmt"
	"io"

	"honoscope/scoring"
)

// The Australian National Outcomes and Casemix Collection (NOCC) names its
// data elements (validator.net.au, NOCC 01.70–04.01 record layouts, COD,
// HONOS and HONOSCA records): the collection occasion carries the person
// (PID), the date (ColDt, DDMMYYYY), the reason for collection (ColRsn),
// the episode's setting (Setting) and the service unit (SUId); the HONOS
// record carries the version (HnosVer: A1 working-age adult, G1 and G2 the
// 65+ versions), Hnos01…Hnos12 (0–4, 7 not stated, 9 unknown) and the item
// 8 problem type Hnos08a (A–J, X not applicable, Z not stated); the HONOSCA
// record HnosC01…HnosC15. Analysts receive flat CSV extracts that join
// these records into one row per collection occasion under the same
// element names; that is the layout read here.
var noccItems, noccCAItems = func() (h, ca []string) {
	for n := 1; n <= 12; n++ {
		h = append(h, fmt.Sprintf("Hnos%02d", n))
	}
	for n := 1; n <= 15; n++ {
		ca = append(ca, fmt.Sprintf("HnosC%02d", n))
	}
	return h, ca
}()

// noccVersions reads HnosVer (NOCC HONOS record, HnosVer: A1, G1, G2).
var noccVersions = map[string]scoring.InstrumentID{"A1": scoring.HoNOS, "G1": scoring.HoNOS65, "G2": scoring.HoNOS65}

// noccReasons turns a reason for collection (NOCC COD ColRsn, 01.80: 01 new
// referral, 02 transfer from another setting, 03 admission other; 04
// 91-day review, 05 review other; 06 no further care, 07 transfer to
// another setting, 08 death, 09 discharge other) into Honoscope's occasion.
var noccReasons = map[string]string{
	"01": "admission", "02": "admission", "03": "admission",
	"04": "review", "05": "review",
	"06": "discharge", "07": "discharge", "08": "discharge", "09": "discharge",
	"1": "admission", "2": "admission", "3": "admission", "4": "review", "5": "review",
	"6": "discharge", "7": "discharge", "8": "discharge", "9": "discharge",
}

// noccSettings turns the episode service setting (NOCC COD Setting: 1
// inpatient, 2 community residential, 3 ambulatory) into a setting label.
var noccSettings = map[string]string{"1": "inpatient", "2": "residential", "3": "ambulatory"}

// noccLayout is the flat CSV extract of NOCC collection occasions.
var noccLayout = &Wide{
	Name:     "NOCC",
	Patient:  []string{"PID", "PersonId", "Person_ID"},
	Date:     []string{"ColDt"},
	DayFirst: true,
	Forms: []Form{
		{Instrument: scoring.HoNOS, Items: noccItems, Version: "HnosVer", Versions: noccVersions},
		{Instrument: scoring.HoNOSCA, Items: noccCAItems},
	},
	ProblemType: "Hnos08a",
	None:        []string{"X", "Z"},
	Occasion:    "ColRsn", Occasions: noccReasons,
	Setting: "Setting", Settings: noccSettings,
	Team: "SUId",
}

// IsNOCC reports whether a header is a NOCC extract's: it has Hnos01 or
// HnosC01 and the collection date ColDt.
func IsNOCC(header []string) bool {
	has := headerSet(header)
	return (has["hnos01"] || has["hnosc01"]) && has["coldt"]
}

// WriteMETEOR writes rs as a flat CSV under NOCC's element names with
// METEOR codes, one row per rating: PID, ColDt (DDMMYYYY), ColRsn, Setting,
// SUId, HnosVer, Hnos01…Hnos12, Hnos08a, HnosC01…HnosC15. An unknown item is
// written 8, METEOR's code for unknown (METEOR 717795; NOCC files of older
// specifications use 7 and 9, which Honoscope reads alike). The reason
// for collection is the "other" code of the rating's occasion (03, 05,
// 09), the setting its NOCC code when it is one of NOCC's three, and the
// item 8 problem type X when item 8 is not a problem and Z when no type was
// recorded; K (elated mood, added by the 2018 glossary) has no NOCC code and
// is written J, "other", where older glossaries put it. HoNOS 65+ is
// written as version G1.
func WriteMETEOR(w io.Writer, rs []scoring.Rating) error {
	return writeAll(newMETEORWriter(w), rs)
}

// noccProblemType is Hnos08a for a HoNOS or HoNOS 65+ rating.
func noccProblemType(r *scoring.Rating) string {
	c := r.Items[7]
	switch {
	case !c.Rated() || c == scoring.NoProblem:
		return "X"
	case r.ProblemType == scoring.LastProblemType:
		return "J"
	case r.ProblemType.Valid():
		return r.ProblemType.String()
	}
	return "Z"
}
