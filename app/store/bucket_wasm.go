//go:build js && wasm

package store

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/hack-pad/safejs"

	"honoscope/app/browser"
)

// The device's records live in a storage bucket of the site (Storage
// Buckets API) called bucketPrefix and a generation: "honoscope-1",
// "honoscope-2", …. A browser deletes a bucket with its files, which it
// does not do for a deleted database (its files keep old records until
// the browser tidies them, which may be never). So turning the lock on, or
// deleting everything, copies the records as they are to the next
// generation and deletes the previous one, leaving no plaintext record in
// the browser's files.
const bucketPrefix = "honoscope-"

// bucketKey is the DeviceKind document that marks a generation's copy
// complete: {"generation": N}. A copy interrupted before it was written is
// not used, and its source is still there.
const bucketKey = "bucket"

// bucketMark is the content of the bucketKey document.
type bucketMark struct {
	Generation int `json:"generation"`
}

// storageBuckets returns navigator.storageBuckets, or false without it.
func storageBuckets() (safejs.Value, bool) {
	nav, err := safejs.Global().Get("navigator")
	if err != nil {
		return safejs.Value{}, false
	}
	sb, err := nav.Get("storageBuckets")
	if err != nil {
		return safejs.Value{}, false
	}
	ok, _ := sb.Truthy()
	return sb, ok
}

// hasBuckets reports whether the browser offers storage buckets.
func hasBuckets() bool {
	_, ok := storageBuckets()
	return ok
}

// generations returns the generations of the site's buckets, oldest first.
func generations(ctx context.Context) ([]int, error) {
	sb, _ := storageBuckets()
	p, err := sb.Call("keys")
	if err != nil {
		return nil, err
	}
	v, err := browser.Await(ctx, p)
	if err != nil {
		return nil, err
	}
	n, err := v.Length()
	if err != nil {
		return nil, err
	}
	var gens []int
	for i := range n {
		e, err := v.Index(i)
		if err != nil {
			continue
		}
		name, err := e.String()
		if err != nil {
			continue
		}
		if g, err := strconv.Atoi(strings.TrimPrefix(name, bucketPrefix)); err == nil && strings.HasPrefix(name, bucketPrefix) && g > 0 {
			gens = append(gens, g)
		}
	}
	slices.Sort(gens)
	return gens, nil
}

// openGeneration opens (creating if need be) the database of generation
// gen's bucket, asking the browser to keep it (persisted) and to write
// each transaction through to disk (durability "strict").
func openGeneration(ctx context.Context, gen int) (*idbStore, error) {
	sb, _ := storageBuckets()
	obj, err := safejs.Global().Get("Object")
	if err != nil {
		return nil, err
	}
	opts, err := obj.New()
	if err != nil {
		return nil, err
	}
	_ = opts.Set("persisted", true)
	_ = opts.Set("durability", "strict")
	p, err := sb.Call("open", bucketPrefix+strconv.Itoa(gen), opts)
	if err != nil {
		return nil, err
	}
	b, err := browser.Await(ctx, p)
	if err != nil {
		return nil, err
	}
	factory, err := b.Get("indexedDB")
	if err != nil {
		return nil, err
	}
	s, err := openIDBIn(ctx, factory, DatabaseName, migrations)
	if err != nil {
		return nil, err
	}
	s.gen = gen
	return s, nil
}

// deleteGeneration deletes generation gen's bucket with its files.
func deleteGeneration(ctx context.Context, gen int) error {
	sb, _ := storageBuckets()
	p, err := sb.Call("delete", bucketPrefix+strconv.Itoa(gen))
	if err != nil {
		return err
	}
	_, err = browser.Await(ctx, p)
	return err
}

// complete reports whether s is a complete copy: its mark names its own
// generation.
func complete(ctx context.Context, s *idbStore) (bool, error) {
	data, err := s.Doc(ctx, DeviceKind, bucketKey)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var m bucketMark
	return json.Unmarshal(data, &m) == nil && m.Generation == s.gen, nil
}

// markComplete writes s's mark, last of its copy.
func markComplete(ctx context.Context, s *idbStore) error {
	data, err := json.Marshal(bucketMark{Generation: s.gen})
	if err != nil {
		return err
	}
	return s.PutDoc(ctx, DeviceKind, bucketKey, data)
}

