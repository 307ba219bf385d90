package store

import (
	"context"
	"errors"
)

// StateLock names the lock one tab or window holds while it changes the
// device's lock state or the place its records live (opening the store,
// turning the lock on or off, deleting everything), so that no two do it
// at once: a Web Lock in the browser.
const StateLock = "honoscope-lock-state"

// ErrNoRebuild is returned by Rebuild where the records cannot be moved to
// fresh files: a browser without storage buckets keeps one database file
// set per site, which the browser tidies in its own time.
var ErrNoRebuild = errors.New("this browser keeps the records in files it tidies in its own time: copies of deleted or replaced records may stay in them until then")

// Rebuilder is a Device whose records can be moved to fresh storage (the
// browser's store in a storage bucket).
type Rebuilder interface {
	Device
	// Rebuild moves the records; see the function Rebuild.
	Rebuild(ctx context.Context) (Device, error)
}

// Rebuild moves every record of d, as it is, to fresh storage and deletes
// the old storage with its files, and returns the device in its new place;
// d must not be used afterwards. The browser keeps a record that was
// replaced or deleted in its database files until it tidies them, which may
// be never: turning the lock on or deleting everything rebuilds, so that no
// record that was in the clear stays readable in the browser's files. The
// new place is complete before the old is deleted, so an interruption loses
// nothing: the next start uses the newest complete copy. Where the browser
// cannot do this, it returns ErrNoRebuild and d is still in use.
func Rebuild(ctx context.Context, d Device) (Device, error) {
	r, ok := d.(Rebuilder)
	if !ok {
		return d, ErrNoRebuild
	}
	return r.Rebuild(ctx)
}

// CopyAll copies every rating, draft and document of from into to, with
// every rating and document in one transaction.
func CopyAll(ctx context.Context, from, to Device) error {
	rs, err := from.Ratings(ctx)
	if err != nil {
		return err
	}
	ds, err := from.AllDocs(ctx)
	if err != nil {
		return err
	}
	drafts, err := from.AllDrafts(ctx)
	if err != nil {
		return err
	}
	if err := to.PutBatch(ctx, rs, ds); err != nil {
		return err
	}
	for _, d := range drafts {
		if err := to.PutDraft(ctx, d); err != nil {
			return err
		}
	}
	return nil
}
