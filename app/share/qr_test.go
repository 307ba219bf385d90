package share

import (
	"image"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"

	goqr "github.com/piglig/go-qr"
	"rsc.io/qr/coding"
)

const site = "https://honoscope.example.org/trust-name"

// qrTexts are the texts the QR tests encode: share links of every size the
// limits allow, the capacity boundaries of ISO/IEC 18004:2015 Table 7 (997
// bytes is the most version 25-M holds, 2953 the most version 40-L holds),
// and texts in the numeric and alphanumeric modes.
func qrTexts(t *testing.T) []struct {
	name, text, level string
	version           int // 0: any
} {
	t.Helper()
	link := func(p Profile) string {
		l, err := Link(site, p)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	bytesOf := func(n int) string {
		const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		b := []byte(site + "#v1.")
		for i := 0; len(b) < n; i++ {
			b = append(b, alphabet[(i*37+i/64)%len(alphabet)])
		}
		return string(b)
	}
	return []struct {
		name, text, level string
		version           int
	}{
		{"a short HoNOS profile", link(shortProfile()), "M", 0},
		{"a typical 20-rating HoNOSCA profile with notes", link(longProfile()), "M", 0},
		{"the largest profile the limits allow", link(largestProfile()), "", 0},
		{"997 bytes, the most that fits level M in version 25", bytesOf(997), "M", 25},
		{"998 bytes, one byte too many for level M in version 25", bytesOf(998), "L", 0},
		{"2953 bytes, the most that fits any QR code", bytesOf(2953), "L", 40},
		{"a number", "0123456789012345", "M", 1},
		{"upper-case letters, digits and URL marks", "HTTPS://HONOSCOPE.EXAMPLE.ORG/P/12345", "M", 0},
		{"one character", "a", "M", 1},
	}
}

// render draws a symbol as a grey image, scale pixels per module, with the
// quiet zone, the way a camera would see the SVG.
func render(dark [][]bool, scale int) *image.Gray {
	n := (len(dark) + 2*quietZone) * scale
	img := image.NewGray(image.Rect(0, 0, n, n))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y, row := range dark {
		for x, d := range row {
			if !d {
				continue
			}
			for py := 0; py < scale; py++ {
				for px := 0; px < scale; px++ {
					img.SetGray((quietZone+x)*scale+px, (quietZone+y)*scale+py, color.Gray{})
				}
			}
		}
	}
	return img
}

var eccOf = map[coding.Level]goqr.Ecc{coding.L: goqr.Low, coding.M: goqr.Medium}

func TestQRCodesDecodeBackToTheExactText(t *testing.T) {
	t.Parallel()
	for _, c := range qrTexts(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s, err := encodeQR(c.text)
			if err != nil {
				t.Fatal(err)
			}
			if c.level != "" && s.level.String() != c.level {
				t.Errorf("level %s, want %s", s.level, c.level)
			}
			if c.version != 0 && int(s.version) != c.version {
				t.Errorf("version %d, want %d", s.version, c.version)
			}
			if s.level == coding.M && s.version > MaxVersionM {
				t.Errorf("level %s at version %d breaks the rule of level M up to version %d", s.level, s.version, MaxVersionM)
			}
			if s.level == coding.L {
				if _, fits := smallestVersion(c.text, coding.M, MaxVersionM); fits {
					t.Errorf("level L although level M fits in version %d or below", MaxVersionM)
				}
			}
			if v, _ := smallestVersion(c.text, s.level, coding.MaxVersion); v != s.version {
				t.Errorf("version %d, but version %d is the smallest that holds the text at level %s", s.version, v, s.level)
			}
			for _, scale := range []int{4, 7} {
				got, err := goqr.DecodeDetailed(render(s.dark, scale), goqr.WithFastPathOnly())
				if err != nil {
					t.Fatalf("at %d px a module, the code does not decode: %v", scale, err)
				}
				if got.Text != c.text {
					t.Errorf("at %d px a module, decoded %.80q…, want %.80q…", scale, got.Text, c.text)
				}
				if got.Version != int(s.version) || got.Ecc != eccOf[s.level] || got.Mask != int(s.mask) {
					t.Errorf("the decoder read version %d, level %v, mask %d; the encoder wrote %d, %s, %d", got.Version, got.Ecc, got.Mask, s.version, s.level, s.mask)
				}
			}
			q, err := QRCode(c.text)
			if err != nil || q.Version != int(s.version) || q.Level != s.level.String() || q.Modules != len(s.dark)+8 || q.Modules != 4*q.Version+17+8 {
				t.Errorf("QRCode: version %d, level %s, %d modules, %v; want version %d, level %s, %d modules", q.Version, q.Level, q.Modules, err, s.version, s.level, 4*int(s.version)+25)
			}
			t.Logf("%d bytes: version %d, level %s, mask %d, penalty %d", len(c.text), s.version, s.level, s.mask, qrPenalty(s.dark).total())
		})
	}
}

