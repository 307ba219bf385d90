package share

import (
	"errors"
	"fmt"

	"rsc.io/qr/coding"
)

// The QR encoder is rsc.io/qr/coding (BSD licence), whose packages import
// only fmt, strconv and strings: unlike encoders that also write PNG files,
// it links no image/png decoder into the browser's app.wasm. Its top-level
// package always uses mask 0, so encodeQR picks the mask itself.

// quietZone is the light margin round a QR symbol, in modules: ISO/IEC
// 18004:2015 (§6.3, symbol structure: quiet zone) requires a light margin
// 4 modules wide on all four sides.
const quietZone = 4

// qrSymbol is an encoded QR code, without its quiet zone.
type qrSymbol struct {
	// dark holds the modules row by row, true for dark: 4·version + 17 a side.
	dark    [][]bool
	version coding.Version
	level   coding.Level
	mask    coding.Mask
}

// encodeQR encodes text in the densest single mode that holds all of it
// (numeric, alphanumeric, else bytes), at level M in the smallest version
// that fits, or at level L when M would need a version above MaxVersionM.
// It builds the symbol with each of the eight mask patterns and keeps the one
// with the lowest penalty score (ISO/IEC 18004:2015 §7.8.3), the first one on
// a tie.
func encodeQR(text string) (qrSymbol, error) {
	if text == "" {
		return qrSymbol{}, errors.New("nothing to put in the QR code")
	}
	enc := qrEncoding(text)
	for _, l := range []struct {
		level coding.Level
		max   coding.Version
	}{{coding.M, MaxVersionM}, {coding.L, coding.MaxVersion}} {
		for v := coding.Version(coding.MinVersion); v <= l.max; v++ {
			if enc.Bits(v) <= v.DataBytes(l.level)*8 {
				return bestMask(enc, v, l.level)
			}
		}
	}
	return qrSymbol{}, fmt.Errorf("the link is too long for a QR code (%d characters): share fewer ratings or shorter notes", len(text))
}

// qrEncoding is the densest QR mode that holds all of text: numeric,
// alphanumeric, else bytes (ISO/IEC 18004:2015 §7.4, data encodation).
func qrEncoding(text string) coding.Encoding {
	switch {
	case coding.Num(text).Check() == nil:
		return coding.Num(text)
	case coding.Alpha(text).Check() == nil:
		return coding.Alpha(text)
	}
	return coding.String(text)
}

// bestMask builds the symbol for each mask pattern 0–7 and returns the one
// with the lowest penalty score, the lowest mask number on a tie.
func bestMask(enc coding.Encoding, v coding.Version, l coding.Level) (qrSymbol, error) {
	var best qrSymbol
	bestScore := -1
	for m := coding.Mask(0); m < 8; m++ {
		s, err := buildQR(enc, v, l, m)
		if err != nil {
			return qrSymbol{}, err
		}
		if score := qrPenalty(s.dark).total(); bestScore < 0 || score < bestScore {
			best, bestScore = s, score
		}
	}
	return best, nil
}

// buildQR encodes enc as a symbol of version v, level l and mask m.
func buildQR(enc coding.Encoding, v coding.Version, l coding.Level, m coding.Mask) (qrSymbol, error) {
	plan, err := coding.NewPlan(v, l, m)
	if err != nil {
		return qrSymbol{}, fmt.Errorf("QR code version %d, level %s, mask %d: %w", v, l, m, err)
	}
	c, err := plan.Encode(enc)
	if err != nil {
		return qrSymbol{}, fmt.Errorf("QR code version %d, level %s, mask %d: %w", v, l, m, err)
	}
	dark := make([][]bool, c.Size)
	cells := make([]bool, c.Size*c.Size)
	for y := range dark {
		dark[y] = cells[y*c.Size : (y+1)*c.Size]
		for x := range dark[y] {
			dark[y][x] = c.Black(x, y)
		}
	}
	return qrSymbol{dark: dark, version: v, level: l, mask: m}, nil
}

