package device

import (
	"sync"
	"sync/atomic"
	"time"

	"honoscope/app/browser"
)

// idle tracks the time of the last user activity and the idle limit.
var idle struct {
	last    atomic.Int64 // unix milliseconds
	seconds atomic.Int64 // lock after this long without activity
	once    sync.Once
}

// touch records user activity now.
func touch() { idle.last.Store(time.Now().UnixMilli()) }

// StartIdleLock starts, once per page, the watch that locks the app after
// seconds without use while the data is open under a lock: it reloads the
// page, which drops the key and everything shown. Calling it again sets a
// new limit.
func StartIdleLock(seconds int) {
	idle.seconds.Store(int64(seconds))
	touch()
	idle.once.Do(func() {
		browser.OnActivity(touch)
		go func() {
			for {
				time.Sleep(time.Second)
				if g := opened.gate; g != nil {
					if configured, open := g.State(); !configured || !open {
						continue
					}
				}
				limit := time.Duration(idle.seconds.Load()) * time.Second
				if time.Since(time.UnixMilli(idle.last.Load())) >= limit {
					browser.Reload()
					return
				}
			}
		}()
	})
}

// SetIdleLimit changes the idle limit of a running watch.
func SetIdleLimit(seconds int) { idle.seconds.Store(int64(seconds)) }
