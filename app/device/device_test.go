package device

import (
	"context"
	"testing"
)

func TestTheDatabaseIsOpenedOnceAndShared(t *testing.T) {
	a, err := Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(context.Background())
	if err != nil || a != b {
		t.Fatalf("second call gave another store (%p, %p) or %v", a, b, err)
	}
}
