// Package share carries a patient's profile in a link without any server:
// the profile is packed into the URL fragment ("…/profile#v1.…"), which
// browsers never send to a server (RFC 3986 §3.5; the fragment stays on the
// device), and opened by the same static site on the patient's own device.
// A QR code of the link is drawn locally as SVG.
//
// Anyone who has the link can read the profile: the page must say so, and
// say what the link holds (Contents).
//
// Format v2: "v2." followed by unpadded base64url (RFC 4648 §5) of one flag
// byte (0 raw, 1 deflated, RFC 1951), a compact binary body (instrument,
// label, change options, ratings with dates as day deltas and item codes as
// 4-bit nibbles, event notes) and a check: the first CheckBytes bytes of
// the SHA-256 of "v2." and everything before it. The check refuses a link
// that was damaged in copying or typing (a random change passes with a
// chance of 2⁻⁴⁸); it is not a signature: anyone who has the code can make a
// link that passes it, and the page says so. Format v1, the same without the
// check, is still read, and said to have none (Checked). Decode validates
// everything and never panics.
//
// A sealed link ("s1." and base64url of an encrypted envelope, app/crypto)
// carries a v2 fragment encrypted under a passphrase the clinician gives
// the patient apart from the link, for sending by email; Sealed and
// SealedFragment wrap and unwrap it (the encryption itself is done by the
// pages, with WebCrypto).
//
// The package is pure Go (no go-app, no syscall/js, no storage).
package share

import (
	"bytes"
	"compress/flate"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"honoscope/scoring"
)

// Limits of a shared profile, so that every valid profile still fits one QR
// code (measured in TestALongProfileFitsAQRCode) and a damaged or hostile
// link cannot make the page do much work. Text limits are in bytes of UTF-8:
// one per plain letter, two or more for accented letters and emoji.
const (
	// MaxLabel is the most bytes of the label (a first name or a label the
	// clinician chooses; it may be blank).
	MaxLabel = 32
	// MaxRatings is the most ratings in one profile.
	MaxRatings = 40
	// MaxEvents is the most event notes in one profile.
	MaxEvents = 12
	// MaxEventText is the most bytes of one event note.
	MaxEventText = 48
	// maxBody bounds the decoded body, before and after inflating.
	maxBody = 4096
	// maxFragment bounds the fragment text Decode reads.
	maxFragment = 8192
)

// Version is the prefix of the current format.
const Version = "v2."

// Prefixes of the other fragments Decode and SealedFragment read.
const (
	// versionOne is the format without a check.
	versionOne = "v1."
	// SealedVersion starts a sealed link's fragment.
	SealedVersion = "s1."
)

// CheckBytes is the length of a v2 link's check: 6 bytes (48 bits), enough
// that no mistyped or truncated link is read as another profile, short
// enough to keep the link within one QR code.
const CheckBytes = 6

// check returns the check of a v2 payload.
func check(payload []byte) []byte {
	h := sha256.New()
	h.Write([]byte(Version))
	h.Write(payload)
	return h.Sum(nil)[:CheckBytes]
}

// Path is the site path of the profile page the link opens.
const Path = "/profile"

// EventKind is the kind of an event note.
type EventKind uint8

// Event kinds: admission, medication change, discharge, free text.
const (
	// Note is free text.
	Note EventKind = iota
	// Admission is an admission to hospital.
	Admission
	// MedicationChange is a change of medication.
	MedicationChange
	// Discharge is a discharge from hospital.
	Discharge
	numKinds
)

// String names the kind in everyday words: "Note", "Admission",
// "Medication change", "Discharge".
func (k EventKind) String() string {
	switch k {
	case Admission:
		return "Admission"
	case MedicationChange:
		return "Medication change"
	case Discharge:
		return "Discharge"
	}
	return "Note"
}

// Event is a dated note shown on the patient's chart.
type Event struct {
	// Date is when it happened.
	Date scoring.Date
	// Kind is what happened.
	Kind EventKind
	// Text is optional detail (required for a Note), up to MaxEventText bytes.
	Text string
}

// Label is the note as shown on a chart: "Admission", "Medication change:
// sertraline started", or the text of a Note.
func (e Event) Label() string {
	switch {
	case e.Kind == Note:
		return e.Text
	case e.Text == "":
		return e.Kind.String()
	}
	return e.Kind.String() + ": " + e.Text
}

