package scoring

import "sort"

// keptRating is one rating of a RatingSet in 40 bytes: the patient and the
// labels are indices into the set's tables.
type keptRating struct {
	patient  uint32
	date     Date
	team     uint32
	setting  uint32
	occasion uint32
	items    [MaxItems]Code
	inst     uint8
	pt       ProblemType
}

// RatingSet keeps a file's ratings compactly (40 bytes each, patients and
// labels stored once), in the order they were added, so that a change of
// settings analyses them again without reading the file again. File order
// breaks ties on date (Cohort), so it is kept as it was read.
type RatingSet struct {
	ratings  []keptRating
	patients []string
	labels   []string // index 0 is "" (not recorded)
	// byLabel and byPatient find the indices while ratings are added.
	byLabel   map[string]uint32
	byPatient map[string]uint32
}

// bytesPerRow is a low estimate of the length of one row of an export
// (measured: about 60 bytes), to size a RatingSet once instead of growing it.
const bytesPerRow = 56

// NewRatingSet returns an empty set. size, when known (else 0), is the
// length in bytes of the file the ratings come from; it sizes the set.
func NewRatingSet(size int64) *RatingSet {
	s := &RatingSet{labels: []string{""}, byLabel: map[string]uint32{"": 0}, byPatient: map[string]uint32{}}
	if n := size / bytesPerRow; n > 0 && n < 1<<26 {
		s.ratings = make([]keptRating, 0, n)
	}
	return s
}

func (s *RatingSet) label(l string) uint32 {
	i, ok := s.byLabel[l]
	if !ok {
		i = uint32(len(s.labels))
		s.labels = append(s.labels, l)
		s.byLabel[l] = i
	}
	return i
}

// Add keeps a copy of r (without its line and period). A rating without an
// instrument is not kept.
func (s *RatingSet) Add(r *Rating) {
	if r.Instrument == nil {
		return
	}
	p, ok := s.byPatient[r.Patient]
	if !ok {
		p = uint32(len(s.patients))
		s.patients = append(s.patients, r.Patient)
		s.byPatient[r.Patient] = p
	}
	s.ratings = append(s.ratings, keptRating{
		patient: p, date: r.Date, items: r.Items, inst: uint8(instrumentIndex(r.Instrument.ID)), pt: r.ProblemType,
		team: s.label(r.Team), setting: s.label(r.Setting), occasion: s.label(r.Occasion),
	})
}

// Len returns the number of ratings kept.
func (s *RatingSet) Len() int { return len(s.ratings) }

// Rating fills r from kept rating i (from 0, in the order added).
func (s *RatingSet) Rating(i int, r *Rating) {
	k := &s.ratings[i]
	*r = Rating{
		Patient: s.patients[k.patient], Date: k.date, Instrument: instruments[k.inst],
		Items: k.items, ProblemType: k.pt,
		Team: s.labels[k.team], Setting: s.labels[k.setting], Occasion: s.labels[k.occasion],
	}
}

// Each calls add with every kept rating in the order added; the *Rating is
// reused. It suits Analyse as the source of the ratings.
func (s *RatingSet) Each(add func(*Rating)) error {
	var r Rating
	for i := range s.ratings {
		s.Rating(i, &r)
		add(&r)
	}
	return nil
}

// Patients returns the distinct patient labels in order of first
// appearance. The slice is the set's own: do not change it.
func (s *RatingSet) Patients() []string { return s.patients }

// Label names one of a rating's free labels.
type Label uint8

// The free labels of a rating.
const (
	LabelTeam Label = iota
	LabelSetting
	LabelOccasion
)

// Labels returns the distinct values of one label among the kept ratings,
// in byte order ("", not recorded, first when present).
func (s *RatingSet) Labels(l Label) []string {
	seen := make([]bool, len(s.labels))
	for i := range s.ratings {
		k := &s.ratings[i]
		switch l {
		case LabelTeam:
			seen[k.team] = true
		case LabelSetting:
			seen[k.setting] = true
		default:
			seen[k.occasion] = true
		}
	}
	var out []string
	for i, ok := range seen {
		if ok {
			out = append(out, s.labels[i])
		}
	}
	sort.Strings(out)
	return out
}

// Instruments returns the instruments rated in the set, in the order of
// Instruments().
func (s *RatingSet) Instruments() []*Instrument {
	var seen [3]bool
	for i := range s.ratings {
		seen[s.ratings[i].inst] = true
	}
	var out []*Instrument
	for i, in := range instruments {
		if seen[i] {
			out = append(out, in)
		}
	}
	return out
}
