package scoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// MaxGroupingFile is the largest grouping file ReadGrouping reads, in bytes.
// A grouping of 8 groups of at most 13 items needs well under 1 KiB.
const MaxGroupingFile = 64 << 10

// ReadGrouping reads a custom grouping of items from a small JSON file such as
//
//	{"name": "Four-factor (our trust)", "instrument": "honos",
//	 "groups": [{"name": "Personal wellbeing", "items": [4, 5]}, …]}
//
// and validates it with Grouping.Validate. There is no built-in four-factor
// mapping: its item-to-factor table could not be confirmed from a citable
// source (project reference, "Groupings beyond the Wing subscales"), so a
// trust supplies its own. Errors name the line and column ("line 3,
// column 14: …") and say what to fix; unknown fields are errors, so a
// misspelt key is never silently ignored.
func ReadGrouping(r io.Reader) (*Grouping, error) {
	d, err := readJSONDoc(r, MaxGroupingFile, "grouping file")
	if err != nil {
		return nil, err
	}
	var g Grouping
	var nameAt, instAt int64 = -1, -1
	var groupAt []int64
	err = d.object(d.start(), "the grouping", map[string]func(at int64) error{
		"name": func(at int64) error {
			nameAt = at
			return d.value(at, &g.Name, `"name" must be text, e.g. "Four-factor (our trust)"`)
		},
		"instrument": func(at int64) error {
			instAt = at
			var s string
			err := d.value(at, &s, `"instrument" must be text: "honos", "honos65" or "honosca"`)
			g.Instrument = InstrumentID(strings.ToLower(strings.TrimSpace(s)))
			return err
		},
		"groups": func(at int64) error {
			return d.array(at, `"groups" must be a list of groups, e.g. [{"name": "…", "items": [1, 2]}]`, func(i int, at int64) error {
				groupAt = append(groupAt, at)
				var gr Group
				err := d.object(at, fmt.Sprintf("group %d", i+1), map[string]func(at int64) error{
					"name": func(at int64) error {
						return d.value(at, &gr.Name, `a group's "name" must be text`)
					},
					"items": func(at int64) error {
						return d.value(at, &gr.Items, `a group's "items" must be a list of whole item numbers, e.g. [1, 2, 3]`)
					},
				})
				g.Groups = append(g.Groups, gr)
				return err
			})
		},
	})
	if err != nil {
		return nil, err
	}
	if err := d.end(); err != nil {
		return nil, err
	}
	if err := g.Validate(); err != nil {
		return nil, d.locateGroupingError(&g, err, nameAt, instAt, groupAt)
	}
	return &g, nil
}

// locateGroupingError places a validation error at the field or group that
// causes it: the first group whose addition makes Validate fail, or the
// name or instrument field, or the start of the file.
func (d *jsonDoc) locateGroupingError(g *Grouping, err error, nameAt, instAt int64, groupAt []int64) error {
	at := d.skip(0)
	switch {
	case strings.TrimSpace(g.Name) == "":
		if nameAt >= 0 {
			at = nameAt
		}
		return d.errorf(at, "the grouping has no name: add \"name\" with text, e.g. \"Four-factor (our trust)\"")
	case func() bool { _, e := LookupInstrument(string(g.Instrument)); return e != nil }():
		if instAt >= 0 {
			at = instAt
		}
		return d.errorf(at, "%v (in \"instrument\")", err)
	}
	for k := 1; k <= len(g.Groups) && k <= len(groupAt); k++ {
		prefix := Grouping{Name: g.Name, Instrument: g.Instrument, Groups: g.Groups[:k]}
		if e := prefix.Validate(); e != nil {
			return d.errorf(groupAt[k-1], "%v", e)
		}
	}
	return d.errorf(at, "%v", err)
}

// jsonDoc decodes one JSON document held in memory field by field, so that
// every error can name the line and column where it arises.
type jsonDoc struct {
	what string
	data []byte
	dec  *json.Decoder
}

