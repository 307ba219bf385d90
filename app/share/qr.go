package share

import (
	"fmt"
	"strconv"
	"strings"

	"honoscope/app/words"
	"honoscope/scoring"
)

// QR is a QR code drawn as SVG.
type QR struct {
	// SVG is one <svg> root element: a white square and one black path of
	// the dark modules, with a viewBox in modules (crisp at any size).
	SVG string
	// Version is the QR version used (1–40; 4·version + 17 modules a side).
	Version int
	// Modules is the width of the code in modules, quiet zone included.
	Modules int
	// Level is the error correction level: "M" (15% of the code may be
	// damaged) or, for long links only, "L" (7%).
	Level string
}

// MaxVersionM is the largest QR version QRCode accepts at level M before it
// falls back to level L: at version 25 (117 modules a side) a code is still
// read by phone cameras from a screen or an A4 print at 4 cm and more.
const MaxVersionM = 25

// QRCode draws text (a share link) as a QR code, entirely on the device. It
// uses error correction level M, which survives smudges and screen glare;
// only when that would need a version above MaxVersionM does it use level L,
// for a smaller code. The version is the smallest that holds the text, and
// the mask the one with the lowest penalty (see encodeQR).
func QRCode(text string) (QR, error) {
	s, err := encodeQR(text)
	if err != nil {
		return QR{}, err
	}
	size := len(s.dark)
	n := size + 2*quietZone
	var w strings.Builder
	w.Grow(64 + n*n)
	fmt.Fprintf(&w, `<svg xmlns="http://www.w3.org/2000/svg" class="share-qr" viewBox="0 0 %d %d" role="img" aria-labelledby="share-qr-title" shape-rendering="crispEdges">`+
		`<title id="share-qr-title">QR code of the share link</title><rect width="%d" height="%d" fill="#ffffff"/><path fill="#000000" d="`, n, n, n, n)
	for y, row := range s.dark {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			run := 1
			for x+run < len(row) && row[x+run] {
				run++
			}
			w.WriteString("M" + strconv.Itoa(quietZone+x) + " " + strconv.Itoa(quietZone+y) + "h" + strconv.Itoa(run) + "v1h-" + strconv.Itoa(run) + "z")
			x += run
		}
	}
	w.WriteString(`"/></svg>`)
	return QR{SVG: w.String(), Version: int(s.version), Modules: n, Level: s.level.String()}, nil
}

// Contents says in plain words what a share link holds and who can read it,
// for the screen where the clinician makes the link.
func Contents(p Profile) string {
	in, err := scoring.LookupInstrument(string(p.Instrument))
	name := string(p.Instrument)
	if err == nil {
		name = in.Name
	}
	var b strings.Builder
	b.WriteString("This link holds ")
	if p.Label != "" {
		fmt.Fprintf(&b, "the name %q, ", p.Label)
	} else {
		b.WriteString("no name (the name was left blank), ")
	}
	fmt.Fprintf(&b, "the %s scores of %s", name, words.Count(len(p.Ratings), "rating", "ratings"))
	if len(p.Ratings) > 0 {
		first, last := p.Ratings[0].Date, p.Ratings[len(p.Ratings)-1].Date
		if first == last {
			fmt.Fprintf(&b, " on %s", long(first))
		} else {
			fmt.Fprintf(&b, " from %s to %s", long(first), long(last))
		}
	}
	if len(p.Events) > 0 {
		fmt.Fprintf(&b, ", and %s", words.Count(len(p.Events), "note", "notes"))
	}
	b.WriteString(". Nothing else. The part after the # stays in the browser and is never sent to a web server, " +
		"but anyone who has the link or the QR code can read it: give it only to the person it is about. " +
		"A check in the link refuses a copy that was damaged, but the link is not signed: the page tells the patient so.")
	return b.String()
}

func long(d scoring.Date) string { return d.Time().Format("2 January 2006") }
