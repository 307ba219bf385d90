package layout

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"

	"honoscope/scoring"
)

// FHIR R4 (hl7.org/fhir/R4): a rating is a QuestionnaireResponse answering
// Honoscope's Questionnaire of its instrument, with an Observation per item
// coded with the item's SNOMED CT code where MHSDS has one
// (http://snomed.info/sct), and an Observation for the total whose members
// are the items'. No HoNOS Questionnaire or LOINC codes are published, so
// the Questionnaires, the code system of the answers and the codes of the
// totals are Honoscope's own, named by fixed name-based UUIDs (RFC 4122
// version 5 of "honoscope:Questionnaire/honos" and so on in the URL
// namespace): identifiers that nothing fetches, the same wherever a trust
// hosts the site, and owned by no one else's domain.
const (
	// QuestionnaireVersion is the version of Honoscope's Questionnaires that
	// the responses it writes answer.
	QuestionnaireVersion = "1"
	// codeSystem is Honoscope's code system for answers (0–4, 9 not known),
	// totals, problem types and periods.
	codeSystem = "urn:uuid:7572a1f7-0677-5308-aaf1-2ae82ebb1474"
	snomed     = "http://snomed.info/sct"
	// honosScale is the international SNOMED CT concept "Health of the
	// Nation Outcome Scale (generic version) (assessment scale)" (reference
	// interop notes), the code of a HoNOS total beside Honoscope's own.
	honosScale = "273513009"
)

// questionnaireURLs are the canonical URLs of the instruments'
// Questionnaires.
var questionnaireURLs = map[scoring.InstrumentID]string{
	scoring.HoNOS:   "urn:uuid:10c4658f-5df1-53d7-871e-dcd95936393b",
	scoring.HoNOS65: "urn:uuid:f91cb729-a126-5353-8b62-a4f1eb141dc9",
	scoring.HoNOSCA: "urn:uuid:b46cfa5d-9c15-5e9a-a1ae-ea15498249e3",
}

// QuestionnaireURL is the canonical URL of an instrument's Questionnaire.
func QuestionnaireURL(id scoring.InstrumentID) string { return questionnaireURLs[id] }

// fhirCoding, fhirConcept, fhirRef … are the parts of the R4 resources
// Honoscope writes and reads.
type (
	fhirCoding struct {
		System  string `json:"system,omitempty"`
		Code    string `json:"code,omitempty"`
		Display string `json:"display,omitempty"`
	}
	fhirConcept struct {
		Coding []fhirCoding `json:"coding,omitempty"`
		Text   string       `json:"text,omitempty"`
	}
	fhirIdentifier struct {
		System string `json:"system,omitempty"`
		Value  string `json:"value,omitempty"`
	}
	fhirRef struct {
		Reference  string          `json:"reference,omitempty"`
		Identifier *fhirIdentifier `json:"identifier,omitempty"`
		Display    string          `json:"display,omitempty"`
	}
	fhirAnswer struct {
		ValueCoding  *fhirCoding `json:"valueCoding,omitempty"`
		ValueInteger *int        `json:"valueInteger,omitempty"`
		ValueString  string      `json:"valueString,omitempty"`
	}
	fhirQRItem struct {
		LinkID string       `json:"linkId"`
		Text   string       `json:"text,omitempty"`
		Answer []fhirAnswer `json:"answer,omitempty"`
	}
	fhirResource struct {
		ResourceType string `json:"resourceType"`
		// QuestionnaireResponse
		Questionnaire string       `json:"questionnaire,omitempty"`
		Status        string       `json:"status,omitempty"`
		Subject       *fhirRef     `json:"subject,omitempty"`
		Authored      string       `json:"authored,omitempty"`
		Item          []fhirQRItem `json:"item,omitempty"`
		// Observation
		Category          []fhirConcept `json:"category,omitempty"`
		Code              *fhirConcept  `json:"code,omitempty"`
		EffectiveDateTime string        `json:"effectiveDateTime,omitempty"`
		ValueInteger      *int          `json:"valueInteger,omitempty"`
		DataAbsentReason  *fhirConcept  `json:"dataAbsentReason,omitempty"`
		HasMember         []fhirRef     `json:"hasMember,omitempty"`
		DerivedFrom       []fhirRef     `json:"derivedFrom,omitempty"`
		// Bundle
		Type  string      `json:"type,omitempty"`
		Entry []fhirEntry `json:"entry,omitempty"`
	}
	fhirEntry struct {
		FullURL  string        `json:"fullUrl"`
		Resource *fhirResource `json:"resource"`
	}
)

