package store

import (
	"context"
	"sync"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/internal/lru"
)

// memoryEntryOverhead approximates the bookkeeping bytes of one entry beyond its key and value.
const memoryEntryOverhead = 128

// Memory keeps entries in this process, least recently used dropped first once MaxBytes is reached. It is the
// reference implementation (and the shared store of tests); a datasource in memory mode uses its fit cache alone.
type Memory struct {
	opts   Options
	leases *leaseTable

	mu      sync.Mutex
	entries *lru.Cache[string, memoryEntry]
	hits    int64
	misses  int64
}

type memoryEntry struct {
	value   []byte
	expires time.Time
}

// NewMemory makes an empty store.
func NewMemory(opts Options) *Memory {
	opts = opts.withDefaults()
	return &Memory{opts: opts, leases: newLeaseTable(opts.Now), entries: lru.New[string, memoryEntry](opts.MaxBytes)}
}

var _ Store = (*Memory)(nil)

// Get returns the stored slice itself: callers must not modify it.
func (m *Memory) Get(_ context.Context, key string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	value, ok := m.lookup(key, m.opts.Now())
	return value, ok, nil
}

func (m *Memory) GetMany(_ context.Context, keys []string) (map[string][]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.opts.Now()
	found := make(map[string][]byte, len(keys))
	for _, key := range keys {
		if value, ok := m.lookup(key, now); ok {
			found[key] = value
		}
	}
	return found, nil
}

// lookup finds a live entry and marks it recently used; an expired one is dropped. Holds m.mu.
func (m *Memory) lookup(key string, now time.Time) ([]byte, bool) {
	entry, ok := m.entries.Get(key)
	if ok && !now.Before(entry.expires) {
		m.entries.Remove(key)
		ok = false
	}
	if !ok {
		m.misses++
		return nil, false
	}
	m.hits++
	return entry.value, true
}

// Put copies value, so the caller may reuse its buffer.
func (m *Memory) Put(_ context.Context, key string, value []byte, ttl time.Duration) error {
	size := int64(len(key)+len(value)) + memoryEntryOverhead
	if int64(len(value)) > m.opts.MaxEntryBytes {
		return nil
	}
	entry := memoryEntry{value: append([]byte(nil), value...), expires: m.opts.Now().Add(m.opts.ttlOr(ttl))}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries.Put(key, entry, size)
	return nil
}

func (m *Memory) Lease(_ context.Context, key string, ttl time.Duration) (Lease, bool, error) {
	lease, ok := m.leases.take(key, ttl)
	return lease, ok, nil
}

func (m *Memory) Stats(context.Context) (Stats, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return Stats{Kind: "memory", Entries: int64(m.entries.Len()), Bytes: m.entries.Bytes(), Hits: m.hits, Misses: m.misses}, nil
}

func (m *Memory) Close() error { return nil }
