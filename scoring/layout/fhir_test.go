package layout

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"honoscope/scoring"
)

// fhirSchemaID is the id of HL7's FHIR R4 JSON schema.
const fhirSchemaID = "http://hl7.org/fhir/json-schema/4.0"

var fhirSchema struct {
	once sync.Once
	s    *jsonschema.Schema
	err  error
}

// r4Schema compiles the official FHIR R4 JSON schema (testdata: HL7's
// fhir.schema.json of FHIR 4.0.1, compacted and compressed) once.
func r4Schema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	fhirSchema.once.Do(func() {
		f, err := os.Open("testdata/fhir.schema.json.gz")
		if err != nil {
			fhirSchema.err = err
			return
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			fhirSchema.err = err
			return
		}
		doc, err := jsonschema.UnmarshalJSON(zr)
		if err != nil {
			fhirSchema.err = err
			return
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource(fhirSchemaID, doc); err != nil {
			fhirSchema.err = err
			return
		}
		fhirSchema.s, fhirSchema.err = c.Compile(fhirSchemaID)
	})
	if fhirSchema.err != nil {
		t.Fatalf("compiling the FHIR R4 schema: %v", fhirSchema.err)
	}
	return fhirSchema.s
}

// validate checks one JSON document against the FHIR R4 schema.
func validate(t *testing.T, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return r4Schema(t).Validate(inst)
}

// Every resource Honoscope writes, the Bundle of the test data and each of
// its entries on its own, and the three Questionnaires, validate against
// HL7's FHIR R4 JSON schema.
func TestEveryFHIRResourceValidatesAgainstTheR4Schema(t *testing.T) {
	t.Parallel()
	rs := readHonoscopeCSV(t, teamCSV)
	var buf bytes.Buffer
	if err := WriteFHIR(&buf, rs); err != nil {
		t.Fatal(err)
	}
	if err := validate(t, buf.Bytes()); err != nil {
		t.Fatalf("the Bundle is not valid FHIR R4: %v", err)
	}
	var b struct {
		Entry []struct {
			Resource json.RawMessage `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(buf.Bytes(), &b); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for i, e := range b.Entry {
		var k struct{ ResourceType string }
		json.Unmarshal(e.Resource, &k)
		kinds[k.ResourceType]++
		if err := validate(t, e.Resource); err != nil {
			t.Errorf("entry %d (%s) is not valid FHIR R4: %v", i, k.ResourceType, err)
		}
	}
	if kinds["QuestionnaireResponse"] != len(rs) || kinds["Observation"] < len(rs)*13 {
		t.Errorf("resources %v for %d ratings", kinds, len(rs))
	}
	for _, in := range scoring.Instruments() {
		var q bytes.Buffer
		if err := WriteQuestionnaire(&q, in.ID); err != nil {
			t.Fatal(err)
		}
		if err := validate(t, q.Bytes()); err != nil {
			t.Errorf("the %s Questionnaire is not valid FHIR R4: %v", in.ID, err)
		}
		if !strings.Contains(q.String(), QuestionnaireURL(in.ID)) {
			t.Errorf("the %s Questionnaire does not carry its canonical URL", in.ID)
		}
	}
}

// The schema check can fail: resources with a wrong status code, a
// property R4 does not have, or a value of the wrong type are refused.
func TestTheFHIRSchemaCheckRefusesAnInvalidResource(t *testing.T) {
	t.Parallel()
	rs := readHonoscopeCSV(t, teamCSV)[:1]
	var buf bytes.Buffer
	if err := WriteFHIR(&buf, rs); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	for name, bad := range map[string]string{
		"a status R4 does not have":   strings.Replace(good, `"status": "final"`, `"status": "done"`, 1),
		"a property R4 does not have": strings.Replace(good, `"effectiveDateTime"`, `"effectiveDate"`, 1),
		"an integer written as text":  strings.Replace(good, `"valueInteger": 0`, `"valueInteger": "0"`, 1),
		"a date that is not a date":   strings.Replace(good, `"authored": "2024-01-14"`, `"authored": "14/01/2024"`, 1),
	} {
		if bad == good {
			t.Fatalf("%s: the test's replacement found nothing to change", name)
		}
		if err := validate(t, []byte(bad)); err == nil {
			t.Errorf("a Bundle with %s passed the schema", name)
		}
	}
}

// A Bundle is read one entry at a time: its first rating reaches use while
// most of the file has not been written yet, so memory does not grow with
// the file. The ratings, and a bad response's line, are those of a read of
// the whole file.
func TestABundleIsReadOneEntryAtATime(t *testing.T) {
	t.Parallel()
	one := readHonoscopeCSV(t, teamCSV)
	var rs []scoring.Rating
	for len(rs) < 600 {
		rs = append(rs, one...)
	}
	var whole bytes.Buffer
	if err := WriteFHIR(&whole, rs); err != nil {
		t.Fatal(err)
	}
	// An io.Pipe hands over each write only when it is read, so the count
	// of bytes written when the first rating arrives is what the reader
	// had taken in by then.
	pr, pw := io.Pipe()
	var written atomic.Int64
	go func() {
		data := whole.Bytes()
		for len(data) > 0 {
			n := min(len(data), 4096)
			pw.Write(data[:n])
			written.Add(int64(n))
			data = data[n:]
		}
		pw.Close()
	}()
	var got []scoring.Rating
	var atFirst int64
	rep, err := ReadFHIR(pr, func(e *scoring.RowError) { t.Errorf("problem %v", e) }, func(r *scoring.Rating) {
		if len(got) == 0 {
			atFirst = written.Load()
		}
		got = append(got, *r)
	})
	if err != nil {
		t.Fatal(err)
	}
	if atFirst > int64(whole.Len())/100 {
		t.Errorf("the first rating arrived after %d of %d bytes: the Bundle was not read as a stream", atFirst, whole.Len())
	}
	if rep.Ratings != len(rs) || len(got) != len(rs) {
		t.Fatalf("%d ratings (report %+v), want %d", len(got), rep, len(rs))
	}
	for i := range rs {
		if d := sameRating(&got[i], &rs[i], true, true); d != "" {
			t.Fatalf("rating %d: %s", i, d)
		}
	}
}

// A response on its own, not in a Bundle, is one rating; members may come
// in any order.
func TestASingleQuestionnaireResponseIsOneRating(t *testing.T) {
	t.Parallel()
	rs := readHonoscopeCSV(t, teamCSV)[:1]
	var buf bytes.Buffer
	if err := WriteFHIR(&buf, rs); err != nil {
		t.Fatal(err)
	}
	var bundle struct {
		Entry []struct {
			Resource map[string]json.RawMessage `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(buf.Bytes(), &bundle); err != nil {
		t.Fatal(err)
	}
	res := bundle.Entry[0].Resource
	if !strings.Contains(string(res["resourceType"]), "QuestionnaireResponse") {
		t.Fatalf("the first entry is %s", res["resourceType"])
	}
	// encoding/json writes a map's keys in order: "authored" comes before
	// "resourceType".
	single, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	got, problems, rep := readAll(t, single, Options{From: FHIR})
	if len(got) != 1 || len(problems) != 0 || rep.Ratings != 1 {
		t.Fatalf("%d ratings, problems %v, report %+v", len(got), problems, rep)
	}
	if d := sameRating(&got[0], &rs[0], true, true); d != "" {
		t.Error(d)
	}
}