// Linked item identifiers of the responses, beside the items' numbers.
const (
	linkProblemType = "8a"
	linkPeriod      = "period"
	linkOccasion    = "occasion"
	linkTeam        = "team"
	linkSetting     = "setting"
)

// uuid returns a name-based identifier for a part of the i-th rating, so
// that the same ratings always give the same Bundle and two ratings of a
// person on one day stay apart. It is a 128-bit FNV-1a hash of the name in
// RFC 9562's layout for a custom UUID (version 8): a cryptographic hash
// would add nothing to an identifier, and FNV is already in the programs.
func uuid(r *scoring.Rating, i int, part string) string {
	f := fnv.New128a()
	fmt.Fprintf(f, "honoscope\x00%s\x00%s\x00%s\x00%d\x00%s", r.Patient, r.Date, r.Instrument.ID, i, part)
	h := f.Sum(nil)
	h[6] = h[6]&0x0f | 0x80
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// answerCoding is the coding of an item's code in the responses.
func answerCoding(c scoring.Code) *fhirCoding {
	return &fhirCoding{System: codeSystem, Code: c.String(), Display: c.Meaning()}
}

// WriteFHIR writes rs as one FHIR R4 Bundle of type collection: for each
// rating a QuestionnaireResponse (every item's code, the item 8 problem
// type, the period and the labels) and Observations, one per item and one
// for the total, which is valid or absent by Honoscope's default rules.
// The person is named only by the label the ratings carry, as an
// identifier. The output is the same for the same ratings.
func WriteFHIR(w io.Writer, rs []scoring.Rating) error {
	return writeAll(&fhirWriter{w: w}, rs)
}

// fhirSurvey and fhirAbsent are the category and the data-absent reason
// every Observation shares.
var (
	fhirSurvey = []fhirConcept{{Coding: []fhirCoding{{System: "http://terminology.hl7.org/CodeSystem/observation-category", Code: "survey", Display: "Survey"}}}}
	fhirAbsent = &fhirConcept{Coding: []fhirCoding{{System: "http://terminology.hl7.org/CodeSystem/data-absent-reason", Code: "unknown", Display: "Unknown"}}}
)

// fhirEntries returns the Bundle entries of r, the i-th rating (from 0):
// the QuestionnaireResponse, the total's Observation and an Observation
// per item.
func fhirEntries(r *scoring.Rating, i int) []fhirEntry {
	subjectOf := func(r *scoring.Rating) *fhirRef {
		return &fhirRef{Identifier: &fhirIdentifier{Value: r.Patient}}
	}
	survey, absent := fhirSurvey, fhirAbsent
	in := r.Instrument
	qrURL := uuid(r, i, "response")
	qr := &fhirResource{ResourceType: "QuestionnaireResponse",
		Questionnaire: QuestionnaireURL(in.ID) + "|" + QuestionnaireVersion,
		Status:        "completed", Subject: subjectOf(r), Authored: r.Date.String()}
	var items []fhirEntry
	var members []fhirRef
	for n, it := range in.Items {
		c := r.Items[n]
		qr.Item = append(qr.Item, fhirQRItem{LinkID: strconv.Itoa(n + 1), Text: it.Title, Answer: []fhirAnswer{{ValueCoding: answerCoding(c)}}})
		code := &fhirConcept{Text: in.Name + " item " + strconv.Itoa(n+1) + ": " + it.Title,
			Coding: []fhirCoding{{System: codeSystem, Code: string(in.ID) + "-" + strconv.Itoa(n+1)}}}
		if codes := mhsdsCodes[in.ID]; n < len(codes) {
			code.Coding = append([]fhirCoding{{System: snomed, Code: codes[n]}}, code.Coding...)
		}
		obs := &fhirResource{ResourceType: "Observation", Status: "final", Category: survey, Code: code,
			Subject: subjectOf(r), EffectiveDateTime: r.Date.String(), DerivedFrom: []fhirRef{{Reference: qrURL}}}
		if c.Rated() {
			v := int(c)
			obs.ValueInteger = &v
		} else {
			obs.DataAbsentReason = absent
		}
		u := uuid(r, i, "item"+strconv.Itoa(n+1))
		items = append(items, fhirEntry{FullURL: u, Resource: obs})
		members = append(members, fhirRef{Reference: u})
		if n == 7 && in.HasProblemType && r.ProblemType.Valid() {
			qr.Item = append(qr.Item, fhirQRItem{LinkID: linkProblemType, Text: "Item 8 problem type",
				Answer: []fhirAnswer{{ValueCoding: &fhirCoding{System: codeSystem, Code: "8" + r.ProblemType.String(), Display: r.ProblemType.Name()}}}})
		}
	}
	qr.Item = append(qr.Item, fhirQRItem{LinkID: linkPeriod, Text: "Period rated",
		Answer: []fhirAnswer{{ValueCoding: periodCoding(r.Period)}}})
	for _, l := range []struct{ link, text, v string }{{linkOccasion, "Occasion", r.Occasion}, {linkTeam, "Team", r.Team}, {linkSetting, "Setting", r.Setting}} {
		if l.v != "" {
			qr.Item = append(qr.Item, fhirQRItem{LinkID: l.link, Text: l.text, Answer: []fhirAnswer{{ValueString: l.v}}})
		}
	}
	s := scoring.Score(r, scoring.DefaultRules())
	totalCode := &fhirConcept{Text: in.Name + " total (items 1–" + strconv.Itoa(in.Scored) + ")",
		Coding: []fhirCoding{{System: codeSystem, Code: string(in.ID) + "-total"}}}
	if in.ID == scoring.HoNOS {
		totalCode.Coding = append([]fhirCoding{{System: snomed, Code: honosScale}}, totalCode.Coding...)
	}
	total := &fhirResource{ResourceType: "Observation", Status: "final", Category: survey, Code: totalCode,
		Subject: subjectOf(r), EffectiveDateTime: r.Date.String(), HasMember: members, DerivedFrom: []fhirRef{{Reference: qrURL}}}
	if s.TotalValid {
		v := s.Total
		total.ValueInteger = &v
	} else {
		total.DataAbsentReason = absent
	}
	entries := []fhirEntry{{FullURL: qrURL, Resource: qr}, {FullURL: uuid(r, i, "total"), Resource: total}}
	return append(entries, items...)
}

// periodCoding codes a rating period in Honoscope's code system.
func periodCoding(p scoring.Period) *fhirCoding {
	if p == scoring.ThreeDays {
		return &fhirCoding{System: codeSystem, Code: "3d", Display: p.String()}
	}
	return &fhirCoding{System: codeSystem, Code: "2w", Display: p.String()}
}

// ReadFHIR reads the QuestionnaireResponses of Honoscope's Questionnaires
// from a FHIR R4 Bundle (or a single QuestionnaireResponse) and calls use
// with each rating, in the Bundle's order. Other resources, the
// Observations among them, are skipped: the response holds the rating. A
// response that cannot be read is passed to problem with the line its
// entry starts on and left out.
//
// A Bundle is read one entry at a time, so that a national extract of
// millions of responses needs the memory of one entry, not of the file.
func ReadFHIR(r io.Reader, problem func(*scoring.RowError), use func(*scoring.Rating)) (Report, error) {
	rep := Report{Layout: FHIR}
	lines := &lineCounter{r: r}
	dec := json.NewDecoder(lines)
	notJSON := func(err error) error {
		// A streaming decoder's error offset can stop short of the white
		// space before the character it names: the line is that character's.
		return fmt.Errorf("not FHIR JSON: %v: export a Bundle or a QuestionnaireResponse as JSON", jsonProblem(err, func(off int64) int { return lines.lineAtNext(off, " \t\r\n") }))
	}
	if t, err := dec.Token(); err != nil {
		return rep, notJSON(err)
	} else if d, ok := t.(json.Delim); !ok || d != '{' {
		return rep, errors.New("not FHIR JSON: the file does not start with an object: export a Bundle or a QuestionnaireResponse as JSON")
	}
	// The members other than a Bundle's entries are kept, to read a single
	// QuestionnaireResponse (a few kilobytes) once its object has ended.
	var resourceType string
	members := map[string]json.RawMessage{}
	entries := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return rep, notJSON(err)
		}
		key, _ := t.(string)
		if key == "entry" && (resourceType == "" || resourceType == "Bundle") {
			entries = true
			if err := readEntries(dec, lines, &rep, problem, use); err != nil {
				return rep, notJSON(err)
			}
			continue
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return rep, notJSON(err)
		}
		if key == "resourceType" {
			if err := json.Unmarshal(v, &resourceType); err != nil {
				return rep, fmt.Errorf("line %d: resourceType is not a string: export a Bundle or a QuestionnaireResponse as JSON", lines.lineAt(dec.InputOffset()))
			}
		}
		members[key] = v
	}
	if _, err := dec.Token(); err != nil {
		return rep, notJSON(err)
	}
	switch resourceType {
	case "Bundle":
		return rep, nil
	case "QuestionnaireResponse":
		if entries {
			return rep, errors.New("the QuestionnaireResponse has an entry member, which only a Bundle has: export a Bundle or a QuestionnaireResponse as JSON")
		}
		whole, err := json.Marshal(members)
		if err != nil {
			return rep, err
		}
		var res fhirResource
		if err := json.Unmarshal(whole, &res); err != nil {
			return rep, err
		}
		takeResponse(&res, 1, &rep, problem, use)
		return rep, nil
	}
	return rep, fmt.Errorf("the file is a FHIR %q, not a Bundle or a QuestionnaireResponse: export the ratings' QuestionnaireResponses", resourceType)
}

