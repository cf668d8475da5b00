package lru

import "testing"

func TestCache(t *testing.T) {
	t.Run("should drop the least recently used entries once the declared bytes pass the capacity", func(t *testing.T) {
		c := New[string, int](10)
		c.Put("a", 1, 4)
		c.Put("b", 2, 4)
		if _, ok := c.Get("a"); !ok { // a is now the most recently used
			t.Fatal("a missing")
		}
		c.Put("c", 3, 4)
		if _, ok := c.Get("b"); ok {
			t.Error("b, the least recently used, should have gone")
		}
		if v, ok := c.Get("a"); !ok || v != 1 {
			t.Errorf("a = %v, %v", v, ok)
		}
		if c.Len() != 2 || c.Bytes() != 8 {
			t.Errorf("%d entries, %d bytes", c.Len(), c.Bytes())
		}
	})
	t.Run("should replace a key's value and size, and refuse a value larger than the cache", func(t *testing.T) {
		c := New[string, int](10)
		c.Put("a", 1, 4)
		c.Put("a", 2, 6)
		if v, _ := c.Get("a"); v != 2 || c.Bytes() != 6 || c.Len() != 1 {
			t.Errorf("a = %d, %d bytes, %d entries", v, c.Bytes(), c.Len())
		}
		if c.Put("huge", 3, 11) {
			t.Error("a value over the capacity was stored")
		}
		c.Remove("a")
		if c.Len() != 0 || c.Bytes() != 0 {
			t.Errorf("%d entries, %d bytes after removing the last", c.Len(), c.Bytes())
		}
	})
}
