//go:build !(js && wasm)

package crypto

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/sha256"
	"errors"
)

// DeriveKey derives an AES-256-GCM key from passphrase (its UTF-8 bytes)
// with PBKDF2-HMAC-SHA-256 over salt and iterations. This is the native twin
// of the browser's WebCrypto version: same inputs, same key.
func DeriveKey(ctx context.Context, passphrase string, salt []byte, iterations int) (Key, error) {
	if err := checkParams(passphrase, salt, iterations); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	raw, err := pbkdf2.Key(sha256.New, passphrase, salt, iterations, 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(raw)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return nativeKey{gcm}, nil
}

// nativeKey is a Key held by Go's AES-GCM.
type nativeKey struct{ gcm cipher.AEAD }

func (k nativeKey) Encrypt(ctx context.Context, iv, plaintext, aad []byte) ([]byte, error) {
	if len(iv) != IVSize {
		return nil, errors.New("the IV must be 12 bytes")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return k.gcm.Seal(nil, iv, plaintext, aad), nil
}

func (k nativeKey) Decrypt(ctx context.Context, iv, ciphertext, aad []byte) ([]byte, error) {
	if len(iv) != IVSize {
		return nil, ErrAuth
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out, err := k.gcm.Open(nil, iv, ciphertext, aad)
	if err != nil {
		return nil, ErrAuth
	}
	return out, nil
}
