package store

import (
	"context"
	"slices"
	"strings"
)

// The memory twin's whole-store operations (Device).

func (m *memory) AllDrafts(ctx context.Context) ([]Draft, error) {
	if err := m.lock(ctx); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	out := make([]Draft, 0, len(m.drafts))
	for _, d := range m.drafts {
		d.Rating = cloneRating(d.Rating)
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b Draft) int { return strings.Compare(a.Key, b.Key) })
	return out, nil
}

func (m *memory) AllDocs(ctx context.Context) ([]Document, error) {
	if err := m.lock(ctx); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	out := make([]Document, 0, len(m.docs))
	for _, d := range m.docs {
		d.Data = slices.Clone(d.Data)
		out = append(out, d)
	}
	SortDocuments(out)
	return out, nil
}

func (m *memory) PutDocs(ctx context.Context, ds []Document) error {
	return m.PutBatch(ctx, nil, ds)
}

func (m *memory) Clear(ctx context.Context) error {
	if err := m.lock(ctx); err != nil {
		return err
	}
	defer m.mu.Unlock()
	m.ratings, m.drafts, m.docs = map[string]Rating{}, map[string]Draft{}, map[string]Document{}
	return nil
}
