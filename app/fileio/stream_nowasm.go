//go:build !(js && wasm)

package fileio

import (
	"context"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
)

// OpenInput streams, natively, the file Pick from Dir (see Dir) in slices of
// ChunkBytes, like the browser version streams the file chosen in the input
// with the given id (id is not used). With Dir empty it returns
// ErrNeedsBrowser, with Pick empty ErrCancelled.
func OpenInput(ctx context.Context, id string) (*Stream, error) {
	if Dir == "" {
		return nil, ErrNeedsBrowser
	}
	if Pick == "" {
		return nil, ErrCancelled
	}
	if !filepath.IsLocal(Pick) {
		return nil, errors.New(Pick + " is not a file inside " + Dir)
	}
	f, err := os.Open(filepath.Join(Dir, Pick))
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if info.Size() > MaxStreamBytes {
		f.Close()
		return nil, errors.New(filepath.Base(Pick) + " is " + itoa(info.Size()>>20) + " MB, more than the " + itoa(MaxStreamBytes>>20) + " MB Honoscope reads: split it")
	}
	return newStream(ctx, filepath.Base(Pick), info.Size(), fileSource{f}), nil
}

// OpenURL streams, natively, the file of Dir named by address's last
// element (Dir stands for the site), like the browser version fetches
// address from the site's own origin.
func OpenURL(ctx context.Context, address, name string) (*Stream, error) {
	if Dir == "" {
		return nil, ErrNeedsBrowser
	}
	f, err := os.Open(filepath.Join(Dir, path.Base(address)))
	if err != nil {
		return nil, errors.New(name + " is not on this copy of the site: load a file of your own")
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return newStream(ctx, name, info.Size(), fileSource{f}), nil
}

// fileSource reads slices of an open file.
type fileSource struct{ f *os.File }

func (s fileSource) readAt(_ context.Context, buf []byte, off int64) (int, error) {
	n, err := s.f.ReadAt(buf, off)
	if err == io.EOF && n > 0 {
		err = nil
	}
	return n, err
}

func (s fileSource) close() { s.f.Close() }
