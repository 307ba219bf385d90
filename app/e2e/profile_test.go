//go:build !(js && wasm)

package e2e

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"honoscope/app/share"
	"honoscope/scoring"
)

// fullProfile is a busy profile: 12 ratings, 4 notes and a name, to show
// that even a long history prints on one page.
func fullProfile(t *testing.T) share.Profile {
	t.Helper()
	p := share.Profile{Label: "Sam", Instrument: scoring.HoNOS, Change: scoring.DefaultChangeOptions()}
	day := scoring.DateOf(2024, 1, 8)
	for i := 0; i < 12; i++ {
		items := make([]scoring.Code, 12)
		for j := range items {
			items[j] = scoring.Code(max(0, 3-(i+j)%5))
		}
		items[7] = 0
		p.Ratings = append(p.Ratings, share.Rating{Date: day + scoring.Date(28*i), Items: items})
	}
	p.Events = []share.Event{
		{Date: day + 10, Kind: share.Admission},
		{Date: day + 40, Kind: share.MedicationChange, Text: "new tablets"},
		{Date: day + 90, Kind: share.Discharge},
		{Date: day + 200, Kind: share.Note, Text: "started a college course"},
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return p
}

// pdfPages counts the page objects of a PDF ("/Type /Page", not "/Pages").
func pdfPages(pdf []byte) int {
	return bytes.Count(pdf, []byte("/Type /Page")) - bytes.Count(pdf, []byte("/Type /Pages"))
}

func TestThePatientProfilePrintsOnOneA4Page(t *testing.T) {
	t.Parallel()
	frag, err := share.Encode(fullProfile(t))
	if err != nil {
		t.Fatal(err)
	}
	s := Start(t, "/")
	s.Open("/profile#" + frag)
	s.Run(chromedp.WaitVisible("#profile-cards", chromedp.ByQuery))
	if h1 := s.Text("main#main h1"); h1 != "Your HoNOS profile" {
		t.Errorf("the heading is %q", h1)
	}
	var pdf []byte
	s.Run(chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().WithPaperWidth(8.27).WithPaperHeight(11.69).
			WithPreferCSSPageSize(true).WithPrintBackground(true).Do(ctx)
		return err
	}))
	if n := pdfPages(pdf); n != 1 {
		t.Errorf("the print layout has %d pages; want exactly 1 A4 page", n)
	}
	if !bytes.Contains(pdf, []byte("/MediaBox [0 0 594.9")) {
		t.Errorf("the PDF's page is not A4 (595 × 842 points)")
	}
}