// Rating is one rating in a shared profile: its date and codes only.
type Rating struct {
	// Date is the date of the rating.
	Date scoring.Date
	// Items holds one code per item of the instrument (all 15 for
	// HoNOSCA): 0–4, or scoring.NotKnown.
	Items []scoring.Code
}

// Profile is what a share link carries: nothing else leaves the device.
type Profile struct {
	// Label is a first name or a label the clinician chooses with the
	// patient; it may be left blank. Never a record number.
	Label string
	// Instrument is the instrument of every rating.
	Instrument scoring.InstrumentID
	// Change is the reliable-change method and cut-off the clinician used,
	// so the patient's page words the change the same way.
	Change scoring.ChangeOptions
	// Ratings are in date order (earliest first), 1 to MaxRatings.
	Ratings []Rating
	// Events are optional notes, up to MaxEvents.
	Events []Event
}

// ScoringRatings returns the profile's ratings as scoring ratings, ready for the
// charts and the change sentence. The profile must be valid (as Decode returns).
func (p *Profile) ScoringRatings() []scoring.Rating {
	in, err := scoring.LookupInstrument(string(p.Instrument))
	if err != nil {
		return nil
	}
	out := make([]scoring.Rating, len(p.Ratings))
	for i, r := range p.Ratings {
		out[i] = scoring.Rating{Patient: p.Label, Date: r.Date, Instrument: in, Line: i + 1}
		for j := range out[i].Items {
			out[i].Items[j] = scoring.NotKnown
		}
		copy(out[i].Items[:], r.Items)
	}
	return out
}

var instrumentIDs = [...]scoring.InstrumentID{scoring.HoNOS, scoring.HoNOS65, scoring.HoNOSCA}

// firstDate and lastDate bound the dates a profile may carry.
var (
	firstDate = scoring.DateOf(1900, 1, 1)
	lastDate  = scoring.DateOf(2199, 12, 31)
)

// Validate reports the first thing that stops p from being shared, saying
// what to change.
func (p *Profile) Validate() error {
	if err := checkText("the label", p.Label, MaxLabel, true); err != nil {
		return err
	}
	in, err := scoring.LookupInstrument(string(p.Instrument))
	if err != nil || string(in.ID) != string(p.Instrument) {
		return fmt.Errorf("unknown instrument %q: use honos, honos65 or honosca", p.Instrument)
	}
	if err := p.Change.Validate(); err != nil {
		return err
	}
	c := p.Change
	for _, f := range [...]float64{c.Threshold, c.SD, c.Reliability, c.EffectSize} {
		if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
			return errors.New("the change options hold a number that is not finite or below 0")
		}
	}
	if c.Method == scoring.EffectSize && !(c.SD > 0) {
		return errors.New("the effect-size method needs the SD of baseline totals: set it before sharing")
	}
	if c.Cutoff > in.MaxTotal() {
		return fmt.Errorf("the cut-off %d is above the highest possible total %d", c.Cutoff, in.MaxTotal())
	}
	if len(p.Ratings) == 0 || len(p.Ratings) > MaxRatings {
		return fmt.Errorf("a shared profile holds 1 to %d ratings; this one has %d", MaxRatings, len(p.Ratings))
	}
	for i, r := range p.Ratings {
		if r.Date < firstDate || r.Date > lastDate {
			return fmt.Errorf("rating %d: the date %s is outside 1900–2199", i+1, r.Date)
		}
		if i > 0 && r.Date < p.Ratings[i-1].Date {
			return fmt.Errorf("rating %d (%s) is earlier than rating %d (%s): put the ratings in date order", i+1, r.Date, i, p.Ratings[i-1].Date)
		}
		if len(r.Items) != len(in.Items) {
			return fmt.Errorf("rating %d has %d item codes; %s has %d items", i+1, len(r.Items), in.Name, len(in.Items))
		}
		for j, code := range r.Items {
			if !code.Rated() && code != scoring.NotKnown {
				return fmt.Errorf("rating %d, item %d: code %d is not 0–4 or 9 (not known)", i+1, j+1, code)
			}
		}
	}
	if len(p.Events) > MaxEvents {
		return fmt.Errorf("a shared profile holds up to %d notes; this one has %d", MaxEvents, len(p.Events))
	}
	for i, e := range p.Events {
		if e.Date < firstDate || e.Date > lastDate {
			return fmt.Errorf("note %d: the date %s is outside 1900–2199", i+1, e.Date)
		}
		if e.Kind >= numKinds {
			return fmt.Errorf("note %d: unknown kind %d", i+1, e.Kind)
		}
		if err := checkText(fmt.Sprintf("note %d", i+1), e.Text, MaxEventText, e.Kind != Note); err != nil {
			return err
		}
	}
	return nil
}

