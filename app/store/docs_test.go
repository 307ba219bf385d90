package store

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestABackupCarriesDocumentsAndReadsThemBack(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	docs := []Document{
		{Kind: "practice", Key: "b", Data: []byte(`{"vignette":"honos-01"}`)},
		{Kind: "event", Key: "x", Data: []byte(`{"note":"ward move"}`)},
		{Kind: "practice", Key: "a", Data: []byte(`[1,2,3]`)},
	}
	var buf bytes.Buffer
	if err := WriteBackup(&buf, []Rating{sample("r1", "P", "2024-01-01", "2024-01-01T10:00:00Z")}, docs, now); err != nil {
		t.Fatal(err)
	}
	p, err := ParseImport(buf.Bytes(), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Errors) != 0 || len(p.Ratings) != 1 {
		t.Fatalf("errors %v, ratings %d", p.Errors, len(p.Ratings))
	}
	var got []string
	for _, d := range p.Documents {
		got = append(got, d.Kind+"/"+d.Key+"="+string(bytes.Join(bytes.Fields(d.Data), nil)))
	}
	want := []string{`event/x={"note":"wardmove"}`, `practice/a=[1,2,3]`, `practice/b={"vignette":"honos-01"}`}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("documents read back %v, want %v", got, want)
	}
	if docs[0].Key != "b" {
		t.Fatal("WriteBackup reordered the caller's slice")
	}
}

func TestAnExportWithoutDocumentsStillReadsAndWritesNoDocumentsField(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, nil, now); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "documents") {
		t.Fatalf("an export without documents mentions them:\n%s", buf.String())
	}
	old := `{"format":"honoscope-export","version":1,"exported":"2024-01-01T00:00:00Z","ratings":[]}`
	p, err := ParseImport([]byte(old), now)
	if err != nil || len(p.Documents) != 0 || len(p.Errors) != 0 {
		t.Fatalf("an export made before documents: %+v, %v", p, err)
	}
}

func TestABadDocumentIsReportedWithItsLineAndTheRestImported(t *testing.T) {
	t.Parallel()
	in := `{"format":"honoscope-export","version":1,"ratings":[],
"documents":[
 {"kind":"practice","key":"a","data":{"x":1}},
 {"kind":"","key":"b","data":{}},
 {"kind":"practice","key":"c"},
 "not an object"
]}`
	p, err := ParseImport([]byte(in), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Documents) != 1 || p.Documents[0].Key != "a" {
		t.Fatalf("documents %+v, want only a", p.Documents)
	}
	var lines []int
	for _, e := range p.Errors {
		lines = append(lines, e.Line)
		if !strings.Contains(e.Error(), "document") {
			t.Fatalf("error does not name the document: %v", e)
		}
	}
	if want := []int{4, 5, 6}; !reflect.DeepEqual(lines, want) {
		t.Fatalf("error lines %v, want %v (%v)", lines, want, p.Errors)
	}
	if _, err := ParseImport([]byte(`{"format":"honoscope-export","version":1,"ratings":[],"documents":{}}`), time.Now()); err == nil || !strings.Contains(err.Error(), "documents must be a list") {
		t.Fatalf("documents as an object: %v", err)
	}
}
