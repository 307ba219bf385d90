//go:build js && wasm

package fileio

import (
	"context"
	"errors"
	"time"

	"github.com/hack-pad/safejs"

	"honoscope/app/browser"
)

// revokeAfter is how long a download's object URL lives after the click.
// Revoking at once can cancel the download in some browsers; the page keeps
// the bytes only this long.
var revokeAfter = 10 * time.Second

// global returns a property of the browser's global object.
func global(name string) (safejs.Value, error) { return safejs.Global().Get(name) }

// Download saves data as a file called name on the user's device: it makes
// a Blob of type mime, an object URL for it and a hidden link with the
// download attribute, clicks the link, removes it, and revokes the URL
// shortly after. Nothing is sent anywhere. Call it from an event handler
// (the click that asked for it).
func Download(name, mime string, data []byte) error {
	url, err := objectURL(mime, data)
	if err != nil {
		return err
	}
	urlAPI, err := global("URL")
	if err != nil {
		return err
	}
	revoke := func() { _, _ = urlAPI.Call("revokeObjectURL", url) }
	if err := clickLink(name, url); err != nil {
		revoke()
		return err
	}
	time.AfterFunc(revokeAfter, revoke)
	return nil
}

// objectURL returns a blob: URL holding data as type mime.
func objectURL(mime string, data []byte) (string, error) {
	u8Type, err := global("Uint8Array")
	if err != nil {
		return "", err
	}
	u8, err := u8Type.New(len(data))
	if err != nil {
		return "", err
	}
	if _, err := safejs.CopyBytesToJS(u8, data); err != nil {
		return "", err
	}
	blobType, err := global("Blob")
	if err != nil {
		return "", err
	}
	blob, err := blobType.New([]any{u8}, map[string]any{"type": mime})
	if err != nil {
		return "", err
	}
	urlAPI, err := global("URL")
	if err != nil {
		return "", err
	}
	url, err := urlAPI.Call("createObjectURL", blob)
	if err != nil {
		return "", err
	}
	return url.String()
}

// clickLink clicks a hidden <a download=name href=url> added to the body
// and removes it.
func clickLink(name, url string) error {
	doc, err := global("document")
	if err != nil {
		return err
	}
	a, err := doc.Call("createElement", "a")
	if err != nil {
		return err
	}
	for k, v := range map[string]any{"href": url, "download": name, "hidden": true, "rel": "noopener"} {
		if err := a.Set(k, v); err != nil {
			return err
		}
	}
	body, err := doc.Get("body")
	if err != nil {
		return err
	}
	if _, err := body.Call("appendChild", a); err != nil {
		return err
	}
	defer func() { _, _ = a.Call("remove") }()
	_, err = a.Call("click")
	return err
}

// PickFile asks the user to choose one file (accept filters the chooser,
// e.g. ".json,.csv") and returns its name and bytes. It returns ErrCancelled
// when the chooser is closed without a file, and ctx's error when ctx ends
// first. It waits for the browser: call it from ctx.Async, never from the UI
// goroutine, and start it from a click (browsers open choosers only then).
func PickFile(ctx context.Context, accept string) (name string, data []byte, err error) {
	doc, err := global("document")
	if err != nil {
		return "", nil, err
	}
	input, err := doc.Call("createElement", "input")
	if err != nil {
		return "", nil, err
	}
	for k, v := range map[string]any{"type": "file", "accept": accept, "hidden": true} {
		if err := input.Set(k, v); err != nil {
			return "", nil, err
		}
	}
	type picked struct {
		file safejs.Value
		err  error
	}
	ch := make(chan picked, 2)
	onChange, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		files, err := input.Get("files")
		if err != nil {
			ch <- picked{err: err}
			return nil
		}
		if n, _ := files.Length(); n == 0 {
			ch <- picked{err: ErrCancelled}
			return nil
		}
		f, err := files.Index(0)
		ch <- picked{file: f, err: err}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	defer onChange.Release()
	onCancel, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		ch <- picked{err: ErrCancelled}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	defer onCancel.Release()
	if _, err := input.Call("addEventListener", "change", onChange); err != nil {
		return "", nil, err
	}
	if _, err := input.Call("addEventListener", "cancel", onCancel); err != nil {
		return "", nil, err
	}
	body, err := doc.Get("body")
	if err != nil {
		return "", nil, err
	}
	if _, err := body.Call("appendChild", input); err != nil {
		return "", nil, err
	}
	defer func() { _, _ = input.Call("remove") }()
	if _, err := input.Call("click"); err != nil {
		return "", nil, err
	}
	select {
	case <-ctx.Done():
		return "", nil, ctx.Err()
	case p := <-ch:
		if p.err != nil {
			return "", nil, p.err
		}
		return readFile(ctx, p.file)
	}
}

// readFile reads a File (or Blob with a name) through Blob.arrayBuffer.
func readFile(ctx context.Context, file safejs.Value) (string, []byte, error) {
	nameV, err := file.Get("name")
	if err != nil {
		return "", nil, err
	}
	name, err := nameV.String()
	if err != nil {
		return "", nil, err
	}
	sizeV, err := file.Get("size")
	if err != nil {
		return "", nil, err
	}
	size, err := sizeV.Int()
	if err != nil {
		return "", nil, err
	}
	if size > MaxFileBytes {
		return "", nil, tooLarge(name, int64(size))
	}
	promise, err := file.Call("arrayBuffer")
	if err != nil {
		return "", nil, err
	}
	buf, err := browser.Await(ctx, promise)
	if err != nil {
		return "", nil, errors.New("reading " + name + " failed: " + err.Error() + ": choose the file again")
	}
	u8Type, err := global("Uint8Array")
	if err != nil {
		return "", nil, err
	}
	u8, err := u8Type.New(buf)
	if err != nil {
		return "", nil, err
	}
	n, err := u8.Length()
	if err != nil {
		return "", nil, err
	}
	data := make([]byte, n)
	if _, err := safejs.CopyBytesToGo(data, u8); err != nil {
		return "", nil, err
	}
	return name, data, nil
}
