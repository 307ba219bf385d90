package fileio

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
)

// memSource is a file held in memory that records the slices asked for.
type memSource struct {
	data  []byte
	reads []int64
}

func (m *memSource) readAt(_ context.Context, buf []byte, off int64) (int, error) {
	m.reads = append(m.reads, off)
	if off >= int64(len(m.data)) {
		return 0, io.EOF
	}
	return copy(buf, m.data[off:]), nil
}

func (m *memSource) close() {}

func TestAStreamReadsAFileWholeInSlicesAndCountsProgress(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		size int
	}{
		{"an empty file", 0},
		{"a file smaller than a slice", 1000},
		{"a file of exactly one slice", ChunkBytes},
		{"a file of two and a half slices", ChunkBytes*2 + ChunkBytes/2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			data := make([]byte, c.size)
			for i := range data {
				data[i] = byte(i * 7)
			}
			src := &memSource{data: data}
			s := newStream(context.Background(), "x.csv", int64(len(data)), src)
			var got bytes.Buffer
			buf := make([]byte, 100_000)
			last := int64(0)
			for {
				n, err := s.Read(buf)
				got.Write(buf[:n])
				if d := s.Done(); d < last || d != int64(got.Len()) {
					t.Fatalf("Done went from %d to %d after %d bytes", last, d, got.Len())
				}
				last = s.Done()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(got.Bytes(), data) {
				t.Fatalf("read %d bytes, not the file's %d", got.Len(), len(data))
			}
			want := (c.size + ChunkBytes - 1) / ChunkBytes
			if len(src.reads) != want {
				t.Fatalf("read %d slices (%v), want %d", len(src.reads), src.reads, want)
			}
		})
	}
}

func TestAStreamStopsWithTheContextsErrorWhenCancelled(t *testing.T) {
	t.Parallel()
	data := make([]byte, 3*ChunkBytes)
	ctx, cancel := context.WithCancel(context.Background())
	s := newStream(ctx, "x.csv", int64(len(data)), &memSource{data: data})
	buf := make([]byte, ChunkBytes)
	if _, err := io.ReadFull(s, buf); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := s.Read(buf); !errors.Is(err, context.Canceled) {
		t.Fatalf("after cancel: %v, want context.Canceled", err)
	}
}

func TestAStreamStopsAtWhatWasReadWhenTheFileShrinks(t *testing.T) {
	t.Parallel()
	s := newStream(context.Background(), "x.csv", 5000, &memSource{data: make([]byte, 1200)})
	got, err := io.ReadAll(s)
	if err != nil || len(got) != 1200 {
		t.Fatalf("read %d bytes, %v; want 1200 and no error", len(got), err)
	}
}
