package store_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/foresight-anomaly/foresight/pkg/store"
)

func openDisk(tb testing.TB, dir, namespace string) *store.Disk {
	tb.Helper()
	d, err := store.OpenDisk(store.DiskOptions{Dir: dir, Namespace: namespace})
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// writtenFile is the store file in dir after n values of 3,000 bytes were put, the first half put again (so pages
// were freed), and the store closed: its path and its bytes.
func writtenFile(t *testing.T, dir string, n int) (string, []byte) {
	t.Helper()
	d := openDisk(t, dir, "ds")
	for i := range n {
		mustPut(t, d, fmt.Sprint("fit", i), make([]byte, 3000), 0)
	}
	for i := range n / 2 {
		mustPut(t, d, fmt.Sprint("fit", i), make([]byte, 5000), 0)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, store.DiskFileName)
	content, err := os.ReadFile(path) //nolint:gosec // the test's own file
	if err != nil {
		t.Fatal(err)
	}
	return path, content
}

// freelistPastTheFile sets the free list's count to 0xFFFF, which makes its first element the real count: here far
// more ids than the file holds.
func freelistPastTheFile(t *testing.T, b []byte) []byte {
	t.Helper()
	at := freelistPage(t, b)
	binary.LittleEndian.PutUint16(b[at+10:], 0xFFFF)
	binary.LittleEndian.PutUint64(b[at+16:], 1<<26)
	return b
}

// freelistPage is the offset of the free list page the current meta page (the higher txid of the two) names.
func freelistPage(t *testing.T, b []byte) int {
	t.Helper()
	pageSize := int(binary.LittleEndian.Uint32(b[16+8:]))
	meta := 16
	if binary.LittleEndian.Uint64(b[pageSize+16+48:]) > binary.LittleEndian.Uint64(b[16+48:]) {
		meta = pageSize + 16
	}
	at := int(binary.LittleEndian.Uint64(b[meta+32:])) * pageSize //nolint:gosec // a page id of the test's own small file
	if binary.LittleEndian.Uint16(b[at+8:]) != 0x10 {
		t.Fatal("no free list page where the meta page says")
	}
	return at
}

func TestDiskFile(t *testing.T) {
	t.Run("should keep what was put across a close and reopen, queued writes included", func(t *testing.T) {
		dir := t.TempDir()
		d, err := store.OpenDisk(store.DiskOptions{Dir: dir, Namespace: "ds", FlushInterval: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		mustPut(t, d, "fit", []byte("model"), 0)
		if err := d.Close(); err != nil { // the writer has not run (an hour's interval): Close commits the queue
			t.Fatal(err)
		}
		again := openDisk(t, dir, "ds")
		defer again.Close() //nolint:errcheck
		assertPresent(t, again, map[string]bool{"fit": true})
		if stats, _ := again.Stats(ctx); stats.Entries != 1 || stats.Bytes == 0 {
			t.Errorf("stats after reopening: %+v", stats)
		}
	})
	t.Run("should open a file written without its free list, as before it was kept", func(t *testing.T) {
		dir := t.TempDir()
		d := openDisk(t, dir, "ds")
		mustPut(t, d, "fit", []byte("model"), 0)
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
		// A commit without free-list sync rewrites the meta page to name no free list, as the store used to write it.
		legacy, err := bolt.Open(filepath.Join(dir, store.DiskFileName), 0o600, &bolt.Options{NoFreelistSync: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := legacy.Update(func(*bolt.Tx) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if err := legacy.Close(); err != nil {
			t.Fatal(err)
		}
		again := openDisk(t, dir, "ds")
		defer again.Close() //nolint:errcheck
		assertPresent(t, again, map[string]bool{"fit": true})
		mustPut(t, again, "fit2", []byte("model"), 0)
		again.Flush()
		assertPresent(t, again, map[string]bool{"fit": true, "fit2": true})
	})
	t.Run("should share the file between instances and keep datasources apart", func(t *testing.T) {
		dir := t.TempDir()
		old, replacement, other := openDisk(t, dir, "ds"), openDisk(t, dir, "ds"), openDisk(t, dir, "another")
		defer other.Close()       //nolint:errcheck
		defer replacement.Close() //nolint:errcheck
		mustPut(t, old, "fit", []byte("model"), 0)
		if err := old.Close(); err != nil { // Grafana disposes the old instance after making the new one
			t.Fatal(err)
		}
		assertPresent(t, replacement, map[string]bool{"fit": true})
		assertPresent(t, other, map[string]bool{"fit": false})
		if _, ok, _ := replacement.Lease(ctx, "k", time.Minute); !ok {
			t.Fatal("no lease")
		}
	})
	t.Run("should fail with ErrUnavailable when another process holds the file", func(t *testing.T) {
		dir := t.TempDir()
		holder, err := bolt.Open(filepath.Join(dir, store.DiskFileName), 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer holder.Close() //nolint:errcheck
		_, err = store.OpenDisk(store.DiskOptions{Dir: dir, Namespace: "ds", LockTimeout: 50 * time.Millisecond})
		if !errors.Is(err, store.ErrUnavailable) {
			t.Fatalf("err %v, want ErrUnavailable", err)
		}
	})
	t.Run("should fail with ErrUnavailable, not crash the process, on a damaged file", func(t *testing.T) {
		for name, damage := range map[string]func([]byte) []byte{
			"overwritten pages": func(b []byte) []byte {
				for at := 2 * 4096; at+64 <= len(b); at += 7 * 4096 {
					copy(b[at:at+64], bytes.Repeat([]byte{0xff}, 64))
				}
				return b
			},
			"truncated":                           func(b []byte) []byte { return b[:len(b)/2] },
			"a free list that runs past the file": func(b []byte) []byte { return freelistPastTheFile(t, b) },
			"a free list naming a meta page": func(b []byte) []byte {
				// The next commit would write over meta page 1 (bbolt's own check counts meta pages as reachable).
				at := freelistPage(t, b)
				count := int(binary.LittleEndian.Uint16(b[at+10:]))
				ids := at + 16
				copy(b[ids+8:ids+8*(count+1)], b[ids:ids+8*count]) // page 1 added in front of the ids listed
				binary.LittleEndian.PutUint64(b[ids:], 1)
				binary.LittleEndian.PutUint16(b[at+10:], uint16(count+1)) //nolint:gosec // a few ids
				return b
			},
			"a page referenced twice": func(b []byte) []byte {
				pageSize := int(binary.LittleEndian.Uint32(b[16+8:])) // meta page: header, magic, version, page size
				for at := 2 * pageSize; at+pageSize <= len(b); at += pageSize {
					// A branch page (flag 1) of at least two elements (pos, ksize, pgid after a 16-byte header): the second
					// points where the first does, each page sound on its own.
					if binary.LittleEndian.Uint16(b[at+8:]) == 1 && binary.LittleEndian.Uint16(b[at+10:]) >= 2 {
						copy(b[at+16+16+8:at+16+16+16], b[at+16+8:at+16+16])
						return b
					}
				}
				t.Fatal("no branch page")
				return b
			},
		} {
			t.Run(name, func(t *testing.T) {
				dir := t.TempDir()
				path, content := writtenFile(t, dir, 2000)
				if err := os.WriteFile(path, damage(content), 0o600); err != nil {
					t.Fatal(err)
				}
				if _, err := store.OpenDisk(store.DiskOptions{Dir: dir, Namespace: "ds"}); !errors.Is(err, store.ErrUnavailable) {
					t.Fatalf("err %v, want ErrUnavailable", err)
				}
			})
		}
	})
	t.Run("should hold nothing of a damaged file it refused: put back whole, it opens", func(t *testing.T) {
		// A refusal from inside bbolt's open left the file locked and mapped, so the file put back in place timed out.
		for name, damage := range map[string]func([]byte) []byte{
			"a free list that runs past the file": func(b []byte) []byte { return freelistPastTheFile(t, b) },
			"a free list page flagged as more than one": func(b []byte) []byte {
				binary.LittleEndian.PutUint16(b[freelistPage(t, b)+8:], 0x11) // bbolt panics at any flag but 0x10
				return b
			},
		} {
			t.Run(name, func(t *testing.T) {
				dir := t.TempDir()
				path, good := writtenFile(t, dir, 200)
				bad := damage(bytes.Clone(good))
				for range 2 {
					if err := os.WriteFile(path, bad, 0o600); err != nil { //nolint:gosec // the test's own file
						t.Fatal(err)
					}
					if _, err := store.OpenDisk(store.DiskOptions{Dir: dir, Namespace: "ds"}); !errors.Is(err, store.ErrUnavailable) {
						t.Fatalf("err %v, want ErrUnavailable", err)
					}
				}
				if err := os.WriteFile(path, good, 0o600); err != nil { //nolint:gosec // the same file (inode), whole again
					t.Fatal(err)
				}
				again := openDisk(t, dir, "ds")
				defer again.Close() //nolint:errcheck
				assertPresent(t, again, map[string]bool{"fit150": true})
			})
		}
	})
	t.Run("should fail with ErrUnavailable, not crash the process, on a file damaged while it is open", func(t *testing.T) {
		for name, damage := range map[string]func(path string) error{
			"truncated": func(path string) error { return os.Truncate(path, 4096) },
			"overwritten pages": func(path string) error {
				f, err := os.OpenFile(path, os.O_WRONLY, 0) //nolint:gosec // the test's own file
				if err != nil {
					return err
				}
				defer f.Close() //nolint:errcheck
				for at := int64(2 * 4096); at < 2000*3000; at += 4096 {
					if _, err := f.WriteAt(bytes.Repeat([]byte{0xff}, 64), at); err != nil {
						return err
					}
				}
				return nil
			},
		} {
			t.Run(name, func(t *testing.T) {
				dir := t.TempDir()
				d, err := store.OpenDisk(store.DiskOptions{Dir: dir, Namespace: "ds", FlushInterval: time.Hour})
				if err != nil {
					t.Fatal(err)
				}
				defer d.Close() //nolint:errcheck
				keys := make([]string, 2000)
				for i := range keys {
					keys[i] = fmt.Sprint("fit", i)
					mustPut(t, d, keys[i], make([]byte, 3000), 0)
				}
				d.Flush()
				if err := damage(d.Path()); err != nil {
					t.Fatal(err)
				}
				if _, err := d.GetMany(ctx, keys); !errors.Is(err, store.ErrUnavailable) {
					t.Fatalf("read: err %v, want ErrUnavailable", err)
				}
				mustPut(t, d, "new", []byte("model"), 0)
				d.Flush()
				if err := d.Put(ctx, "newer", []byte("model"), 0); !errors.Is(err, store.ErrUnavailable) {
					t.Fatalf("write after a failed commit: err %v, want ErrUnavailable", err)
				}
			})
		}
	})
	t.Run("should fail with ErrUnavailable, not crash the process, when a write is the first to meet the damage", func(t *testing.T) {
		d := flushedDisk(t, 2000)
		defer d.Close() //nolint:errcheck
		// The meta pages stay, the pages they point to go: a write transaction's rollback would walk them on a
		// goroutine of bbolt's own, where the fault cannot be recovered.
		if err := os.Truncate(d.Path(), 4*4096); err != nil {
			t.Fatal(err)
		}
		mustPut(t, d, "new", []byte("model"), 0)
		d.Flush()
		if err := d.Put(ctx, "newer", []byte("model"), 0); !errors.Is(err, store.ErrUnavailable) {
			t.Fatalf("write after a failed commit: err %v, want ErrUnavailable", err)
		}
		if _, err := d.GetMany(ctx, []string{"fit1", "new"}); !errors.Is(err, store.ErrUnavailable) {
			t.Fatalf("read: err %v, want ErrUnavailable", err)
		}
	})
	t.Run("should answer every concurrent read of a file whose meta pages went while it is open", func(t *testing.T) {
		d := flushedDisk(t, 200)
		defer d.Close() //nolint:errcheck
		// The second meta page goes: a transaction's start faults on it while it holds bbolt's meta lock, which
		// then stays held; a read that had started meanwhile would wait on it for good.
		if err := os.Truncate(d.Path(), 4096); err != nil {
			t.Fatal(err)
		}
		start := make(chan struct{})
		done := make(chan error, 64)
		for range cap(done) {
			go func() {
				<-start
				_, err := d.GetMany(ctx, []string{"fit1"})
				done <- err
			}()
		}
		close(start)
		timeout := time.After(time.Minute) // the reads take milliseconds; a minute only tells a hang on a loaded machine
		for range cap(done) {
			select {
			case err := <-done:
				if !errors.Is(err, store.ErrUnavailable) {
					t.Fatalf("read: err %v, want ErrUnavailable", err)
				}
			case <-timeout:
				t.Fatal("a read waits for good")
			}
		}
	})
	t.Run("should fail with ErrUnavailable on a directory it cannot create", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "a file")
		if err := os.WriteFile(file, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := store.OpenDisk(store.DiskOptions{Dir: filepath.Join(file, "dir"), Namespace: "ds"}); !errors.Is(err, store.ErrUnavailable) {
			t.Fatalf("err %v", err)
		}
	})
}

// The 10k benchmarks put 10,000 values of 8 KiB (about a fitted model each) and read them back with one
// GetMany: go test ./pkg/store -run '^$' -bench 10k -benchtime 1x
const benchEntries, benchValueBytes = 10_000, 8 << 10

func benchValues() ([]string, []byte) {
	value := make([]byte, benchValueBytes)
	for i := range value {
		value[i] = byte(i * 7)
	}
	keys := make([]string, benchEntries)
	for i := range keys {
		keys[i] = fmt.Sprintf("fit\x00series-%05d\x00params\x00300000", i)
	}
	return keys, value
}

// putAll puts every key (the Put side of a benchmark) and reports its time.
func putAll(b *testing.B, s store.Store, keys []string, value []byte) {
	b.Helper()
	start := time.Now()
	for _, key := range keys {
		if err := s.Put(ctx, key, value, 0); err != nil {
			b.Fatal(err)
		}
	}
	if d, ok := s.(*store.Disk); ok {
		d.Flush()
	}
	b.ReportMetric(time.Since(start).Seconds(), "put_s")
}

// getAll reads every key with one GetMany and reports its time.
func getAll(b *testing.B, s store.Store, keys []string) {
	b.Helper()
	start := time.Now()
	found, err := s.GetMany(ctx, keys)
	b.ReportMetric(time.Since(start).Seconds(), "getmany_s")
	if err != nil || len(found) != len(keys) {
		b.Fatalf("found %d, err %v", len(found), err)
	}
}

// BenchmarkDisk10k writes, closes, reopens (a restart) and reads; it reports the file's size.
func BenchmarkDisk10k(b *testing.B) {
	keys, value := benchValues()
	for range b.N {
		dir := b.TempDir()
		d := openDisk(b, dir, "bench")
		putAll(b, d, keys, value)
		if err := d.Close(); err != nil {
			b.Fatal(err)
		}
		d = openDisk(b, dir, "bench")
		getAll(b, d, keys)
		info, _ := os.Stat(d.Path())
		_ = d.Close()
		b.ReportMetric(float64(info.Size())/(1<<20), "file_MiB")
	}
}

// flushedDisk is a disk store in a directory of its own holding entries values of 3,000 bytes, committed.
func flushedDisk(t *testing.T, entries int) *store.Disk {
	t.Helper()
	d, err := store.OpenDisk(store.DiskOptions{Dir: t.TempDir(), Namespace: "ds", FlushInterval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	for i := range entries {
		mustPut(t, d, fmt.Sprint("fit", i), make([]byte, 3000), 0)
	}
	d.Flush()
	return d
}
