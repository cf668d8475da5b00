package forecast

import (
	"sync"

	"github.com/foresight-anomaly/foresight/pkg/internal/lru"
)

// entryOverhead approximates the bookkeeping bytes of one cache entry beyond its key and model text.
const entryOverhead = 128

// FitCache is a least-recently-used cache of fitted models bounded by bytes. Safe for concurrent use.
type FitCache struct {
	mu      sync.Mutex
	entries *lru.Cache[string, Model]
	hits    int64
	misses  int64
}

// NewFitCache makes a cache holding at most capacityBytes of models.
func NewFitCache(capacityBytes int64) *FitCache {
	return &FitCache{entries: lru.New[string, Model](capacityBytes)}
}

// Get returns the model stored under key and marks it recently used.
func (c *FitCache) Get(key string) (Model, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	model, ok := c.entries.Get(key)
	if !ok {
		c.misses++
		return Model{}, false
	}
	c.hits++
	return model, true
}

// Put stores a model, evicting the least recently used ones until it fits. A model larger than the whole
// cache is not stored.
func (c *FitCache) Put(key string, model Model) {
	size := int64(len(key)+len(model.Text)+len(model.State)) + entryOverhead
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries.Put(key, model, size)
}

// CacheStats describes the cache's content and use.
type CacheStats struct {
	Entries      int
	Bytes        int64
	Capacity     int64
	Hits, Misses int64
}

// Stats reports the cache's size and hit counts.
func (c *FitCache) Stats() CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Entries: c.entries.Len(), Bytes: c.entries.Bytes(), Capacity: c.entries.Capacity(), Hits: c.hits, Misses: c.misses}
}
