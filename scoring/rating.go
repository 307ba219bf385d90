package scoring

import (
	"fmt"
	"time"
)

// Date is a calendar date (no time of day, no zone) stored as days since
// 1970-01-01, so that it compares with < and costs no allocation.
type Date int32

// DateOf returns the Date of year, month and day. It does not validate.
func DateOf(year int, month time.Month, day int) Date {
	return Date(time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// ParseDate reads a date written YYYY-MM-DD. It returns an error that says
// the expected form when s is anything else or not a real calendar date.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD", clip(s))
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || y < 1900 {
		return 0, fmt.Errorf("%q is not a real date: write it as YYYY-MM-DD", clip(s))
	}
	return Date(daysFromCivil(y, m, d)), nil
}

// daysFromCivil returns the days from 1970-01-01 to the valid proleptic
// Gregorian date y-m-d, without going through time.Time (H. Hinnant,
// "chrono-compatible low-level date algorithms", days_from_civil).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// Civil returns the date's year, month (1–12) and day of the month, in
// the proleptic Gregorian calendar, without going through time.Time (H.
// Hinnant, "chrono-compatible low-level date algorithms",
// civil_from_days): writing out a national export's pairs formats
// millions of dates.
func (d Date) Civil() (year, month, day int) {
	z := int(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	month = mp + 3
	if month > 12 {
		month -= 12
	}
	year = yoe + era*400
	if month <= 2 {
		year++
	}
	return year, month, day
}

// Time returns the date as midnight UTC.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String returns the date as YYYY-MM-DD.
func (d Date) String() string { return d.Time().Format("2006-01-02") }

// Period is the span of time a rating covers.
type Period uint8

// Rating periods (project reference, "Rating period": the most severe problem
// in the previous 2 weeks; at discharge from inpatient care the previous
// 3 days).
const (
	// TwoWeeks is the standard period, the previous 2 weeks.
	TwoWeeks Period = iota
	// ThreeDays is the period at discharge from inpatient care.
	ThreeDays
)

// String names the period as shown to the user.
func (p Period) String() string {
	if p == ThreeDays {
		return "previous 3 days (inpatient discharge)"
	}
	return "previous 2 weeks"
}

// Rating is one completed form: who, when, which instrument, and the codes.
type Rating struct {
	// Patient is a pseudonymous label, never a name or record number unless
	// the device is entitled to hold them.
	Patient string
	// Date is the date of the rating.
	Date Date
	// Instrument is the instrument rated.
	Instrument *Instrument
	// Items holds the codes; item n is Items[n-1]. Items beyond the
	// instrument's own are ignored.
	Items [MaxItems]Code
	// ProblemType is the item 8 problem type (HoNOS and HoNOS 65+).
	ProblemType ProblemType
	// Period is the rating period.
	Period Period
	// Occasion, Team and Setting are optional free labels used for grouping.
	Occasion, Team, Setting string
	// Line is the input line the rating came from (0 when not from a file);
	// it breaks ties between ratings on the same date: later line = later.
	Line int
}

// Item returns the code of item n (from 1), or NotKnown when n is outside
// the instrument.
func (r *Rating) Item(n int) Code {
	if r.Instrument == nil || n < 1 || n > len(r.Instrument.Items) {
		return NotKnown
	}
	return r.Items[n-1]
}

// NeedsProblemType reports whether the rating lacks a required item 8 problem
// type: the instrument has one and item 8 is rated 1–4 (project reference,
// "Item 8 problem type").
func (r *Rating) NeedsProblemType() bool {
	if r.Instrument == nil || !r.Instrument.HasProblemType {
		return false
	}
	c := r.Items[7]
	return c >= Minor && c <= Severe && !r.ProblemType.Valid()
}
