package explain

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"honoscope/scoring"
)

// scores returns the scores of a HoNOS rating with the given total and
// number of unknown items.
func scores(total, unknown int) scoring.Scores {
	return scoring.Scores{Total: total, MaxTotal: 48, ScoredItems: 12, ValidItems: 12 - unknown, TotalValid: unknown <= scoring.MaxUnknownDefault}
}

var (
	threshold = scoring.DefaultChangeOptions()
	// SD 6, r 0.8: Sdiff = √2·6·√0.2 = 3.795, so 8 points is the smallest reliable change.
	jt = scoring.ChangeOptions{Method: scoring.JacobsonTruax, SD: 6, Reliability: 0.8, Cutoff: 11}
	// SD 7, effect size 0.5: 3.5 points, so 4 points is the smallest reliable change.
	es = scoring.ChangeOptions{Method: scoring.EffectSize, SD: 7, EffectSize: 0.5, Cutoff: 11}
)

func TestChangeSentenceForEveryCategoryAndMethod(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		opts scoring.ChangeOptions
		b, f int
		want string
	}{
		// Fixed threshold (Parabiaghi et al. 2005).
		// The example "22 to 12 … now below the cut-off of 11: recovered" cannot
		// happen: 12 ≥ 11 is in the clinical range (a total ≥ cut-off is clinical).
		{"threshold: recovered", threshold, 22, 10, "Total fell from 22 to 10 (−12): a reliable improvement (8-point rule, Parabiaghi 2005) and now below the clinical cut-off of 11: recovered."},
		{"threshold: a fall to the cut-off itself is improved, not recovered", threshold, 22, 11, "Total fell from 22 to 11 (−11): a reliable improvement (8-point rule, Parabiaghi 2005), still at or above the clinical cut-off of 11: improved."},
		{"threshold: improved, still in the clinical range", threshold, 30, 20, "Total fell from 30 to 20 (−10): a reliable improvement (8-point rule, Parabiaghi 2005), still at or above the clinical cut-off of 11: improved."},
		{"threshold: improved below the cut-off", threshold, 10, 2, "Total fell from 10 to 2 (−8): a reliable improvement (8-point rule, Parabiaghi 2005), below the clinical cut-off of 11 at both: improved."},
		{"threshold: stable in the clinical range", threshold, 20, 18, "Total stayed about the same (20 to 18, −2): within the range expected from measurement alone (8-point rule, Parabiaghi 2005): stable. At or above the clinical cut-off of 11 at both."},
		{"threshold: stable below the cut-off", threshold, 5, 7, "Total stayed about the same (5 to 7, +2): within the range expected from measurement alone (8-point rule, Parabiaghi 2005): stable. Below the clinical cut-off of 11 at both."},
		{"threshold: exactly the same", threshold, 15, 15, "Total stayed the same (15 to 15, 0): within the range expected from measurement alone (8-point rule, Parabiaghi 2005): stable. At or above the clinical cut-off of 11 at both."},
		{"threshold: stable across the cut-off downwards", threshold, 12, 9, "Total stayed about the same (12 to 9, −3): within the range expected from measurement alone (8-point rule, Parabiaghi 2005): stable. It is now below the clinical cut-off of 11, by less than a reliable change."},
		{"threshold: stable across the cut-off upwards", threshold, 9, 12, "Total stayed about the same (9 to 12, +3): within the range expected from measurement alone (8-point rule, Parabiaghi 2005): stable. It is now at or above the clinical cut-off of 11, by less than a reliable change."},
		{"threshold: a fall of 7 is stable", threshold, 22, 15, "Total stayed about the same (22 to 15, −7): within the range expected from measurement alone (8-point rule, Parabiaghi 2005): stable. At or above the clinical cut-off of 11 at both."},
		{"threshold: deteriorated in the clinical range", threshold, 20, 30, "Total rose from 20 to 30 (+10): a reliable deterioration (8-point rule, Parabiaghi 2005), at or above the clinical cut-off of 11 at both: deteriorated."},
		{"threshold: deteriorated below the cut-off", threshold, 0, 10, "Total rose from 0 to 10 (+10): a reliable deterioration (8-point rule, Parabiaghi 2005), still below the clinical cut-off of 11: deteriorated."},
		{"threshold: harmed", threshold, 8, 18, "Total rose from 8 to 18 (+10): a reliable deterioration (8-point rule, Parabiaghi 2005) and now at or above the clinical cut-off of 11: harmed."},
		// Jacobson–Truax (1991): RCI = change / 3.795.
		{"Jacobson–Truax: recovered", jt, 22, 10, "Total fell from 22 to 10 (−12): a reliable improvement (Jacobson–Truax RCI −3.16, beyond ±1.96; SD 6, r 0.8) and now below the clinical cut-off of 11: recovered."},
		{"Jacobson–Truax: improved", jt, 30, 20, "Total fell from 30 to 20 (−10): a reliable improvement (Jacobson–Truax RCI −2.64, beyond ±1.96; SD 6, r 0.8), still at or above the clinical cut-off of 11: improved."},
		{"Jacobson–Truax: stable", jt, 20, 13, "Total stayed about the same (20 to 13, −7): within the range expected from measurement alone (Jacobson–Truax RCI −1.84, within ±1.96; SD 6, r 0.8): stable. At or above the clinical cut-off of 11 at both."},
		{"Jacobson–Truax: deteriorated", jt, 20, 28, "Total rose from 20 to 28 (+8): a reliable deterioration (Jacobson–Truax RCI 2.11, beyond ±1.96; SD 6, r 0.8), at or above the clinical cut-off of 11 at both: deteriorated."},
		{"Jacobson–Truax: harmed", jt, 5, 15, "Total rose from 5 to 15 (+10): a reliable deterioration (Jacobson–Truax RCI 2.64, beyond ±1.96; SD 6, r 0.8) and now at or above the clinical cut-off of 11: harmed."},
		// Effect size (METEOR 584024): ES = (baseline − follow-up) / 7.
		{"effect size: recovered", es, 14, 10, "Total fell from 14 to 10 (−4): a reliable improvement (effect size 0.57, 0.5 or more counts; SD 7; METEOR 584024) and now below the clinical cut-off of 11: recovered."},
		{"effect size: improved", es, 30, 20, "Total fell from 30 to 20 (−10): a reliable improvement (effect size 1.43, 0.5 or more counts; SD 7; METEOR 584024), still at or above the clinical cut-off of 11: improved."},
		{"effect size: stable", es, 12, 9, "Total stayed about the same (12 to 9, −3): within the range expected from measurement alone (effect size 0.43, 0.5 or more counts; SD 7; METEOR 584024): stable. It is now below the clinical cut-off of 11, by less than a reliable change."},
		{"effect size: deteriorated", es, 20, 24, "Total rose from 20 to 24 (+4): a reliable deterioration (effect size −0.57, 0.5 or more counts; SD 7; METEOR 584024), at or above the clinical cut-off of 11 at both: deteriorated."},
		{"effect size: harmed", es, 9, 13, "Total rose from 9 to 13 (+4): a reliable deterioration (effect size −0.57, 0.5 or more counts; SD 7; METEOR 584024) and now at or above the clinical cut-off of 11: harmed."},
		{"effect size: no change prints 0.00 without a sign", es, 9, 9, "Total stayed the same (9 to 9, 0): within the range expected from measurement alone (effect size 0.00, 0.5 or more counts; SD 7; METEOR 584024): stable. Below the clinical cut-off of 11 at both."},
	}
	for _, c := range cases {
		got, err := Change(scores(c.b, 0), scores(c.f, 0), c.opts)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

func TestChangeSentenceNeverCallsStabilityAFailure(t *testing.T) {
	t.Parallel()
	bad := regexp.MustCompile(`(?i)fail|no improvement|not improv|unchanged|worse`)
	for _, opts := range []scoring.ChangeOptions{threshold, jt, es} {
		for b := 0; b <= 48; b++ {
			for f := 0; f <= 48; f++ {
				got, err := Change(scores(b, 0), scores(f, 0), opts)
				if err != nil {
					t.Fatal(err)
				}
				c := scoring.Classify(b, f, opts)
				if c.Reliable == scoring.NoReliableChange && (!strings.HasSuffix(strings.SplitN(got, ". ", 2)[0], "stable") || bad.MatchString(got)) {
					t.Fatalf("%d to %d: %s", b, f, got)
				}
				if !strings.Contains(got, methodMark(opts)) {
					t.Fatalf("%d to %d: the method is not printed: %s", b, f, got)
				}
				if c.Reliable != scoring.NoReliableChange && !strings.Contains(got, ": "+c.Category.String()+".") {
					t.Fatalf("%d to %d: category %s missing: %s", b, f, c.Category, got)
				}
			}
		}
	}
}

func methodMark(o scoring.ChangeOptions) string {
	switch o.Method {
	case scoring.JacobsonTruax:
		return "Jacobson–Truax"
	case scoring.EffectSize:
		return "METEOR 584024"
	}
	return "Parabiaghi 2005"
}

func TestChangeSentenceSaysWhyATotalIsNotAssessable(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		b, f scoring.Scores
		want string
	}{
		{"the earlier rating has too many unknown items", scores(10, 3), scores(12, 0), "Total change not assessable: the earlier rating has 3 of 12 items not known, too many for a valid total."},
		{"the later rating has too many unknown items", scores(10, 0), scores(12, 5), "Total change not assessable: the later rating has 5 of 12 items not known, too many for a valid total."},
		{"both ratings have too many unknown items", scores(10, 3), scores(12, 4), "Total change not assessable: the earlier rating has 3 of 12 items not known and the later rating has 4 of 12 items not known, too many for a valid total."},
	}
	for _, c := range cases {
		got, err := Change(c.b, c.f, threshold)
		if err != nil || got != c.want {
			t.Errorf("%s:\n got %q, %v\nwant %q", c.name, got, err, c.want)
		}
	}
	// Two unknown items still give a valid total.
	if got, _ := Change(scores(22, 2), scores(12, 2), threshold); !strings.HasPrefix(got, "Total fell") {
		t.Errorf("two unknown items: %s", got)
	}
}

