//go:build js && wasm

package fileio

import (
	"bytes"
	"context"
	"errors"
	"syscall/js"
	"testing"
	"time"

	"honoscope/app/browser"
)

// awaitJS waits for a promise in a test.
func awaitJS(t *testing.T, p js.Value) (js.Value, error) {
	t.Helper()
	v, err := browser.Await(context.Background(), safeOf(p))
	return js.Value(unsafeOf(v)), err
}

// bytesOf reads a Response or Blob through arrayBuffer().
func bytesOf(t *testing.T, v js.Value) []byte {
	t.Helper()
	buf, err := awaitJS(t, v.Call("arrayBuffer"))
	if err != nil {
		t.Fatal(err)
	}
	u8 := js.Global().Get("Uint8Array").New(buf)
	out := make([]byte, u8.Length())
	js.CopyBytesToGo(out, u8)
	return out
}

// The tests below change package state (revokeAfter) or the page (file
// inputs), so they do not run in parallel.

func TestDownloadClicksAHiddenLinkToABlobOfTheBytesAndRevokesIt(t *testing.T) {
	old := revokeAfter
	revokeAfter = 200 * time.Millisecond
	defer func() { revokeAfter = old }()
	data := []byte("patient,date\n=P1,2024-01-01\n\x00\xff binary too")
	type clicked struct{ href, download string }
	got := make(chan clicked, 1)
	listener := js.FuncOf(func(_ js.Value, args []js.Value) any {
		e := args[0]
		a := e.Get("target")
		if a.Get("tagName").String() == "A" {
			e.Call("preventDefault") // no real download in the test browser
			got <- clicked{a.Get("href").String(), a.Get("download").String()}
		}
		return nil
	})
	defer listener.Release()
	doc := js.Global().Get("document")
	doc.Call("addEventListener", "click", listener, true)
	defer doc.Call("removeEventListener", "click", listener, true)

	if err := Download("honoscope-2024-06-01.csv", "text/csv", data); err != nil {
		t.Fatal(err)
	}
	var c clicked
	select {
	case c = <-got:
	case <-time.After(2 * time.Second):
		t.Fatal("no link was clicked")
	}
	if c.download != "honoscope-2024-06-01.csv" || len(c.href) < 5 || c.href[:5] != "blob:" {
		t.Fatalf("clicked %+v, want a blob: link named honoscope-2024-06-01.csv", c)
	}
	if n := doc.Call("querySelectorAll", "a[download]").Length(); n != 0 {
		t.Fatalf("%d download links left in the page", n)
	}
	resp, err := awaitJS(t, js.Global().Call("fetch", c.href))
	if err != nil {
		t.Fatal(err)
	}
	blob, err := awaitJS(t, resp.Call("blob"))
	if err != nil {
		t.Fatal(err)
	}
	if typ := blob.Get("type").String(); typ != "text/csv" {
		t.Fatalf("blob type %q", typ)
	}
	if back := bytesOf(t, blob); !bytes.Equal(back, data) {
		t.Fatalf("blob holds %q, want %q", back, data)
	}
	time.Sleep(500 * time.Millisecond)
	if _, err := awaitJS(t, js.Global().Call("fetch", c.href)); err == nil {
		t.Fatal("the object URL still works after revokeAfter: it was not revoked")
	}
}

// fileInput waits for the hidden file input PickFile adds.
func fileInput(t *testing.T) js.Value {
	t.Helper()
	for range 100 {
		in := js.Global().Get("document").Call("querySelector", "input[type=file]")
		if !in.IsNull() {
			return in
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("PickFile added no file input")
	return js.Null()
}

type pickResult struct {
	name string
	data []byte
	err  error
}

func pick(ctx context.Context, accept string) <-chan pickResult {
	ch := make(chan pickResult, 1)
	go func() {
		n, d, err := PickFile(ctx, accept)
		ch <- pickResult{n, d, err}
	}()
	return ch
}

func inputsLeft() int {
	return js.Global().Get("document").Call("querySelectorAll", "input[type=file]").Length()
}

func TestPickFileReturnsTheChosenFilesNameAndBytes(t *testing.T) {
	data := []byte("{\"format\":\"honoscope-export\"}\n\x00\xfe")
	res := pick(context.Background(), ".json,.csv")
	in := fileInput(t)
	if acc := in.Get("accept").String(); acc != ".json,.csv" || !in.Get("hidden").Bool() {
		t.Fatalf("input accept %q hidden %v", acc, in.Get("hidden"))
	}
	u8 := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(u8, data)
	file := js.Global().Get("File").New([]any{u8}, "export.json", map[string]any{"type": "application/json"})
	dt := js.Global().Get("DataTransfer").New()
	dt.Get("items").Call("add", file)
	in.Set("files", dt.Get("files"))
	in.Call("dispatchEvent", js.Global().Get("Event").New("change"))
	r := <-res
	if r.err != nil || r.name != "export.json" || !bytes.Equal(r.data, data) {
		t.Fatalf("picked %q %q %v", r.name, r.data, r.err)
	}
	if n := inputsLeft(); n != 0 {
		t.Fatalf("%d file inputs left in the page", n)
	}
}

func TestPickFileSaysSoWhenTheChooserIsClosed(t *testing.T) {
	res := pick(context.Background(), ".csv")
	fileInput(t).Call("dispatchEvent", js.Global().Get("Event").New("cancel"))
	if r := <-res; !errors.Is(r.err, ErrCancelled) {
		t.Fatalf("got %v, want ErrCancelled", r.err)
	}
	if n := inputsLeft(); n != 0 {
		t.Fatalf("%d file inputs left", n)
	}
}

func TestPickFileStopsWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if r := <-pick(ctx, ""); !errors.Is(r.err, context.DeadlineExceeded) {
		t.Fatalf("got %v", r.err)
	}
	if n := inputsLeft(); n != 0 {
		t.Fatalf("%d file inputs left", n)
	}
}

func TestReadingAFileOverTheLimitIsRefusedBeforeReading(t *testing.T) {
	// A Blob of MaxFileBytes+1 bytes is sparse in the browser: it is never filled.
	big := js.Global().Get("Uint8Array").New(MaxFileBytes + 1)
	file := js.Global().Get("File").New([]any{big}, "huge.csv")
	_, _, err := readFile(context.Background(), safeOf(file))
	if err == nil {
		t.Fatal("accepted a file over the limit")
	}
}
