package render

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"honoscope/content"
	"honoscope/scoring"
)

// Problem is one thing wrong with a content file, at a line.
type Problem struct {
	// File is the file name as given to the parser.
	File string
	// Line is the 1-based line of the problem (of the offending front-matter
	// key where there is one; line 1 for a missing field).
	Line int
	// Message says what is wrong and, where it helps, what to do.
	Message string
}

// String formats the problem as "file:line: message".
func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message) }

// Difficulties are the allowed vignette difficulty levels, easiest first.
var Difficulties = []string{"introductory", "intermediate", "advanced"}

// vignetteFields are the front-matter keys of a vignette, in the order they
// are reported when missing.
var vignetteFields = []string{"id", "title", "instrument", "setting", "difficulty", "tags", "version", "reviewed-by", "ratings"}

// pageFields are the front-matter keys of a guidance page.
var pageFields = []string{"id", "title", "summary", "order"}

// idPattern is the form of an id: it appears in URL fragments and HTML ids.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// yamlLine matches the position yaml.v3 puts in its syntax errors.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// document is a content file split into front matter and markdown body.
type document struct {
	name     string
	fields   map[string]*yaml.Node // value nodes by key
	keyLine  map[string]int        // file line of each key
	body     []byte
	bodyLine int // file line of the first body line
	problems []Problem
}

func (d *document) problem(line int, format string, args ...any) {
	d.problems = append(d.problems, Problem{File: d.name, Line: line, Message: fmt.Sprintf(format, args...)})
}

// split reads the front matter between a first line "---" and the next line
// "---" and parses it as a YAML mapping. It returns false when the front
// matter cannot be read at all; the problems say why.
func split(name string, src []byte, known []string) (*document, bool) {
	d := &document{name: name, fields: map[string]*yaml.Node{}, keyLine: map[string]int{}}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	lines := strings.SplitAfter(string(src), "\n")
	isFence := func(l string) bool { return strings.TrimRight(l, " \t\r\n") == "---" }
	if len(lines) == 0 || !isFence(lines[0]) {
		d.problem(1, `no front matter: start the file with a line "---", then the fields, then a line "---"`)
		return d, false
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if isFence(lines[i]) {
			end = i
			break
		}
	}
	if end < 0 {
		d.problem(1, `front matter is not closed: end it with a line "---" before the text`)
		return d, false
	}
	fm := strings.Join(lines[1:end], "")
	d.body = []byte(strings.Join(lines[end+1:], ""))
	d.bodyLine = end + 2
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &root); err != nil {
		msg := err.Error()
		line := 2
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line, msg = n+1, m[2]
			// yaml.v3 numbers scanner errors from 1 but parser errors
			// ("did not find expected ...") from 0.
			if strings.HasPrefix(msg, "did not find expected") {
				line++
			}
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		d.problem(line, "front matter is not valid YAML: %s", msg)
		return d, false
	}
	if len(root.Content) == 0 {
		d.problem(1, "front matter is empty: add the fields %s", strings.Join(known, ", "))
		return d, false
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		d.problem(m.Line+1, "front matter must be a list of fields written as \"key: value\"")
		return d, false
	}
	isKnown := map[string]bool{}
	for _, k := range known {
		isKnown[k] = true
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		line := k.Line + 1
		switch {
		case !isKnown[k.Value]:
			d.problem(line, "unknown field %q: the fields are %s", k.Value, strings.Join(known, ", "))
		case d.fields[k.Value] != nil:
			d.problem(line, "field %q appears twice (first at line %d)", k.Value, d.keyLine[k.Value])
		default:
			d.fields[k.Value] = v
			d.keyLine[k.Value] = line
		}
	}
	for _, k := range known {
		if d.fields[k] == nil {
			d.problem(1, "missing field %q", k)
		}
	}
	return d, true
}

// text returns a required single-line text field, reporting a problem when it
// is present but empty or not text. Missing fields are reported by split.
func (d *document) text(key string) (string, bool) {
	v := d.fields[key]
	if v == nil {
		return "", false
	}
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		d.problem(d.keyLine[key], "field %q must be text", key)
		return "", false
	}
	s := strings.TrimSpace(v.Value)
	if s == "" {
		d.problem(d.keyLine[key], "field %q is empty", key)
		return "", false
	}
	return s, true
}