// readEntries reads a Bundle's entry array one entry at a time, passing
// each QuestionnaireResponse to takeResponse with the line its entry
// starts on.
func readEntries(dec *json.Decoder, lines *lineCounter, rep *Report, problem func(*scoring.RowError), use func(*scoring.Rating)) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("line %d: the Bundle's entry is not an array", lines.lineAt(dec.InputOffset()))
	}
	for dec.More() {
		// The entry starts after the white space and comma before it.
		line := lines.lineAtNext(dec.InputOffset(), " \t\r\n,")
		var e fhirEntry
		if err := dec.Decode(&e); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				continue // not an entry Honoscope reads, as before: skipped
			}
			return err
		}
		if e.Resource != nil {
			takeResponse(e.Resource, line, rep, problem, use)
		}
	}
	_, err = dec.Token()
	return err
}

// takeResponse passes the rating of a QuestionnaireResponse to use, or its
// problem to problem; other resources are skipped.
func takeResponse(res *fhirResource, line int, rep *Report, problem func(*scoring.RowError), use func(*scoring.Rating)) {
	if res.ResourceType != "QuestionnaireResponse" {
		return
	}
	rep.Rows++
	rt, pe := fhirRating(res, line)
	if pe != nil {
		rep.Rejected++
		problem(pe)
		return
	}
	if rt.NeedsProblemType() {
		problem(&scoring.RowError{Line: line, Column: "item " + linkProblemType, Warning: true,
			Msg: "item 8 is rated " + rt.Items[7].String() + " but no problem type is given: add a letter A to K"})
	}
	rep.Ratings++
	use(rt)
}

