package scoring

import "testing"

// BenchmarkScore measures scoring one HoNOS rating with its Wing subscales.
// Budget: at most 50 ns and 0 allocations per rating.
func BenchmarkScore(b *testing.B) {
	r := rating(HoNOS, 1, 2, 3, 4, NotKnown, 0, 1, 2, 3, 4, 0, 1)
	rules := DefaultRules()
	b.ReportAllocs()
	var sink int
	for b.Loop() {
		s := Score(r, rules)
		sink += s.Total
	}
	if sink == 0 {
		b.Fatal("nothing scored")
	}
}

// BenchmarkScoreHoNOSCA measures scoring one HoNOSCA rating (13 scored items).
func BenchmarkScoreHoNOSCA(b *testing.B) {
	r := rating(HoNOSCA, 1, 2, 3, 4, 0, 0, 1, 2, 3, 4, 0, 1, 2, 9, 9)
	rules := DefaultRules()
	b.ReportAllocs()
	var sink int
	for b.Loop() {
		s := Score(r, rules)
		sink += s.Total
	}
	if sink == 0 {
		b.Fatal("nothing scored")
	}
}

// BenchmarkSummarise measures a cohort summary by team and band of 10,000 pairs.
func BenchmarkSummarise(b *testing.B) {
	pairs := benchPairs(10000)
	b.ReportAllocs()
	for b.Loop() {
		Summarise(pairs, SummaryOptions{By: ByTeam | ByBand})
	}
}

// BenchmarkBuildRanges measures expected-change ranges of 10,000 pairs.
func BenchmarkBuildRanges(b *testing.B) {
	pairs := benchPairs(10000)
	b.ReportAllocs()
	for b.Loop() {
		BuildRanges(pairs, DefaultChangeOptions(), DateOf(2025, 1, 1))
	}
}

func benchPairs(n int) []Pair {
	pairs := make([]Pair, n)
	teams := []string{"north", "south", "east", "west"}
	settings := []string{"inpatient", "community"}
	for i := range pairs {
		b := rating(HoNOS, withTotal(5+i%40)...)
		f := rating(HoNOS, withTotal((i*7)%45)...)
		b.Team, b.Setting = teams[i%4], settings[i%2]
		pairs[i] = NewPair(b, f, DefaultRules())
	}
	if _, err := ClassifyPairs(pairs, DefaultChangeOptions()); err != nil {
		panic(err)
	}
	return pairs
}