// checkText accepts valid UTF-8 of at most max bytes without control
// characters, and empty text only when blank is allowed.
func checkText(what, s string, max int, blank bool) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s is not valid text", what)
	}
	if s == "" && !blank {
		return fmt.Errorf("%s is empty: write a few words", what)
	}
	if len(s) > max {
		return fmt.Errorf("%s is too long (%d bytes): shorten it to %d letters (accented letters count double)", what, len(s), max)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return fmt.Errorf("%s holds a control character: remove it", what)
		}
	}
	return nil
}

// Encode packs a valid profile into a fragment string "v2.…" (without '#').
func Encode(p Profile) (string, error) {
	if err := p.Validate(); err != nil {
		return "", err
	}
	body := marshal(&p)
	payload := append([]byte{0}, body...)
	var z bytes.Buffer
	zw, _ := flate.NewWriter(&z, flate.BestCompression) // the level is valid: no error
	zw.Write(body)
	zw.Close()
	if z.Len()+1 < len(payload) {
		payload = append([]byte{1}, z.Bytes()...)
	}
	payload = append(payload, check(payload)...)
	return Version + base64.RawURLEncoding.EncodeToString(payload), nil
}

// Link returns the share link: base (the site's origin and any sub-path,
// e.g. "https://example.org/honoscope") + Path + "#" + the fragment.
func Link(base string, p Profile) (string, error) {
	f, err := Encode(p)
	if err != nil {
		return "", err
	}
	return strings.TrimRight(base, "/") + Path + "#" + f, nil
}

func marshal(p *Profile) []byte {
	b := make([]byte, 0, 64+len(p.Label)+12*len(p.Ratings)+24*len(p.Events))
	for i, id := range instrumentIDs {
		if id == p.Instrument {
			b = append(b, byte(i))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(p.Label)))
	b = append(b, p.Label...)
	c := p.Change
	def := scoring.DefaultChangeOptions()
	var flags byte
	fields := [...]struct {
		v, def float64
	}{{c.Threshold, def.Threshold}, {c.SD, def.SD}, {c.Reliability, def.Reliability}, {c.EffectSize, def.EffectSize}}
	for i, f := range fields {
		if math.Float64bits(f.v) != math.Float64bits(f.def) {
			flags |= 1 << i
		}
	}
	if c.Cutoff != def.Cutoff {
		flags |= 1 << 4
	}
	b = append(b, byte(c.Method), flags)
	for i, f := range fields {
		if flags&(1<<i) != 0 {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f.v))
		}
	}
	if flags&(1<<4) != 0 {
		b = binary.AppendUvarint(b, uint64(c.Cutoff))
	}
	b = binary.AppendUvarint(b, uint64(len(p.Ratings)))
	for i, r := range p.Ratings {
		if i == 0 {
			b = binary.AppendVarint(b, int64(r.Date))
		} else {
			b = binary.AppendUvarint(b, uint64(r.Date-p.Ratings[i-1].Date))
		}
		for j := 0; j < len(r.Items); j += 2 {
			hi, lo := nibble(r.Items[j]), byte(0)
			if j+1 < len(r.Items) {
				lo = nibble(r.Items[j+1])
			}
			b = append(b, hi<<4|lo)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(p.Events)))
	for _, e := range p.Events {
		b = binary.AppendVarint(b, int64(e.Date))
		b = append(b, byte(e.Kind))
		b = binary.AppendUvarint(b, uint64(len(e.Text)))
		b = append(b, e.Text...)
	}
	return b
}

// nibble codes 0–4 as themselves and NotKnown as 15.
func nibble(c scoring.Code) byte {
	if c.Rated() {
		return byte(c)
	}
	return 15
}

// ErrNotAShareLink is returned for text that is not a share fragment at all.
var ErrNotAShareLink = errors.New("this is not a Honoscope share link: it should end with #v2. and a long code; copy the whole link again")