// openBuckets opens the newest complete generation, holding StateLock so
// that no other tab is moving the records meanwhile. A generation whose
// copy was interrupted is deleted (its source is older and complete), and
// so are older ones that an interrupted deletion left. On the first start
// with buckets, a new generation is made, and the records an earlier
// version kept in the default database move into it.
func openBuckets(ctx context.Context) (Store, error) {
	var out Store
	err := browser.Exclusive(ctx, StateLock, func() error {
		gens, err := generations(ctx)
		if err != nil {
			return err
		}
		var chosen *idbStore
		for i := len(gens) - 1; i >= 0 && chosen == nil; i-- {
			s, err := openGeneration(ctx, gens[i])
			if err != nil {
				return err
			}
			ok, err := complete(ctx, s)
			if err != nil {
				_ = s.Close()
				return err
			}
			if ok {
				chosen = s
				continue
			}
			_ = s.Close()
			if err := deleteGeneration(ctx, gens[i]); err != nil {
				return err
			}
		}
		if chosen == nil {
			gen := 1
			if len(gens) > 0 {
				gen = gens[len(gens)-1] + 1
			}
			s, err := openGeneration(ctx, gen)
			if err != nil {
				return err
			}
			if err := adoptDefault(ctx, s); err != nil {
				_ = s.Close()
				return err
			}
			if err := markComplete(ctx, s); err != nil {
				_ = s.Close()
				return err
			}
			chosen = s
		}
		for _, g := range gens {
			if g < chosen.gen {
				_ = deleteGeneration(ctx, g) // tried again at the next start
			}
		}
		out = chosen
		return nil
	})
	return out, err
}

// adoptDefault moves the records an earlier version kept in the default
// database (DatabaseName in the site's default storage) into s, then
// deletes that database. Its files may keep copies until the browser tidies
// them: only records written since live in buckets alone.
func adoptDefault(ctx context.Context, s *idbStore) error {
	exists, err := defaultExists(ctx)
	if err != nil || !exists {
		return err
	}
	old, err := openIDB(ctx, DatabaseName, migrations)
	if err != nil {
		return err
	}
	if err := CopyAll(ctx, old, s); err != nil {
		_ = old.Close()
		return err
	}
	_ = old.Close()
	return deleteDefault(ctx)
}

// defaultExists reports whether the default storage holds DatabaseName.
func defaultExists(ctx context.Context) (bool, error) {
	f, err := safejs.Global().Get("indexedDB")
	if err != nil {
		return false, err
	}
	p, err := f.Call("databases")
	if err != nil {
		return false, err
	}
	v, err := browser.Await(ctx, p)
	if err != nil {
		return false, err
	}
	n, err := v.Length()
	if err != nil {
		return false, err
	}
	for i := range n {
		e, err := v.Index(i)
		if err != nil {
			continue
		}
		nv, err := e.Get("name")
		if err != nil {
			continue
		}
		if name, err := nv.String(); err == nil && name == DatabaseName {
			return true, nil
		}
	}
	return false, nil
}

// deleteDefault deletes DatabaseName from the default storage.
func deleteDefault(ctx context.Context) error {
	f, err := safejs.Global().Get("indexedDB")
	if err != nil {
		return err
	}
	req, err := f.Call("deleteDatabase", DatabaseName)
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	var onOK, onErr safejs.Func
	onOK, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any { done <- nil; return nil })
	if err != nil {
		return err
	}
	defer onOK.Release()
	onErr, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		done <- errors.New("the browser did not delete the older database")
		return nil
	})
	if err != nil {
		return err
	}
	defer onErr.Release()
	_ = req.Set("onsuccess", onOK)
	_ = req.Set("onerror", onErr)
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Rebuild copies every record to the next generation, marks it complete,
// then closes this connection and deletes this generation with its files.
func (s *idbStore) Rebuild(ctx context.Context) (Device, error) {
	if s.gen == 0 {
		return s, ErrNoRebuild
	}
	next, err := openGeneration(ctx, s.gen+1)
	if err != nil {
		return s, err
	}
	if err := CopyAll(ctx, s, next); err != nil {
		_ = next.Close()
		_ = deleteGeneration(ctx, next.gen)
		return s, err
	}
	if err := markComplete(ctx, next); err != nil {
		_ = next.Close()
		_ = deleteGeneration(ctx, next.gen)
		return s, err
	}
	_ = s.Close()
	s.gone.Store(true)
	if err := deleteGeneration(ctx, s.gen); err != nil {
		// The new generation is complete and in use; the next start
		// deletes this one.
		return next, nil
	}
	return next, nil
}
