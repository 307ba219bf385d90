//go:build !(js && wasm)

package app

import (
	"context"
	"errors"
)

// copyText has no clipboard natively; the page then selects the text.
func copyText(context.Context, string) error {
	return errors.New("copying needs the browser")
}