// readJSONDoc reads at most limit bytes from r; what names the document in
// errors ("grouping file").
func readJSONDoc(r io.Reader, limit int64, what string) (*jsonDoc, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading the %s: %v", what, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("the %s is larger than %d KiB: check that this is the right file", what, limit>>10)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a byte-order mark some editors write
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("the %s is empty: it must hold one JSON object", what)
	}
	d := &jsonDoc{what: what, data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	d.dec.UseNumber()
	return d, nil
}

// pos returns "line L, column C" for a byte offset (columns count characters).
func (d *jsonDoc) pos(off int64) string {
	if off < 0 {
		off = 0
	}
	if off > int64(len(d.data)) {
		off = int64(len(d.data))
	}
	before := d.data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return fmt.Sprintf("line %d, column %d", line, col)
}

func (d *jsonDoc) errorf(off int64, format string, args ...any) error {
	return fmt.Errorf("%s: %s", d.pos(off), fmt.Sprintf(format, args...))
}

// skip returns the offset of the first byte at or after off that is not
// white space, ':' or ','.
func (d *jsonDoc) skip(off int64) int64 {
	for off < int64(len(d.data)) {
		switch d.data[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// start returns the offset of the next token.
func (d *jsonDoc) start() int64 { return d.skip(d.dec.InputOffset()) }

// syntax converts a decoding error into one naming the line and column.
func (d *jsonDoc) syntax(err error, at int64) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := se.Offset
		for off < int64(len(d.data)) && isSpace(d.data[off]) {
			off++
		}
		return d.errorf(off, "the %s is not valid JSON (%s): check for a missing comma, quote or bracket", d.what, strings.TrimPrefix(se.Error(), "json: "))
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return d.errorf(int64(len(d.data)), "the %s ends too early: check for a missing closing bracket or brace", d.what)
	}
	return d.errorf(at, "%v", err)
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// value decodes the next value into v; on a type error it returns want at
// the value's position.
func (d *jsonDoc) value(at int64, v any, want string) error {
	err := d.dec.Decode(v)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return d.errorf(at, "%s", want)
	}
	return d.syntax(err, at)
}

// delim reads the next token and checks that it is the delimiter c.
func (d *jsonDoc) delim(at int64, c json.Delim, want string) error {
	tok, err := d.dec.Token()
	if err != nil {
		return d.syntax(err, at)
	}
	if tok != c {
		return d.errorf(at, "%s", want)
	}
	return nil
}

// object reads a JSON object whose fields are handled by fields; each
// handler must consume the field's value. Unknown and repeated fields are
// errors. what names the object in messages ("group 2").
func (d *jsonDoc) object(at int64, what string, fields map[string]func(at int64) error) error {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, `"`+k+`"`)
	}
	sort.Strings(names)
	if err := d.delim(at, '{', fmt.Sprintf("%s must be a JSON object {…} with %s", what, strings.Join(names, ", "))); err != nil {
		return err
	}
	seen := map[string]bool{}
	for d.dec.More() {
		kat := d.start()
		tok, err := d.dec.Token()
		if err != nil {
			return d.syntax(err, kat)
		}
		key, _ := tok.(string)
		f, ok := fields[key]
		if !ok {
			return d.errorf(kat, "%s has an unknown field %q: remove it or correct its spelling (fields: %s)", what, clip(key), strings.Join(names, ", "))
		}
		if seen[key] {
			return d.errorf(kat, "%s has the field %q twice: keep one", what, key)
		}
		seen[key] = true
		if err := f(d.start()); err != nil {
			return err
		}
	}
	return d.delim(d.start(), '}', fmt.Sprintf("%s is not closed: add }", what))
}

// array reads a JSON array, calling each for every element (which must
// consume it).
func (d *jsonDoc) array(at int64, want string, each func(i int, at int64) error) error {
	if err := d.delim(at, '[', want); err != nil {
		return err
	}
	for i := 0; d.dec.More(); i++ {
		if err := each(i, d.start()); err != nil {
			return err
		}
	}
	return d.delim(d.start(), ']', "a list is not closed: add ]")
}

// end checks that nothing but white space follows the document.
func (d *jsonDoc) end() error {
	at := d.start()
	if _, err := d.dec.Token(); err != io.EOF {
		return d.errorf(at, "unexpected text after the end of the %s: a file holds one JSON object", d.what)
	}
	return nil
}
