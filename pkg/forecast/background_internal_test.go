package forecast

import (
	"context"
	"testing"
)

func TestBackgroundQueueBoundsTheBytesItHolds(t *testing.T) {
	b := newBackgroundFits(1)
	defer b.close()
	b.queryStarted() // while a query runs no job starts, so what is queued stays queued
	defer b.queryEnded()
	noop := func(context.Context) error { return nil }
	b.enqueue("a", maxQueuedBytes/2, noop)
	b.enqueue("b", maxQueuedBytes/2, noop)
	b.enqueue("c", 1, noop) // over the bound: left for the next query that needs it
	if got := b.queued(); got != 2 {
		t.Fatalf("%d jobs queued, want the two within the byte bound", got)
	}
	b.mu.Lock()
	held := b.bytes
	b.mu.Unlock()
	if held != maxQueuedBytes {
		t.Errorf("%d bytes held, want %d", held, maxQueuedBytes)
	}
}
