package words

import "testing"

func TestNumbersInWords(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ got, want string }{
		{Count(1, "rating", "ratings"), "1 rating"},
		{Count(0, "rating", "ratings"), "0 ratings"},
		{Count(3, "pair", "pairs"), "3 pairs"},
		{Signed(-10), "−10"},
		{Signed(3), "+3"},
		{Signed(0), "0"},
		{SignedDecimal(-2.5, 1), "−2.5"},
		{SignedDecimal(0.3, 1), "+0.3"},
		{SignedDecimal(-0.04, 1), "0.0"},
		{SignedDecimal(0, 1), "0.0"},
		{SignedDecimal(-4.5, -1), "−4.5"},
		{SignedDecimal(2, -1), "+2"},
		{SignedDecimal(0, -1), "0"},
		{Percent(1, 8, "–"), "12.5%"},
		{Percent(0, 0, "–"), "–"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
