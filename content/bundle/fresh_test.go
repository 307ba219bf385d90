//go:build !(js && wasm)

package bundle

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"honoscope/content/render"
)

func TestTheBundleMatchesTheMarkdown(t *testing.T) {
	t.Parallel()
	set, problems, err := render.LoadDir("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	if t.Failed() {
		t.Fatal("fix the content problems above, then run: go generate ./content/...")
	}
	want, err := render.GenerateGo(set)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("data_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("content/bundle/data_gen.go is stale: the markdown in content/ has changed. Run: go generate ./content/...")
	}
	if !reflect.DeepEqual(Vignettes(), set.Vignettes) || !reflect.DeepEqual(Pages(), set.Pages) {
		t.Fatal("the compiled bundle differs from the markdown. Run: go generate ./content/...")
	}
}
