package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
)

// DiskFileName is the database file a disk store keeps in its directory.
const DiskFileName = "foresight-models.db"

// DiskOptions place and bound a disk store. Zero values take the defaults.
type DiskOptions struct {
	Options
	// Dir holds DiskFileName; it is created when missing.
	Dir string
	// Namespace separates the datasources that share the file (their UID); each has its own bound.
	Namespace string
	// FlushInterval is the longest a Put waits in memory before a write transaction takes it (default 200 ms).
	FlushInterval time.Duration
	// LockTimeout bounds the wait for another process that has the file open (default 1 s): bbolt allows one.
	LockTimeout time.Duration
}

// Writes are batched: Put queues the value and a background writer commits the queue in one transaction (one
// fsync) every FlushInterval, or at once when it holds flushEntries or flushBytes. Past maxPendingBytes a Put
// writes the queue itself, which holds a burst of writers back to the disk's pace.
const (
	flushEntries    = 2048
	flushBytes      = 8 << 20
	maxPendingBytes = 64 << 20
	sweepInterval   = 10 * time.Minute
	// diskEntryOverhead approximates the bytes of one entry beyond its value: hashed key, expiry, index entry.
	diskEntryOverhead = 64
)

var (
	bucketValues = []byte("v") // hashed key → expiry (8 bytes, Unix ns, big-endian) + value
	bucketExpiry = []byte("x") // expiry + hashed key → nothing, in expiry order, for sweeping and eviction
)

// openFiles are the database files this process has open, by path: bbolt locks a file for one process, and
// Grafana creates a datasource's new instance before it disposes the old one, so instances share the file.
var openFiles = struct {
	sync.Mutex
	byPath map[string]*diskFile
}{byPath: map[string]*diskFile{}}

type diskFile struct {
	path   string
	db     *bolt.DB
	spaces map[string]*diskSpace // guarded by openFiles
	// writeMu admits one write transaction at a time: a write that panicked leaves bbolt's write lock held, and a
	// writer waiting here sees the damage instead of waiting on that lock for good.
	writeMu  sync.Mutex
	beginMu  sync.Mutex  // one transaction start (or read's end) at a time: begin, endRead
	metaHeld atomic.Bool // a start panicked holding bbolt's meta lock
	// damage is what a transaction found wrong with the file while it was open. bbolt may still hold its locks
	// after the panic that told it, so nothing touches db again, closing included.
	damage atomic.Pointer[error]
}

// diskSpace is one namespace of a file, shared by the handles open on it.
type diskSpace struct {
	file   *diskFile
	bucket []byte
	refs   int // guarded by openFiles
	leases *leaseTable

	mu           sync.Mutex
	opts         Options
	pending      map[string]pendingPut // by hashed key, until committed
	pendingBytes int64
	seq          uint64
	used         int64 // committed entries' bytes
	entries      int64
	hits, misses int64
	writeErr     error

	flushMu sync.Mutex // one write transaction at a time
	wake    chan struct{}
	stop    chan struct{}
	done    chan struct{}
}

type pendingPut struct {
	value   []byte
	expires time.Time
	seq     uint64
}

// Disk is a store in an embedded bbolt database file, for a single Grafana. Open it with OpenDisk.
type Disk struct {
	space *diskSpace
	once  sync.Once
}

var _ Store = (*Disk)(nil)

// OpenDisk opens (or creates) the store file in opts.Dir. A file another process holds fails after LockTimeout
// with ErrUnavailable.
func OpenDisk(opts DiskOptions) (*Disk, error) {
	opts.Options = opts.withDefaults()
	if opts.FlushInterval <= 0 {
		opts.FlushInterval = 200 * time.Millisecond
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = time.Second
	}
	if opts.Dir == "" {
		return nil, fmt.Errorf("%w: the disk store has no directory", ErrUnavailable)
	}
	path := filepath.Join(opts.Dir, DiskFileName)
	openFiles.Lock()
	defer openFiles.Unlock()
	file, err := openFile(path, opts.LockTimeout)
	if err != nil {
		return nil, err
	}
	space := file.spaces[opts.Namespace]
	if space == nil {
		if space, err = openSpace(file, opts); err != nil {
			if len(file.spaces) == 0 {
				_ = file.close()
				delete(openFiles.byPath, path)
			}
			return nil, err
		}
		file.spaces[opts.Namespace] = space
		go space.write(opts.FlushInterval)
	}
	space.refs++
	space.mu.Lock()
	space.opts = opts.Options // the newest instance's bounds apply
	space.mu.Unlock()
	return &Disk{space: space}, nil
}

