//go:build !(js && wasm)

package fileio

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// These tests set the package's Dir and Pick, so they do not run in
// parallel (as the other native tests).

func TestNativelyOpenInputStreamsThePickedFile(t *testing.T) {
	Dir = t.TempDir()
	defer func() { Dir, Pick = "", "" }()
	data := bytes.Repeat([]byte("patient,date\n"), ChunkBytes/5)
	if err := os.WriteFile(filepath.Join(Dir, "big.csv"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	Pick = "big.csv"
	s, err := OpenInput(context.Background(), "team-file")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := io.ReadAll(s)
	if err != nil || !bytes.Equal(got, data) || s.Name() != "big.csv" || s.Size() != int64(len(data)) || s.Done() != s.Size() {
		t.Fatalf("read %d of %d bytes (%v), name %q, done %d", len(got), len(data), err, s.Name(), s.Done())
	}
}

func TestNativelyOpenInputSaysWhatIsMissing(t *testing.T) {
	cases := []struct {
		name, dir, pick string
		want            error
	}{
		{"without a directory it needs the browser", "", "", ErrNeedsBrowser},
		{"without a chosen file it is cancelled", t.TempDir(), "", ErrCancelled},
	}
	for _, c := range cases {
		Dir, Pick = c.dir, c.pick
		_, err := OpenInput(context.Background(), "team-file")
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	Dir, Pick = t.TempDir(), "../outside.csv"
	if _, err := OpenInput(context.Background(), "team-file"); err == nil {
		t.Error("a path leaving the directory was opened")
	}
	Dir, Pick = "", ""
}
