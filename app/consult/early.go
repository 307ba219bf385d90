package consult

import (
	"strconv"
	"strings"
	"sync"

	"honoscope/app/ui"

	"honoscope/app/browser"

	"honoscope/scoring"
)

// Input typed before the program starts. Every page is pre-rendered, so the
// rating form shows, and takes clicks and typing, a second or more before
// the program has loaded; go-app then replaces the page with its own
// elements, which would throw that input away. main reads it first
// (CaptureEarlyInput) and the rate page adopts it (takeEarlyInput), so a
// clinician can start at once and lose nothing.

// early is what the pre-rendered rating form held when the program
// started, as the form's value: the patient label and the chosen options of
// a HoNOS rating (the instrument the page is pre-rendered with), no date.
var early struct {
	mu sync.Mutex
	in *ui.FormValue
	// save is set when Save was pressed on the pre-rendered page
	// (web/early.js): the page saves the value, with the usual checks, as
	// soon as the device's store is open.
	save bool
}

// CaptureEarlyInput keeps what was entered in the pre-rendered rating form.
// Call it in the browser before go-app renders the first page.
func CaptureEarlyInput() {
	instrument, patient, checked := browser.ReadForm(earlyFormPrefix)
	if in, ok := parseEarlyInput(earlyFormPrefix, instrument, patient, checked); ok {
		early.mu.Lock()
		early.in = &in
		early.save = browser.EarlySaveRequested(earlyFormPrefix + "-save")
		early.mu.Unlock()
	}
}

// earlyFormPrefix is the id prefix of the rate page's form.
const earlyFormPrefix = "rf"

// takeEarlyInput returns the kept input once, and whether Save was
// pressed for it.
func takeEarlyInput() (in ui.FormValue, save, ok bool) {
	early.mu.Lock()
	defer early.mu.Unlock()
	if early.in == nil {
		return ui.FormValue{}, false, false
	}
	in, save = *early.in, early.save
	early.in, early.save = nil, false
	return in, save, true
}

// parseEarlyInput reads the form's state: the instrument select's value,
// the patient label and the ids of the checked options ("rf-item-7-3").
// Options count only while the instrument is still HoNOS, whose items the
// pre-rendered page shows; an id that is not an option of a HoNOS item is
// ignored. It reports false when nothing was entered.
func parseEarlyInput(prefix, instrument, patient string, checked []string) (ui.FormValue, bool) {
	in := ui.NewFormValue(scoring.HoNOS, "")
	in.Patient = strings.TrimSpace(patient)
	entered := in.Patient != ""
	honos := scoring.MustInstrument(scoring.HoNOS)
	if instrument != "" && instrument != string(scoring.HoNOS) {
		return in, entered
	}
	for _, id := range checked {
		rest, ok := strings.CutPrefix(id, prefix+"-item-")
		if !ok {
			continue
		}
		num, code, ok := strings.Cut(rest, "-")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 || n > len(honos.Items) || len(code) != 1 {
			continue
		}
		c, err := scoring.ParseCode(code)
		if err != nil || c == scoring.NotKnown && code != "9" {
			continue
		}
		in.Items[n-1] = c
		entered = true
	}
	return in, entered
}
