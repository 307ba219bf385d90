package store

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
)

// errDocIdentity is returned for a document without a kind or key, or with
// a kind holding the separator.
var errDocIdentity = errors.New("a document needs a kind and a key, and the kind may not contain a NUL character")

// errDocData is returned for document data that is not valid JSON.
var errDocData = errors.New("a document's data must be valid JSON")

// docSep separates kind and key in a document's stored identity.
const docSep = "\x00"

// docID returns the stored identity of a document: kind, NUL, key.
func docID(kind, key string) string { return kind + docSep + key }

// checkDoc validates a document before it is stored.
func checkDoc(kind, key string, data []byte) error {
	if kind == "" || key == "" || strings.Contains(kind, docSep) {
		return errDocIdentity
	}
	if !json.Valid(data) {
		return errDocData
	}
	return nil
}

// SortDocuments orders documents by kind, then key (byte order), the order
// of Store.Docs and of the export.
func SortDocuments(ds []Document) {
	slices.SortFunc(ds, func(a, b Document) int {
		if c := strings.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
}

// backupKinds are the document kinds a JSON backup carries (see
// RegisterBackupKind).
var backupKinds struct {
	mu    sync.Mutex
	kinds []string
}

// RegisterBackupKind adds a document kind to those BackupDocs returns, so
// that the JSON export carries it. Pages call it from init() for their own
// kinds; registering a kind twice is harmless.
func RegisterBackupKind(kind string) {
	backupKinds.mu.Lock()
	defer backupKinds.mu.Unlock()
	if !slices.Contains(backupKinds.kinds, kind) {
		backupKinds.kinds = append(backupKinds.kinds, kind)
		slices.Sort(backupKinds.kinds)
	}
}

// BackupDocs returns every document of the registered kinds, ordered by
// kind then key, for WriteBackup.
func BackupDocs(ctx context.Context, s Store) ([]Document, error) {
	backupKinds.mu.Lock()
	kinds := slices.Clone(backupKinds.kinds)
	backupKinds.mu.Unlock()
	out := []Document{}
	for _, k := range kinds {
		ds, err := s.Docs(ctx, k)
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
	}
	return out, nil
}

// PutDocs stores imported documents, replacing those with the same kind and
// key, and stops at the first error.
func PutDocs(ctx context.Context, s Store, ds []Document) error {
	for _, d := range ds {
		if err := s.PutDoc(ctx, d.Kind, d.Key, d.Data); err != nil {
			return err
		}
	}
	return nil
}
