package scoring

import (
	"fmt"
	"strings"
)

// Code is the rating of one item: 0–4, or NotKnown.
type Code uint8

// The rating codes (METEOR 717795, the seed: 0 no problem, 1 minor problem
// requiring no action, 2 mild problem but definitely present, 3 moderately
// severe problem, 4 severe to very severe problem; 9 not known on the form).
const (
	// NoProblem is code 0: no problem within the period rated.
	NoProblem Code = 0
	// Minor is code 1: minor problem requiring no action.
	Minor Code = 1
	// Mild is code 2: mild problem but definitely present.
	Mild Code = 2
	// Moderate is code 3: moderately severe problem.
	Moderate Code = 3
	// Severe is code 4: severe to very severe problem.
	Severe Code = 4
	// NotKnown is code 9 on the rating form: not known or not applicable.
	// Imports also read 7 (Australian NOCC "not stated / missing"), 8 (METEOR
	// 717795 "unknown") and an empty cell as NotKnown.
	NotKnown Code = 9
)

// METEORUnknown is the code written for an unknown item when exporting to
// METEOR coding (METEOR 717795: "7" and "9" are reported as "8").
const METEORUnknown = 8

// Rated reports whether c is a rating 0–4 (not NotKnown).
func (c Code) Rated() bool { return c <= MaxCode }

// Significant reports whether c is clinically significant: rated 2, 3 or 4
// (James et al. 2018, BJPsych Bulletin 42:63: 0–1 subclinical, 2–4 warrant
// care planning).
func (c Code) Significant() bool { return c >= Mild && c <= Severe }

// High reports whether c is in the high band 3–4 used for categorical item
// change (Crawford, Zoha, Macdonald & Kingdon 2017, BJPsych Bulletin 41:172).
func (c Code) High() bool { return c == Moderate || c == Severe }

// String returns the digit of the code ("0"–"4", "9").
func (c Code) String() string {
	if c.Rated() {
		return string(rune('0' + c))
	}
	return "9"
}

// Meaning returns the plain meaning of the code (METEOR 717795).
func (c Code) Meaning() string {
	switch c {
	case NoProblem:
		return "No problem"
	case Minor:
		return "Minor problem requiring no action"
	case Mild:
		return "Mild problem but definitely present"
	case Moderate:
		return "Moderately severe problem"
	case Severe:
		return "Severe to very severe problem"
	}
	return "Not known"
}

// ParseCode reads one item cell from an import. It accepts "0"–"4", and
// "7", "8", "9" or an empty cell as NotKnown (project reference, "Codes").
// Surrounding spaces are ignored. Anything else, including fractions such
// as "2.5" or "3.0", is an error saying what is allowed.
func ParseCode(s string) (Code, error) {
	s = strings.TrimSpace(s)
	if len(s) == 0 {
		return NotKnown, nil
	}
	if len(s) == 1 {
		switch b := s[0]; {
		case b >= '0' && b <= '4':
			return Code(b - '0'), nil
		case b == '7' || b == '8' || b == '9':
			return NotKnown, nil
		}
	}
	return NotKnown, fmt.Errorf("%q is not a rating: use 0, 1, 2, 3 or 4, or 9 (also 7, 8 or empty) for not known", clip(s))
}

// clip shortens s for an error message so a binary cell cannot flood stderr.
func clip(s string) string {
	const max = 20
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}

// ProblemType is the kind of problem rated at item 8 of HoNOS and HoNOS 65+
// ("other mental and behavioural problems"), a letter A–K, or 0 when absent.
type ProblemType byte

// Item 8 problem types (Wing et al. 1998 glossary letters; the 2018 glossary
// adds K elated mood and retires J: James et al. 2018, BJPsych Bulletin 42:63).
const (
	// NoProblemType means no type was recorded.
	NoProblemType ProblemType = 0
	// FirstProblemType is A, phobic.
	FirstProblemType ProblemType = 'A'
	// LastProblemType is K, elated mood (2018 glossary).
	LastProblemType ProblemType = 'K'
)

var problemTypeNames = [...]string{
	"Phobic",
	"Anxiety",
	"Obsessive-compulsive",
	"Reactions to stress or trauma",
	"Dissociative",
	"Somatoform",
	"Eating",
	"Sleep",
	"Sexual",
	"Other (specify)",
	"Elated mood (2018 glossary)",
}

// ProblemTypes returns every valid item 8 problem type, A to K.
func ProblemTypes() []ProblemType {
	out := make([]ProblemType, 0, LastProblemType-FirstProblemType+1)
	for p := FirstProblemType; p <= LastProblemType; p++ {
		out = append(out, p)
	}
	return out
}

// Valid reports whether p is one of A–K.
func (p ProblemType) Valid() bool { return p >= FirstProblemType && p <= LastProblemType }

// String returns the letter, or "" when absent.
func (p ProblemType) String() string {
	if !p.Valid() {
		return ""
	}
	return string(rune(p))
}

// Name returns the short name of the problem type, e.g. "Anxiety".
func (p ProblemType) Name() string {
	if !p.Valid() {
		return ""
	}
	return problemTypeNames[p-FirstProblemType]
}

// ParseProblemType reads an item 8 problem type: a letter A–K in either case,
// or empty for none. Anything else is an error saying what is allowed.
func ParseProblemType(s string) (ProblemType, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return NoProblemType, nil
	}
	if len(s) == 1 {
		p := ProblemType(s[0] &^ 0x20) // upper case
		if p.Valid() {
			return p, nil
		}
	}
	return NoProblemType, fmt.Errorf("%q is not an item 8 problem type: use a letter A to K", clip(s))
}
