package forecast

import (
	"strings"
	"testing"
)

func TestFitCache(t *testing.T) {
	t.Run("should evict the least recently used model when full", func(t *testing.T) {
		entry := int64(1 + 100 + entryOverhead)
		c := NewFitCache(2 * entry)
		c.Put("a", Model{Text: strings.Repeat("x", 100)})
		c.Put("b", Model{Text: strings.Repeat("y", 100)})
		if _, ok := c.Get("a"); !ok { // a becomes the most recent
			t.Fatal("a missing")
		}
		c.Put("c", Model{Text: strings.Repeat("z", 100)})
		if _, ok := c.Get("b"); ok {
			t.Error("b should have been evicted")
		}
		if _, ok := c.Get("a"); !ok {
			t.Error("a should have stayed")
		}
		stats := c.Stats()
		if stats.Entries != 2 || stats.Bytes != 2*entry || stats.Bytes > stats.Capacity {
			t.Errorf("stats = %+v", stats)
		}
	})
	t.Run("should not store a model larger than the cache", func(t *testing.T) {
		c := NewFitCache(50)
		c.Put("big", Model{Text: strings.Repeat("x", 100)})
		if c.Stats().Entries != 0 {
			t.Error("oversized model stored")
		}
	})
	t.Run("should replace a model stored under the same key", func(t *testing.T) {
		c := NewFitCache(10_000)
		c.Put("k", Model{Text: "one"})
		c.Put("k", Model{Text: "three"})
		if m, _ := c.Get("k"); m.Text != "three" || c.Stats().Entries != 1 {
			t.Errorf("got %q, %d entries", m.Text, c.Stats().Entries)
		}
	})
}
