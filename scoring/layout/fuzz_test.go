package layout

import (
	"bytes"
	"os"
	"testing"

	"honoscope/scoring"
)

// Read never panics, whatever the bytes and whichever layout is asked for,
// and every rating it gives has an instrument and codes in range.
func FuzzRead(f *testing.F) {
	for _, p := range []string{"testdata/nocc.csv", teamCSV} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data, uint8(0))
		}
	}
	f.Add([]byte("Person_ID,AssToolCompDate,CodedAssToolType,PersScore\nP,2024-01-01,979641000000103,03\n"), uint8(0))
	f.Add([]byte("patient_id,when_created,period_rated,q1,q13\n1,2024-01-01T00:00:00Z,,4,9\n"), uint8(0))
	f.Add([]byte(`{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"QuestionnaireResponse","questionnaire":"urn:uuid:10c4658f-5df1-53d7-871e-dcd95936393b|1","subject":{"identifier":{"value":"P"}},"authored":"2024-01-01","item":[{"linkId":"1","answer":[{"valueInteger":3}]}]}}]}`), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		from := ReadFormats[int(which)%len(ReadFormats)]
		_, _ = Read(bytes.NewReader(data), Options{From: from, Problem: func(*scoring.RowError) {}}, func(r *scoring.Rating) {
			if r.Instrument == nil {
				t.Fatalf("a rating without an instrument from %s", from)
			}
			for _, c := range r.Items {
				if c > scoring.MaxCode && c != scoring.NotKnown {
					t.Fatalf("code %d out of range from %s", c, from)
				}
			}
		})
	})
}