// ErrSealed is returned by Decode for a sealed link: it needs its
// passphrase first (SealedFragment).
var ErrSealed = errors.New("this link is sealed with a passphrase: type the passphrase your care team gave you")

// Checked reports whether fragment is in a format with a check (v2), as
// opposed to an older v1 link, which a damaged copy could misread.
func Checked(fragment string) bool {
	return strings.HasPrefix(strings.TrimPrefix(strings.TrimSpace(fragment), "#"), Version)
}

// Sealed returns the fragment of a sealed link carrying envelope (an
// encrypted v2 fragment, app/crypto's SealFile).
func Sealed(envelope []byte) string {
	return SealedVersion + base64.RawURLEncoding.EncodeToString(envelope)
}

// SealedLink returns a sealed share link: base, Path, and the fragment
// carrying envelope (Sealed).
func SealedLink(base string, envelope []byte) string {
	return strings.TrimRight(base, "/") + Path + "#" + Sealed(envelope)
}

// SealedFragment returns the envelope a sealed link's fragment carries,
// and false when fragment is not a sealed link.
func SealedFragment(fragment string) ([]byte, bool) {
	fragment = strings.TrimPrefix(strings.TrimSpace(fragment), "#")
	rest, ok := strings.CutPrefix(fragment, SealedVersion)
	if !ok || len(rest) > 4*maxFragment {
		return nil, false
	}
	env, err := base64.RawURLEncoding.DecodeString(rest)
	return env, err == nil
}

// Decode reads a fragment made by Encode (with or without the leading '#')
// and validates it completely. Any damage gives an error that says the link
// is damaged and what to do; Decode never panics.
func Decode(fragment string) (Profile, error) {
	fragment = strings.TrimPrefix(strings.TrimSpace(fragment), "#")
	if len(fragment) > maxFragment {
		return Profile{}, damaged("it is too long")
	}
	checked := strings.HasPrefix(fragment, Version)
	if strings.HasPrefix(fragment, SealedVersion) {
		return Profile{}, ErrSealed
	}
	if !checked && !strings.HasPrefix(fragment, versionOne) {
		if len(fragment) > 1 && fragment[0] == 'v' && fragment[1] >= '0' && fragment[1] <= '9' {
			v, _, _ := strings.Cut(fragment, ".")
			return Profile{}, fmt.Errorf("this share link uses format %s, which this version of Honoscope cannot read: open it on an up-to-date copy of the site", clip(v))
		}
		return Profile{}, ErrNotAShareLink
	}
	enc := base64.RawURLEncoding
	if checked {
		// Strict: a changed unused bit of the last character is a change too.
		enc = enc.Strict()
	}
	raw, err := enc.DecodeString(fragment[len(Version):])
	if err != nil {
		return Profile{}, damaged("some characters are missing or wrong")
	}
	if checked {
		if len(raw) <= CheckBytes || !hmac.Equal(raw[len(raw)-CheckBytes:], check(raw[:len(raw)-CheckBytes])) {
			return Profile{}, damaged("it does not match its check, so part of it was changed or lost")
		}
		raw = raw[:len(raw)-CheckBytes]
	}
	if len(raw) == 0 {
		return Profile{}, damaged("it is empty")
	}
	body := raw[1:]
	switch raw[0] {
	case 0:
	case 1:
		zr := flate.NewReader(bytes.NewReader(body))
		body, err = io.ReadAll(io.LimitReader(zr, maxBody+1))
		if err != nil {
			return Profile{}, damaged("it cannot be unpacked")
		}
		if len(body) > maxBody {
			return Profile{}, damaged("it unpacks to too much data")
		}
	default:
		return Profile{}, damaged("its first byte is unknown")
	}
	if len(body) > maxBody {
		return Profile{}, damaged("it holds too much data")
	}
	p, err := unmarshal(body)
	if err != nil {
		return Profile{}, damaged(err.Error())
	}
	if err := p.Validate(); err != nil {
		return Profile{}, damaged(err.Error())
	}
	return p, nil
}

// DecodeLink reads the fragment of a whole share link.
func DecodeLink(link string) (Profile, error) {
	_, frag, ok := strings.Cut(link, "#")
	if !ok {
		return Profile{}, ErrNotAShareLink
	}
	return Decode(frag)
}

