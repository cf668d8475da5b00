package store

import (
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// The start's consistency check runs only on files whose meta page names a free list; checkFreelist must read that
// from bbolt's layout, or a damaged file is rebuilt on bbolt's own goroutine again.
func TestCheckFreelistFindsTheFreeList(t *testing.T) {
	write := func(t *testing.T, noSync bool) string {
		t.Helper()
		path := filepath.Join(t.TempDir(), DiskFileName)
		db, err := bolt.Open(path, 0o600, &bolt.Options{NoFreelistSync: noSync})
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"a", "b", "c"} { // several commits: the current meta has the highest txid
			if err := db.Update(func(tx *bolt.Tx) error {
				b, err := tx.CreateBucketIfNotExists([]byte("b"))
				if err != nil {
					return err
				}
				return b.Put([]byte(key), make([]byte, 5000))
			}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		return path
	}
	if got, err := checkFreelist(write(t, false)); err != nil || !got {
		t.Errorf("a file written with its free list: %v, %v; want true", got, err)
	}
	if got, err := checkFreelist(write(t, true)); err != nil || got {
		t.Errorf("a file written without one: %v, %v; want false", got, err)
	}
}
