package crypto

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"testing"
)

// The known answer: PBKDF2-HMAC-SHA-256 then AES-256-GCM over fixed inputs,
// computed once with Go's crypto/pbkdf2 and crypto/cipher. The browser build
// runs the same test through WebCrypto, so both implementations are held to
// the same bytes and files move between them.
var (
	katPassphrase = "correct horse battery staple ✓"
	katSalt       = []byte("honoscope-salt-0")
	katIV         = []byte("honoscope-iv")
	katPlaintext  = []byte("Honoscope known-answer test")
	katAAD        = []byte("kat")
	katCiphertext = map[int]string{
		1000:       "3b76f45a94a5bb6ddc7fdff9a312a5507f38bd71eac6bec33c678af45e5ec4dc929a2871f92603b686f99e",
		Iterations: "1c44315839276f33477b513c883b862e0cf3558158654560ccf217ef259a11e3f36ffb18c55a52cf7be72c",
	}
)

func TestBothImplementationsProduceTheKnownAnswer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, iterations := range []int{1000, Iterations} {
		key, err := DeriveKey(ctx, katPassphrase, katSalt, iterations)
		if err != nil {
			t.Fatal(err)
		}
		ct, err := key.Encrypt(ctx, katIV, katPlaintext, katAAD)
		if err != nil {
			t.Fatal(err)
		}
		if got := hex.EncodeToString(ct); got != katCiphertext[iterations] {
			t.Fatalf("%d iterations: ciphertext %s, want %s", iterations, got, katCiphertext[iterations])
		}
		pt, err := key.Decrypt(ctx, katIV, ct, katAAD)
		if err != nil || !bytes.Equal(pt, katPlaintext) {
			t.Fatalf("decrypted %q, %v", pt, err)
		}
	}
}

func TestAWrongKeyAChangedByteOrOtherAdditionalDataIsRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	key, err := DeriveKey(ctx, katPassphrase, katSalt, 1000)
	if err != nil {
		t.Fatal(err)
	}
	wrong, err := DeriveKey(ctx, katPassphrase+" ", katSalt, 1000)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := Box{key}.Seal(ctx, katPlaintext, katAAD)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (Box{wrong}).Open(ctx, sealed, katAAD); !errors.Is(err, ErrAuth) {
		t.Fatalf("wrong key: %v, want ErrAuth", err)
	}
	if _, err := (Box{key}).Open(ctx, sealed, []byte("kat2")); !errors.Is(err, ErrAuth) {
		t.Fatalf("other additional data: %v, want ErrAuth", err)
	}
	if _, err := (Box{key}).Open(ctx, sealed[:IVSize+TagSize-1], katAAD); !errors.Is(err, ErrAuth) {
		t.Fatalf("truncated: %v, want ErrAuth", err)
	}
	for i := range sealed {
		bad := bytes.Clone(sealed)
		bad[i] ^= 0x01
		if _, err := (Box{key}).Open(ctx, bad, katAAD); !errors.Is(err, ErrAuth) {
			t.Fatalf("byte %d flipped: %v, want ErrAuth", i, err)
		}
	}
	if pt, err := (Box{key}).Open(ctx, sealed, katAAD); err != nil || !bytes.Equal(pt, katPlaintext) {
		t.Fatalf("unchanged record: %q, %v", pt, err)
	}
}

func TestTwoSealsOfOneRecordDiffer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	key, err := DeriveKey(ctx, katPassphrase, katSalt, 1000)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := Box{key}.Seal(ctx, katPlaintext, nil)
	b, _ := Box{key}.Seal(ctx, katPlaintext, nil)
	if bytes.Equal(a[:IVSize], b[:IVSize]) || bytes.Equal(a, b) {
		t.Fatal("two seals share an IV")
	}
}