// integer returns a required whole-number field.
func (d *document) integer(key string) (int, bool) {
	v := d.fields[key]
	if v == nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.Value))
	if v.Kind != yaml.ScalarNode || err != nil {
		d.problem(d.keyLine[key], "field %q must be a whole number, not %q", key, v.Value)
		return 0, false
	}
	return n, true
}

// id returns the id field, checking its form.
func (d *document) id() string {
	s, ok := d.text("id")
	if !ok {
		return ""
	}
	if !idPattern.MatchString(s) {
		d.problem(d.keyLine["id"], "id %q must be lower-case letters and digits joined by single hyphens", s)
	}
	return s
}

// checkBody renders the body, reporting an empty body and raw HTML (which the
// renderer omits).
func (d *document) checkBody(what, idPrefix string) string {
	if len(bytes.TrimSpace(d.body)) == 0 {
		d.problem(d.bodyLine-1, "the %s is empty: write it in markdown below the closing \"---\"", what)
		return ""
	}
	for _, l := range rawHTMLLines(d.body) {
		d.problem(d.bodyLine+l-1, "raw HTML is left out of the rendered page: use markdown instead")
	}
	html, err := Markdown(idPrefix, d.body)
	if err != nil {
		d.problem(d.bodyLine, "%v", err)
	}
	return html
}

// ParseVignette parses and checks one vignette file. name is used in the
// problems and as the vignette's Source. The vignette is usable only when no
// problems are returned.
func ParseVignette(name string, src []byte) (content.Vignette, []Problem) {
	v, d := parseVignette(name, src)
	return v, d.problems
}

func parseVignette(name string, src []byte) (content.Vignette, *document) {
	d, ok := split(name, src, vignetteFields)
	v := content.Vignette{Source: name}
	if !ok {
		return v, d
	}
	v.ID = d.id()
	v.Title, _ = d.text("title")
	var in *scoring.Instrument
	if s, ok := d.text("instrument"); ok {
		var err error
		if in, err = scoring.LookupInstrument(s); err != nil {
			d.problem(d.keyLine["instrument"], "instrument %q is not known: use honos, honos65 or honosca", s)
		} else {
			v.Instrument = in.ID
		}
	}
	v.Setting, _ = d.text("setting")
	if s, ok := d.text("difficulty"); ok {
		v.Difficulty = s
		if !contains(Difficulties, s) {
			d.problem(d.keyLine["difficulty"], "difficulty %q is not one of %s", s, strings.Join(Difficulties, ", "))
		}
	}
	v.Tags = d.tags()
	if n, ok := d.integer("version"); ok {
		v.Version = n
		if n < 1 {
			d.problem(d.keyLine["version"], "version %d must be 1 or more", n)
		}
	}
	v.ReviewedBy, _ = d.text("reviewed-by")
	v.Reference = d.ratings(in)
	v.HTML = d.checkBody("case summary", v.ID)
	sortProblems(d.problems)
	return v, d
}

// tags reads the tags field: a list of words, possibly empty.
func (d *document) tags() []string {
	v := d.fields["tags"]
	if v == nil {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		d.problem(d.keyLine["tags"], "field \"tags\" must be a list, e.g. [psychosis, inpatient]")
		return nil
	}
	out := []string{}
	for _, t := range v.Content {
		s := strings.TrimSpace(t.Value)
		if t.Kind != yaml.ScalarNode || s == "" {
			d.problem(t.Line+1, "each tag must be a word or short phrase")
			continue
		}
		out = append(out, s)
	}
	return out
}

// ratings reads the reference ratings: a mapping from item number to
// {rating, rationale, type}. With a known instrument it checks the item set
// is exactly the instrument's and applies the item 8 problem-type rule
// (project scoring reference, "Item 8 problem type").
func (d *document) ratings(in *scoring.Instrument) []content.Reference {
	v := d.fields["ratings"]
	if v == nil {
		return nil
	}
	keyLine := d.keyLine["ratings"]
	if v.Kind != yaml.MappingNode {
		d.problem(keyLine, "field \"ratings\" must map each item number to its rating, e.g. 1: {rating: 2, rationale: \"...\"}")
		return nil
	}
	var refs []content.Reference
	seen := map[int]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		line := k.Line + 1
		item, err := strconv.Atoi(k.Value)
		if err != nil {
			d.problem(line, "ratings key %q is not an item number", k.Value)
			continue
		}
		if first, dup := seen[item]; dup {
			d.problem(line, "item %d is rated twice (first at line %d)", item, first)
			continue
		}
		seen[item] = line
		if in != nil && (item < 1 || item > len(in.Items)) {
			d.problem(line, "item %d is not on %s: it has items 1–%d", item, in.Name, len(in.Items))
			continue
		}
		if ref, ok := d.reference(in, item, line, val); ok {
			refs = append(refs, ref)
		}
	}
	if in != nil {
		for n := 1; n <= len(in.Items); n++ {
			if _, ok := seen[n]; !ok {
				d.problem(keyLine, "ratings lack item %d: %s has items 1–%d; rate every one (9 when not known)", n, in.Name, len(in.Items))
			}
		}
	}
	sort.Slice(refs, func(i, j int) bool { return refs[i].Item < refs[j].Item })
	return refs
}

