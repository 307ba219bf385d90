package store

import (
	"context"
	"testing"
)

func TestMemoryStoreKeepsTheContract(t *testing.T) {
	t.Parallel()
	runContract(t, func(*testing.T) Store { return NewMemory() })
}

func TestMemoryStoreHonoursACancelledContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := NewMemory().Ratings(ctx); err == nil {
		t.Fatal("no error with a cancelled context")
	}
}
