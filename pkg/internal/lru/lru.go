// Package lru is a map bounded by the bytes its entries declare, least recently used out first. It is not safe
// for concurrent use: its users hold a lock of their own, under which they also keep their counts.
package lru

import "container/list"

// Cache holds at most capacity bytes of entries, as their sizes were declared to Put.
type Cache[K comparable, V any] struct {
	capacity int64
	used     int64
	order    *list.List // front = most recently used
	entries  map[K]*list.Element
}

type entry[K comparable, V any] struct {
	key   K
	value V
	size  int64
}

// New makes an empty cache of capacity bytes.
func New[K comparable, V any](capacity int64) *Cache[K, V] {
	return &Cache[K, V]{capacity: capacity, order: list.New(), entries: map[K]*list.Element{}}
}

// Get returns the value under key and marks it recently used.
func (c *Cache[K, V]) Get(key K) (V, bool) {
	el, ok := c.entries[key]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry[K, V]).value, true
}

// Put stores value under key, replacing what was there, and drops the least recently used entries until it fits.
// A value larger than the whole cache is not stored (false).
func (c *Cache[K, V]) Put(key K, value V, size int64) bool {
	if size > c.capacity {
		return false
	}
	c.Remove(key)
	for c.used+size > c.capacity && c.order.Len() > 0 {
		c.removeElement(c.order.Back())
	}
	c.entries[key] = c.order.PushFront(&entry[K, V]{key: key, value: value, size: size})
	c.used += size
	return true
}

// Remove drops the entry under key, if any.
func (c *Cache[K, V]) Remove(key K) {
	if el, ok := c.entries[key]; ok {
		c.removeElement(el)
	}
}

func (c *Cache[K, V]) removeElement(el *list.Element) {
	e := el.Value.(*entry[K, V])
	c.order.Remove(el)
	delete(c.entries, e.key)
	c.used -= e.size
}

// Len is the number of entries.
func (c *Cache[K, V]) Len() int { return c.order.Len() }

// Bytes is the sum of the entries' declared sizes.
func (c *Cache[K, V]) Bytes() int64 { return c.used }

// Capacity is the bound on Bytes.
func (c *Cache[K, V]) Capacity() int64 { return c.capacity }
