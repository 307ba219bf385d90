package share

import (
	"encoding/base64"
	"errors"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"honoscope/scoring"
)

func date(s string) scoring.Date {
	d, err := scoring.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

const U = scoring.NotKnown

// longProfile is 20 fortnightly HoNOSCA ratings (15 items each) with three
// notes and a Jacobson–Truax method: a long profile for the QR budget.
func longProfile() Profile {
	p := Profile{
		Label:      "Samira",
		Instrument: scoring.HoNOSCA,
		Change:     scoring.ChangeOptions{Method: scoring.JacobsonTruax, SD: 6.2, Reliability: 0.85, EffectSize: 0.5, Cutoff: 13},
		Events: []Event{
			{Date: date("2024-01-20"), Kind: Admission},
			{Date: date("2024-02-14"), Kind: MedicationChange, Text: "sertraline started"},
			{Date: date("2024-03-30"), Kind: Discharge},
		},
	}
	d := date("2024-01-08")
	rng := rand.New(rand.NewPCG(4, 20)) // random codes: deflate cannot shrink them
	for i := 0; i < 20; i++ {
		r := Rating{Date: d + scoring.Date(14*i), Items: make([]scoring.Code, 15)}
		for j := range r.Items {
			r.Items[j] = scoring.Code(rng.IntN(5))
		}
		r.Items[rng.IntN(15)] = U
		p.Ratings = append(p.Ratings, r)
	}
	return p
}

func shortProfile() Profile {
	return Profile{
		Instrument: scoring.HoNOS,
		Change:     scoring.DefaultChangeOptions(),
		Ratings: []Rating{
			{Date: date("2024-03-12"), Items: []scoring.Code{2, 1, 0, 1, 2, 3, 4, 3, 3, 2, 1, 0}},
			{Date: date("2024-09-03"), Items: []scoring.Code{1, 0, 0, 1, 1, 1, 1, 2, 2, 2, U, 0}},
		},
	}
}

func TestProfilesSurviveTheRoundTrip(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		p    Profile
	}{
		{"a short HoNOS profile without a label", shortProfile()},
		{"a long HoNOSCA profile with notes and Jacobson–Truax", longProfile()},
		{"a label with accents and emoji", func() Profile { p := shortProfile(); p.Label = "Zoë 🌱"; return p }()},
		{"a label of 32 bytes", func() Profile { p := shortProfile(); p.Label = strings.Repeat("é", 16); return p }()},
		{"an effect-size profile with a custom cut-off", func() Profile {
			p := shortProfile()
			p.Change = scoring.ChangeOptions{Method: scoring.EffectSize, SD: 7.25, EffectSize: 0.4, Threshold: 8, Cutoff: 0}
			return p
		}()},
		{"two ratings on the same day", func() Profile { p := shortProfile(); p.Ratings[1].Date = p.Ratings[0].Date; return p }()},
		{"a rating before 1970", func() Profile {
			p := shortProfile()
			p.Ratings[0].Date = date("1969-12-31")
			return p
		}()},
	}
	for _, c := range cases {
		f, err := Encode(c.p)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		got, err := Decode("#" + f)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !reflect.DeepEqual(got, c.p) {
			t.Errorf("%s: got %+v\nwant %+v", c.name, got, c.p)
		}
	}
}

func TestRandomProfilesSurviveTheRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 300; i++ {
		p := randomProfile(rng)
		f, err := Encode(p)
		if err != nil {
			t.Fatalf("profile %d: %v", i, err)
		}
		got, err := Decode(f)
		if err != nil || !reflect.DeepEqual(got, p) {
			t.Fatalf("profile %d: got %+v, %v\nwant %+v", i, got, err, p)
		}
	}
}