// Penalty weights of ISO/IEC 18004:2015 §7.8.3.1, Table 11.
const (
	penaltyN1 = 3  // a run of 5 same-colour modules; +1 per module beyond 5
	penaltyN2 = 3  // a 2×2 block of one colour
	penaltyN3 = 40 // a finder-like 1:1:3:1:1 pattern beside 4 light modules
	penaltyN4 = 10 // each whole 5 % by which the dark share departs from 50 %
)

// qrPenalties are the four penalty points of ISO/IEC 18004:2015 §7.8.3.1
// (Table 11) for one masked symbol; the encoder keeps the mask whose total
// is lowest.
type qrPenalties struct {
	// N1 scores runs of 5 or more modules of one colour in a row or column:
	// 3 points for 5 modules and 1 more for each module beyond.
	N1 int
	// N2 scores blocks of one colour: 3 points for each 2×2 square of one
	// colour (overlapping squares each count, so an m×n block scores
	// 3·(m−1)·(n−1)).
	N2 int
	// N3 scores 40 points for each dark:light:dark:light:dark run of
	// 1:1:3:1:1 modules in a row or column with 4 light modules before it or
	// after it (counted once if both). Modules outside the symbol count as
	// light, since the quiet zone is there.
	N3 int
	// N4 scores 10 points for each whole 5 % by which the share of dark
	// modules departs from 50 %: each band of Table 11 includes its lower
	// bound, so strictly between 45 % and 55 % scores 0, and 45 % or 55 %
	// exactly already scores 10.
	N4 int
}

// total is the symbol's penalty score, the sum of the four.
func (p qrPenalties) total() int { return p.N1 + p.N2 + p.N3 + p.N4 }

// qrPenalty scores a masked symbol (without its quiet zone) by ISO/IEC
// 18004:2015 §7.8.3.1; dark is square, true for a dark module.
func qrPenalty(dark [][]bool) qrPenalties {
	n := len(dark)
	var p qrPenalties
	line := make([]bool, n)
	for i := 0; i < n; i++ {
		for _, horizontal := range []bool{true, false} {
			for j := range line {
				if horizontal {
					line[j] = dark[i][j]
				} else {
					line[j] = dark[j][i]
				}
			}
			p.N1 += runPenalty(line)
			p.N3 += finderLikePenalty(line)
		}
	}
	darkCount := 0
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if dark[y][x] {
				darkCount++
			}
			if x+1 < n && y+1 < n && dark[y][x] == dark[y][x+1] && dark[y][x] == dark[y+1][x] && dark[y][x] == dark[y+1][x+1] {
				p.N2 += penaltyN2
			}
		}
	}
	if total := n * n; total > 0 {
		diff := 2*darkCount - total // 2·(dark − 50 % of all)
		if diff < 0 {
			diff = -diff
		}
		// |dark/total − 50 %| / 5 % = |2·dark − total|·10 / total, floored.
		p.N4 = penaltyN4 * (diff * 10 / total)
	}
	return p
}

// runPenalty is the N1 points of one row or column.
func runPenalty(line []bool) int {
	points := 0
	for i := 0; i < len(line); {
		run := 1
		for i+run < len(line) && line[i+run] == line[i] {
			run++
		}
		if run >= 5 {
			points += penaltyN1 + run - 5
		}
		i += run
	}
	return points
}

// finderLike is the 1:1:3:1:1 dark:light:dark:light:dark run of N3.
var finderLike = [7]bool{true, false, true, true, true, false, true}

// finderLikePenalty is the N3 points of one row or column.
func finderLikePenalty(line []bool) int {
	light := func(from, to int) bool { // modules [from, to) are all light
		for k := from; k < to; k++ {
			if k >= 0 && k < len(line) && line[k] {
				return false
			}
		}
		return true
	}
	points := 0
	for i := 0; i+len(finderLike) <= len(line); i++ {
		match := true
		for k, d := range finderLike {
			if line[i+k] != d {
				match = false
				break
			}
		}
		if match && (light(i-4, i) || light(i+len(finderLike), i+len(finderLike)+4)) {
			points += penaltyN3
		}
	}
	return points
}
