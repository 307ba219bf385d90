//go:build js && wasm

package browser

import (
	"context"

	"github.com/hack-pad/safejs"
)

// Rejection is the error of a rejected promise: its reason as text.
type Rejection struct {
	// Msg is String(reason).
	Msg string
}

// Error returns the rejection reason.
func (r Rejection) Error() string { return r.Msg }

// Await waits for promise to settle and returns its value, or a Rejection.
// When ctx ends first it returns ctx.Err(); the promise's callbacks then stay
// alive until it settles (a buffered channel takes the late result), so they
// are never called after release. It blocks: never call it on the UI
// goroutine (use ctx.Async).
func Await(ctx context.Context, promise safejs.Value) (safejs.Value, error) {
	type settled struct {
		v   safejs.Value
		err error
	}
	ch := make(chan settled, 1)
	arg := func(args []safejs.Value) safejs.Value {
		if len(args) == 0 {
			return safejs.Undefined()
		}
		return args[0]
	}
	resolve, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		ch <- settled{v: arg(args)}
		return nil
	})
	if err != nil {
		return safejs.Value{}, err
	}
	reject, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		msg := "the browser refused"
		if s, err := safejs.Global().Call("String", arg(args)); err == nil {
			if str, err := s.String(); err == nil && str != "" {
				msg = str
			}
		}
		ch <- settled{err: Rejection{Msg: msg}}
		return nil
	})
	if err != nil {
		resolve.Release()
		return safejs.Value{}, err
	}
	if _, err := promise.Call("then", resolve, reject); err != nil {
		resolve.Release()
		reject.Release()
		return safejs.Value{}, err
	}
	select {
	case s := <-ch:
		resolve.Release()
		reject.Release()
		return s.v, s.err
	case <-ctx.Done():
		return safejs.Value{}, ctx.Err()
	}
}