func randomProfile(rng *rand.Rand) Profile {
	ids := []scoring.InstrumentID{scoring.HoNOS, scoring.HoNOS65, scoring.HoNOSCA}
	p := Profile{Instrument: ids[rng.IntN(3)], Change: scoring.DefaultChangeOptions()}
	in := scoring.MustInstrument(p.Instrument)
	p.Label = strings.Repeat("é", rng.IntN(MaxLabel/2+1))
	switch rng.IntN(3) {
	case 1:
		p.Change = scoring.ChangeOptions{Method: scoring.JacobsonTruax, SD: rng.Float64()*10 + 0.1, Reliability: rng.Float64() * 0.99, Threshold: 8, EffectSize: 0.5, Cutoff: rng.IntN(in.MaxTotal() + 1)}
	case 2:
		p.Change = scoring.ChangeOptions{Method: scoring.EffectSize, SD: rng.Float64()*10 + 0.1, EffectSize: rng.Float64() + 0.01, Threshold: 8, Cutoff: 11}
	}
	d := scoring.Date(rng.IntN(40000) - 20000)
	for i := rng.IntN(MaxRatings) + 1; i > 0; i-- {
		d += scoring.Date(rng.IntN(60))
		r := Rating{Date: d, Items: make([]scoring.Code, len(in.Items))}
		for j := range r.Items {
			r.Items[j] = []scoring.Code{0, 1, 2, 3, 4, U}[rng.IntN(6)]
		}
		p.Ratings = append(p.Ratings, r)
	}
	for i := rng.IntN(MaxEvents + 1); i > 0; i-- {
		p.Events = append(p.Events, Event{Date: d - scoring.Date(rng.IntN(500)), Kind: EventKind(rng.IntN(int(numKinds))), Text: "note " + strconv.Itoa(i)})
	}
	return p
}

func TestEncodeRefusesProfilesItCannotShare(t *testing.T) {
	t.Parallel()
	edit := func(f func(*Profile)) Profile { p := shortProfile(); f(&p); return p }
	cases := []struct {
		name string
		p    Profile
		want string
	}{
		{"a label that is too long", edit(func(p *Profile) { p.Label = strings.Repeat("a", MaxLabel+1) }), "shorten it to 32"},
		{"a label with a control character", edit(func(p *Profile) { p.Label = "a\nb" }), "control character"},
		{"an unknown instrument", edit(func(p *Profile) { p.Instrument = "HONOS" }), "unknown instrument"},
		{"no ratings", edit(func(p *Profile) { p.Ratings = nil }), "1 to 40 ratings"},
		{"ratings out of order", edit(func(p *Profile) { p.Ratings[0], p.Ratings[1] = p.Ratings[1], p.Ratings[0] }), "date order"},
		{"too few item codes", edit(func(p *Profile) { p.Ratings[0].Items = p.Ratings[0].Items[:11] }), "has 11 item codes; HoNOS has 12"},
		{"a code of 7", edit(func(p *Profile) { p.Ratings[0].Items[3] = 7 }), "item 4: code 7"},
		{"a date before 1900", edit(func(p *Profile) { p.Ratings[0].Date = date("1900-01-01") - 1 }), "outside 1900–2199"},
		{"an empty free-text note", edit(func(p *Profile) { p.Events = []Event{{Date: date("2024-01-01"), Kind: Note}} }), "note 1 is empty"},
		{"an unknown note kind", edit(func(p *Profile) { p.Events = []Event{{Date: date("2024-01-01"), Kind: 9}} }), "unknown kind"},
		{"effect size without an SD", edit(func(p *Profile) { p.Change.Method = scoring.EffectSize }), "SD"},
		{"a cut-off above the maximum", edit(func(p *Profile) { p.Change.Cutoff = 49 }), "above the highest possible total 48"},
	}
	for _, c := range cases {
		if _, err := Encode(c.p); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error containing %q", c.name, err, c.want)
		}
	}
}

