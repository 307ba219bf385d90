//go:build js && wasm

package app

import (
	"context"
	"errors"

	"github.com/hack-pad/safejs"
)

// copyText puts text on the clipboard with navigator.clipboard.writeText and
// waits for the browser's answer. It fails where the browser refuses (no
// permission, page not focused, no secure context): the caller then selects
// the text for the user to copy. Call it from ctx.Async, never the UI
// goroutine.
func copyText(ctx context.Context, text string) error {
	nav, err := safejs.Global().Get("navigator")
	if err != nil {
		return err
	}
	cb, err := nav.Get("clipboard")
	if err != nil {
		return err
	}
	if cb.IsUndefined() || cb.IsNull() {
		return errors.New("this browser offers no clipboard here")
	}
	promise, err := cb.Call("writeText", text)
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	ok, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		done <- nil
		return nil
	})
	if err != nil {
		return err
	}
	defer ok.Release()
	fail, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		msg := "the browser refused to copy"
		if len(args) > 0 {
			if s, err := args[0].Call("toString"); err == nil {
				if str, err := s.String(); err == nil {
					msg += ": " + str
				}
			}
		}
		done <- errors.New(msg)
		return nil
	})
	if err != nil {
		return err
	}
	defer fail.Release()
	if _, err := promise.Call("then", ok, fail); err != nil {
		return err
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
