package device

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"honoscope/app/store"
	"honoscope/scoring/layout"
)

// Import is a file read and checked against the ratings on this device,
// waiting for the user's choices where a rating of the file matches one on
// the device (same person, date and instrument). Every import, a restore
// of a backup among them, goes through it on the Export and import page.
type Import struct {
	// Name is the file's name, for messages.
	Name string
	// Parsed is what the file holds: its valid ratings and documents, and
	// every rejected row with its line.
	Parsed store.Parsed
	// Plan sorts the valid ratings into new, identical and conflicting.
	Plan store.Plan
	// Docs are the file's documents that Apply adds: valid, of
	// BackupKinds, and not on the device yet. A document that fails
	// CheckDocument is in Parsed.Errors with its line.
	Docs []store.Document
	// DocsKept counts the file's documents already on the device, which
	// are kept as they are: an import never overwrites silently.
	DocsKept int
	// existing is what Plan was made against; Apply needs the same.
	existing []store.Rating
	gate     *Gate
}

// ReadImport parses data (a JSON export or a CSV file, already decrypted)
// and plans it against the ratings on the page's device (ReadImport of the
// gate Open returns).
func ReadImport(ctx context.Context, name string, data []byte, now time.Time) (*Import, error) {
	g, err := Open(ctx)
	if err != nil {
		return nil, err
	}
	return g.ReadImport(ctx, name, data, now)
}

// ReadImport parses data (a JSON export or a CSV file, already decrypted)
// and plans it against the ratings behind g. A file that cannot be read at
// all is an error naming it; rejected rows are in Parsed.Errors.
func (g *Gate) ReadImport(ctx context.Context, name string, data []byte, now time.Time) (*Import, error) {
	parsed, err := store.ParseImport(data, now)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return g.plan(ctx, name, parsed)
}

// ReadImportMapped reads a file in a layout Honoscope does not know by the
// user's column mapping m and plans it against the ratings on the page's
// device, as ReadImport does.
func ReadImportMapped(ctx context.Context, name string, data []byte, m *layout.Mapping, now time.Time) (*Import, error) {
	g, err := Open(ctx)
	if err != nil {
		return nil, err
	}
	parsed, err := store.ParseMapped(data, m, now)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return g.plan(ctx, name, parsed)
}

// plan checks parsed ratings and documents against those behind g.
func (g *Gate) plan(ctx context.Context, name string, parsed store.Parsed) (*Import, error) {
	s, err := g.Wait(ctx)
	if err != nil {
		return nil, err
	}
	existing, err := s.Ratings(ctx)
	if err != nil {
		return nil, err
	}
	im := &Import{Name: name, Parsed: parsed, existing: existing, gate: g}
	im.Plan = store.PlanImport(existing, &im.Parsed)
	for i, d := range parsed.Documents {
		if err := CheckDocument(d); err != nil {
			line := 0
			if i < len(parsed.DocLines) {
				line = parsed.DocLines[i]
			}
			im.Parsed.Errors = append(im.Parsed.Errors, store.ImportError{Line: line, Field: "documents",
				Msg: fmt.Sprintf("a document of kind %q was left out: %v", clip(d.Kind), err)})
			continue
		}
		if _, err := s.Doc(ctx, d.Kind, d.Key); !errors.Is(err, store.ErrNotFound) {
			if err != nil {
				return nil, err
			}
			im.DocsKept++
			continue
		}
		im.Docs = append(im.Docs, d)
	}
	slices.SortStableFunc(im.Parsed.Errors, func(a, b store.ImportError) int { return a.Line - b.Line })
	return im, nil
}

// Apply stores the import in one transaction, all or nothing: the
// ratings, with choices[i] deciding Plan.Conflicts[i] (a missing choice
// keeps the device's rating), and Docs.
func (im *Import) Apply(ctx context.Context, choices []store.Choice, now time.Time) (store.Summary, error) {
	s, err := im.gate.Wait(ctx)
	if err != nil {
		return store.Summary{}, err
	}
	return im.Plan.Apply(ctx, s, im.existing, choices, im.Docs, now)
}
