package scoring

import (
	"testing"
	"time"
)

// Blocks made ahead come back zeroed and of the size asked for, one after
// another, when the size changes, and when a block made ahead is dropped.
func TestBlocksMadeAheadAreZeroedAndNeverWaitedForInVain(t *testing.T) {
	t.Parallel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		var p prefaulted[series]
		for i, n := range []int{100, 100, 100, 7, 7, 5000, 100} {
			b := p.get(n)
			if len(b) != n {
				t.Errorf("block %d: %d elements, want %d", i, len(b), n)
			}
			for k := range b {
				if b[k] != (series{}) {
					t.Errorf("block %d is not zeroed at %d", i, k)
					break
				}
				b[k].valid = 1 // a block given out is never given again
			}
		}
		var q prefaulted[person]
		q.prepare(64)
		q.prepare(64)
		if b := q.take(32); len(b) != 32 {
			t.Errorf("take(32) gave %d", len(b))
		}
		if b := q.take(64); len(b) != 64 {
			t.Errorf("take(64) after another size gave %d", len(b))
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("a block made ahead was waited for and never came")
	}
}
