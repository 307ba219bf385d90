// Package jsawait waits for JavaScript promises from Go in the browser
// (through safejs), turning a rejection into an error. It exists only in the
// js/wasm build; callers keep their own native twins.
package jsawait
