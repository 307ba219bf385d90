package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"
)

// progressEvery is how often the progress line is redrawn.
var progressEvery = time.Second

// isTerminal reports whether w is a terminal, where a progress line helps;
// a file, a pipe or a device such as /dev/null gets none, so logs and
// scripted runs stay clean and pay nothing for it. It asks the terminal
// for its settings, as a character device that is not one has none.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress draws one line on a terminal for a long read: the ratings read,
// the share of the file, the rate and the time left, redrawn in place.
type progress struct {
	name    string
	w       io.Writer
	errw    *bufio.Writer
	size    int64
	bytes   atomic.Int64
	ratings atomic.Int64
	start   time.Time
	mu      sync.Mutex
	shown   bool
	done    chan struct{}
	wg      sync.WaitGroup
}

// startProgress starts redrawing the line for a file of size bytes (0:
// unknown). Problems written to errw go through lock and unlock, so that
// a problem line never lands inside the progress line.
func startProgress(name string, w io.Writer, errw *bufio.Writer, size int64) *progress {
	p := &progress{name: name, w: w, errw: errw, size: size, start: time.Now(), done: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(progressEvery)
		defer t.Stop()
		for {
			select {
			case <-p.done:
				return
			case <-t.C:
				p.draw()
			}
		}
	}()
	return p
}

// count returns r counting the bytes read through it.
func (p *progress) count(r io.Reader) io.Reader { return countingReader{r, &p.bytes} }

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n.Add(int64(n))
	return n, err
}

// line words the progress so far.
func (p *progress) line(elapsed time.Duration) string {
	n := p.ratings.Load()
	secs := max(elapsed.Seconds(), 0.001)
	s := fmt.Sprintf("honoscope %s: %s ratings read, %s a second", p.name, thousands(n), thousands(int64(float64(n)/secs)))
	if done := p.bytes.Load(); p.size > 0 && done > 0 {
		left := time.Duration(float64(elapsed) * float64(p.size-done) / float64(done)).Round(time.Second)
		s += fmt.Sprintf(", %d%% of the file, about %s left", 100*done/p.size, left)
	}
	return s
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.errw.Flush()
	fmt.Fprintf(p.w, "\r\033[K%s", p.line(time.Since(p.start)))
	p.shown = true
}

// lock holds the line while a problem is written, clearing it first; a nil
// progress does nothing.
func (p *progress) lock() {
	if p == nil {
		return
	}
	p.mu.Lock()
	if p.shown {
		p.errw.Flush()
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}

func (p *progress) unlock() {
	if p != nil {
		p.errw.Flush()
		p.mu.Unlock()
	}
}

// stop ends the redrawing and clears the line.
func (p *progress) stop() {
	close(p.done)
	p.wg.Wait()
	p.lock()
	p.unlock()
}

// thousands writes n with thousands separators, "1,234,567".
func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
