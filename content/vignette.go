package content

import "honoscope/scoring"

// Vignette is one training case: a short summary of a fictional person with
// reference ratings for every item of its instrument. Vignettes are written
// as markdown files with YAML front matter (content/vignettes/*.md, see
// content/README.md), checked and rendered at build time by content/render,
// and shipped in package content/bundle.
type Vignette struct {
	// ID is the stable identifier: lower-case letters, digits and hyphens.
	ID string
	// Title is a short title for the library list.
	Title string
	// Instrument is the instrument the reference ratings are for.
	Instrument scoring.InstrumentID
	// Setting is where the person is seen, e.g. "inpatient" or "community".
	Setting string
	// Difficulty is "introductory", "intermediate" or "advanced".
	Difficulty string
	// Tags are free keywords for filtering.
	Tags []string
	// Version counts revisions of the vignette, from 1.
	Version int
	// ReviewedBy names who reviewed the reference ratings.
	ReviewedBy string
	// Reference holds the reference rating of every item, in item order.
	Reference []Reference
	// HTML is the case summary rendered from markdown (raw HTML omitted).
	HTML string
	// Source is the file the vignette came from, relative to the content
	// folder, e.g. "vignettes/honos-01-ward-mania.md".
	Source string
}

// Reference is the reference rating of one item with its reason.
type Reference struct {
	// Item is the item number, from 1.
	Item int
	// Code is the reference rating, 0–4 or scoring.NotKnown.
	Code scoring.Code
	// ProblemType is the item 8 problem type (HoNOS and HoNOS 65+ when item
	// 8 is rated 1–4), otherwise scoring.NoProblemType.
	ProblemType scoring.ProblemType
	// Rationale says in one line why the item has this rating.
	Rationale string
}

// Rating returns the reference ratings as a scoring.Rating, so the trainer
// can score them and compare a trainee's rating with them. The patient label
// is the vignette id and the period the standard two weeks. It returns false
// when the instrument is unknown (never for a bundled vignette).
func (v *Vignette) Rating() (scoring.Rating, bool) {
	in, err := scoring.LookupInstrument(string(v.Instrument))
	if err != nil {
		return scoring.Rating{}, false
	}
	r := scoring.Rating{Patient: v.ID, Instrument: in, Period: scoring.TwoWeeks}
	for i := range r.Items {
		r.Items[i] = scoring.NotKnown
	}
	for _, ref := range v.Reference {
		if ref.Item >= 1 && ref.Item <= len(in.Items) {
			r.Items[ref.Item-1] = ref.Code
			if ref.Item == 8 {
				r.ProblemType = ref.ProblemType
			}
		}
	}
	return r, true
}

// Page is one short page of guidance on rating well (content/pages/*.md).
type Page struct {
	// ID is the stable identifier: lower-case letters, digits and hyphens.
	ID string
	// Title is the page title, shown as its heading.
	Title string
	// Summary is one sentence for lists of pages.
	Summary string
	// Order places the page in lists, lowest first.
	Order int
	// HTML is the page body rendered from markdown (raw HTML omitted).
	HTML string
	// Source is the file the page came from, relative to the content folder.
	Source string
}
