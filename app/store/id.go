package store

import (
	"crypto/rand"
	"crypto/sha256"
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

// Ref returns what an address may carry to name the rating with ID id: the
// ID itself when it has the form NewID makes (random, so it says nothing
// about the person), else "h" and the first 32 hex digits of its SHA-256,
// because an ID imported from another system may hold a label. The browser
// keeps addresses in its history, so no label may be in one.
func Ref(id string) string {
	if plainKey(id) {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return "h" + hex.EncodeToString(sum[:16])
}

// FindRef returns the rating of rs that ref (from Ref) names.
func FindRef(rs []Rating, ref string) (Rating, bool) {
	for _, r := range rs {
		if r.ID == ref || Ref(r.ID) == ref {
			return r, true
		}
	}
	return Rating{}, false
}
