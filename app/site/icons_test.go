package site

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// iconBars are the icon's four bars (a small bar chart of scores), as
// fractions of the icon's side: x, top, width; every bar ends at iconFloor.
// They sit inside the central 80% so the icon survives maskable cropping.
var iconBars = [][3]float64{
	{0.22, 0.52, 0.12},
	{0.38, 0.36, 0.12},
	{0.54, 0.44, 0.12},
	{0.70, 0.26, 0.12},
}

const iconFloor = 0.76

var (
	iconBackground = color.RGBA{0x1d, 0x4f, 0x91, 0xff}
	iconForeground = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// drawIcon renders the icon at size×size pixels.
func drawIcon(size int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			c := iconBackground
			fx, fy := (float64(x)+0.5)/s, (float64(y)+0.5)/s
			for _, b := range iconBars {
				if fx >= b[0] && fx < b[0]+b[2] && fy >= b[1] && fy < iconFloor {
					c = iconForeground
				}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// iconSVGText is the same icon as SVG, drawn on a 100×100 canvas.
func iconSVGText() string {
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">` + "\n")
	fmt.Fprintf(&b, `<rect width="100" height="100" fill="#%02x%02x%02x"/>`+"\n",
		iconBackground.R, iconBackground.G, iconBackground.B)
	for _, bar := range iconBars {
		fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" fill="#ffffff"/>`+"\n",
			bar[0]*100, bar[1]*100, bar[2]*100, (iconFloor-bar[1])*100)
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// TestIconsAreUpToDate checks the committed icons against the drawing above.
// Run with HONOSCOPE_WRITE_ICONS=1 to rewrite them after changing it.
func TestIconsAreUpToDate(t *testing.T) {
	t.Parallel()
	want := map[string][]byte{"icon.svg": []byte(iconSVGText())}
	for _, size := range []int{192, 512} {
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&buf, drawIcon(size)); err != nil {
			t.Fatal(err)
		}
		want[fmt.Sprintf("icon-%d.png", size)] = buf.Bytes()
	}
	for name, b := range want {
		path := filepath.Join("..", "..", "web", name)
		if os.Getenv("HONOSCOPE_WRITE_ICONS") == "1" {
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v: run HONOSCOPE_WRITE_ICONS=1 go test ./app/site -run TestIconsAreUpToDate", err)
		}
		if !bytes.Equal(got, b) {
			t.Errorf("%s differs from the drawing in icons_test.go: run HONOSCOPE_WRITE_ICONS=1 go test ./app/site -run TestIconsAreUpToDate", path)
		}
		if filepath.Ext(name) == ".png" {
			img, err := png.Decode(bytes.NewReader(got))
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			var size int
			fmt.Sscanf(name, "icon-%d.png", &size)
			if img.Bounds().Dx() != size || img.Bounds().Dy() != size {
				t.Errorf("%s is %v, want %d×%d as the manifest says", path, img.Bounds().Size(), size, size)
			}
		}
	}
}
