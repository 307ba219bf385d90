package synth

import (
	"bufio"
	"io"
	"math/rand/v2"
	"strconv"
	"time"
)

// exampleTeam is one made-up team of the example export: its instrument,
// setting, size and how strongly its people's problems ease between
// ratings (the chance that a rated problem eases a step, or two at half
// that) and how often a problem grows a step instead.
type exampleTeam struct {
	name, instrument, setting string
	people                    int
	ease, worsen              float64
}

// exampleTeams differ on purpose, so the team report has something to
// show: one team whose people improve more than most, one less, an older
// adults' team where stability is the usual outcome, and a small team under
// the suppression rule.
var exampleTeams = []exampleTeam{
	{"North community team", "honos", "community", 150, 0.30, 0.04},
	{"South community team", "honos", "community", 130, 0.22, 0.05},
	{"East community team", "honos", "community", 110, 0.05, 0.17},
	{"Early intervention", "honos", "community", 80, 0.45, 0.04},
	{"Acute ward", "honos", "inpatient", 90, 0.40, 0.05},
	{"Older adults", "honos65", "community", 70, 0.20, 0.05},
	{"Young people's service", "honosca", "community", 90, 0.28, 0.04},
	{"Liaison pilot", "honos", "community", 6, 0.25, 0.04},
}

// ExampleHeader is the header row of Example's file.
const ExampleHeader = "patient,date,instrument,team,setting,occasion,item1,item2,item3,item4,item5,item6,item7,item8,item8_type,item9,item10,item11,item12,item13,item14,item15\n"

// Example writes the example team export that the site offers under "Try
// it with example data": made-up people (labels EX0001…) of eight teams,
// each rated two to four times about a quarter apart between January 2025
// and November 2026, in the command-line CSV layout with team, setting and
// occasion. No real person is behind any row. The same seed gives the same
// file.
func Example(w io.Writer, seed uint64) error {
	bw := bufio.NewWriter(w)
	rng := rand.New(rand.NewPCG(seed, 7))
	bw.WriteString(ExampleHeader)
	start := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	last := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	id := 0
	for _, t := range exampleTeams {
		items := 12
		if t.instrument == "honosca" {
			items = 15
		}
		for p := 0; p < t.people; p++ {
			id++
			label := "EX" + pad4(id)
			// A person's starting problems: a few items rated high, most
			// low, more of them on a ward.
			codes := make([]int, items)
			heavy := 0.3 + 0.3*rng.Float64()
			if t.setting == "inpatient" {
				heavy += 0.15
			}
			for i := range codes {
				switch r := rng.Float64(); {
				case r < heavy*0.35:
					codes[i] = 3 + rng.IntN(2)
				case r < heavy:
					codes[i] = 2
				case r < heavy+0.3:
					codes[i] = 1
				}
			}
			day := start.AddDate(0, 0, rng.IntN(int(last.Sub(start).Hours()/24)-100))
			n := 2 + rng.IntN(3)
			for k := 0; k < n && !day.After(last); k++ {
				if k > 0 {
					for i := range codes {
						switch r := rng.Float64(); {
						case codes[i] > 1 && r < t.ease/2:
							codes[i] -= 2
						case codes[i] > 0 && r < t.ease:
							codes[i]--
						case codes[i] < 4 && r > 1-t.worsen:
							codes[i]++
						}
					}
				}
				occasion := "review"
				switch {
				case k == 0:
					occasion = "admission"
				case k == n-1:
					occasion = "discharge"
				}
				line := label + "," + day.Format("2006-01-02") + "," + t.instrument + "," + t.name + "," + t.setting + "," + occasion
				for i := 0; i < 15; i++ {
					line += ","
					if i >= items {
						continue
					}
					c := codes[i]
					if rng.IntN(60) == 0 {
						c = 9 // now and then an item could not be rated
					}
					line += strconv.Itoa(c)
					if i == 7 {
						line += ","
						if t.instrument != "honosca" && c > 0 && c != 9 {
							line += string(rune('A' + rng.IntN(10)))
						}
					}
				}
				bw.WriteString(line + "\n")
				day = day.AddDate(0, 0, 70+rng.IntN(60))
			}
		}
	}
	return bw.Flush()
}

func pad4(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}
