// Package layout reads and writes the export layouts services use to record
// HoNOS, so that an analyst's extract goes straight into Honoscope's
// analyses: England's Mental Health Services Data Set (MHSDS) long format,
// one row per rated item, and the CDU honos R package's layout, beside
// Honoscope's own CSV. It is pure Go, like package scoring.
package layout

import "honoscope/scoring"

// itemCode is what an MHSDS item code (CodedAssToolType, a SNOMED CT
// concept) stands for.
type itemCode struct {
	instrument scoring.InstrumentID
	item       int
	// clinician is false for the parent- and self-rated HoNOSCA.
	clinician bool
}

// mhsdsItems are the SNOMED CT codes MHSDS records each item under, from
// NHS Digital's mental-health-bulletin repository, setup/Reference Data.py
// (lines 792–854): HoNOS working age adults, HoNOS 65+ (older persons) and
// HoNOSCA rated by the clinician, a parent or the young person. HoNOSCA
// items 14 and 15 have no codes there; there are no total codes.
var mhsdsItems = func() map[string]itemCode {
	m := map[string]itemCode{}
	add := func(in scoring.InstrumentID, clinician bool, codes ...string) {
		for i, c := range codes {
			m[c] = itemCode{instrument: in, item: i + 1, clinician: clinician}
		}
	}
	add(scoring.HoNOS, true, "979641000000103", "979651000000100", "979661000000102", "979671000000109",
		"979681000000106", "979691000000108", "979701000000108", "979711000000105", "979721000000104",
		"979731000000102", "979741000000106", "979751000000109")
	add(scoring.HoNOS65, true, "980761000000107", "980771000000100", "980781000000103", "980791000000101",
		"980801000000102", "980811000000100", "980821000000106", "980831000000108", "980841000000104",
		"980851000000101", "980861000000103", "980871000000105")
	add(scoring.HoNOSCA, true, "989751000000102", "989801000000109", "989811000000106", "989821000000100",
		"989831000000103", "989841000000107", "989851000000105", "989861000000108", "989871000000101",
		"989761000000104", "989771000000106", "989781000000108", "989791000000105")
	add(scoring.HoNOSCA, false, "989881000000104", "989931000000107", "989941000000103", "989951000000100",
		"989961000000102", "989971000000109", "989981000000106", "989991000000108", "990001000000107",
		"989891000000102", "989901000000101", "989911000000104", "989921000000105")
	add(scoring.HoNOSCA, false, "989621000000101", "989671000000102", "989681000000100", "989691000000103",
		"989701000000103", "989711000000101", "989721000000107", "989731000000109", "989741000000100",
		"989631000000104", "989641000000108", "989651000000106", "989661000000109")
	return m
}()

// mhsdsCodes gives the MHSDS code of each item of the clinician-rated form
// of an instrument: mhsdsCodes[in][n-1].
var mhsdsCodes = func() map[scoring.InstrumentID][]string {
	m := map[scoring.InstrumentID][]string{}
	for c, it := range mhsdsItems {
		if !it.clinician {
			continue
		}
		for len(m[it.instrument]) < it.item {
			m[it.instrument] = append(m[it.instrument], "")
		}
		m[it.instrument][it.item-1] = c
	}
	return m
}()