// smallestVersion is the smallest version up to max that holds text at level
// l, by the independent encoder's capacity rules.
func smallestVersion(text string, l coding.Level, max coding.Version) (coding.Version, bool) {
	segs, err := goqr.MakeSegments(text)
	if err != nil {
		return 0, false
	}
	q, err := goqr.EncodeSegments(segs, eccOf[l], 1, int(max), 0, false)
	if err != nil {
		return 0, false
	}
	return coding.Version((q.Size() - 17) / 4), true
}

func TestEveryMaskMatchesAnIndependentEncoderModuleForModule(t *testing.T) {
	t.Parallel()
	for _, c := range qrTexts(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s, err := encodeQR(c.text)
			if err != nil {
				t.Fatal(err)
			}
			segs, err := goqr.MakeSegments(c.text)
			if err != nil {
				t.Fatal(err)
			}
			for m := coding.Mask(0); m < 8; m++ {
				mine, err := buildQR(qrEncoding(c.text), s.version, s.level, m)
				if err != nil {
					t.Fatal(err)
				}
				ref, err := goqr.EncodeSegments(segs, eccOf[s.level], int(s.version), int(s.version), int(m), false)
				if err != nil {
					t.Fatal(err)
				}
				if ref.Size() != len(mine.dark) {
					t.Fatalf("mask %d: %d modules a side, want %d", m, len(mine.dark), ref.Size())
				}
				wrong := 0
				for y, row := range mine.dark {
					for x, d := range row {
						if d != ref.Module(x, y) {
							wrong++
						}
					}
				}
				if wrong > 0 {
					t.Errorf("mask %d: %d modules differ from the independent encoder", m, wrong)
				}
			}
		})
	}
}

func TestTheChosenMaskHasTheLowestPenalty(t *testing.T) {
	t.Parallel()
	masksUsed := map[coding.Mask]bool{}
	for _, c := range qrTexts(t) {
		s, err := encodeQR(c.text)
		if err != nil {
			t.Fatal(err)
		}
		masksUsed[s.mask] = true
		chosen := qrPenalty(s.dark).total()
		scores := make([]int, 8)
		for m := coding.Mask(0); m < 8; m++ {
			other, err := buildQR(qrEncoding(c.text), s.version, s.level, m)
			if err != nil {
				t.Fatal(err)
			}
			scores[m] = qrPenalty(other.dark).total()
			if scores[m] < chosen || scores[m] == chosen && m < s.mask {
				t.Errorf("%s: mask %d scores %d, below or level with the chosen mask %d (%d)", c.name, m, scores[m], s.mask, chosen)
			}
		}
		t.Logf("%s: mask %d chosen; penalties by mask %v", c.name, s.mask, scores)
	}
	if len(masksUsed) < 2 {
		t.Errorf("every text got the same mask %v: the choice is not being made", masksUsed)
	}
}

// grid reads a hand-drawn symbol: # dark, . light, one row a line.
func grid(rows ...string) [][]bool {
	g := make([][]bool, len(rows))
	for y, r := range rows {
		for _, c := range r {
			g[y] = append(g[y], c == '#')
		}
	}
	return g
}

