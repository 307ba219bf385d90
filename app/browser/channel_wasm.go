//go:build js && wasm

package browser

import (
	"context"
	"sync"

	"github.com/hack-pad/safejs"
)

// channelName is the BroadcastChannel every tab of the site listens on.
const channelName = "honoscope"

var channel struct {
	once sync.Once
	ch   safejs.Value
	ok   bool
	mu   sync.Mutex
	fns  []func(string)
	recv safejs.Func
}

// openChannel opens the site's BroadcastChannel once per page.
func openChannel() {
	channel.once.Do(func() {
		bc, err := safejs.Global().Get("BroadcastChannel")
		if err != nil {
			return
		}
		if ok, _ := bc.Truthy(); !ok {
			return
		}
		ch, err := bc.New(channelName)
		if err != nil {
			return
		}
		recv, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
			if len(args) == 0 {
				return nil
			}
			d, err := args[0].Get("data")
			if err != nil {
				return nil
			}
			msg, err := d.String()
			if err != nil {
				return nil
			}
			channel.mu.Lock()
			fns := append([]func(string){}, channel.fns...)
			channel.mu.Unlock()
			for _, fn := range fns {
				go fn(msg)
			}
			return nil
		})
		if err != nil {
			return
		}
		if _, err := ch.Call("addEventListener", "message", recv); err != nil {
			return
		}
		channel.ch, channel.recv, channel.ok = ch, recv, true
	})
}

// Announce tells every other tab and window of the site msg (a word such
// as "lock-changed", never patient data). A browser without
// BroadcastChannel tells no one.
func Announce(msg string) {
	openChannel()
	if channel.ok {
		_, _ = channel.ch.Call("postMessage", msg)
	}
}

// OnAnnounce calls fn, in a goroutine, with every message another tab or
// window announces.
func OnAnnounce(fn func(msg string)) {
	openChannel()
	channel.mu.Lock()
	channel.fns = append(channel.fns, fn)
	channel.mu.Unlock()
}

// Exclusive runs fn while holding the site-wide Web Lock name: one tab or
// window at a time, the others wait their turn. Without Web Locks it runs
// fn at once. It blocks: call it from ctx.Async.
func Exclusive(_ context.Context, name string, fn func() error) error {
	locks, err := webLocks()
	if err != nil {
		return fn()
	}
	granted := make(chan safejs.Value, 1) // the resolve of the lock's promise
	executor, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		granted <- args[0]
		return nil
	})
	if err != nil {
		return fn()
	}
	defer executor.Release()
	cb, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		p, err := safejs.Global().Get("Promise")
		if err != nil {
			return nil
		}
		v, err := p.New(executor)
		if err != nil {
			return nil
		}
		return v
	})
	if err != nil {
		return fn()
	}
	// cb stays alive until the lock is released below.
	defer cb.Release()
	if _, err := locks.Call("request", name, cb); err != nil {
		return fn()
	}
	// Waits for the lock whatever ctx says: given up half-way, a granted
	// lock would never be released. The holders' work is short.
	resolve := <-granted
	defer func() { _, _ = resolve.Invoke() }()
	return fn()
}
