package crypto

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// The encrypted export format. An encrypted file is one JSON object:
//
//	{"format":"honoscope-encrypted","version":1,"kdf":"PBKDF2-HMAC-SHA-256",
//	 "iterations":600000,"cipher":"AES-256-GCM","salt":"<base64>",
//	 "iv":"<base64>","ciphertext":"<base64 of ciphertext ‖ tag>"}
//
// The plaintext is the file that was encrypted (a JSON export). The
// header's fixed fields are authenticated as additional data, so a changed
// header, like a changed byte of the ciphertext, is refused.
const (
	// EnvelopeFormat is the value of the envelope's "format" field.
	EnvelopeFormat = "honoscope-encrypted"
	// EnvelopeVersion is the envelope version this build writes and the
	// newest it reads.
	EnvelopeVersion = 1
	kdfName         = "PBKDF2-HMAC-SHA-256"
	cipherName      = "AES-256-GCM"
)

// Envelope is an encrypted file.
type Envelope struct {
	Format     string `json:"format"`
	Version    int    `json:"version"`
	KDF        string `json:"kdf"`
	Iterations int    `json:"iterations"`
	Cipher     string `json:"cipher"`
	Salt       []byte `json:"salt"`
	IV         []byte `json:"iv"`
	Ciphertext []byte `json:"ciphertext"`
}

// aad is the additional data of an envelope: its fixed header fields.
func (e Envelope) aad() []byte {
	return fmt.Appendf(nil, "%s/%d/%s/%d/%s", e.Format, e.Version, e.KDF, e.Iterations, e.Cipher)
}

// IsEnvelope reports whether data looks like an encrypted file (its format
// field is EnvelopeFormat), so that import can ask for the passphrase.
func IsEnvelope(data []byte) bool {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return false
	}
	var head struct {
		Format string `json:"format"`
	}
	return json.Unmarshal(trimmed, &head) == nil && head.Format == EnvelopeFormat
}

// SealFile encrypts plaintext under passphrase with a fresh salt and IV and
// Iterations rounds, and returns the envelope as indented JSON.
func SealFile(ctx context.Context, passphrase string, plaintext []byte) ([]byte, error) {
	return sealFile(ctx, passphrase, plaintext, Iterations)
}

func sealFile(ctx context.Context, passphrase string, plaintext []byte, iterations int) ([]byte, error) {
	e := Envelope{Format: EnvelopeFormat, Version: EnvelopeVersion, KDF: kdfName, Iterations: iterations, Cipher: cipherName, Salt: NewSalt()}
	key, err := DeriveKey(ctx, passphrase, e.Salt, iterations)
	if err != nil {
		return nil, err
	}
	sealed, err := Box{key}.Seal(ctx, plaintext, e.aad())
	if err != nil {
		return nil, err
	}
	e.IV, e.Ciphertext = sealed[:IVSize], sealed[IVSize:]
	out, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// ErrNotEnvelope is returned by OpenFile for data that is not an encrypted
// Honoscope file.
var ErrNotEnvelope = errors.New("this is not an encrypted Honoscope file: choose a file made by “Download encrypted backup”")

// OpenFile decrypts an envelope made by SealFile. It refuses, with an error
// that says what to do, a file of another format, a newer version, unknown
// algorithms, bad sizes, and (ErrAuth) a wrong passphrase or any changed byte.
func OpenFile(ctx context.Context, passphrase string, data []byte) ([]byte, error) {
	var e Envelope
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNotEnvelope, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w (text after the end of the file)", ErrNotEnvelope)
	}
	switch {
	case e.Format != EnvelopeFormat:
		return nil, ErrNotEnvelope
	case e.Version < 1 || e.Version > EnvelopeVersion:
		return nil, fmt.Errorf("the encrypted file has version %d; this Honoscope reads up to version %d: open it with a newer Honoscope", e.Version, EnvelopeVersion)
	case e.KDF != kdfName || e.Cipher != cipherName:
		return nil, fmt.Errorf("the encrypted file uses %q and %q; Honoscope reads %q and %q: the file is damaged", e.KDF, e.Cipher, kdfName, cipherName)
	case len(e.Salt) < SaltSize || len(e.IV) != IVSize || len(e.Ciphertext) < TagSize:
		return nil, errors.New("the encrypted file's salt, IV or ciphertext has the wrong length: the file is damaged")
	case e.Iterations < 1 || e.Iterations > MaxIterations:
		return nil, fmt.Errorf("the encrypted file asks for %d iterations, outside 1 to %d: the file is damaged", e.Iterations, MaxIterations)
	}
	key, err := DeriveKey(ctx, passphrase, e.Salt, e.Iterations)
	if err != nil {
		return nil, err
	}
	return key.Decrypt(ctx, e.IV, e.Ciphertext, e.aad())
}
