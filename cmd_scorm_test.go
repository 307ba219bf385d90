package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"honoscope/app/site"
)

func TestScormWritesAZipWithTheManifestAtItsRoot(t *testing.T) {
	// Not parallel: writing pages sets go-app's process environment.
	tmp := t.TempDir()
	wasm := tmp
	for _, prog := range site.Programs() {
		if err := os.WriteFile(filepath.Join(wasm, prog.File), []byte("\x00asm\x01\x00\x00\x00"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(tmp, "out", "pkg.zip")
	var stdout, stderr bytes.Buffer
	if code := runCLI([]string{"scorm", "--wasm", wasm, "--out", out, "--title", "HoNOS refresher <2027>", "--mastery", "80"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	for _, want := range []string{"imsmanifest.xml", "train.html", "web/app.wasm"} {
		if !names[want] {
			t.Errorf("the package lacks %s", want)
		}
	}
	mf, err := zr.Open("imsmanifest.xml")
	if err != nil {
		t.Fatal(err)
	}
	var manifest bytes.Buffer
	manifest.ReadFrom(mf)
	mf.Close()
	for _, want := range []string{"<title>HoNOS refresher &lt;2027&gt;</title>", "<adlcp:masteryscore>80</adlcp:masteryscore>"} {
		if strings.Count(manifest.String(), want) < 1 {
			t.Errorf("the manifest lacks %s:\n%s", want, manifest.String())
		}
	}
	if !strings.Contains(stdout.String(), "SCORM 1.2 package") {
		t.Errorf("stdout %q", stdout.String())
	}
	st, err := os.Stat(out)
	if err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("package mode %v (%v), want rw-r--r--", st.Mode(), err)
	}
}

func TestScormRefusesExtraArgumentsAndAMissingApp(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"an extra argument is a usage error", []string{"scorm", "pkg.zip"}, 2, "--out FILE"},
		{"a missing app says how to build it", []string{"scorm", "--wasm", filepath.Join(t.TempDir(), "none.wasm")}, 1, "go run . wasm --out"},
		{"an unknown SCORM version", []string{"scorm", "--scorm-version", "2.0"}, 2, "give 1.2 or 2004"},
		{"a mastery score over 100", []string{"scorm", "--mastery", "101"}, 2, "--mastery 101: give a whole score from 0 to 100"},
		{"a negative mastery score", []string{"scorm", "--mastery", "-5"}, 2, "from 0 to 100"},
		{"a vignette the package lacks", []string{"scorm", "--require", "honos-01-ward-elated,no-such-case"}, 2, "no vignette no-such-case in the package; the vignettes are: honos-01-ward-elated"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			if code := runCLI(tc.args, nil, &stdout, &stderr); code != tc.code || !strings.Contains(stderr.String(), tc.want) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, stderr.String(), tc.code, tc.want)
			}
		})
	}
}