func TestDecodeRejectsDamagedLinksClearly(t *testing.T) {
	t.Parallel()
	good, err := Encode(longProfile())
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, fragment, want string
	}{
		{"an empty fragment", "", "not a Honoscope share link"},
		{"a person label from the /person page", "#Sam%20Jones", "not a Honoscope share link"},
		{"a newer format", "#v3.AAAA", "format v3"},
		{"a v2 link without its check", "v2.AAk", "does not match its check"},
		{"a sealed link", "s1.eyJ9", "sealed with a passphrase"},
		{"a cut-off link", good[:len(good)/2], "damaged"},
		{"a character changed", good[:10] + "!" + good[11:], "damaged (some characters are missing or wrong)"},
		{"nothing after the version", "v1.", "damaged (it is empty)"},
		{"an unknown flag byte", "v1.Bw", "damaged (its first byte is unknown)"},
		{"a raw body with an unknown instrument", "v1.AAk", "damaged (the instrument is unknown)"},
		{"a raw body cut short", "v1.AAA", "damaged"},
		{"far too long", "v1." + strings.Repeat("A", maxFragment), "too long"},
	}
	for _, c := range cases {
		_, err := Decode(c.fragment)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error containing %q", c.name, err, c.want)
		}
	}
}

func TestEveryTruncationAndBitFlipIsRejectedOrValid(t *testing.T) {
	t.Parallel()
	good, _ := Encode(longProfile())
	for i := len(Version); i < len(good); i++ {
		if _, err := Decode(good[:i]); err == nil {
			// A shorter valid link would silently drop ratings.
			t.Errorf("the link cut at %d of %d characters decodes", i, len(good))
		}
	}
	alphabet := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	for i := len(Version); i < len(good); i++ {
		b := []byte(good)
		b[i] = alphabet[(strings.IndexByte(alphabet, b[i])+1)%64]
		if p, err := Decode(string(b)); err == nil {
			if err := p.Validate(); err != nil {
				t.Errorf("a changed link decoded to an invalid profile: %v", err)
			}
		}
	}
}

// Every change of one character of a link, to any other character a link
// can hold, is refused: a link copied or typed wrongly never shows other
// scores, dates or name. (Before the check, 668 of 4,032 such changes of a
// link decoded silently to a different profile.)
func TestEverySingleCharacterChangeOfALinkIsRefused(t *testing.T) {
	t.Parallel()
	good, err := Encode(longProfile())
	if err != nil {
		t.Fatal(err)
	}
	alphabet := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	tried := 0
	for i := len(Version); i < len(good); i++ {
		for j := range len(alphabet) {
			if alphabet[j] == good[i] {
				continue
			}
			b := []byte(good)
			b[i] = alphabet[j]
			tried++
			if _, err := Decode(string(b)); err == nil {
				t.Errorf("the link with character %d changed to %c decodes", i, alphabet[j])
			}
		}
	}
	if tried < 4000 {
		t.Fatalf("only %d changes tried", tried)
	}
	if !Checked(good) || Checked("v1.AAA") {
		t.Error("Checked does not tell a v2 link from a v1 link")
	}
}

// A v1 link, given to patients before links had a check, still opens.
func TestALinkWithoutACheckStillOpens(t *testing.T) {
	t.Parallel()
	good, err := Encode(longProfile())
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(good[len(Version):])
	if err != nil {
		t.Fatal(err)
	}
	old := "v1." + base64.RawURLEncoding.EncodeToString(raw[:len(raw)-CheckBytes])
	p, err := Decode(old)
	if err != nil || !reflect.DeepEqual(p, longProfile()) {
		t.Fatalf("the v1 link: %+v, %v", p, err)
	}
}

// A sealed link carries its envelope in the fragment and back.
func TestASealedLinkCarriesItsEnvelope(t *testing.T) {
	t.Parallel()
	env := []byte(`{"format":"honoscope-encrypted","ciphertext":"AAAA"}`)
	frag := Sealed(env)
	if !strings.HasPrefix(frag, SealedVersion) || strings.ContainsAny(frag, "{}\"") {
		t.Fatalf("sealed fragment %q", frag)
	}
	got, ok := SealedFragment("#" + frag)
	if !ok || string(got) != string(env) {
		t.Fatalf("SealedFragment: %q, %v", got, ok)
	}
	if _, ok := SealedFragment("v2.AAAA"); ok {
		t.Fatal("a v2 fragment read as sealed")
	}
	if _, err := Decode(frag); !errors.Is(err, ErrSealed) {
		t.Fatalf("Decode of a sealed link: %v", err)
	}
}

