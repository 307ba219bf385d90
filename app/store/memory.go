package store

import (
	"context"
	"errors"
	"slices"
	"sync"
)

// errClosed is returned by a store used after Close.
var errClosed = errors.New("the store is closed: reopen it")

// memory is the in-memory twin of the IndexedDB store, used natively and by
// tests. It keeps copies so that callers cannot change stored records.
type memory struct {
	mu      sync.Mutex
	closed  bool
	ratings map[string]Rating
	drafts  map[string]Draft
	docs    map[string]Document
}

// NewMemory returns an empty store held in memory. It follows the same
// contract as the browser's IndexedDB store (see RunContract).
func NewMemory() Store {
	return &memory{ratings: map[string]Rating{}, drafts: map[string]Draft{}, docs: map[string]Document{}}
}

func (m *memory) lock(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return errClosed
	}
	return nil
}

func (m *memory) PutRating(ctx context.Context, r Rating) error {
	return m.PutRatings(ctx, []Rating{r})
}

func (m *memory) PutRatings(ctx context.Context, rs []Rating) error {
	return m.PutBatch(ctx, rs, nil)
}

func (m *memory) PutBatch(ctx context.Context, rs []Rating, ds []Document) error {
	for _, r := range rs {
		if r.ID == "" {
			return errNoID
		}
	}
	for _, d := range ds {
		if err := checkDoc(d.Kind, d.Key, d.Data); err != nil {
			return err
		}
	}
	if err := m.lock(ctx); err != nil {
		return err
	}
	defer m.mu.Unlock()
	for _, r := range rs {
		m.ratings[r.ID] = cloneRating(r)
	}
	for _, d := range ds {
		m.docs[docID(d.Kind, d.Key)] = Document{Kind: d.Kind, Key: d.Key, Data: slices.Clone(d.Data)}
	}
	return nil
}

func (m *memory) Rating(ctx context.Context, id string) (Rating, error) {
	if err := m.lock(ctx); err != nil {
		return Rating{}, err
	}
	defer m.mu.Unlock()
	r, ok := m.ratings[id]
	if !ok {
		return Rating{}, ErrNotFound
	}
	return cloneRating(r), nil
}

func (m *memory) DeleteRating(ctx context.Context, id string) error {
	if err := m.lock(ctx); err != nil {
		return err
	}
	defer m.mu.Unlock()
	delete(m.ratings, id)
	return nil
}

func (m *memory) Ratings(ctx context.Context) ([]Rating, error) {
	return m.filter(ctx, func(Rating) bool { return true })
}

func (m *memory) RatingsOf(ctx context.Context, patient string) ([]Rating, error) {
	return m.filter(ctx, func(r Rating) bool { return r.Patient == patient })
}

func (m *memory) RatingsOn(ctx context.Context, patient, date, instrument string) ([]Rating, error) {
	return m.filter(ctx, func(r Rating) bool {
		return r.Patient == patient && r.Date == date && r.Instrument == instrument
	})
}

func (m *memory) filter(ctx context.Context, keep func(Rating) bool) ([]Rating, error) {
	if err := m.lock(ctx); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	out := []Rating{}
	for _, r := range m.ratings {
		if keep(r) {
			out = append(out, cloneRating(r))
		}
	}
	SortRatings(out)
	return out, nil
}

func (m *memory) PutDraft(ctx context.Context, d Draft) error {
	if d.Key == "" {
		return errNoKey
	}
	if err := m.lock(ctx); err != nil {
		return err
	}
	defer m.mu.Unlock()
	d.Rating = cloneRating(d.Rating)
	m.drafts[d.Key] = d
	return nil
}

func (m *memory) Draft(ctx context.Context, key string) (Draft, error) {
	if err := m.lock(ctx); err != nil {
		return Draft{}, err
	}
	defer m.mu.Unlock()
	d, ok := m.drafts[key]
	if !ok {
		return Draft{}, ErrNotFound
	}
	d.Rating = cloneRating(d.Rating)
	return d, nil
}

func (m *memory) DeleteDraft(ctx context.Context, key string) error {
	if err := m.lock(ctx); err != nil {
		return err
	}
	defer m.mu.Unlock()
	delete(m.drafts, key)
	return nil
}

func (m *memory) PutDoc(ctx context.Context, kind, key string, data []byte) error {
	if err := checkDoc(kind, key, data); err != nil {
		return err
	}
	if err := m.lock(ctx); err != nil {
		return err
	}
	defer m.mu.Unlock()
	m.docs[docID(kind, key)] = Document{Kind: kind, Key: key, Data: slices.Clone(data)}
	return nil
}

func (m *memory) Doc(ctx context.Context, kind, key string) ([]byte, error) {
	if err := m.lock(ctx); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	d, ok := m.docs[docID(kind, key)]
	if !ok {
		return nil, ErrNotFound
	}
	return slices.Clone(d.Data), nil
}

func (m *memory) Docs(ctx context.Context, kind string) ([]Document, error) {
	if err := m.lock(ctx); err != nil {
		return nil, err
	}
	defer m.mu.Unlock()
	out := []Document{}
	for _, d := range m.docs {
		if d.Kind == kind {
			d.Data = slices.Clone(d.Data)
			out = append(out, d)
		}
	}
	SortDocuments(out)
	return out, nil
}

func (m *memory) DeleteDoc(ctx context.Context, kind, key string) error {
	if err := m.lock(ctx); err != nil {
		return err
	}
	defer m.mu.Unlock()
	delete(m.docs, docID(kind, key))
	return nil
}

func (m *memory) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	return nil
}

func cloneRating(r Rating) Rating {
	r.Items = slices.Clone(r.Items)
	return r
}
