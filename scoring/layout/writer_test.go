package layout

import (
	"bytes"
	"encoding/json"
	"testing"

	"honoscope/scoring"
)

// The Bundle written an entry at a time is, byte for byte, the whole
// Bundle as encoding/json writes it, for no rating, one and many.
func TestTheStreamedBundleIsTheWholeBundle(t *testing.T) {
	t.Parallel()
	all := readHonoscopeCSV(t, teamCSV)
	for _, rs := range [][]scoring.Rating{nil, all[:1], all} {
		bundle := fhirResource{ResourceType: "Bundle", Type: "collection"}
		for i := range rs {
			bundle.Entry = append(bundle.Entry, fhirEntries(&rs[i], i)...)
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", " ")
		if err := enc.Encode(&bundle); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := WriteFHIR(&got, rs); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%d ratings: the streamed Bundle differs from the whole one (%d and %d bytes)", len(rs), got.Len(), want.Len())
		}
	}
}

// Each rating's entries reach the output when the rating is written, not
// at the end: a converter holds one rating, not the file.
func TestTheFHIRWriterWritesEachRatingAsItIsGiven(t *testing.T) {
	t.Parallel()
	rs := readHonoscopeCSV(t, teamCSV)
	var out bytes.Buffer
	rw, err := NewWriter(&out, FHIR)
	if err != nil {
		t.Fatal(err)
	}
	sizes := []int{}
	for i := range rs[:3] {
		if err := rw.Write(&rs[i]); err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, out.Len())
	}
	if sizes[0] == 0 || sizes[1] <= sizes[0] || sizes[2] <= sizes[1] {
		t.Errorf("output after each of three ratings: %v bytes", sizes)
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	var back []scoring.Rating
	if _, err := ReadFHIR(bytes.NewReader(out.Bytes()), func(e *scoring.RowError) { t.Errorf("problem %v", e) }, func(r *scoring.Rating) { back = append(back, *r) }); err != nil {
		t.Fatal(err)
	}
	if len(back) != 3 {
		t.Errorf("%d ratings read back, want 3", len(back))
	}
}