// openFile returns the open file at path or opens it. Holds openFiles.
func openFile(path string, lockTimeout time.Duration) (*diskFile, error) {
	if file, ok := openFiles.byPath[path]; ok {
		return file, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("%w: disk store directory: %v", ErrUnavailable, err)
	}
	if err := checkFile(path, lockTimeout); err != nil {
		return nil, fmt.Errorf("%w: disk store %s: %v", ErrUnavailable, path, err)
	}
	db, err := openBolt(path, lockTimeout)
	if err != nil {
		return nil, fmt.Errorf("%w: disk store %s: %v", ErrUnavailable, path, err)
	}
	file := &diskFile{path: path, db: db, spaces: map[string]*diskSpace{}}
	openFiles.byPath[path] = file
	return file, nil
}

// checkFile reads every page of an existing file before it is opened for writing, on the caller's goroutine, so a
// damaged page (a disk error, a truncated copy) is an error and the datasource answers from memory with a notice.
// A file with its free list written also gets bbolt's consistency check (a page two branches point to, say), which
// the writer would otherwise meet as an assertion. A file without one (written before the free list was kept)
// gets only the walk: checking it would rebuild the free list on a goroutine of bbolt's own, which races with the
// check's end when the rebuild finds damage; opening it for writing rebuilds it once, on this goroutine.
func checkFile(path string, lockTimeout time.Duration) (err error) {
	info, statErr := os.Stat(path)
	if statErr != nil || info.Size() == 0 {
		return nil // a missing or empty file is created by the open
	}
	synced, err := checkFreelist(path)
	if err != nil {
		return fmt.Errorf("damaged file (delete it to start afresh): %v", err)
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true)) // a page past the mapped end is a panic, not a crash
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("damaged file (delete it to start afresh): %v", r)
		}
	}()
	// A written free list is read here, on this goroutine, where a count past the file's end is a recovered fault;
	// left to the check, it would be read on the check's own goroutine, where the fault ends the process.
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout, ReadOnly: true, PreLoadFreelist: synced})
	if err != nil {
		return err
	}
	defer db.Close() //nolint:errcheck // read-only
	return db.View(func(tx *bolt.Tx) error {
		if tx.Size() > info.Size() {
			return fmt.Errorf("damaged file (delete it to start afresh): truncated to %d of its %d bytes", info.Size(), tx.Size())
		}
		if err := tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walkBucket(b) }); err != nil || !synced {
			return err
		}
		var first error
		for problem := range tx.Check() { // drained to the end: the checking goroutine then has finished
			if first == nil {
				first = fmt.Errorf("damaged file (delete it to start afresh): %v", problem)
			}
		}
		return first
	})
}

// openBolt opens path for writing. The free list is written with every commit, so neither a start nor a rollback
// rebuilds it by walking every page on a goroutine of bbolt's own, where damage ends the process. A file written
// without one gets it rebuilt here once: the rebuild checks the pages' references and panics at what is wrong,
// which is a damaged file too.
func openBolt(path string, lockTimeout time.Duration) (db *bolt.DB, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true)) // the free list it reads may run past the file's end
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, fmt.Errorf("damaged file (delete it to start afresh): %v", r)
		}
	}()
	return bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout, FreelistType: bolt.FreelistMapType})
}

// walkBucket visits every page of b and its nested buckets.
func walkBucket(b *bolt.Bucket) error {
	return b.ForEach(func(k, v []byte) error {
		if v == nil {
			if nested := b.Bucket(k); nested != nil {
				return walkBucket(nested)
			}
		}
		return nil
	})
}

