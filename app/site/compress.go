package site

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/andybalholm/brotli"
)

// compressible are the kinds of file a host may send compressed: text and
// the programs (PNG icons are compressed already).
var compressible = map[string]bool{
	".html": true, ".csv": true, ".js": true, ".css": true, ".wasm": true, ".webmanifest": true,
	".json": true, ".svg": true, ".txt": true,
}

// Compress writes next to every compressible file in dir a brotli copy
// (name.br, quality 11) and a gzip copy (name.gz, best compression), for
// hosts that serve a pre-compressed copy to browsers that accept it (nginx
// gzip_static and brotli_static, Apache with mod_rewrite rules, most CDNs
// and GitHub-Pages-style hosts compress on their own). A copy that would
// not be smaller is not written. The files are compressed two at a time:
// brotli's best quality takes about half a minute on a program.
func Compress(dir string) error {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && compressible[filepath.Ext(p)] {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		slots = make(chan struct{}, 2)
	)
	for _, name := range names {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			if err := compressFile(name); err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return first
}

// compressFile writes name.br and name.gz.
func compressFile(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	var br bytes.Buffer
	bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
	if _, err := bw.Write(data); err != nil {
		return err
	}
	if err := bw.Close(); err != nil {
		return err
	}
	var gz bytes.Buffer
	gw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := gw.Write(data); err != nil {
		return err
	}
	if err := gw.Close(); err != nil {
		return err
	}
	for ext, b := range map[string][]byte{".br": br.Bytes(), ".gz": gz.Bytes()} {
		if len(b) >= len(data) {
			os.Remove(name + ext)
			continue
		}
		if err := os.WriteFile(name+ext, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