func TestChangeSentenceRejectsOptionsItCannotUse(t *testing.T) {
	t.Parallel()
	noSD := es
	noSD.SD = 0
	noR := jt
	noR.Reliability = 1
	other := scores(10, 0)
	other.MaxTotal = 52
	cases := []struct {
		name string
		b, f scoring.Scores
		opts scoring.ChangeOptions
		want string
	}{
		{"effect size without an SD", scores(10, 0), scores(5, 0), noSD, "SD"},
		{"Jacobson–Truax with r = 1", scores(10, 0), scores(5, 0), noR, "reliability"},
		{"two instruments", scores(10, 0), other, threshold, "same instrument"},
	}
	for _, c := range cases {
		if _, err := Change(c.b, c.f, c.opts); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v", c.name, err)
		}
	}
}

func rating(id scoring.InstrumentID, date string, codes ...scoring.Code) *scoring.Rating {
	d, err := scoring.ParseDate(date)
	if err != nil {
		panic(err)
	}
	r := &scoring.Rating{Date: d, Instrument: scoring.MustInstrument(id)}
	for i := range r.Items {
		r.Items[i] = scoring.NotKnown
	}
	copy(r.Items[:], codes)
	return r
}

const U = scoring.NotKnown

func TestPatientSummarySaysWhatChangedAndWhatStayedSteady(t *testing.T) {
	t.Parallel()
	first := rating(scoring.HoNOS, "2024-03-12", 2, 1, 0, 1, 2, 3, 4, 3, 3, 2, 1, 0) // 22
	later := rating(scoring.HoNOS, "2024-09-03", 1, 0, 0, 1, 1, 1, 1, 2, 2, 2, U, 1) // 12
	got, err := PatientSummary(later, first, threshold, scoring.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Your overall score went down from 22 to 12. That means fewer problems. The drop is big enough to be a real change, not just the small ups and downs that happen from one check to the next.",
		"Areas with fewer problems now: Behaviour, Hurting yourself, Body health, Unusual experiences (a big step down), Mood (a big step down), Other worries (a big step down) and People around you (a big step down).",
		"Areas with more problems now: Things you do.",
		"Areas that stayed the same: Drink or drugs, Memory and thinking and Everyday tasks.",
		"Areas we could not compare, because we did not have a score both times: Your home.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPatientSummaryOverallForEachOutcome(t *testing.T) {
	t.Parallel()
	flat := func(date string, c scoring.Code, n int) *scoring.Rating {
		r := rating(scoring.HoNOS, date)
		for i := 0; i < 12; i++ {
			r.Items[i] = 0
		}
		for i := 0; i < n; i++ {
			r.Items[i] = c
		}
		return r
	}
	cases := []struct {
		name string
		a, b *scoring.Rating
		want string
	}{
		{"steady", flat("2024-01-01", 2, 10), flat("2024-02-01", 2, 9), "Your overall score stayed about the same: 20, then 18. Small ups and downs like this happen from one check to the next, so we count this as steady. Staying steady can be a good sign."},
		{"the same", flat("2024-01-01", 2, 10), flat("2024-02-01", 2, 10), "Your overall score stayed the same: 20 both times."},
		{"worse", flat("2024-01-01", 1, 10), flat("2024-02-01", 2, 10), "Your overall score went up from 10 to 20. That means more problems."},
		{"not comparable", rating(scoring.HoNOS, "2024-01-01", 1, 1, 1), flat("2024-02-01", 2, 10), "We cannot compare your overall scores, because too many areas did not get a score the first time."},
	}
	for _, c := range cases {
		got, err := PatientSummary(c.a, c.b, threshold, scoring.DefaultRules())
		if err != nil || !strings.HasPrefix(got[0], c.want) {
			t.Errorf("%s: got %q, %v", c.name, got, err)
		}
	}
	if _, err := PatientSummary(flat("2024-01-01", 1, 1), rating(scoring.HoNOSCA, "2024-02-01"), threshold, scoring.DefaultRules()); err == nil {
		t.Error("two instruments gave no error")
	}
}

func TestPlainItemsCoverEveryItemOfEveryInstrument(t *testing.T) {
	t.Parallel()
	for _, in := range scoring.Instruments() {
		items := PlainItems(in.ID)
		if len(items) != len(in.Items) {
			t.Errorf("%s: %d plain items for %d items", in.Name, len(items), len(in.Items))
		}
		for i, it := range items {
			if it.Number != i+1 || it.Name == "" || !strings.HasSuffix(it.About, ".") {
				t.Errorf("%s item %d: %+v", in.Name, i+1, it)
			}
			if len(it.Name) > 24 {
				t.Errorf("%s item %d: name %q is too long for a chart label", in.Name, i+1, it.Name)
			}
		}
	}
}

func TestPlainTextHasNoJargonOrCodes(t *testing.T) {
	t.Parallel()
	jargon := regexp.MustCompile(`(?i)honos|clinical|cut-off|reliab|subscale|item|baseline|follow-up|RCI|SD\b|significan|[A-K]\)|code`)
	for _, text := range plainTexts(t) {
		if jargon.MatchString(text) {
			t.Errorf("jargon %q in %q", jargon.FindString(text), text)
		}
	}
}

// TestPlainTextReadsAtAboutAge11 checks the Flesch–Kincaid grade level
// (Kincaid et al. 1975: 0.39·words/sentences + 11.8·syllables/words − 15.59)
// of all patient-facing text. US grade 6 is a reading age of about 11–12.
func TestPlainTextReadsAtAboutAge11(t *testing.T) {
	t.Parallel()
	text := strings.Join(plainTexts(t), " ")
	words, sentences, syllables := 0, 0, 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && !unicode.IsDigit(r) }) {
		words++
		syllables += syllableCount(w)
	}
	sentences = strings.Count(text, ".") + strings.Count(text, "?")
	grade := 0.39*float64(words)/float64(sentences) + 11.8*float64(syllables)/float64(words) - 15.59
	t.Logf("Flesch–Kincaid grade %.1f over %d words", grade, words)
	if grade > 6 {
		t.Errorf("the patient text reads at US grade %.1f; aim for 6 or below (reading age about 11)", grade)
	}
}