// tx runs a read or write transaction of the open file with what a page damaged while the file is open does turned
// into an error: a bbolt assertion panics, and a page past the end of a file truncated under the store faults. On
// a query's goroutine or the writer's either would end the plugin. The file is then taken for damaged for good.
func (f *diskFile) tx(write bool, fn func(*bolt.Tx) error) (err error) {
	if write {
		f.writeMu.Lock()
		defer f.writeMu.Unlock()
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = f.damaged(r)
		}
	}()
	t, err := f.begin(write)
	if err != nil {
		return err
	}
	if !write {
		defer f.endRead(t)
		return fn(t)
	}
	// Not Update: its rollback after a panic rebuilds the free list (NoFreelistSync) by walking every page on a
	// goroutine of bbolt's own, where the fault of a truncated file ends the process. A write that panicked is
	// left open instead: the file is damaged for good.
	if err := fn(t); err != nil {
		_ = t.Rollback()
		return err
	}
	return t.Commit()
}

// begin starts a transaction, one at a time: a start that panics (its meta page gone) leaves bbolt's meta lock
// held, and a start waiting on that lock would wait for good; waiting here instead, it sees the damage.
func (f *diskFile) begin(write bool) (t *bolt.Tx, err error) {
	f.beginMu.Lock()
	defer f.beginMu.Unlock()
	if damage := f.damage.Load(); damage != nil {
		return nil, *damage
	}
	defer func() {
		if r := recover(); r != nil {
			f.metaHeld.Store(true)
			t, err = nil, f.damaged(r)
		}
	}()
	return f.db.Begin(write)
}

// endRead ends a read transaction, unless a start that panicked holds the meta lock its end would wait on.
func (f *diskFile) endRead(t *bolt.Tx) {
	f.beginMu.Lock()
	defer f.beginMu.Unlock()
	if !f.metaHeld.Load() {
		_ = t.Rollback() // a read-only transaction's rollback only releases it
	}
}

// damaged marks the file damaged for good by what a transaction's panic said, and returns that as the error.
func (f *diskFile) damaged(r any) error {
	damage := fmt.Errorf("damaged file (delete it and restart to start afresh): %v", r)
	f.damage.Store(&damage)
	return damage
}

// close closes the database unless it was found damaged (its locks may be held for good).
func (f *diskFile) close() error {
	if f.damage.Load() != nil {
		return nil
	}
	return f.db.Close()
}

