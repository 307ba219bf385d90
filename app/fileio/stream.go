package fileio

import (
	"context"
	"io"
	"sync/atomic"
)

// ChunkBytes is the size of each slice a Stream reads from a file (2 MiB):
// large enough that the cost of crossing into the browser is small, small
// enough that parsing one slice takes a few tens of milliseconds, so the
// browser paints between slices and progress keeps moving.
const ChunkBytes = 2 << 20

// MaxStreamBytes is the largest file OpenInput streams (1 GiB). A stream
// holds one slice at a time, so the limit guards against a wrong choice
// rather than memory.
const MaxStreamBytes = 1 << 30

// source reads the slice of a file at off into buf; it returns the bytes
// read and io.EOF at the end.
type source interface {
	readAt(ctx context.Context, buf []byte, off int64) (int, error)
	close()
}

// Stream reads a file chosen by the user in slices of ChunkBytes, as an
// io.Reader. In the browser each slice is read with Blob.slice and
// arrayBuffer, awaited, so the page stays responsive between slices; the
// file is never held whole. Read it from one goroutine (ctx.Async in the
// app); Done and Size may be called from any goroutine.
type Stream struct {
	ctx  context.Context
	name string
	size int64
	src  source
	buf  []byte
	pos  int // next unread byte of buf
	end  int // bytes of buf filled
	off  int64
	done atomic.Int64
	err  error
}

func newStream(ctx context.Context, name string, size int64, src source) *Stream {
	return &Stream{ctx: ctx, name: name, size: size, src: src}
}

// Name returns the file's name as the user's device gave it.
func (s *Stream) Name() string { return s.name }

// Size returns the file's size in bytes.
func (s *Stream) Size() int64 { return s.size }

// Done returns the number of bytes handed to the reader so far.
func (s *Stream) Done() int64 { return s.done.Load() }

// Read implements io.Reader. It returns the context's error once the
// context given to OpenInput ends (the user cancelled).
func (s *Stream) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if s.pos == s.end {
		if s.err != nil {
			return 0, s.err
		}
		if err := s.ctx.Err(); err != nil {
			return 0, err
		}
		if s.off >= s.size {
			s.err = io.EOF
			return 0, io.EOF
		}
		if s.buf == nil {
			s.buf = make([]byte, min(int64(ChunkBytes), max(s.size, 1)))
		}
		want := min(int64(len(s.buf)), s.size-s.off)
		n, err := s.src.readAt(s.ctx, s.buf[:want], s.off)
		s.off += int64(n)
		s.pos, s.end = 0, n
		if err != nil && err != io.EOF {
			s.err = err
		} else if n == 0 {
			// The file shrank since it was chosen: stop at what was read.
			s.err = io.EOF
		}
		if n == 0 {
			return 0, s.err
		}
	}
	n := copy(p, s.buf[s.pos:s.end])
	s.pos += n
	s.done.Add(int64(n))
	return n, nil
}

// Close releases the file.
func (s *Stream) Close() error {
	if s.src != nil {
		s.src.close()
	}
	return nil
}