func TestAShareLinkCarriesTheProfileToANewTabWithoutAnyRequestCarryingIt(t *testing.T) {
	t.Parallel()
	s := Start(t, "/")
	seedRatings(s, []seedRating{
		honosRating("SH-1", "2024-01-10", baseItems...),
		honosRating("SH-1", "2024-03-10", 2, 2, 1, 2, 2, 1, 2, 0, 1, 2, 1, 2),
		honosRating("SH-1", "2024-04-10", followItems...),
	})
	openPerson(s, "SH-1")

	// Event notes, added through the form, travel with the profile only
	// when the clinician ticks them: here the admission, not the note.
	setValue(s, "ev-date", "2024-02-01")
	setValue(s, "ev-kind", "admission")
	s.Run(chromedp.Click("#ev-add", chromedp.ByQuery))
	waitText(s, "#oc-events", "1 February 2024: Admission")
	setValue(s, "ev-date", "2024-02-15")
	setValue(s, "ev-kind", "note")
	setValue(s, "ev-text", "Private remark")
	s.Run(chromedp.Click("#ev-add", chromedp.ByQuery))
	waitText(s, "#oc-events", "Private remark")
	s.Run(chromedp.WaitVisible("#oc-timeline-figure .chart-event", chromedp.ByQuery))
	waitText(s, ".share-notes", "1 February 2024: Admission")
	s.Run(chromedp.Click(`.share-notes label[for="share-note-0"]`, chromedp.ByQuery))

	setValue(s, "share-name", "Sam")
	s.Run(chromedp.Click("#share-open", chromedp.ByQuery))
	s.Run(chromedp.WaitVisible("#share-panel svg.share-qr", chromedp.ByQuery))
	contents := s.Text("#share-contents")
	for _, want := range []string{`the name "Sam"`, "3 ratings from 10 January 2024 to 10 April 2024", "1 note", "anyone who has the link or the QR code can read it"} {
		if !strings.Contains(contents, want) {
			t.Errorf("the share panel says %q; want %q in it", contents, want)
		}
	}
	var link string
	s.Eval(`document.getElementById("share-link").value`, &link)
	if !strings.HasPrefix(link, s.Server.URL("/profile#v2.")) {
		t.Fatalf("the share link %q does not open /profile on this site with a v2 fragment", link)
	}
	if strings.Contains(link, "SH-1") {
		t.Errorf("the share link %q carries the label used on the device", link)
	}
	got, err := share.DecodeLink(link)
	if err != nil {
		t.Fatal(err)
	}
	want := share.Profile{Label: "Sam", Instrument: scoring.HoNOS, Change: scoring.DefaultChangeOptions(),
		Events: []share.Event{{Date: scoring.DateOf(2024, 2, 1), Kind: share.Admission}}}
	for _, r := range []struct {
		date  scoring.Date
		items []int
	}{{scoring.DateOf(2024, 1, 10), baseItems}, {scoring.DateOf(2024, 3, 10), []int{2, 2, 1, 2, 2, 1, 2, 0, 1, 2, 1, 2}}, {scoring.DateOf(2024, 4, 10), followItems}} {
		codes := make([]scoring.Code, len(r.items))
		for i, c := range r.items {
			codes[i] = scoring.Code(c)
		}
		want.Ratings = append(want.Ratings, share.Rating{Date: r.date, Items: codes})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the link holds\n%+v\nwant\n%+v", got, want)
	}

	// Copy link: the browser may refuse the clipboard; then the link is
	// selected for the user. Either way the page says what happened.
	s.Run(chromedp.Click("#share-copy", chromedp.ByQuery))
	s.Run(Poll(`document.getElementById("share-copy-status").textContent !== ""`, nil, 5*time.Second))

	// A sealed link of the same profile, for email.
	setValue(s, "share-seal-pass", "short")
	s.Run(chromedp.Click("#share-seal", chromedp.ByQuery))
	waitText(s, "#share-seal-error", "at least 12 characters")
	setValue(s, "share-seal-pass", "orange kettle harbour")
	s.Run(chromedp.Click("#share-seal", chromedp.ByQuery))
	s.Run(Poll(`(document.getElementById("share-sealed-link") || {}).value !== undefined`, nil, 20*time.Second))
	var sealed string
	s.Eval(`document.getElementById("share-sealed-link").value`, &sealed)
	if !strings.HasPrefix(sealed, s.Server.URL("/profile#s1.")) {
		t.Fatalf("the sealed link %q", sealed)
	}

	// Patient view on this screen, in the page (the address stays), then
	// the link in a new tab: the same profile, each saying where it came
	// from.
	var before, after string
	s.Eval(`location.href`, &before)
	s.Run(chromedp.Click("#oc-patient-view", chromedp.ByQuery))
	s.Run(chromedp.WaitVisible("#profile-cards", chromedp.ByQuery))
	s.Eval(`location.href`, &after)
	if after != before {
		t.Errorf("the patient view changed the address from %q to %q", before, after)
	}
	if intro := s.Text("#profile-intro"); !strings.Contains(intro, "shown on your care team's screen") {
		t.Errorf("the patient view's intro %q", intro)
	}
	here := profileText(s)
	s.NewTab()
	s.Run(chromedp.Navigate(link), chromedp.WaitNotPresent("#app-wasm-loader", chromedp.ByQuery), chromedp.WaitVisible("#profile-cards", chromedp.ByQuery))
	there := profileText(s)
	if here != there {
		t.Errorf("the profile from the patient view and from the share link differ:\n%s\n---\n%s", here, there)
	}
	if intro := s.Text("#profile-intro"); !strings.Contains(intro, "it is not signed") {
		t.Errorf("the link's intro %q does not say the link is not signed", intro)
	}
	// The sealed link asks for its passphrase and then shows the same.
	s.NewTab()
	s.Run(chromedp.Navigate(sealed), chromedp.WaitNotPresent("#app-wasm-loader", chromedp.ByQuery), chromedp.WaitVisible("#profile-pass", chromedp.ByQuery))
	setValue(s, "profile-pass", "Orange kettle harbour")
	s.Run(chromedp.Click("#profile-open", chromedp.ByQuery))
	waitText(s, "#profile-error", "does not open this link")
	setValue(s, "profile-pass", "orange kettle harbour")
	s.Run(chromedp.Click("#profile-open", chromedp.ByQuery))
	s.Run(chromedp.WaitVisible("#profile-cards", chromedp.ByQuery))
	if got := profileText(s); got != there {
		t.Errorf("the sealed link shows\n%s\n---\nnot\n%s", got, there)
	}
	if !strings.Contains(s.Text("#profile-intro"), "For Sam") {
		t.Errorf("the shared profile's intro does not name Sam")
	}
	for _, w := range []string{"Your overall score went down from 22 to 12", "Mood", "2 (a problem)", "1 (a small problem)"} {
		if !strings.Contains(there, w) {
			t.Errorf("the shared profile lacks %q:\n%s", w, there)
		}
	}
	for _, jargon := range []string{"honos", "item 7", "Parabiaghi", "RCI", "SH-1"} {
		if strings.Contains(there, jargon) {
			t.Errorf("the patient's page shows %q", jargon)
		}
	}

	// Neither the server nor the browser's request log saw the fragment.
	frag := link[strings.Index(link, "#")+1:]
	for _, r := range append(s.Server.Requests(), s.Requests()...) {
		if strings.Contains(r, frag[:12]) || strings.Contains(r, "Sam") {
			t.Errorf("a request carried the profile: %s", r)
		}
	}
}