// openSpace creates the namespace's buckets and counts what they hold.
func openSpace(file *diskFile, opts DiskOptions) (*diskSpace, error) {
	space := &diskSpace{
		file: file, bucket: []byte("ns:" + opts.Namespace), leases: newLeaseTable(opts.Now), opts: opts.Options,
		pending: map[string]pendingPut{},
		wake:    make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{}),
	}
	err := file.tx(true, func(tx *bolt.Tx) error {
		root, err := tx.CreateBucketIfNotExists(space.bucket)
		if err != nil {
			return err
		}
		if _, err := root.CreateBucketIfNotExists(bucketExpiry); err != nil {
			return err
		}
		values, err := root.CreateBucketIfNotExists(bucketValues)
		if err != nil {
			return err
		}
		return values.ForEach(func(_, v []byte) error {
			space.used += diskEntrySize(v)
			space.entries++
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("%w: disk store %s: %v", ErrUnavailable, file.path, err)
	}
	return space, nil
}

// diskEntrySize is the bytes an entry counts for, from its stored value (expiry + value).
func diskEntrySize(stored []byte) int64 {
	return int64(len(stored)-8) + diskEntryOverhead
}

func (d *Disk) Get(_ context.Context, key string) ([]byte, bool, error) {
	found, err := d.space.getMany([]string{key})
	value, ok := found[key]
	return value, ok, err
}

func (d *Disk) GetMany(_ context.Context, keys []string) (map[string][]byte, error) {
	return d.space.getMany(keys)
}

// getMany answers from the queue what is not committed yet, the rest from one read transaction.
func (s *diskSpace) getMany(keys []string) (map[string][]byte, error) {
	found := make(map[string][]byte, len(keys))
	s.mu.Lock()
	now := s.opts.Now()
	var unqueued []string
	for _, key := range keys {
		if p, ok := s.pending[string(hashKey(key))]; ok {
			if now.Before(p.expires) {
				found[key] = p.value
			}
			continue
		}
		unqueued = append(unqueued, key)
	}
	s.mu.Unlock()
	err := s.file.tx(false, func(tx *bolt.Tx) error {
		values := tx.Bucket(s.bucket).Bucket(bucketValues)
		for _, key := range unqueued {
			stored := values.Get(hashKey(key))
			if len(stored) < 8 || !now.Before(expiryOf(stored)) {
				continue
			}
			found[key] = append([]byte(nil), stored[8:]...) // bbolt's memory is valid only in the transaction
		}
		return nil
	})
	s.mu.Lock()
	s.hits += int64(len(found))
	s.misses += int64(len(keys) - len(found))
	s.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("%w: disk store read: %v", ErrUnavailable, err)
	}
	return found, nil
}

func expiryOf(stored []byte) time.Time {
	return time.Unix(0, int64(binary.BigEndian.Uint64(stored[:8]))) //nolint:gosec // written from a positive Unix time
}

// Put queues the value (copied) for the writer; a failure of an earlier write is reported here.
func (d *Disk) Put(_ context.Context, key string, value []byte, ttl time.Duration) error {
	s := d.space
	s.mu.Lock()
	if int64(len(value)) > s.opts.MaxEntryBytes || int64(len(value))+diskEntryOverhead > s.opts.MaxBytes {
		s.mu.Unlock()
		return nil
	}
	writeErr := s.writeErr
	s.writeErr = nil
	hashed := string(hashKey(key))
	if old, ok := s.pending[hashed]; ok {
		s.pendingBytes -= int64(len(old.value))
	}
	s.seq++
	s.pending[hashed] = pendingPut{value: append([]byte(nil), value...), expires: s.opts.Now().Add(s.opts.ttlOr(ttl)), seq: s.seq}
	s.pendingBytes += int64(len(value))
	full := len(s.pending) >= flushEntries || s.pendingBytes >= flushBytes
	overfull := s.pendingBytes >= maxPendingBytes
	s.mu.Unlock()
	switch {
	case overfull:
		s.flush()
	case full:
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
	if writeErr != nil {
		err := fmt.Errorf("%w: disk store write: %v", ErrUnavailable, writeErr)
		if errors.Is(writeErr, syscall.ENOSPC) || errors.Is(writeErr, syscall.EDQUOT) {
			return fullError{err} // what is committed still reads
		}
		return err
	}
	return nil
}

// Flush commits the queued writes now (tests and benchmarks; the writer does it on its own).
func (d *Disk) Flush() { d.space.flush() }

// Path is the database file (its size is the store's footprint on disk).
func (d *Disk) Path() string { return d.space.file.path }

func (s *diskSpace) write(interval time.Duration) {
	defer close(s.done)
	flushTicker := time.NewTicker(interval)
	defer flushTicker.Stop()
	sweepTicker := time.NewTicker(sweepInterval)
	defer sweepTicker.Stop()
	for {
		select {
		case <-s.stop:
			s.flush()
			return
		case <-s.wake:
			s.flush()
		case <-flushTicker.C:
			s.flush()
		case <-sweepTicker.C:
			s.sweep()
		}
	}
}

// flush commits the queue in one transaction, then drops what it committed from the queue (a value put again
// meanwhile stays queued).
func (s *diskSpace) flush() {
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	s.mu.Lock()
	batch := make(map[string]pendingPut, len(s.pending))
	for k, p := range s.pending {
		batch[k] = p
	}
	opts, used, entries := s.opts, s.used, s.entries
	s.mu.Unlock()
	if len(batch) == 0 {
		return
	}
	err := s.file.tx(true, func(tx *bolt.Tx) error {
		root := tx.Bucket(s.bucket)
		values, index := root.Bucket(bucketValues), root.Bucket(bucketExpiry)
		now := opts.Now()
		for hashed, p := range batch {
			if old := values.Get([]byte(hashed)); old != nil {
				if err := index.Delete(indexKey(expiryOf(old), hashed)); err != nil {
					return err
				}
				used -= diskEntrySize(old)
				entries--
			}
			if !now.Before(p.expires) {
				if err := values.Delete([]byte(hashed)); err != nil {
					return err
				}
				continue
			}
			stored := make([]byte, 8+len(p.value))
			binary.BigEndian.PutUint64(stored, uint64(p.expires.UnixNano())) //nolint:gosec // a positive Unix time
			copy(stored[8:], p.value)
			if err := values.Put([]byte(hashed), stored); err != nil {
				return err
			}
			if err := index.Put(indexKey(p.expires, hashed), nil); err != nil {
				return err
			}
			used += diskEntrySize(stored)
			entries++
		}
		var err error
		used, entries, err = evict(values, index, now, opts.MaxBytes, used, entries)
		return err
	})
	s.mu.Lock()
	defer s.mu.Unlock()
	// The batch leaves the queue written or not: its values can be fitted again, and a queue kept after a failed
	// write (a full disk) would only grow, and make every Put retry the write.
	for hashed, p := range batch {
		if current, ok := s.pending[hashed]; ok && current.seq == p.seq {
			s.pendingBytes -= int64(len(p.value))
			delete(s.pending, hashed)
		}
	}
	if err != nil {
		s.writeErr = err
		return
	}
	s.used, s.entries = used, entries
}

// sweep deletes expired entries (the writer does it now and then, and every flush on its way).
func (s *diskSpace) sweep() {
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	s.mu.Lock()
	opts, used, entries := s.opts, s.used, s.entries
	s.mu.Unlock()
	err := s.file.tx(true, func(tx *bolt.Tx) error {
		root := tx.Bucket(s.bucket)
		var err error
		used, entries, err = evict(root.Bucket(bucketValues), root.Bucket(bucketExpiry), opts.Now(), opts.MaxBytes, used, entries)
		return err
	})
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.writeErr = err
		return
	}
	s.used, s.entries = used, entries
}

// evict deletes, soonest expiry first, the entries that have expired and then as many as it takes to bring
// the namespace under maxBytes. With one expiry for every write that drops the oldest-written first.
func evict(values, index *bolt.Bucket, now time.Time, maxBytes, used, entries int64) (int64, int64, error) {
	c := index.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.First() {
		if now.Before(expiryOf(k)) && used <= maxBytes {
			break
		}
		hashed := k[8:]
		if stored := values.Get(hashed); stored != nil {
			used -= diskEntrySize(stored)
			entries--
			if err := values.Delete(hashed); err != nil {
				return used, entries, err
			}
		}
		if err := c.Delete(); err != nil {
			return used, entries, err
		}
	}
	return used, entries, nil
}

func indexKey(expires time.Time, hashed string) []byte {
	k := make([]byte, 8+len(hashed))
	binary.BigEndian.PutUint64(k, uint64(expires.UnixNano())) //nolint:gosec // a positive Unix time
	copy(k[8:], hashed)
	return k
}

// Lease is held in this process: no other process can open the file meanwhile.
func (d *Disk) Lease(_ context.Context, key string, ttl time.Duration) (Lease, bool, error) {
	lease, ok := d.space.leases.take(key, ttl)
	return lease, ok, nil
}

// Stats counts the committed entries and the queued ones.
func (d *Disk) Stats(context.Context) (Stats, error) {
	s := d.space
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{Kind: "disk", Entries: s.entries + int64(len(s.pending)), Bytes: s.used + s.pendingBytes, Hits: s.hits, Misses: s.misses}, nil
}

// Close commits the queue; the file closes with its last handle.
func (d *Disk) Close() error {
	var err error
	d.once.Do(func() {
		openFiles.Lock()
		defer openFiles.Unlock()
		s := d.space
		if s.refs--; s.refs > 0 {
			return
		}
		close(s.stop)
		<-s.done
		file := s.file
		delete(file.spaces, string(s.bucket[len("ns:"):]))
		if len(file.spaces) == 0 {
			delete(openFiles.byPath, file.path)
			err = file.close()
		}
		if s.writeErr != nil && err == nil {
			err = fmt.Errorf("%w: disk store write: %v", ErrUnavailable, s.writeErr)
		}
	})
	return err
}
