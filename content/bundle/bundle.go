// Package bundle holds Honoscope's training content, checked and rendered
// from the markdown in content/vignettes and content/pages at build time.
// The data lives in data_gen.go, written by "go generate ./content/..."; the
// browser build embeds it as Go literals, so it parses nothing at start-up
// and carries no markdown or YAML code.
package bundle

//go:generate go run honoscope/content/internal/bundlegen -content .. -out data_gen.go

import "honoscope/content"

// Vignettes returns every bundled vignette, ordered by file name. The slice
// is shared: do not modify it.
func Vignettes() []content.Vignette { return vignettes }

// Vignette returns the bundled vignette with the given id.
func Vignette(id string) (content.Vignette, bool) {
	for _, v := range vignettes {
		if v.ID == id {
			return v, true
		}
	}
	return content.Vignette{}, false
}

// Pages returns every bundled guidance page in reading order. The slice is
// shared: do not modify it.
func Pages() []content.Page { return pages }

// Page returns the bundled page with the given id.
func Page(id string) (content.Page, bool) {
	for _, p := range pages {
		if p.ID == id {
			return p, true
		}
	}
	return content.Page{}, false
}
