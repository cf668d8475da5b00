package store

import (
	"encoding/binary"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
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

// A meta page is checksummed, not checked for sense: a crafted one with a page size of a few bytes must be refused,
// not read into a free list of 2^60 ids.
func TestCheckFreelistRefusesATinyPageSize(t *testing.T) {
	b := make([]byte, 8192)
	meta := b[pageHeaderBytes:]
	binary.LittleEndian.PutUint32(meta, metaMagic)
	binary.LittleEndian.PutUint32(meta[4:], metaVersion)
	binary.LittleEndian.PutUint32(meta[8:], 16)     // page size
	binary.LittleEndian.PutUint64(meta[32:], 100)   // free list page
	binary.LittleEndian.PutUint64(meta[40:], 1<<62) // high water
	h := fnv.New64a()
	_, _ = h.Write(meta[:56])
	binary.LittleEndian.PutUint64(meta[56:], h.Sum64())
	binary.LittleEndian.PutUint16(b[1600+8:], freelistFlag)
	binary.LittleEndian.PutUint16(b[1600+10:], freelistBigCount)
	binary.LittleEndian.PutUint64(b[1600+16:], 1<<60)
	path := filepath.Join(t.TempDir(), DiskFileName)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := checkFreelist(path); err == nil || !strings.Contains(err.Error(), "page size of 16 bytes") {
		t.Errorf("err %v, want the page size refused", err)
	}
}
