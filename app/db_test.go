package app

import (
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestTheDatabaseIsOpenedOnceAndShared(t *testing.T) {
	a, err := database(app.Context{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := database(app.Context{})
	if err != nil || a != b {
		t.Fatalf("second call gave another store (%p, %p) or %v", a, b, err)
	}
}
