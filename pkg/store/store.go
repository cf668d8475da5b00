// Package store keeps what is expensive to compute per series (fitted models, selection results, sufficient
// statistics for incremental updates) beyond one process's memory: in memory, on disk for a single Grafana,
// or in Redis shared by Grafana replicas. Values are opaque bytes; callers version what they write.
package store

import (
	"context"
	"errors"
	"time"
)

// ErrUnavailable wraps a failure of the store's backend (disk, network). Callers fall back to computing the
// value and say so in a notice; it never fails a query.
var ErrUnavailable = errors.New("model store unavailable")

// ErrFull marks an ErrUnavailable of a write the backend refused for want of room (Redis at its maxmemory without
// eviction): it still answers reads, so the write is dropped without taking the store for down.
var ErrFull = errors.New("model store full")

// fullError is an ErrUnavailable that is also ErrFull.
type fullError struct{ err error }

func (e fullError) Error() string        { return e.err.Error() }
func (e fullError) Unwrap() error        { return e.err }
func (e fullError) Is(target error) bool { return target == ErrFull }

// Store is a bounded, expiring key-value store with per-key leases. Implementations are safe for concurrent
// use.
type Store interface {
	// Get returns the value under key; ok is false when it is absent or expired.
	Get(ctx context.Context, key string) (value []byte, ok bool, err error)
	// GetMany returns the values present among keys (absent keys are missing from the map), in as few round
	// trips as the backend allows.
	GetMany(ctx context.Context, keys []string) (map[string][]byte, error)
	// Put stores value under key for ttl (0: the store's default expiry). A value over the store's entry
	// bound is not stored.
	Put(ctx context.Context, key string, value []byte, ttl time.Duration) error
	// Lease asks for the right to compute key for ttl. ok is false while another holder (this process or
	// another replica) has it; a holder that dies loses it when ttl runs out.
	Lease(ctx context.Context, key string, ttl time.Duration) (lease Lease, ok bool, err error)
	// Stats reports the store's content.
	Stats(ctx context.Context) (Stats, error)
	Close() error
}

// Lease is a held right to compute one key.
type Lease interface {
	Release(ctx context.Context) error
}

// Renewable is a lease its holder can extend while it works, so a short ttl frees a dead holder's key soon
// without taking a slow computation's key away from a live one. ok is false once the lease was lost (it
// expired and another holder took it). The leases of this package's stores implement it.
type Renewable interface {
	Renew(ctx context.Context, ttl time.Duration) (ok bool, err error)
}

// Stats describes a store's content and use.
type Stats struct {
	Kind    string // "memory", "disk" or "redis"
	Entries int64
	Bytes   int64
	Hits    int64
	Misses  int64
}