// profileText is the profile's content: the scale, the changes, the table
// of areas and the chart's summary (the intro says where it came from).
func profileText(s *Session) string {
	s.T.Helper()
	var text string
	s.Eval(`["#profile-scale", "#profile-changes", "#profile-areas", "#pf-timeline-summary"].map((q) => document.querySelector(q).textContent).join("\n")`, &text)
	return text
}

func TestADamagedShareLinkSaysSoClearly(t *testing.T) {
	t.Parallel()
	frag, err := share.Encode(fullProfile(t))
	if err != nil {
		t.Fatal(err)
	}
	s := Start(t, "/honoscope/")
	s.Open("/profile#" + frag[:len(frag)-9])
	msg := s.Text("#profile-error")
	if !strings.Contains(msg, "This link cannot be opened.") || !strings.Contains(msg, "Ask the person who gave you the link for a new one") {
		t.Errorf("a damaged link shows %q", msg)
	}
	// One character changed, as a mistyped copy would be: refused, never
	// read as other scores.
	changed := []byte(frag)
	if changed[20] == 'A' {
		changed[20] = 'B'
	} else {
		changed[20] = 'A'
	}
	s.Open("/profile#" + string(changed))
	if msg := s.Text("#profile-error"); !strings.Contains(msg, "does not match its check") {
		t.Errorf("a link with one character changed shows %q", msg)
	}
	s.Open("/profile")
	if got := s.Text("#profile-empty"); !strings.Contains(got, "Open the link, or scan the QR code") {
		t.Errorf("the empty profile page says %q", got)
	}
}