// syllableCount estimates syllables as groups of vowels, less a silent final e.
func syllableCount(w string) int {
	w = strings.ToLower(w)
	n, prev := 0, false
	for _, r := range w {
		v := strings.ContainsRune("aeiouy", r)
		if v && !prev {
			n++
		}
		prev = v
	}
	if strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "le") && n > 1 {
		n--
	}
	if n == 0 {
		n = 1
	}
	return n
}

func plainTexts(t *testing.T) []string {
	var out []string
	for _, in := range scoring.Instruments() {
		for _, it := range PlainItems(in.ID) {
			out = append(out, it.Name+".", it.About)
		}
		out = append(out, PlainScale(in))
	}
	for c := scoring.Code(0); c <= 4; c++ {
		out = append(out, PlainCode(c)+".")
	}
	a := rating(scoring.HoNOS, "2024-03-12", 2, 1, 0, 1, 2, 3, 4, 3, 3, 2, 1, 0)
	for _, b := range []*scoring.Rating{
		rating(scoring.HoNOS, "2024-09-03", 1, 0, 0, 1, 1, 1, 1, 2, 2, 2, U, 1),
		rating(scoring.HoNOS, "2024-09-03", 2, 1, 0, 1, 2, 3, 3, 3, 3, 2, 1, 0),
		rating(scoring.HoNOS, "2024-09-03", 4, 4, 4, 1, 2, 3, 4, 3, 3, 2, 1, 0),
		rating(scoring.HoNOS, "2024-09-03", U, U, U),
	} {
		s, err := PatientSummary(a, b, threshold, scoring.DefaultRules())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s...)
	}
	return out
}
