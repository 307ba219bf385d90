// Package scoring implements the rules of the Health of the Nation Outcome
// Scales (HoNOS, HoNOS 65+, HoNOSCA): codes, totals, validity, subscales,
// clinically significant items, indicative severity, reliable and clinically
// significant change, categorical item change, groupings, cohort pairing,
// cohort summaries and expected-change ranges.
//
// The package is pure Go: it reads from io.Reader and never imports go-app,
// syscall/js or safejs, so the same code scores in the browser (wasm) and on
// the command line. Every rule cites its source; the contract is the project's
// scoring reference (shared/reference/honos-scoring.md), summarised in README.
//
// HoNOS, HoNOS 65+ and HoNOSCA © Royal College of Psychiatrists. This package
// carries item numbers, short neutral titles and the scoring rules (facts),
// never glossary wording.
package scoring

import (
	"fmt"
	"strings"
)

// InstrumentID names one instrument of the HoNOS family as written in files
// and on the command line.
type InstrumentID string

// The instruments Honoscope scores.
const (
	// HoNOS is the working-age adult scale: 12 scored items, total 0–48
	// (Wing et al. 1998, Br J Psychiatry 172:11; METEOR 676214).
	HoNOS InstrumentID = "honos"
	// HoNOS65 is HoNOS 65+ for older adults: 12 scored items, total 0–48
	// (Burns et al. 1999, Br J Psychiatry 174:424; Pirkis et al. 2005, Table 1).
	HoNOS65 InstrumentID = "honos65"
	// HoNOSCA is the child and adolescent scale: 15 items of which 1–13 are
	// scored, total 0–52; items 14–15 are information items outside the total
	// (Gowers et al. 1999, Br J Psychiatry 174:413; METEOR 575041).
	HoNOSCA InstrumentID = "honosca"
)

// MaxItems is the largest number of items on any instrument of the family
// (HoNOSCA: 13 scored + 2 information items; Gowers et al. 1999).
const MaxItems = 15

// MaxCode is the highest severity code, "severe to very severe problem"
// (METEOR 717795, the project's seed).
const MaxCode = 4

// Item is one item (scale) of an instrument.
type Item struct {
	// Number is the item's number on the form, from 1.
	Number int
	// Title is a short neutral title (facts, not glossary wording).
	Title string
	// Scored reports whether the item counts towards the total. Only HoNOSCA
	// items 14 and 15 are unscored (METEOR 575041: total = scales 1 to 13).
	Scored bool
}

// Instrument describes one scale of the family: its items, scored items,
// maximum total and built-in subscales.
type Instrument struct {
	// ID is the identifier used in files ("honos", "honos65", "honosca").
	ID InstrumentID
	// Name is the display name.
	Name string
	// Items lists every item on the form in order, numbered from 1.
	Items []Item
	// Scored is the number of scored items; they are always items 1..Scored.
	Scored int
	// HasProblemType reports whether item 8 carries a problem type (A–K).
	// True for HoNOS and HoNOS 65+; HoNOSCA item 8 is a different item.
	HasProblemType bool
	// Subscales is the built-in Wing (HoNOS, 65+) or Gowers (HoNOSCA) grouping.
	Subscales Grouping
}

// MaxTotal is the highest possible total: 4 × the number of scored items
// (48 for HoNOS and 65+, 52 for HoNOSCA; Pirkis et al. 2005, Table 1).
func (in *Instrument) MaxTotal() int { return MaxCode * in.Scored }

// MaxUnknownDefault is the default number of scored items that may be
// unknown while the total stays valid: at most 2 (10 of 12 rated; 11 of 13
// for HoNOSCA). Source: the UK score-sheet convention that forms with more
// than two unknown items are returned (project reference, "Scores of one
// rating"); configurable through Rules.MaxUnknown.
const MaxUnknownDefault = 2

// honosTitles are the short titles of HoNOS items 1–12 (project reference,
// after Wing et al. 1998; METEOR 717795 lists the scales).
var honosTitles = []string{
	"Overactive, aggressive, disruptive or agitated behaviour",
	"Non-accidental self-injury",
	"Problem drinking or drug-taking",
	"Cognitive problems",
	"Physical illness or disability problems",
	"Hallucinations and delusions",
	"Depressed mood",
	"Other mental and behavioural problems",
	"Relationships",
	"Activities of daily living",
	"Living conditions",
	"Occupation and activities",
}