func TestDeriveKeyRefusesBadParameters(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		pass       string
		salt       []byte
		iterations int
	}{
		{"an empty passphrase", "", katSalt, 1000},
		{"a short salt", "x", katSalt[:15], 1000},
		{"zero iterations", "x", katSalt, 0},
		{"too many iterations", "x", katSalt, MaxIterations + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if _, err := DeriveKey(context.Background(), tc.pass, tc.salt, tc.iterations); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

func TestAnEncryptedFileReadsBackAndRefusesAWrongPassphraseOrAnyChangedByte(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	plain := []byte(`{"format":"honoscope-export","version":1,"ratings":[]}`)
	file, err := sealFile(ctx, "pass phrase", plain, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if !IsEnvelope(file) || IsEnvelope(plain) {
		t.Fatal("IsEnvelope does not tell the files apart")
	}
	if bytes.Contains(file, []byte("honoscope-export")) {
		t.Fatal("the plaintext shows through")
	}
	got, err := OpenFile(ctx, "pass phrase", file)
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("read back %q, %v", got, err)
	}
	if _, err := OpenFile(ctx, "pass phrasE", file); !errors.Is(err, ErrAuth) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	var e Envelope
	if err := json.Unmarshal(file, &e); err != nil {
		t.Fatal(err)
	}
	for i := range e.Ciphertext {
		bad := e
		bad.Ciphertext = bytes.Clone(e.Ciphertext)
		bad.Ciphertext[i] ^= 0x80
		b, _ := json.Marshal(bad)
		if _, err := OpenFile(ctx, "pass phrase", b); !errors.Is(err, ErrAuth) {
			t.Fatalf("ciphertext byte %d flipped: %v", i, err)
		}
	}
	for _, change := range []func(*Envelope){
		func(e *Envelope) { e.IV = bytes.Clone(e.IV); e.IV[0] ^= 1 },
		func(e *Envelope) { e.Salt = bytes.Clone(e.Salt); e.Salt[0] ^= 1 },
		func(e *Envelope) { e.Iterations++ },
	} {
		bad := e
		change(&bad)
		b, _ := json.Marshal(bad)
		if _, err := OpenFile(ctx, "pass phrase", b); !errors.Is(err, ErrAuth) {
			t.Fatalf("changed header %+v: %v", bad, err)
		}
	}
}

func TestOpenFileExplainsFilesItCannotRead(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	valid := func(change func(*Envelope)) []byte {
		e := Envelope{Format: EnvelopeFormat, Version: 1, KDF: kdfName, Iterations: 1000, Cipher: cipherName,
			Salt: make([]byte, 16), IV: make([]byte, 12), Ciphertext: make([]byte, 20)}
		change(&e)
		b, _ := json.Marshal(e)
		return b
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"a plain export", []byte(`{"format":"honoscope-export","version":1}`), "not an encrypted"},
		{"not JSON", []byte("patient,date"), "not an encrypted"},
		{"a newer version", valid(func(e *Envelope) { e.Version = 2 }), "newer Honoscope"},
		{"another cipher", valid(func(e *Envelope) { e.Cipher = "AES-128-CBC" }), "damaged"},
		{"a short IV", valid(func(e *Envelope) { e.IV = e.IV[:8] }), "wrong length"},
		{"a huge iteration count", valid(func(e *Envelope) { e.Iterations = MaxIterations + 1 }), "outside"},
		{"an unknown field", []byte(`{"format":"honoscope-encrypted","extra":1}`), "not an encrypted"},
		{"text after the object", append(valid(func(*Envelope) {}), []byte(" {}")...), "after the end"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := OpenFile(ctx, "x", tc.data)
			if err == nil || !bytes.Contains([]byte(err.Error()), []byte(tc.want)) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// BenchmarkDeriveKey600k measures deriving one key with the production
// iteration count (run it in the browser with wasmbrowsertest to measure
// WebCrypto).
func BenchmarkDeriveKey600k(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		if _, err := DeriveKey(ctx, katPassphrase, katSalt, Iterations); err != nil {
			b.Fatal(err)
		}
	}
}
