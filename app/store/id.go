package store

import (
	"crypto/rand"
	"encoding/hex"
)

// NewID returns a random identifier for a rating: 16 bytes from crypto/rand
// as 32 lower-case hex digits. The chance of two equal IDs among a billion
// ratings is below 10⁻²⁰, so no registry of IDs is needed across devices.
func NewID() string {
	var b [16]byte
	// crypto/rand.Read never returns an error (Go 1.24+); it aborts the
	// program if the system's random source fails.
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