// lineCounter passes a file through to the JSON decoder and says which
// line an offset of it is on. The decoder only moves forward, so it keeps
// only the bytes from the last offset asked about: about one entry and
// the decoder's buffer.
type lineCounter struct {
	r    io.Reader
	kept []byte // the bytes read from offset base on
	base int64  // the offset of kept[0]
	line int    // the line of offset base
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.kept = append(c.kept, p[:n]...)
	return n, err
}

// lineAt returns the line (from 1) of offset off, at or after the last
// offset asked about, and forgets the bytes before it.
func (c *lineCounter) lineAt(off int64) int {
	if c.line == 0 {
		c.line = 1
	}
	k := int(min(max(off-c.base, 0), int64(len(c.kept))))
	c.line += bytes.Count(c.kept[:k], []byte("\n"))
	c.kept = c.kept[k:]
	c.base += int64(k)
	// The slice's start moves on; copy the rest down now and then so the
	// array does not keep growing.
	if cap(c.kept) > 1<<20 && len(c.kept) < cap(c.kept)/4 {
		c.kept = append([]byte(nil), c.kept...)
	}
	return c.line
}

// lineAtNext returns the line of the first byte at or after offset off
// that is not one of skip.
func (c *lineCounter) lineAtNext(off int64, skip string) int {
	c.lineAt(off)
	i := 0
	for i < len(c.kept) && strings.IndexByte(skip, c.kept[i]) >= 0 {
		i++
	}
	return c.lineAt(c.base + int64(i))
}

