package scoring

import (
	"runtime"
	"unsafe"
)

// prefaulted hands out big blocks of memory whose pages the operating
// system has already mapped. A fresh page costs a fault the first time it
// is written (about 8 µs each on the project's VM, a fifth of a national
// run), and the pairing's goroutine is the one the whole run waits for:
// where the program has a second processor core, a helper goroutine makes
// and writes the next block while the pairing works, so the faults fall on
// the other core. With one core (the browser) it is plain make.
type prefaulted[T any] struct {
	ready chan []T
	size  int
}

// prefaultAhead reports whether a second core can take the faults.
func prefaultAhead() bool { return runtime.GOMAXPROCS(0) > 1 }

// get returns a zeroed block of n elements, made ahead when it can be, and
// starts making the next one of the same size.
func (p *prefaulted[T]) get(n int) []T {
	if !prefaultAhead() {
		return make([]T, n)
	}
	b := p.take(n)
	p.prepare(n)
	return b
}

// prepare starts making a block of n elements ahead, unless one is.
func (p *prefaulted[T]) prepare(n int) {
	if !prefaultAhead() || (p.ready != nil && p.size == n) {
		return
	}
	p.size = n
	p.ready = make(chan []T, 1)
	go func(ready chan<- []T) {
		b := make([]T, n)
		touch(b)
		ready <- b
	}(p.ready)
}

// take returns the block made ahead of n elements, or a new one.
func (p *prefaulted[T]) take(n int) []T {
	if p.ready != nil && p.size == n {
		b := <-p.ready
		p.ready = nil
		return b
	}
	// A block made ahead for another size is dropped; its helper has a
	// channel of its own to leave it in.
	p.ready = nil
	return make([]T, n)
}

// touch writes a zero byte into every page of b, which is zero already,
// so that the operating system maps them now.
func touch[T any](b []T) {
	if len(b) == 0 {
		return
	}
	bytes := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(b))), len(b)*int(unsafe.Sizeof(b[0])))
	adviseHuge(bytes)
	for i := 0; i < len(bytes); i += 4096 {
		bytes[i] = 0
	}
}
