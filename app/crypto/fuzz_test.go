package crypto

import (
	"bytes"
	"context"
	"testing"
)

// FuzzOpenFile feeds OpenFile arbitrary files and damaged copies of a real
// one: it must never panic, and it must never return plaintext for a file
// that is not exactly the sealed one.
func FuzzOpenFile(f *testing.F) {
	ctx := context.Background()
	plain := []byte(`{"format":"honoscope-export","version":1,"ratings":[]}`)
	good, err := sealFile(ctx, "fuzz", plain, 1)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, 0, byte(0))
	f.Add(good, 40, byte(1))
	f.Add([]byte(`{"format":"honoscope-encrypted"}`), 0, byte(0))
	f.Add([]byte(`not json`), 3, byte(7))
	f.Fuzz(func(t *testing.T, data []byte, at int, flip byte) {
		if len(data) > 0 && at >= 0 {
			data = bytes.Clone(data)
			data[at%len(data)] ^= flip
		}
		out, err := OpenFile(ctx, "fuzz", data)
		if err != nil {
			if out != nil {
				t.Fatal("plaintext returned with an error")
			}
			return
		}
		if !bytes.Equal(out, plain) {
			t.Fatalf("accepted a changed file and returned %q", out)
		}
	})
}
