// Package words holds the few helpers that put numbers into the app's
// English, so that every page, chart and message counts, signs and rounds
// the same way.
package words

import (
	"math"
	"strconv"
)

// minus is the true minus sign, which screen readers read as "minus" and
// which lines up with the plus sign in tables and charts.
const minus = "−"

// Count words a count with the right noun: "1 rating", "3 ratings".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Signed writes a change with its sign: "−10", "+3" or "0".
func Signed(n int) string {
	switch {
	case n < 0:
		return minus + strconv.Itoa(-n)
	case n > 0:
		return "+" + strconv.Itoa(n)
	}
	return "0"
}

// SignedDecimal writes x with its sign and prec decimals (-1: as few as
// needed): "−2.5", "+0.3". A value that rounds to zero has no sign ("0",
// "0.0").
func SignedDecimal(x float64, prec int) string {
	s := strconv.FormatFloat(math.Abs(x), 'f', prec, 64)
	if v, _ := strconv.ParseFloat(s, 64); v == 0 {
		return s
	}
	if x < 0 {
		return minus + s
	}
	return "+" + s
}

// Percent writes n of total as a percentage with one decimal ("12.5%"), or
// none when total is 0.
func Percent(n, total int, none string) string {
	if total == 0 {
		return none
	}
	return strconv.FormatFloat(100*float64(n)/float64(total), 'f', 1, 64) + "%"
}

// Capitalise puts the first letter of s in upper case when it is an ASCII
// lower-case letter ("improved" → "Improved").
func Capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
