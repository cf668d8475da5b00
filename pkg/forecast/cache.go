package forecast

import (
	"container/list"
	"sync"
)

// entryOverhead approximates the bookkeeping bytes of one cache entry beyond its key and model text.
const entryOverhead = 128

// FitCache is a least-recently-used cache of fitted models bounded by bytes. Safe for concurrent use.
type FitCache struct {
	mu       sync.Mutex
	capacity int64
	used     int64
	order    *list.List // front = most recently used
	entries  map[string]*list.Element
	hits     int64
	misses   int64
}

type cacheEntry struct {
	key   string
	model Model
	size  int64
}

// NewFitCache makes a cache holding at most capacityBytes of models.
func NewFitCache(capacityBytes int64) *FitCache {
	return &FitCache{capacity: capacityBytes, order: list.New(), entries: map[string]*list.Element{}}
}

// Get returns the model stored under key and marks it recently used.
func (c *FitCache) Get(key string) (Model, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		c.misses++
		return Model{}, false
	}
	c.hits++
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).model, true
}

// Put stores a model, evicting the least recently used ones until it fits. A model larger than the whole
// cache is not stored.
func (c *FitCache) Put(key string, model Model) {
	size := int64(len(key)+len(model.Text)+len(model.State)) + entryOverhead
	c.mu.Lock()
	defer c.mu.Unlock()
	if size > c.capacity {
		return
	}
	if el, ok := c.entries[key]; ok {
		c.removeElement(el)
	}
	for c.used+size > c.capacity && c.order.Len() > 0 {
		c.removeElement(c.order.Back())
	}
	c.entries[key] = c.order.PushFront(&cacheEntry{key: key, model: model, size: size})
	c.used += size
}

func (c *FitCache) removeElement(el *list.Element) {
	entry := el.Value.(*cacheEntry)
	c.order.Remove(el)
	delete(c.entries, entry.key)
	c.used -= entry.size
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
	return CacheStats{Entries: c.order.Len(), Bytes: c.used, Capacity: c.capacity, Hits: c.hits, Misses: c.misses}
}
