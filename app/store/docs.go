package store

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
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
