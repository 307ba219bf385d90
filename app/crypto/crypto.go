// Package crypto seals data on the device with a key derived from a
// passphrase: PBKDF2-HMAC-SHA-256 to derive an AES-256-GCM key. In the browser
// the work is done by WebCrypto (crypto.subtle through safejs) and the key is
// a non-extractable CryptoKey that never leaves the browser's crypto module;
// natively a twin built on Go's crypto/pbkdf2, crypto/aes and crypto/cipher
// produces byte-for-byte the same ciphertext for the same passphrase, salt,
// iterations, IV and data, so that encrypted exports move between the two
// (TestBothImplementationsProduceTheKnownAnswer runs in both builds).
package crypto

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
)

// Iterations is the PBKDF2-HMAC-SHA-256 iteration count for new keys:
// 600,000, the minimum the OWASP Password Storage Cheat Sheet recommends for
// PBKDF2-HMAC-SHA256 (2023 revision, following NIST SP 800-132's advice to
// set the count as high as users tolerate).
const Iterations = 600_000

// MaxIterations bounds the iteration count read from a file or the device
// (100 times Iterations), so that a crafted file cannot hang the tab.
const MaxIterations = 100 * Iterations

// SaltSize is the length of a PBKDF2 salt in bytes (128 bits, NIST SP
// 800-132 section 5.1 asks for at least 128 bits).
const SaltSize = 16

// IVSize is the length of an AES-GCM nonce in bytes: 96 bits, the length
// NIST SP 800-38D section 8.2 recommends; every Seal draws a fresh random one.
const IVSize = 12

// TagSize is the length of the AES-GCM authentication tag in bytes.
const TagSize = 16

// ErrAuth is returned when decryption fails authentication: the passphrase
// is wrong, or the data was changed or damaged. Nothing is decrypted.
var ErrAuth = errors.New("the passphrase is wrong, or the encrypted data was changed or damaged: nothing was decrypted")

// Key is an AES-256-GCM key derived from a passphrase. Its bytes are never
// exposed: in the browser it is a non-extractable CryptoKey.
type Key interface {
	// Encrypt returns the ciphertext of plaintext followed by the 16-byte
	// tag, authenticating aad as well. iv must be IVSize bytes and must
	// never be used twice with one key (Seal draws a random one).
	Encrypt(ctx context.Context, iv, plaintext, aad []byte) ([]byte, error)
	// Decrypt reverses Encrypt; it returns ErrAuth when the tag does not
	// match (wrong key, changed ciphertext, IV or aad).
	Decrypt(ctx context.Context, iv, ciphertext, aad []byte) ([]byte, error)
}

// checkParams validates the inputs of DeriveKey.
func checkParams(passphrase string, salt []byte, iterations int) error {
	if passphrase == "" {
		return errors.New("the passphrase is empty: type one")
	}
	if len(salt) < SaltSize {
		return fmt.Errorf("the salt has %d bytes, fewer than %d", len(salt), SaltSize)
	}
	if iterations < 1 || iterations > MaxIterations {
		return fmt.Errorf("the iteration count %d is outside 1 to %d", iterations, MaxIterations)
	}
	return nil
}

// NewSalt returns SaltSize random bytes.
func NewSalt() []byte {
	b := make([]byte, SaltSize)
	_, _ = rand.Read(b) // never fails (Go 1.24+)
	return b
}

// Box seals and opens records with one key, each under a fresh random IV
// that it stores in front of the ciphertext. It satisfies store.Cipher.
type Box struct {
	// Key is the derived key.
	Key Key
}

// Seal returns IV ‖ ciphertext ‖ tag of plaintext, authenticating aad.
func (b Box) Seal(ctx context.Context, plaintext, aad []byte) ([]byte, error) {
	iv := make([]byte, IVSize)
	_, _ = rand.Read(iv)
	ct, err := b.Key.Encrypt(ctx, iv, plaintext, aad)
	if err != nil {
		return nil, err
	}
	return append(iv, ct...), nil
}

// Open reverses Seal; it returns ErrAuth for a wrong key, a changed record
// or a record sealed with other aad (moved from another place).
func (b Box) Open(ctx context.Context, sealed, aad []byte) ([]byte, error) {
	if len(sealed) < IVSize+TagSize {
		return nil, ErrAuth
	}
	return b.Key.Decrypt(ctx, sealed[:IVSize], sealed[IVSize:], aad)
}
