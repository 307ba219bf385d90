package ui

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"honoscope/scoring"
)

// Small helpers that pages of both programs use (see Program).

// InstrumentName returns the display name of a stored instrument id.
func InstrumentName(id string) string {
	if in, err := scoring.LookupInstrument(id); err == nil {
		return in.Name
	}
	return id
}

// DateLayout is the layout of a rating date.
const DateLayout = "2006-01-02"

// Today returns the device's current date.
func Today() string { return time.Now().Format(DateLayout) }

// SCORMEnv is the go-app environment variable that marks a build packaged
// for a learning management system (honoscope scorm): "1" for SCORM 1.2,
// "2004" for SCORM 2004. Its pages are opened
// from an unknown path inside the LMS, so the app works out its root prefix
// from the address it was launched at (see scormPrefix).
const SCORMEnv = "HONOSCOPE_SCORM"

// InSCORM reports whether a SCORM package holds the page at path: the
// training section only (see scormPaths).
func InSCORM(path string) bool { return path == "/train" || strings.HasPrefix(path, "/train/") }

// packaged reports whether this page runs inside a SCORM package.
//
// Only the two values count: outside a package go-app hands back JavaScript
// undefined as the text "<undefined>", which must not read as a package.
func packaged() bool { v := app.Getenv(SCORMEnv); return v == "1" || v == "2004" }
