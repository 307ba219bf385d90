package tools

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"honoscope/app/ui"
	"honoscope/app/words"

	"honoscope/app/practice"
	"honoscope/app/store"
	"honoscope/content"
	"honoscope/scoring"
)

// libraryFilter is the choice of the training library's selects; "" means
// any.
type libraryFilter struct {
	Instrument string
	// Item is an item number as text; a vignette matches when its reference
	// rates that item 1 to 4, so the case gives practice at a problem there.
	Item       string
	Difficulty string
	Setting    string
}

// filterVignettes returns the vignettes matching f, in bundle order.
func filterVignettes(vs []content.Vignette, f libraryFilter) []content.Vignette {
	item, _ := strconv.Atoi(f.Item)
	var out []content.Vignette
	for _, v := range vs {
		if f.Instrument != "" && string(v.Instrument) != f.Instrument ||
			f.Difficulty != "" && v.Difficulty != f.Difficulty ||
			f.Setting != "" && v.Setting != f.Setting {
			continue
		}
		if item > 0 && !slices.ContainsFunc(v.Reference, func(r content.Reference) bool {
			return r.Item == item && r.Code >= scoring.Minor && r.Code <= scoring.Severe
		}) {
			continue
		}
		out = append(out, v)
	}
	return out
}

// distinct returns the sorted distinct non-empty values of field over vs.
func distinct(vs []content.Vignette, field func(content.Vignette) string) []string {
	var out []string
	for _, v := range vs {
		if s := field(v); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// difficultyOrder lists the difficulties in teaching order.
var difficultyOrder = []string{"introductory", "intermediate", "advanced"}

// newAttempt makes the practice attempt of form value fv on vignette v,
// finished at now.
func newAttempt(v content.Vignette, fv ui.FormValue, now time.Time) practice.Attempt {
	in := fv.Scale()
	a := practice.Attempt{
		Vignette: v.ID, Version: v.Version, Instrument: string(v.Instrument),
		Date: now.Format(ui.DateLayout), Finished: now.UTC().Format(time.RFC3339Nano),
		Codes: make([]int, len(in.Items)), Reference: make([]int, len(in.Items)),
	}
	for i := range a.Codes {
		a.Codes[i] = int(fv.Items[i])
		a.Reference[i] = int(scoring.NotKnown)
	}
	if fv.AsksProblemType() {
		a.Item8Type = fv.ProblemType.String()
	}
	for _, r := range v.Reference {
		if r.Item >= 1 && r.Item <= len(a.Reference) {
			a.Reference[r.Item-1] = int(r.Code)
			if r.Item == 8 && r.ProblemType.Valid() {
				a.ReferenceItem8Type = r.ProblemType.String()
			}
		}
	}
	return a
}

// saveAttempt stores a as a practice document.
func saveAttempt(ctx context.Context, db store.Store, a practice.Attempt) error {
	data, err := a.Encode()
	if err != nil {
		return err
	}
	return db.PutDoc(ctx, practice.Kind, a.Key(), data)
}

// loadAttempts reads every practice attempt in time order. Unreadable
// documents are skipped and counted, so one damaged record (say from a
// hand-edited backup) does not hide the rest.
func loadAttempts(ctx context.Context, db store.Store) (as []practice.Attempt, skipped int, err error) {
	docs, err := db.Docs(ctx, practice.Kind)
	if err != nil {
		return nil, 0, err
	}
	for _, d := range docs {
		a, err := practice.Decode(d.Data)
		if err != nil {
			skipped++
			continue
		}
		as = append(as, a)
	}
	practice.Sort(as)
	return as, skipped, nil
}

// loadSettings reads the practice settings; missing settings are the
// defaults.
func loadSettings(ctx context.Context, db store.Store) (practice.Settings, error) {
	var s practice.Settings
	data, err := db.Doc(ctx, practice.SettingsKind, practice.SettingsKey)
	if errors.Is(err, store.ErrNotFound) {
		return s, nil
	}
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return practice.Settings{}, nil // damaged settings fall back to the defaults
	}
	return s, nil
}

// saveSettings stores the practice settings.
func saveSettings(ctx context.Context, db store.Store, s practice.Settings) error {
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return db.PutDoc(ctx, practice.SettingsKind, practice.SettingsKey, data)
}

// certificateNameKey is where the certificate name is kept, only when the
// trainee asks for it to be remembered.
const certificateNameKey = "certificate-name"

// percent shows a rate as "75% (9 of 12)", or says that it is not defined.
func percent(count, n int) string {
	if n == 0 {
		return "not defined (no items both rated 0–4)"
	}
	return strconv.Itoa(int(math.Round(100*float64(count)/float64(n)))) + "% (" + strconv.Itoa(count) + " of " + strconv.Itoa(n) + ")"
}

// kappaText shows a quadratic weighted kappa with two decimals, or says why
// it is not defined. It never shows NaN.
func kappaText(a practice.Agreement) string {
	switch {
	case a.N == 0:
		return "not defined (no items both rated 0–4)"
	case !a.KappaDefined:
		return "not defined (every item has the same rating from both, so chance agreement is complete)"
	}
	return strconv.FormatFloat(a.Kappa, 'f', 2, 64)
}

// mark describes how far your code is from the reference, in words and a
// symbol, so that colour is never the only signal.
func mark(yours, ref int) (symbol, text, class string) {
	if !practice.Rated(yours) || !practice.Rated(ref) {
		return "–", "not compared (9 is not known)", "fb-none"
	}
	switch d := yours - ref; {
	case d == 0:
		return "✓", "exact", "fb-exact"
	case d == 1 || d == -1:
		return "≈", "within one (" + words.Signed(d) + ")", "fb-near"
	default:
		return "✗", "off by " + strconv.Itoa(max(d, -d)) + " (" + words.Signed(d) + ")", "fb-far"
	}
}

// codeText shows a code as on the form: "0"–"4", "9 (not known)".
func codeText(c int) string {
	if c == int(scoring.NotKnown) {
		return "9 (not known)"
	}
	if c < 0 || c > scoring.MaxCode {
		return "not rated"
	}
	return strconv.Itoa(c)
}

// itemTitle is "Item 3: <short title>" for an instrument's item.
func itemTitle(instrument string, n int) string {
	in, err := scoring.LookupInstrument(instrument)
	if err != nil || n < 1 || n > len(in.Items) {
		return fmt.Sprintf("Item %d", n)
	}
	return fmt.Sprintf("Item %d: %s", n, in.Items[n-1].Title)
}
