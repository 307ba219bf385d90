package store

import (
	"cmp"
	"errors"
	"slices"
)

// errNoID and errNoKey reject records without their primary key, which
// IndexedDB would otherwise refuse with a less helpful DOMException.
var (
	errNoID  = errors.New("the rating has no ID: give it one with NewID")
	errNoKey = errors.New("the draft has no key: use \"new\" or the ID of the rating being edited")
)

// SortRatings orders ratings as Store.Ratings returns them: by patient, then
// date, then created time, then ID (so that the order is total and the same
// on every device). RatingsOf and RatingsOn return subsets in this order.
func SortRatings(rs []Rating) {
	slices.SortFunc(rs, compareRatings)
}

func compareRatings(a, b Rating) int {
	return cmp.Or(
		cmp.Compare(a.Patient, b.Patient),
		cmp.Compare(a.Date, b.Date),
		cmp.Compare(a.Created, b.Created),
		cmp.Compare(a.ID, b.ID),
	)
}
