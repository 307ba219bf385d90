package store

import (
	"context"
	"slices"
	"strconv"
	"time"
)

// sameRating is the identity import matches on: a rating of the same
// patient on the same date with the same instrument is the same rating.
type sameRating struct{ patient, date, instrument string }

func keyOf(r Rating) sameRating { return sameRating{r.Patient, r.Date, r.Instrument} }

// Conflict is an incoming rating whose patient, date and instrument match an
// existing rating with different content. The user chooses what to do.
type Conflict struct {
	// Incoming is the rating from the file; Line is where it starts.
	Incoming Rating
	Line     int
	// Existing is the rating already on the device (the first, in the order
	// of Store.Ratings, when the device already holds several).
	Existing Rating
}

// Choice is what to do with one conflict.
type Choice int

// The choices for a conflict. The zero value keeps the existing rating, so
// nothing is overwritten unless the user asks.
const (
	// KeepExisting leaves the existing rating and skips the incoming one.
	KeepExisting Choice = iota
	// Replace puts the incoming rating in the existing one's place (same ID
	// and created time). From a CSV file, the period, rater and note, which
	// CSV does not carry, are kept from the existing rating.
	Replace
	// KeepBoth adds the incoming rating beside the existing one.
	KeepBoth
)

// String names the choice as the import panel shows it.
func (c Choice) String() string {
	switch c {
	case Replace:
		return "Replace with the imported rating"
	case KeepBoth:
		return "Keep both"
	}
	return "Keep the existing rating"
}

// Plan says what an import would do, before anything is stored.
type Plan struct {
	// New are ratings with no counterpart on the device; NewLines their lines.
	New      []Rating
	NewLines []int
	// Identical counts incoming ratings equal to one already on the device
	// or earlier in the file (skipped).
	Identical int
	// Conflicts need a Choice each.
	Conflicts []Conflict
	csv       bool
}

// equal reports whether a and b hold the same rating, ignoring ID and
// times; from CSV, also ignoring the fields CSV does not carry.
func equal(a, b Rating, csv bool) bool {
	if !slices.Equal(a.Items, b.Items) || keyOf(a) != keyOf(b) || a.Item8Type != b.Item8Type ||
		a.Occasion != b.Occasion || a.Team != b.Team || a.Setting != b.Setting {
		return false
	}
	return csv || (a.Period == b.Period && a.Rater == b.Rater && a.Note == b.Note)
}

// PlanImport compares the parsed ratings with those on the device
// (existing, as Store.Ratings returns them) and sorts each into new,
// identical (skipped) or conflicting. Nothing existing is ever overwritten
// without a Choice. Within one file, ratings with the same patient, date and
// instrument are all kept when they have different IDs (a JSON export of a
// device that kept both); from CSV, a later different row with the same
// identity as an earlier one becomes an error in p.Errors and is left out.
func PlanImport(existing []Rating, p *Parsed) Plan {
	plan := Plan{csv: p.CSV}
	byKey := map[sameRating][]Rating{}
	for _, r := range existing {
		byKey[keyOf(r)] = append(byKey[keyOf(r)], r)
	}
	type seen struct {
		r    Rating
		line int
	}
	inFile := map[sameRating][]seen{}
	for i, r := range p.Ratings {
		line := p.Lines[i]
		k := keyOf(r)
		dup := false
		for _, s := range inFile[k] {
			if equal(s.r, r, p.CSV) {
				dup = true
				break
			}
		}
		if dup {
			plan.Identical++
			continue
		}
		if p.CSV && len(inFile[k]) > 0 {
			p.Errors = append(p.Errors, ImportError{Line: line, Msg: "same patient, date and instrument as line " +
				strconv.Itoa(inFile[k][0].line) + " but different codes: keep one of the two rows, or change the date"})
			continue
		}
		inFile[k] = append(inFile[k], seen{r, line})
		olds := byKey[k]
		switch {
		case slices.ContainsFunc(olds, func(o Rating) bool { return equal(o, r, p.CSV) }):
			plan.Identical++
		case len(olds) > 0:
			plan.Conflicts = append(plan.Conflicts, Conflict{Incoming: r, Line: line, Existing: olds[0]})
		default:
			plan.New = append(plan.New, r)
			plan.NewLines = append(plan.NewLines, line)
		}
	}
	return plan
}

// Summary counts what an applied import did.
type Summary struct {
	// Added counts new ratings and conflicts kept both.
	Added int
	// Replaced counts existing ratings replaced.
	Replaced int
	// Kept counts conflicts where the existing rating was kept.
	Kept int
	// Identical counts ratings skipped because the device had them.
	Identical int
}

// Apply stores the plan in s, with the documents docs, in one transaction
// (all or nothing), with choices[i] deciding Conflicts[i] (missing choices
// keep the existing rating). Incoming ratings whose ID is already used on the device get a
// new ID, so no rating is ever overwritten by ID. now stamps Updated on
// replaced ratings. existing must be what PlanImport was given.
func (plan Plan) Apply(ctx context.Context, s Store, existing []Rating, choices []Choice, docs []Document, now time.Time) (Summary, error) {
	sum := Summary{Identical: plan.Identical}
	used := map[string]bool{}
	for _, r := range existing {
		used[r.ID] = true
	}
	fresh := func(r Rating) Rating {
		for used[r.ID] || r.ID == "" {
			r.ID = NewID()
		}
		used[r.ID] = true
		return r
	}
	var put []Rating
	for _, r := range plan.New {
		put = append(put, fresh(r))
		sum.Added++
	}
	for i, c := range plan.Conflicts {
		choice := KeepExisting
		if i < len(choices) {
			choice = choices[i]
		}
		switch choice {
		case Replace:
			r := c.Incoming
			r.ID, r.Created = c.Existing.ID, c.Existing.Created
			r.Updated = now.UTC().Format(time.RFC3339)
			if plan.csv {
				r.Period, r.Rater, r.Note = c.Existing.Period, c.Existing.Rater, c.Existing.Note
			}
			put = append(put, r)
			sum.Replaced++
		case KeepBoth:
			put = append(put, fresh(c.Incoming))
			sum.Added++
		default:
			sum.Kept++
		}
	}
	if len(put) == 0 && len(docs) == 0 {
		return sum, nil
	}
	if err := s.PutBatch(ctx, put, docs); err != nil {
		return Summary{}, err
	}
	return sum, nil
}
