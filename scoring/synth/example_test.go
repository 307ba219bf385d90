package synth

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var updateExample = flag.Bool("update-example", false, "rewrite web/team-example.csv from Example")

// exampleFile is the example export the site ships.
var exampleFile = filepath.Join("..", "..", "web", "team-example.csv")

// The example export the site ships is exactly what Example writes, so it
// can be remade and reviewed rather than edited by hand.
func TestTheShippedExampleIsExamplesOutput(t *testing.T) {
	var b bytes.Buffer
	if err := Example(&b, 2026); err != nil {
		t.Fatal(err)
	}
	if *updateExample {
		if err := os.WriteFile(exampleFile, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(exampleFile)
	if err != nil {
		t.Fatalf("%v (go test ./scoring/synth -update-example writes it)", err)
	}
	if !bytes.Equal(got, b.Bytes()) {
		t.Errorf("%s is not Example's output: run go test ./scoring/synth -update-example and review the change", exampleFile)
	}
}
