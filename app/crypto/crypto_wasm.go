//go:build js && wasm

package crypto

import (
	"context"
	"errors"
	"fmt"

	"github.com/hack-pad/safejs"

	"honoscope/app/browser"
)

// DeriveKey derives an AES-256-GCM key from passphrase (its UTF-8 bytes)
// with PBKDF2-HMAC-SHA-256 over salt and iterations, in WebCrypto: the
// passphrase is imported as a PBKDF2 base key and deriveKey makes a
// non-extractable AES-GCM CryptoKey usable only to encrypt and decrypt.
// It waits for the browser: call it from a goroutine (ctx.Async), never the
// UI goroutine.
func DeriveKey(ctx context.Context, passphrase string, salt []byte, iterations int) (Key, error) {
	if err := checkParams(passphrase, salt, iterations); err != nil {
		return nil, err
	}
	subtle, err := subtleCrypto()
	if err != nil {
		return nil, err
	}
	pass, err := bytesJS([]byte(passphrase))
	if err != nil {
		return nil, err
	}
	p, err := subtle.Call("importKey", "raw", pass, "PBKDF2", false, []any{"deriveKey"})
	if err != nil {
		return nil, err
	}
	base, err := browser.Await(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("importing the passphrase: %w", err)
	}
	saltJS, err := bytesJS(salt)
	if err != nil {
		return nil, err
	}
	params, err := object(map[string]any{"name": "PBKDF2", "salt": saltJS, "iterations": iterations, "hash": "SHA-256"})
	if err != nil {
		return nil, err
	}
	aesParams, err := object(map[string]any{"name": "AES-GCM", "length": 256})
	if err != nil {
		return nil, err
	}
	p, err = subtle.Call("deriveKey", params, base, aesParams, false, []any{"encrypt", "decrypt"})
	if err != nil {
		return nil, err
	}
	key, err := browser.Await(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("deriving the key: %w", err)
	}
	return webKey{subtle: subtle, key: key}, nil
}

// webKey is a non-extractable WebCrypto AES-GCM key.
type webKey struct{ subtle, key safejs.Value }

func (k webKey) Encrypt(ctx context.Context, iv, plaintext, aad []byte) ([]byte, error) {
	if len(iv) != IVSize {
		return nil, errors.New("the IV must be 12 bytes")
	}
	out, err := k.run(ctx, "encrypt", iv, plaintext, aad)
	if err != nil {
		return nil, fmt.Errorf("encrypting: %w", err)
	}
	return out, nil
}

func (k webKey) Decrypt(ctx context.Context, iv, ciphertext, aad []byte) ([]byte, error) {
	if len(iv) != IVSize {
		return nil, ErrAuth
	}
	out, err := k.run(ctx, "decrypt", iv, ciphertext, aad)
	var rej browser.Rejection
	if errors.As(err, &rej) {
		// WebCrypto rejects a failed tag check with an OperationError and
		// no further detail.
		return nil, ErrAuth
	}
	return out, err
}

// run calls crypto.subtle.encrypt or decrypt and copies the result out.
func (k webKey) run(ctx context.Context, op string, iv, data, aad []byte) ([]byte, error) {
	ivJS, err := bytesJS(iv)
	if err != nil {
		return nil, err
	}
	aadJS, err := bytesJS(aad)
	if err != nil {
		return nil, err
	}
	dataJS, err := bytesJS(data)
	if err != nil {
		return nil, err
	}
	params, err := object(map[string]any{"name": "AES-GCM", "iv": ivJS, "additionalData": aadJS, "tagLength": TagSize * 8})
	if err != nil {
		return nil, err
	}
	p, err := k.subtle.Call(op, params, k.key, dataJS)
	if err != nil {
		return nil, err
	}
	buf, err := browser.Await(ctx, p)
	if err != nil {
		return nil, err
	}
	u8, err := uint8Array.New(buf)
	if err != nil {
		return nil, err
	}
	n, err := u8.Length()
	if err != nil {
		return nil, err
	}
	out := make([]byte, n)
	_, err = safejs.CopyBytesToGo(out, u8)
	return out, err
}

// Browser globals, looked up once.
var (
	uint8Array, _ = safejs.Global().Get("Uint8Array")
	objectCtor, _ = safejs.Global().Get("Object")
)

// subtleCrypto returns crypto.subtle, which browsers offer only to secure
// origins (https, or http on localhost / 127.0.0.1).
func subtleCrypto() (safejs.Value, error) {
	c, err := safejs.Global().Get("crypto")
	if err != nil {
		return safejs.Value{}, err
	}
	s, err := c.Get("subtle")
	if err != nil {
		return safejs.Value{}, err
	}
	if ok, _ := s.Truthy(); !ok {
		return safejs.Value{}, errors.New("this browser offers no WebCrypto here (it needs an https address): open Honoscope from its https address")
	}
	return s, nil
}

// bytesJS copies b into a new Uint8Array.
func bytesJS(b []byte) (safejs.Value, error) {
	arr, err := uint8Array.New(len(b))
	if err != nil {
		return safejs.Value{}, err
	}
	_, err = safejs.CopyBytesToJS(arr, b)
	return arr, err
}

// object builds a plain JavaScript object from fields, whose values may be
// safejs.Values.
func object(fields map[string]any) (safejs.Value, error) {
	o, err := objectCtor.New()
	if err != nil {
		return safejs.Value{}, err
	}
	for k, v := range fields {
		if err := o.Set(k, v); err != nil {
			return safejs.Value{}, err
		}
	}
	return o, nil
}
