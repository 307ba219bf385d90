//go:build !(js && wasm)

package fileio

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Dir, when set, makes the native twin work on a directory: Download writes
// the file there and PickFile reads the file named Pick from it. Empty (the
// default), both return ErrNeedsBrowser. It is for tests and tools; set it
// before use and not concurrently.
var Dir, Pick string

// Download writes data to Dir/name natively (see Dir); mime is not used.
// The name must be a plain file name.
func Download(name, mime string, data []byte) error {
	if Dir == "" {
		return ErrNeedsBrowser
	}
	if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return errors.New("download name " + name + " is not a plain file name")
	}
	return os.WriteFile(filepath.Join(Dir, name), data, 0o600)
}

// PickFile returns the file Pick from Dir natively (see Dir). accept is not
// used. With Pick empty it returns ErrCancelled, as when a user closes the
// chooser.
func PickFile(ctx context.Context, accept string) (name string, data []byte, err error) {
	if err := ctx.Err(); err != nil {
		return "", nil, err
	}
	if Dir == "" {
		return "", nil, ErrNeedsBrowser
	}
	if Pick == "" {
		return "", nil, ErrCancelled
	}
	fsys := os.DirFS(Dir)
	info, err := fs.Stat(fsys, Pick)
	if err != nil {
		return "", nil, err
	}
	if info.Size() > MaxFileBytes {
		return "", nil, tooLarge(Pick, info.Size())
	}
	data, err = fs.ReadFile(fsys, Pick)
	return filepath.Base(Pick), data, err
}
