//go:build !(js && wasm)

package browser

import (
	"context"
	"errors"
)

// CopyText has no clipboard natively; the page then selects the text.
func CopyText(context.Context, string) error {
	return errors.New("copying needs the browser")
}