// jsonProblem words a JSON syntax error with its line.
func jsonProblem(err error, lineAt func(int64) int) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("line %d: %v", lineAt(se.Offset), se)
	}
	return err.Error()
}

// fhirRating reads one QuestionnaireResponse.
func fhirRating(res *fhirResource, line int) (*scoring.Rating, *scoring.RowError) {
	bad := func(col, msg string) *scoring.RowError { return &scoring.RowError{Line: line, Column: col, Msg: msg} }
	url, _, _ := strings.Cut(res.Questionnaire, "|")
	var in *scoring.Instrument
	for id, u := range questionnaireURLs {
		if u == url {
			in = scoring.MustInstrument(id)
		}
	}
	if in == nil {
		return nil, bad("questionnaire", fmt.Sprintf("%q is not one of Honoscope's Questionnaires: Honoscope reads the responses it writes", clipCell(res.Questionnaire)))
	}
	r := &scoring.Rating{Instrument: in, Line: line}
	var err error
	if res.Subject == nil || res.Subject.Identifier == nil || res.Subject.Identifier.Value == "" {
		return nil, bad("subject", "no subject identifier: give the person's pseudonymous label as subject.identifier.value")
	}
	r.Patient = res.Subject.Identifier.Value
	if msg := scoring.LabelProblem(r.Patient); msg != "" {
		return nil, bad("subject", msg)
	}
	r.Patient = scoring.NormalLabel(r.Patient)
	if r.Date, err = scoring.ParseDate(datePart(res.Authored)); err != nil {
		return nil, bad("authored", err.Error())
	}
	for n := range r.Items {
		r.Items[n] = scoring.NotKnown
	}
	for _, it := range res.Item {
		col := "item " + it.LinkID
		var a fhirAnswer
		if len(it.Answer) > 0 {
			a = it.Answer[0]
		}
		switch it.LinkID {
		case linkProblemType:
			if a.ValueCoding != nil && in.HasProblemType {
				p, err := scoring.ParseProblemType(strings.TrimPrefix(a.ValueCoding.Code, "8"))
				if err != nil {
					return nil, bad(col, err.Error())
				}
				r.ProblemType = p
			}
		case linkPeriod:
			if a.ValueCoding != nil && a.ValueCoding.Code == "3d" {
				r.Period = scoring.ThreeDays
			}
		case linkOccasion, linkTeam, linkSetting:
			if msg := scoring.LabelProblem(a.ValueString); msg != "" {
				return nil, bad(col, msg)
			}
			*map[string]*string{linkOccasion: &r.Occasion, linkTeam: &r.Team, linkSetting: &r.Setting}[it.LinkID] = scoring.NormalLabel(a.ValueString)
		default:
			n, err := strconv.Atoi(it.LinkID)
			if err != nil || n < 1 || n > len(in.Items) {
				return nil, bad(col, fmt.Sprintf("%s has no item %q: check the response answers the right Questionnaire", in.Name, clipCell(it.LinkID)))
			}
			v := ""
			switch {
			case a.ValueCoding != nil:
				v = a.ValueCoding.Code
			case a.ValueInteger != nil:
				v = strconv.Itoa(*a.ValueInteger)
			}
			c, err := scoring.ParseCode(v)
			if err != nil {
				return nil, bad(col, err.Error())
			}
			r.Items[n-1] = c
		}
	}
	return r, nil
}

