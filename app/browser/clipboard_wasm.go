//go:build js && wasm

package browser

import (
	"context"
	"errors"
	"fmt"

	"github.com/hack-pad/safejs"
)

// CopyText puts text on the clipboard (navigator.clipboard.writeText). The
// browser may refuse, for example when the page has no focus; the error
// then says so and the page can select the text for the user instead.
func CopyText(ctx context.Context, text string) error {
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
	if _, err := Await(ctx, promise); err != nil {
		var r Rejection
		if errors.As(err, &r) {
			return fmt.Errorf("the browser refused to copy: %s", r.Msg)
		}
		return err
	}
	return nil
}