func TestPenaltyScoresHandMadeGridsByTheStandard(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		dark [][]bool
		want qrPenalties
	}{
		// Each row and column is a light run of 5 (3 each, 30); 16 light 2×2
		// blocks (48); no dark module: 50 % off, 10 steps of 5 % (100).
		{"an all-light 5×5 grid", grid(".....", ".....", ".....", ".....", "....."), qrPenalties{N1: 30, N2: 48, N3: 0, N4: 100}},
		// No run longer than 1, no block, no finder pattern, 13 of 25 dark (52 %).
		{"a 5×5 checkerboard", grid("#.#.#", ".#.#.", "#.#.#", ".#.#.", "#.#.#"), qrPenalties{}},
		// A 3×3 dark block is four 2×2 blocks, 3·(3−1)·(3−1) = 12; 9 of 16 dark is 56.25 %.
		{"a 3×3 dark block in a 4×4 grid", grid("###.", "###.", "###.", "...."), qrPenalties{N2: 12, N4: 10}},
		// Six light rows of 7 (5 each) and light columns 1 and 5 (5 each) make
		// 40; 24 light 2×2 blocks above and below the middle row make 72; the
		// middle row is a finder-like pattern with the quiet zone either side,
		// counted once (40); 5 of 49 dark is 10.2 %, 7 steps of 5 % (70).
		{"a finder-like row in a light 7×7 grid", grid(".......", ".......", ".......", "#.###.#", ".......", ".......", "......."), qrPenalties{N1: 40, N2: 72, N3: 40, N4: 70}},
	}
	for _, c := range cases {
		if got := qrPenalty(c.dark); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestDarkShareScoresTenPerWholeFivePercentFromHalf(t *testing.T) {
	t.Parallel()
	// fill is an n×n grid whose first k modules, row by row, are dark.
	fill := func(n, k int) [][]bool {
		g := make([][]bool, n)
		for y := range g {
			g[y] = make([]bool, n)
			for x := range g[y] {
				g[y][x] = y*n+x < k
			}
		}
		return g
	}
	cases := []struct {
		dark, n4 int // dark modules of 100, N4 points
	}{
		{50, 0}, {46, 0}, {54, 0}, {45, 10}, {55, 10}, {41, 10}, {59, 10},
		{40, 20}, {60, 20}, {39, 20}, {5, 90}, {0, 100}, {100, 100},
	}
	for _, c := range cases {
		if got := qrPenalty(fill(10, c.dark)).N4; got != c.n4 {
			t.Errorf("%d %% dark: N4 %d, want %d", c.dark, got, c.n4)
		}
	}
}

func TestRunAndFinderPenaltiesOfOneLine(t *testing.T) {
	t.Parallel()
	cases := []struct {
		line   string
		n1, n3 int
	}{
		{"....", 0, 0},
		{".....", 3, 0},
		{".......", 5, 0},
		{"##########", 8, 0},
		{"#####.....#", 6, 0},
		{"#.#.#.#", 0, 0},
		{"#.###.#", 0, 40},              // light beyond both ends (the quiet zone): counted once
		{"....#.###.#....", 0, 40},      // light 4 wide on both sides: counted once
		{"....#.###.##", 0, 40},         // light before only
		{"#.#.###.#", 0, 40},            // light after only (the quiet zone)
		{"##.###.##", 0, 0},             // dark on both sides
		{"###.#.###.#.###", 0, 0},       // finder-like runs with only 1 light module beside them
		{"#.###.#....#.###.#", 0, 80},   // two patterns sharing the light gap
		{"#.###.#...#.###.#", 0, 80},    // a gap of 3 serves neither; each has the edge on its far side
		{"##.###.#...#", 0, 0},          // only 3 light modules after, dark before
		{"........#.###.#", 3 + 3, 40},  // long light run before: N1 and N3 both score
		{"#.###.#.....", 3 + 0, 40 + 0}, // N1 for the 5 light after
	}
	for _, c := range cases {
		l := grid(c.line)[0]
		if n1 := runPenalty(l); n1 != c.n1 {
			t.Errorf("%s: N1 %d, want %d", c.line, n1, c.n1)
		}
		if n3 := finderLikePenalty(l); n3 != c.n3 {
			t.Errorf("%s: N3 %d, want %d", c.line, n3, c.n3)
		}
	}
}

func TestQRCodeSVGDrawsExactlyTheDarkModules(t *testing.T) {
	t.Parallel()
	for _, c := range qrTexts(t)[:4] {
		q, err := QRCode(c.text)
		if err != nil {
			t.Fatal(err)
		}
		s, err := encodeQR(c.text)
		if err != nil {
			t.Fatal(err)
		}
		n := q.Modules
		got := make([][]bool, n)
		for i := range got {
			got[i] = make([]bool, n)
		}
		_, d, _ := strings.Cut(q.SVG, ` d="`)
		d, _, _ = strings.Cut(d, `"`)
		path := regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`)
		if rest := path.ReplaceAllString(d, ""); rest != "" {
			t.Fatalf("%s: the path has more than row runs: %.80q", c.name, rest)
		}
		for _, m := range path.FindAllStringSubmatch(d, -1) {
			x, _ := strconv.Atoi(m[1])
			y, _ := strconv.Atoi(m[2])
			w, _ := strconv.Atoi(m[3])
			if m[3] != m[4] || y >= n || x+w > n {
				t.Fatalf("%s: a run that does not close or leaves the code: %s", c.name, m[0])
			}
			for i := 0; i < w; i++ {
				if got[y][x+i] {
					t.Fatalf("%s: module %d,%d drawn twice", c.name, x+i, y)
				}
				got[y][x+i] = true
			}
		}
		for y := 0; y < n; y++ {
			for x := 0; x < n; x++ {
				in := x >= quietZone && y >= quietZone && x < n-quietZone && y < n-quietZone
				want := in && s.dark[y-quietZone][x-quietZone]
				if got[y][x] != want {
					t.Fatalf("%s: module %d,%d (quiet zone included) drawn %v, want %v", c.name, x, y, got[y][x], want)
				}
			}
		}
		// The same drawing, read as a picture, decodes to the text.
		back, err := goqr.Decode(render(got[quietZone:n-quietZone], 5))
		if err != nil || back != c.text {
			t.Errorf("%s: the SVG's modules decode to %.60q, %v", c.name, back, err)
		}
		view := `viewBox="0 0 ` + strconv.Itoa(n) + " " + strconv.Itoa(n) + `"`
		if strings.Count(q.SVG, "<svg") != 1 || strings.Contains(q.SVG, "style=") || !strings.Contains(q.SVG, view) ||
			!strings.Contains(q.SVG, `<rect width="`+strconv.Itoa(n)+`" height="`+strconv.Itoa(n)+`" fill="#ffffff"/>`) ||
			!strings.Contains(q.SVG, `class="share-qr"`) || !strings.Contains(q.SVG, `<title id="share-qr-title">QR code of the share link</title>`) {
			t.Errorf("%s: the QR SVG must be one root with a %s, a white square, a title and no style: %.300s", c.name, view, q.SVG)
		}
	}
}

func TestQRCodeRejectsEmptyAndOverlongTexts(t *testing.T) {
	t.Parallel()
	if _, err := QRCode(""); err == nil {
		t.Error("an empty QR code gave no error")
	}
	for _, n := range []int{2954, 5000} {
		_, err := QRCode(strings.Repeat("x", n))
		if err == nil || err.Error() != "the link is too long for a QR code ("+strconv.Itoa(n)+" characters): share fewer ratings or shorter notes" {
			t.Errorf("%d bytes: %v", n, err)
		}
	}
}

func BenchmarkQRCodeOfTheLargestProfile(b *testing.B) {
	link, err := Link(site, largestProfile())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := QRCode(link); err != nil {
			b.Fatal(err)
		}
	}
}
