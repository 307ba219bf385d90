// Package store keeps ratings on the device: an interface in plain Go, an
// IndexedDB implementation for the browser and an in-memory twin that native
// tests use. One contract test runs against both.
package store

import (
	"context"
	"encoding/json"
	"errors"
)

// ErrNotFound is returned when a record does not exist.
var ErrNotFound = errors.New("not found")

// Rating is one saved rating as stored and exported (JSON field names are part
// of the versioned export format).
type Rating struct {
	// ID is a random identifier made on the device.
	ID string `json:"id"`
	// Patient is the pseudonymous label.
	Patient string `json:"patient"`
	// Date is the rating date, YYYY-MM-DD.
	Date string `json:"date"`
	// Instrument is "honos", "honos65" or "honosca".
	Instrument string `json:"instrument"`
	// Items holds the codes 0–4 or 9, one per item of the instrument.
	Items []int `json:"items"`
	// Item8Type is the item 8 problem type letter A–K, or "".
	Item8Type string `json:"item8_type,omitempty"`
	// Period is "2w" (previous 2 weeks) or "3d" (previous 3 days, inpatient discharge).
	Period string `json:"period"`
	// Occasion is "admission", "review", "discharge", "other" or "".
	Occasion string `json:"occasion,omitempty"`
	// Rater is the rater's role, optional.
	Rater string `json:"rater,omitempty"`
	// Note is free text.
	Note string `json:"note,omitempty"`
	// Team and Setting are optional free labels used for grouping (the
	// command-line CSV columns team and setting), kept so that an import
	// loses nothing.
	Team    string `json:"team,omitempty"`
	Setting string `json:"setting,omitempty"`
	// Created and Updated are RFC 3339 timestamps.
	Created string `json:"created"`
	Updated string `json:"updated"`
}

// Draft is a half-finished rating kept automatically so that closing the tab
// loses nothing. There is at most one draft per key ("new-" and the tab for a new rating,
// or the ID of the rating being edited).
type Draft struct {
	Key    string `json:"key"`
	Rating Rating `json:"rating"`
}

// Store is the device's database of ratings.
type Store interface {
	// PutRating inserts or replaces the rating with r.ID.
	PutRating(ctx context.Context, r Rating) error
	// Rating returns the rating with the given ID, or ErrNotFound.
	Rating(ctx context.Context, id string) (Rating, error)
	// DeleteRating removes the rating; deleting a missing one is not an error.
	DeleteRating(ctx context.Context, id string) error
	// Ratings returns every rating, ordered by patient, then date, then
	// created, then ID (see SortRatings).
	Ratings(ctx context.Context) ([]Rating, error)
	// RatingsOf returns one patient's ratings ordered by date, then created,
	// then ID.
	RatingsOf(ctx context.Context, patient string) ([]Rating, error)
	// PutRatings inserts or replaces every rating in one transaction: either
	// all are stored or none (used by import).
	PutRatings(ctx context.Context, rs []Rating) error
	// PutBatch stores every rating and document in one transaction: all
	// or none, so that an import that fails half-way leaves the device as
	// it was. Documents follow PutDoc's rules.
	PutBatch(ctx context.Context, rs []Rating, ds []Document) error
	// RatingsOn returns the ratings of one patient on one date with one
	// instrument (normally none or one), in the order of Ratings. Import uses
	// it to find conflicts; the form can use it to warn before a duplicate.
	RatingsOn(ctx context.Context, patient, date, instrument string) ([]Rating, error)
	// PutDraft saves the draft under d.Key.
	PutDraft(ctx context.Context, d Draft) error
	// Draft returns the draft under key, or ErrNotFound.
	Draft(ctx context.Context, key string) (Draft, error)
	// AllDrafts returns every draft, ordered by key (byte order): the
	// rating page looks among them for a draft a closed tab left.
	AllDrafts(ctx context.Context) ([]Draft, error)
	// DeleteDraft removes the draft under key.
	DeleteDraft(ctx context.Context, key string) error
	// PutDoc inserts or replaces the document of the given kind and key.
	// data must be valid JSON; kind and key must not be empty.
	PutDoc(ctx context.Context, kind, key string, data []byte) error
	// Doc returns the data of one document, or ErrNotFound.
	Doc(ctx context.Context, kind, key string) ([]byte, error)
	// Docs returns every document of one kind, ordered by key (byte order).
	Docs(ctx context.Context, kind string) ([]Document, error)
	// DeleteDoc removes one document; deleting a missing one is not an error.
	DeleteDoc(ctx context.Context, kind, key string) error
	// Close releases the database.
	Close() error
}

// Document is a small JSON record of a kind other than a rating, such as a
// practice attempt ("practice") or an event note. Documents of one kind are
// told apart by Key; the pair (Kind, Key) is the identity. JSON field names
// are part of the export format.
type Document struct {
	// Kind names what the document is, e.g. "practice".
	Kind string `json:"kind"`
	// Key identifies the document within its kind.
	Key string `json:"key"`
	// Data is the document itself, any JSON value.
	Data json.RawMessage `json:"data"`
}
