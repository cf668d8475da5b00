package store

import (
	"context"
	"sync"
	"time"
)

// leaseTable holds the leases of one process (memory and disk stores: only one process opens a disk store).
type leaseTable struct {
	mu   sync.Mutex
	now  func() time.Time
	held map[string]heldLease
	next uint64
}

type heldLease struct {
	token uint64
	until time.Time
}

// sweepAbove is the table size past which expired leases (holders that never released) are swept.
const sweepAbove = 1024

func newLeaseTable(now func() time.Time) *leaseTable {
	return &leaseTable{now: now, held: map[string]heldLease{}}
}

func (t *leaseTable) take(key string, ttl time.Duration) (Lease, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if current, ok := t.held[key]; ok && now.Before(current.until) {
		return nil, false
	}
	if len(t.held) > sweepAbove {
		for k, l := range t.held {
			if !now.Before(l.until) {
				delete(t.held, k)
			}
		}
	}
	t.next++
	t.held[key] = heldLease{token: t.next, until: now.Add(ttl)}
	return localLease{table: t, key: key, token: t.next}, true
}

// localLease releases its key only while it still holds it: after its expiry another holder may have it.
type localLease struct {
	table *leaseTable
	key   string
	token uint64
}

func (l localLease) Release(context.Context) error {
	l.table.mu.Lock()
	defer l.table.mu.Unlock()
	if current, ok := l.table.held[l.key]; ok && current.token == l.token {
		delete(l.table.held, l.key)
	}
	return nil
}

// Renew extends the lease from now while this holder still has it.
func (l localLease) Renew(_ context.Context, ttl time.Duration) (bool, error) {
	l.table.mu.Lock()
	defer l.table.mu.Unlock()
	current, ok := l.table.held[l.key]
	now := l.table.now()
	if !ok || current.token != l.token || !now.Before(current.until) {
		return false, nil
	}
	l.table.held[l.key] = heldLease{token: l.token, until: now.Add(ttl)}
	return true, nil
}