func TestLinkPutsTheProfileOnlyInTheFragment(t *testing.T) {
	t.Parallel()
	p := shortProfile()
	p.Label = "Sam Jones"
	for _, base := range []string{"https://example.org", "https://example.org/", "https://trust.example/honoscope/"} {
		link, err := Link(base, p)
		if err != nil {
			t.Fatal(err)
		}
		before, frag, ok := strings.Cut(link, "#")
		if !ok || !strings.HasSuffix(before, "/profile") || strings.Contains(before, "//profile") || strings.Contains(before, "?") {
			t.Errorf("link %q: the path must be <base>/profile with nothing else before #", link)
		}
		if strings.Contains(link, "Sam") {
			t.Errorf("the label is readable in the link: %s", link)
		}
		if !regexp.MustCompile(`^v2\.[A-Za-z0-9_-]+$`).MatchString(frag) {
			t.Errorf("the fragment has characters outside base64url: %s", frag)
		}
		got, err := DecodeLink(link)
		if err != nil || got.Label != "Sam Jones" {
			t.Errorf("DecodeLink: %+v, %v", got, err)
		}
	}
}

// largestProfile is the largest profile the limits allow, with random codes
// and notes that deflate cannot shrink: it must still fit a QR code.
func largestProfile() Profile {
	rng := rand.New(rand.NewPCG(7, 7))
	letters := "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "
	randomText := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = letters[rng.IntN(len(letters))]
		}
		return string(b)
	}
	p := longProfile()
	p.Label = randomText(MaxLabel)
	for len(p.Ratings) < MaxRatings {
		r := Rating{Date: p.Ratings[len(p.Ratings)-1].Date + scoring.Date(rng.IntN(400)), Items: make([]scoring.Code, 15)}
		for j := range r.Items {
			r.Items[j] = []scoring.Code{0, 1, 2, 3, 4, U}[rng.IntN(6)]
		}
		p.Ratings = append(p.Ratings, r)
	}
	for len(p.Events) < MaxEvents {
		p.Events = append(p.Events, Event{Date: date("2024-05-01") + scoring.Date(rng.IntN(9000)), Kind: Note, Text: randomText(MaxEventText)})
	}
	return p
}

// TestALongProfileFitsAQRCode measures the 20-rating profile: its fragment
// length and the QR version and level it needs.
func TestALongProfileFitsAQRCode(t *testing.T) {
	t.Parallel()
	link, err := Link("https://honoscope.example.org/trust-name", longProfile())
	if err != nil {
		t.Fatal(err)
	}
	_, frag, _ := strings.Cut(link, "#")
	q, err := QRCode(link)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("20 HoNOSCA ratings + 3 notes: fragment %d characters, link %d; QR version %d (%d modules with quiet zone), level %s", len(frag), len(link), q.Version, q.Modules, q.Level)
	if q.Level != "M" || q.Version > 20 {
		t.Errorf("a 20-rating profile needs QR version %d at level %s; want level M at version 20 or below", q.Version, q.Level)
	}
	link, err = Link("https://honoscope.example.org/trust-name", largestProfile())
	if err != nil {
		t.Fatal(err)
	}
	q, err = QRCode(link)
	if err != nil {
		t.Fatalf("the largest allowed profile (%d characters) does not fit a QR code: %v", len(link), err)
	}
	t.Logf("largest allowed profile: link %d characters; QR version %d (%d modules), level %s", len(link), q.Version, q.Modules, q.Level)
}

func TestContentsSaysWhatTheLinkHoldsAndWhoCanReadIt(t *testing.T) {
	t.Parallel()
	got := Contents(longProfile())
	want := `This link holds the name "Samira", the HoNOSCA scores of 20 ratings from 8 January 2024 to 30 September 2024, and 3 notes. Nothing else. The part after the # stays in the browser and is never sent to a web server, but anyone who has the link or the QR code can read it: give it only to the person it is about. A check in the link refuses a copy that was damaged, but the link is not signed: the page tells the patient so.`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := Contents(shortProfile()); !strings.Contains(got, "no name (the name was left blank)") {
		t.Errorf("blank label: %s", got)
	}
}