// fhirQuestionnaire is the part of an R4 Questionnaire Honoscope writes.
type fhirQuestionnaire struct {
	ResourceType string       `json:"resourceType"`
	URL          string       `json:"url"`
	Version      string       `json:"version"`
	Name         string       `json:"name"`
	Title        string       `json:"title"`
	Status       string       `json:"status"`
	Description  string       `json:"description"`
	Copyright    string       `json:"copyright"`
	Item         []fhirQItem  `json:"item"`
	Code         []fhirCoding `json:"code,omitempty"`
	SubjectType  []string     `json:"subjectType"`
}

type fhirQItem struct {
	LinkID       string             `json:"linkId"`
	Text         string             `json:"text"`
	Type         string             `json:"type"`
	Required     bool               `json:"required,omitempty"`
	Code         []fhirCoding       `json:"code,omitempty"`
	AnswerOption []fhirAnswerOption `json:"answerOption,omitempty"`
}

type fhirAnswerOption struct {
	ValueCoding *fhirCoding `json:"valueCoding,omitempty"`
	ValueString string      `json:"valueString,omitempty"`
}

// WriteQuestionnaire writes Honoscope's R4 Questionnaire of an instrument,
// the one its QuestionnaireResponses answer: an item per scale with the
// answers 0–4 and 9 (not known), the item 8 problem type where the
// instrument has one, the period rated and the optional labels. Item texts
// are Honoscope's own short titles, not the glossary's wording, which
// belongs to the Royal College of Psychiatrists.
func WriteQuestionnaire(w io.Writer, id scoring.InstrumentID) error {
	in, err := scoring.LookupInstrument(string(id))
	if err != nil {
		return err
	}
	q := fhirQuestionnaire{ResourceType: "Questionnaire", URL: QuestionnaireURL(in.ID), Version: QuestionnaireVersion,
		Name: "Honoscope" + strings.ToUpper(string(in.ID[:1])) + string(in.ID[1:]), Title: in.Name + " (Honoscope)",
		Status:      "active",
		Description: "The items of " + in.Name + " as Honoscope records them, each answered 0 (no problem) to 4 (severe to very severe problem) or 9 (not known).",
		Copyright:   "HoNOS, HoNOS 65+ and HoNOSCA are copyright of the Royal College of Psychiatrists. The item titles here are Honoscope's own short names; rate with the College's glossary.",
		SubjectType: []string{"Patient"}}
	var answers []fhirAnswerOption
	for _, c := range []scoring.Code{0, 1, 2, 3, 4, scoring.NotKnown} {
		answers = append(answers, fhirAnswerOption{ValueCoding: answerCoding(c)})
	}
	for n, it := range in.Items {
		qi := fhirQItem{LinkID: strconv.Itoa(n + 1), Text: it.Title, Type: "choice", Required: true, AnswerOption: answers}
		if codes := mhsdsCodes[in.ID]; n < len(codes) {
			qi.Code = []fhirCoding{{System: snomed, Code: codes[n]}}
		}
		q.Item = append(q.Item, qi)
		if n == 7 && in.HasProblemType {
			var types []fhirAnswerOption
			for _, p := range scoring.ProblemTypes() {
				types = append(types, fhirAnswerOption{ValueCoding: &fhirCoding{System: codeSystem, Code: "8" + p.String(), Display: p.Name()}})
			}
			q.Item = append(q.Item, fhirQItem{LinkID: linkProblemType, Text: "Item 8 problem type", Type: "choice", AnswerOption: types})
		}
	}
	q.Item = append(q.Item, fhirQItem{LinkID: linkPeriod, Text: "Period rated", Type: "choice",
		AnswerOption: []fhirAnswerOption{{ValueCoding: periodCoding(scoring.TwoWeeks)}, {ValueCoding: periodCoding(scoring.ThreeDays)}}})
	for _, l := range []struct{ link, text string }{{linkOccasion, "Occasion"}, {linkTeam, "Team"}, {linkSetting, "Setting"}} {
		q.Item = append(q.Item, fhirQItem{LinkID: l.link, Text: l.text, Type: "string"})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(&q)
}
