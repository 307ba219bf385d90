//go:build !(js && wasm)

package fileio

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// The native twin is configured through package variables, so these tests
// do not run in parallel.

func TestNativelyWithoutADirectoryBothSayTheyNeedTheBrowser(t *testing.T) {
	Dir, Pick = "", ""
	if err := Download("a.csv", "text/csv", []byte("x")); !errors.Is(err, ErrNeedsBrowser) {
		t.Fatalf("Download: %v", err)
	}
	if _, _, err := PickFile(context.Background(), ".csv"); !errors.Is(err, ErrNeedsBrowser) {
		t.Fatalf("PickFile: %v", err)
	}
}

func TestNativelyADownloadCanBePickedBackUnchanged(t *testing.T) {
	Dir = t.TempDir()
	defer func() { Dir, Pick = "", "" }()
	data := []byte("patient,date\nP,2024-01-01\n")
	if err := Download("out.csv", "text/csv", data); err != nil {
		t.Fatal(err)
	}
	Pick = "out.csv"
	name, got, err := PickFile(context.Background(), ".csv")
	if err != nil || name != "out.csv" || !bytes.Equal(got, data) {
		t.Fatalf("picked %q %q %v", name, got, err)
	}
	if err := Download("../escape.csv", "text/csv", data); err == nil {
		t.Fatal("a name with a path was accepted")
	}
	Pick = ""
	if _, _, err := PickFile(context.Background(), ".csv"); !errors.Is(err, ErrCancelled) {
		t.Fatalf("nothing picked: %v", err)
	}
}

func TestNativelyATooLargeFileIsRefused(t *testing.T) {
	Dir = t.TempDir()
	defer func() { Dir, Pick = "", "" }()
	f, err := os.Create(filepath.Join(Dir, "big.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	Pick = "big.json"
	if _, _, err := PickFile(context.Background(), ""); err == nil {
		t.Fatal("accepted a file over the limit")
	}
}