// reference reads one item's {rating, rationale, type}.
func (d *document) reference(in *scoring.Instrument, item, line int, val *yaml.Node) (content.Reference, bool) {
	ref := content.Reference{Item: item}
	if val.Kind != yaml.MappingNode {
		d.problem(line, "item %d: write {rating: N, rationale: \"why\"}", item)
		return ref, false
	}
	ok := true
	var rating, rationale, ptype *yaml.Node
	for i := 0; i+1 < len(val.Content); i += 2 {
		k, x := val.Content[i], val.Content[i+1]
		switch k.Value {
		case "rating":
			rating = x
		case "rationale":
			rationale = x
		case "type":
			ptype = x
		default:
			d.problem(k.Line+1, "item %d: unknown key %q: use rating, rationale and (item 8) type", item, k.Value)
			ok = false
		}
	}
	switch {
	case rating == nil:
		d.problem(line, "item %d: rating is missing", item)
		ok = false
	default:
		n, err := strconv.Atoi(rating.Value)
		switch {
		case rating.Kind != yaml.ScalarNode || err != nil:
			d.problem(rating.Line+1, "item %d: rating %q is not a number: use 0, 1, 2, 3, 4 or 9", item, rating.Value)
			ok = false
		case (n < 0 || n > scoring.MaxCode) && n != int(scoring.NotKnown):
			d.problem(rating.Line+1, "item %d: rating %d is out of range: use 0, 1, 2, 3, 4 or 9", item, n)
			ok = false
		default:
			ref.Code = scoring.Code(n)
		}
	}
	if rationale == nil || rationale.Kind != yaml.ScalarNode || strings.TrimSpace(rationale.Value) == "" {
		d.problem(line, "item %d: rationale is missing: say in one line why", item)
		ok = false
	} else {
		ref.Rationale = strings.TrimSpace(rationale.Value)
	}
	hasType := in != nil && in.HasProblemType && item == 8
	switch {
	case ptype != nil && in != nil && !hasType:
		if item == 8 {
			d.problem(ptype.Line+1, "item 8: %s takes no problem type", in.Name)
		} else {
			d.problem(ptype.Line+1, "item %d: only item 8 takes a problem type", item)
		}
		ok = false
	case !hasType || !ok:
	case ref.Code.Significant() || ref.Code == scoring.Minor:
		if ptype == nil {
			d.problem(line, "item 8: rated %d, so a problem type A to K is required", ref.Code)
			return ref, false
		}
		p, err := scoring.ParseProblemType(ptype.Value)
		if err != nil || !p.Valid() {
			d.problem(ptype.Line+1, "item 8: problem type %q is not one of A to K", ptype.Value)
			return ref, false
		}
		ref.ProblemType = p
	case ptype != nil:
		d.problem(ptype.Line+1, "item 8: rated %s, so no problem type belongs here", ref.Code)
		ok = false
	}
	return ref, ok
}

// ParsePage parses and checks one guidance page.
func ParsePage(name string, src []byte) (content.Page, []Problem) {
	p, d := parsePage(name, src)
	return p, d.problems
}

func parsePage(name string, src []byte) (content.Page, *document) {
	d, ok := split(name, src, pageFields)
	p := content.Page{Source: name}
	if !ok {
		return p, d
	}
	p.ID = d.id()
	p.Title, _ = d.text("title")
	p.Summary, _ = d.text("summary")
	p.Order, _ = d.integer("order")
	p.HTML = d.checkBody("page", p.ID)
	sortProblems(d.problems)
	return p, d
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sortProblems orders problems by file, then line, keeping the order of
// discovery within a line.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
}