func TestScoringRatingsFeedTheCharts(t *testing.T) {
	t.Parallel()
	p := shortProfile()
	rs := p.ScoringRatings()
	if len(rs) != 2 || rs[0].Instrument.ID != scoring.HoNOS || scoring.Score(&rs[0], scoring.DefaultRules()).Total != 22 || rs[1].Items[10] != U || rs[1].Items[12] != U {
		t.Errorf("ratings: %+v", rs)
	}
}

func TestEventLabels(t *testing.T) {
	t.Parallel()
	cases := []struct {
		e    Event
		want string
	}{
		{Event{Kind: Admission}, "Admission"},
		{Event{Kind: MedicationChange, Text: "sertraline started"}, "Medication change: sertraline started"},
		{Event{Kind: Note, Text: "Moved house"}, "Moved house"},
	}
	for _, c := range cases {
		if got := c.e.Label(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

// FuzzDecode feeds Decode arbitrary text: it must never panic, and whatever
// it accepts must be valid and survive Encode and Decode unchanged.
func FuzzDecode(f *testing.F) {
	for _, p := range []Profile{shortProfile(), longProfile()} {
		s, _ := Encode(p)
		f.Add(s)
	}
	f.Add("v1.AA")
	f.Add("v1.AQ")
	f.Add("#v1.")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Decode(s)
		if err != nil {
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("Decode accepted an invalid profile: %v", err)
		}
		again, err := Encode(p)
		if err != nil {
			t.Fatalf("a decoded profile does not encode: %v", err)
		}
		q, err := Decode(again)
		if err != nil || !reflect.DeepEqual(p, q) {
			t.Fatalf("decode(encode(p)) != p: %+v, %v", q, err)
		}
	})
}

// FuzzRoundTrip builds profiles from fuzzed parts: every valid one must come
// back unchanged from Decode(Encode(p)).
func FuzzRoundTrip(f *testing.F) {
	f.Add("Sam", uint8(0), []byte{0, 1, 2, 3, 4, 9, 0, 1, 2, 3, 4, 9}, int32(19000), uint16(14), uint8(2), "note", 6.2, 0.8)
	f.Fuzz(func(t *testing.T, label string, ins uint8, codes []byte, day int32, gap uint16, n uint8, note string, sd, r float64) {
		ids := []scoring.InstrumentID{scoring.HoNOS, scoring.HoNOS65, scoring.HoNOSCA}
		p := Profile{Label: label, Instrument: ids[int(ins)%3], Change: scoring.ChangeOptions{Method: scoring.Method(ins % 4), Threshold: 8, SD: sd, Reliability: r, EffectSize: 0.5, Cutoff: 11}}
		in := scoring.MustInstrument(p.Instrument)
		d := scoring.Date(day)
		for i := 0; i < int(n%8)+1; i++ {
			rt := Rating{Date: d + scoring.Date(i*int(gap)), Items: make([]scoring.Code, len(in.Items))}
			for j := range rt.Items {
				if k := i*len(in.Items) + j; k < len(codes) {
					rt.Items[j] = scoring.Code(codes[k])
				}
			}
			p.Ratings = append(p.Ratings, rt)
		}
		if note != "" {
			p.Events = []Event{{Date: d, Kind: EventKind(ins % 5), Text: note}}
		}
		s, err := Encode(p)
		if err != nil {
			if p.Validate() == nil {
				t.Fatalf("a valid profile did not encode: %v", err)
			}
			return
		}
		got, err := Decode(s)
		if err != nil || !reflect.DeepEqual(got, p) {
			t.Fatalf("decode(encode(p)) != p: %+v, %v\nwant %+v", got, err, p)
		}
	})
}

func BenchmarkEncodeDecode(b *testing.B) {
	p := longProfile()
	for b.Loop() {
		s, err := Encode(p)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Decode(s); err != nil {
			b.Fatal(err)
		}
	}
}