func damaged(why string) error {
	return fmt.Errorf("this share link is damaged (%s): ask for the link again, or scan the QR code", why)
}

func clip(s string) string {
	if len(s) > 8 {
		return s[:8] + "…"
	}
	return s
}

// reader reads the binary body with bounds checks.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = errors.New(what)
	}
}

func (r *reader) byte(what string) byte {
	if r.err != nil || len(r.b) == 0 {
		r.fail(what + " is missing")
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) uvarint(what string, max uint64) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > max {
		r.fail(what + " is out of range")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint(what string) int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail(what + " is out of range")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) bytes(what string, n int) []byte {
	if r.err != nil || len(r.b) < n {
		r.fail(what + " is cut short")
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) date(what string, v int64) scoring.Date {
	if v < int64(firstDate) || v > int64(lastDate) {
		r.fail(what + " is outside 1900–2199")
		return 0
	}
	return scoring.Date(v)
}

func unmarshal(body []byte) (Profile, error) {
	r := &reader{b: body}
	var p Profile
	ins := r.byte("the instrument")
	if r.err == nil && int(ins) >= len(instrumentIDs) {
		r.fail("the instrument is unknown")
	}
	if r.err != nil {
		return p, r.err
	}
	p.Instrument = instrumentIDs[ins]
	in := scoring.MustInstrument(p.Instrument)
	p.Label = string(r.bytes("the label", int(r.uvarint("the label length", MaxLabel))))
	p.Change.Method = scoring.Method(r.byte("the method"))
	flags := r.byte("the change options")
	if flags >= 1<<5 {
		r.fail("the change options are unknown")
	}
	def := scoring.DefaultChangeOptions()
	p.Change.Threshold, p.Change.SD, p.Change.Reliability, p.Change.EffectSize, p.Change.Cutoff = def.Threshold, def.SD, def.Reliability, def.EffectSize, def.Cutoff
	for i, f := range [...]*float64{&p.Change.Threshold, &p.Change.SD, &p.Change.Reliability, &p.Change.EffectSize} {
		if flags&(1<<i) != 0 {
			if b := r.bytes("a change option", 8); b != nil {
				*f = math.Float64frombits(binary.LittleEndian.Uint64(b))
			}
		}
	}
	if flags&(1<<4) != 0 {
		p.Change.Cutoff = int(r.uvarint("the cut-off", uint64(in.MaxTotal())))
	}
	n := int(r.uvarint("the number of ratings", MaxRatings))
	if r.err == nil && n == 0 {
		r.fail("there are no ratings")
	}
	if r.err != nil {
		return p, r.err
	}
	p.Ratings = make([]Rating, n)
	var d int64
	for i := range p.Ratings {
		if i == 0 {
			d = r.varint("the first date")
		} else {
			d += int64(r.uvarint("a date", uint64(lastDate-firstDate)))
		}
		p.Ratings[i].Date = r.date("a rating date", d)
		codes := make([]scoring.Code, len(in.Items))
		packed := r.bytes("the item codes", (len(codes)+1)/2)
		if r.err != nil {
			return p, r.err
		}
		for j := range codes {
			nb := packed[j/2] >> 4
			if j%2 == 1 {
				nb = packed[j/2] & 15
			}
			switch {
			case nb <= scoring.MaxCode:
				codes[j] = scoring.Code(nb)
			case nb == 15:
				codes[j] = scoring.NotKnown
			default:
				r.fail("an item code is not 0–4 or not known")
			}
		}
		if len(codes)%2 == 1 && packed[len(packed)-1]&15 != 0 {
			r.fail("the item codes have stray bits")
		}
		p.Ratings[i].Items = codes
	}
	ne := int(r.uvarint("the number of notes", MaxEvents))
	if r.err != nil {
		return p, r.err
	}
	if ne > 0 {
		p.Events = make([]Event, ne)
	}
	for i := range p.Events {
		p.Events[i].Date = r.date("a note date", r.varint("a note date"))
		p.Events[i].Kind = EventKind(r.byte("a note kind"))
		p.Events[i].Text = string(r.bytes("a note", int(r.uvarint("a note length", MaxEventText))))
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail(strconv.Itoa(len(r.b)) + " bytes are left over")
	}
	return p, r.err
}
