//go:build js && wasm

package fileio

import (
	"context"
	"errors"

	"github.com/hack-pad/safejs"

	"honoscope/app/browser"
)

// OpenInput streams the first file chosen in the <input type="file"> with
// the given id (a drop can put its files there: input.files =
// dataTransfer.files). It returns ErrCancelled when the input holds no
// file. Reading waits for the browser: read from ctx.Async, never from the
// UI goroutine; cancelling ctx stops the reading at the next slice.
func OpenInput(ctx context.Context, id string) (*Stream, error) {
	doc, err := global("document")
	if err != nil {
		return nil, err
	}
	input, err := doc.Call("getElementById", id)
	if err != nil {
		return nil, err
	}
	if t, _ := input.Truthy(); !t {
		return nil, errors.New("the page has no file input " + id)
	}
	files, err := input.Get("files")
	if err != nil {
		return nil, err
	}
	if n, _ := files.Length(); n == 0 {
		return nil, ErrCancelled
	}
	file, err := files.Index(0)
	if err != nil {
		return nil, err
	}
	nameV, err := file.Get("name")
	if err != nil {
		return nil, err
	}
	name, err := nameV.String()
	if err != nil {
		return nil, err
	}
	return streamBlob(ctx, name, file)
}

// OpenURL streams the file at address, a path on the site's own origin
// (the Content-Security-Policy allows no other), named name: for files the
// site ships, such as its example export. A response other than 200 is an
// error that says the file is not on this copy of the site.
func OpenURL(ctx context.Context, address, name string) (*Stream, error) {
	win, err := global("window")
	if err != nil {
		return nil, err
	}
	promise, err := win.Call("fetch", address)
	if err != nil {
		return nil, err
	}
	resp, err := browser.Await(ctx, promise)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, errors.New(name + " could not be fetched from this site (" + err.Error() + "): check the connection, or load a file of your own")
	}
	if ok, _ := resp.Get("ok"); ok.IsUndefined() || !truthy(ok) {
		return nil, errors.New(name + " is not on this copy of the site: load a file of your own")
	}
	promise, err = resp.Call("blob")
	if err != nil {
		return nil, err
	}
	blob, err := browser.Await(ctx, promise)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, errors.New(name + " could not be read: " + err.Error())
	}
	return streamBlob(ctx, name, blob)
}

func truthy(v safejs.Value) bool {
	t, err := v.Truthy()
	return err == nil && t
}

// streamBlob streams a Blob (a File is one) named name.
func streamBlob(ctx context.Context, name string, file safejs.Value) (*Stream, error) {
	sizeV, err := file.Get("size")
	if err != nil {
		return nil, err
	}
	size, err := sizeV.Float()
	if err != nil {
		return nil, err
	}
	if size > MaxStreamBytes {
		return nil, errors.New(name + " is " + itoa(int64(size)>>20) + " MB, more than the " + itoa(MaxStreamBytes>>20) + " MB Honoscope reads: split it")
	}
	u8, err := global("Uint8Array")
	if err != nil {
		return nil, err
	}
	return newStream(ctx, name, int64(size), &blobSource{file: file, name: name, u8: u8}), nil
}

// blobSource reads slices of a File with Blob.slice and arrayBuffer.
type blobSource struct {
	file, u8 safejs.Value
	name     string
}

func (b *blobSource) readAt(ctx context.Context, buf []byte, off int64) (int, error) {
	part, err := b.file.Call("slice", float64(off), float64(off+int64(len(buf))))
	if err != nil {
		return 0, err
	}
	promise, err := part.Call("arrayBuffer")
	if err != nil {
		return 0, err
	}
	ab, err := browser.Await(ctx, promise)
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, errors.New("reading " + b.name + " failed: " + err.Error() + ": choose the file again")
	}
	arr, err := b.u8.New(ab)
	if err != nil {
		return 0, err
	}
	return safejs.CopyBytesToGo(buf, arr)
}

func (b *blobSource) close() {}
