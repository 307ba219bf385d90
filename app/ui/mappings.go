package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/scoring/layout"
)

// mappingsKey is where the user's named column mappings are kept, in the
// browser's local storage of the site's origin, for both programs: the team
// view makes them and the People import reads files by them. A mapping
// holds column names only, never a cell of a file, so it needs none of the
// protection the ratings on the device have.
const mappingsKey = "honoscope.mappings"

// KeptMappings returns the user's named column mappings, newest first; a
// missing or unreadable entry is none.
func KeptMappings(ctx app.Context) []layout.Mapping {
	var ms []layout.Mapping
	if err := ctx.LocalStorage().Get(mappingsKey, &ms); err != nil {
		return nil
	}
	return ms
}

// KeepMappings stores the user's named column mappings.
func KeepMappings(ctx app.Context, ms []layout.Mapping) error {
	return ctx.LocalStorage().Set(mappingsKey, ms)
}

// MappingFor returns the first kept mapping that fits a header, if any.
func MappingFor(ctx app.Context, header []string) (layout.Mapping, bool) {
	for _, m := range KeptMappings(ctx) {
		if m.Fits(header) {
			return m, true
		}
	}
	return layout.Mapping{}, false
}
