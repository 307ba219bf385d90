//go:build js && wasm

package store

import (
	"context"

	"github.com/hack-pad/go-indexeddb/idb"
)

// The IndexedDB store's whole-store operations (Device).

func (s *idbStore) AllDrafts(ctx context.Context) ([]Draft, error) {
	os, err := s.read(ctx, storeDrafts)
	if err != nil {
		return nil, err
	}
	req, err := os.OpenCursor(idb.CursorNext)
	if err != nil {
		return nil, err
	}
	return decodeAll[Draft](ctx, req)
}

func (s *idbStore) AllDocs(ctx context.Context) ([]Document, error) {
	os, err := s.read(ctx, storeDocs)
	if err != nil {
		return nil, err
	}
	req, err := os.OpenCursor(idb.CursorNext)
	if err != nil {
		return nil, err
	}
	return documents(ctx, req)
}

func (s *idbStore) PutDocs(ctx context.Context, ds []Document) error {
	return s.PutBatch(ctx, nil, ds)
}

// Clear empties the ratings, drafts and documents in one transaction; the
// meta store (the schema version) stays.
func (s *idbStore) Clear(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tx, err := s.transaction(idb.TransactionReadWrite, storeRatings, storeDrafts, storeDocs)
	if err != nil {
		return err
	}
	for _, name := range []string{storeRatings, storeDrafts, storeDocs} {
		os, err := tx.ObjectStore(name)
		if err != nil {
			_ = tx.Abort()
			return err
		}
		if _, err := os.Clear(); err != nil {
			_ = tx.Abort()
			return err
		}
	}
	return tx.Await(ctx)
}