// honos65Titles are the short titles of HoNOS 65+ items 1–12, the 65+
// wording of the same twelve scales (Burns et al. 1999; METEOR 65+ score code).
var honos65Titles = []string{
	"Behavioural disturbance",
	"Non-accidental self-injury",
	"Problem drinking or drug use",
	"Cognitive problems",
	"Physical illness or disability problems",
	"Hallucinations and delusions",
	"Depressive symptoms",
	"Other mental and behavioural problems",
	"Social or supportive relationships",
	"Activities of daily living",
	"Living conditions",
	"Work and leisure activities",
}

// honoscaTitles are the short titles of HoNOSCA items 1–15 (Gowers et al.
// 1999, Br J Psychiatry 174:413).
var honoscaTitles = []string{
	"Disruptive, antisocial or aggressive behaviour",
	"Overactivity, attention or concentration",
	"Non-accidental self-injury",
	"Alcohol, substance or solvent misuse",
	"Scholastic or language skills",
	"Physical illness or disability problems",
	"Hallucinations and delusions",
	"Non-organic somatic symptoms",
	"Emotional and related symptoms",
	"Peer relationships",
	"Self-care and independence",
	"Family life and relationships",
	"Poor school attendance",
	"Lack of knowledge about the nature of difficulties",
	"Lack of information about services or management",
}

func items(titles []string, scored int) []Item {
	out := make([]Item, len(titles))
	for i, t := range titles {
		out[i] = Item{Number: i + 1, Title: t, Scored: i < scored}
	}
	return out
}

// wingGroups is the Wing et al. (1998) subscale structure of HoNOS and
// HoNOS 65+: Behaviour 1–3, Impairment 4–5, Symptoms 6–8, Social 9–12
// (Pirkis et al. 2005, Health Qual Life Outcomes 3:76, Table 1).
var wingGroups = []Group{
	{Name: "Behaviour", Items: []int{1, 2, 3}},
	{Name: "Impairment", Items: []int{4, 5}},
	{Name: "Symptoms", Items: []int{6, 7, 8}},
	{Name: "Social", Items: []int{9, 10, 11, 12}},
}

// gowersGroups is the Gowers et al. (1999) subscale structure of HoNOSCA:
// Behaviour 1–4, Impairment 5–6, Symptoms 7–9, Social 10–13 (Pirkis et al.
// 2005, Table 1).
var gowersGroups = []Group{
	{Name: "Behaviour", Items: []int{1, 2, 3, 4}},
	{Name: "Impairment", Items: []int{5, 6}},
	{Name: "Symptoms", Items: []int{7, 8, 9}},
	{Name: "Social", Items: []int{10, 11, 12, 13}},
}

var instruments = []*Instrument{
	{
		ID: HoNOS, Name: "HoNOS", Items: items(honosTitles, 12), Scored: 12,
		HasProblemType: true,
		Subscales:      Grouping{Name: "Wing subscales", Instrument: HoNOS, Groups: wingGroups},
	},
	{
		ID: HoNOS65, Name: "HoNOS 65+", Items: items(honos65Titles, 12), Scored: 12,
		HasProblemType: true,
		Subscales:      Grouping{Name: "Wing subscales", Instrument: HoNOS65, Groups: wingGroups},
	},
	{
		ID: HoNOSCA, Name: "HoNOSCA", Items: items(honoscaTitles, 13), Scored: 13,
		Subscales: Grouping{Name: "Gowers subscales", Instrument: HoNOSCA, Groups: gowersGroups},
	},
}

// Instruments returns every instrument Honoscope scores, in display order.
// The returned values are shared; do not modify them.
func Instruments() []*Instrument { return instruments }

// LookupInstrument returns the instrument with the given identifier,
// ignoring case and surrounding space. The empty string is not accepted here;
// callers that default to HoNOS do so explicitly.
func LookupInstrument(id string) (*Instrument, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	for _, in := range instruments {
		if string(in.ID) == id {
			return in, nil
		}
	}
	return nil, fmt.Errorf("unknown instrument %q: use honos, honos65 or honosca", id)
}

// MustInstrument returns the built-in instrument with the given identifier
// and panics if there is none. Use it only with the package's constants.
func MustInstrument(id InstrumentID) *Instrument {
	in, err := LookupInstrument(string(id))
	if err != nil {
		panic(err)
	}
	return in
}
