// Package words holds the few helpers that put numbers into the app's
// English, so that every page and message counts the same way.
package words

import "strconv"

// Count words a count with the right noun: "1 rating", "3 ratings".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
