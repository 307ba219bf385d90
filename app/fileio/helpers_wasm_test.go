//go:build js && wasm

package fileio

import (
	"syscall/js"

	"github.com/hack-pad/safejs"
)

func safeOf(v js.Value) safejs.Value   { return safejs.Safe(v) }
func unsafeOf(v safejs.Value) js.Value { return safejs.Unsafe(v) }
