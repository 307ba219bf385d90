//go:build !(js && wasm)

package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"honoscope/app/fileio"
	"honoscope/app/store"
)

func TestExportWritesEveryRatingToADownload(t *testing.T) {
	h, _, s := newTransfer(t)
	fileio.Dir = t.TempDir()
	defer func() { fileio.Dir = "" }()
	r := store.Rating{ID: "a", Patient: "=P", Date: "2024-01-01", Instrument: "honos", Items: make([]int, 12), Period: store.PeriodTwoWeeks}
	if err := s.PutRating(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"json", "csv"} {
		msg, err := exportRatings(h.ctx, format, transferNow)
		if err != nil {
			t.Fatal(err)
		}
		name := "honoscope-2024-06-01." + format
		if msg != "Exported 1 rating to "+name+" (in your downloads)." {
			t.Fatalf("message %q", msg)
		}
		data, err := os.ReadFile(filepath.Join(fileio.Dir, name))
		if err != nil {
			t.Fatal(err)
		}
		p, err := store.ParseImport(data, transferNow)
		if err != nil || len(p.Ratings) != 1 || p.Ratings[0].Patient != "=P" {
			t.Fatalf("%s export reads back as %+v, %v", format, p.Ratings, err)
		}
	}
}
