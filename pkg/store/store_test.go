package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/internal/redistest"
	"github.com/foresight-anomaly/foresight/pkg/store"
)

// clock is a time tests move by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// backend opens fresh stores of one implementation for the shared cases.
type backend struct {
	// open returns an empty store with opts (their Now set to the case's clock where the backend uses it).
	open func(t *testing.T, opts store.Options) store.Store
	// advance moves the store's clock: the test clock for memory and disk, the wall clock for Redis.
	advance func(c *clock, d time.Duration)
	// settle makes pending writes visible to Stats and eviction (the disk store's writer).
	settle func(s store.Store)
	// boundsTotal is set for stores that bound their total bytes themselves (Redis leaves it to maxmemory).
	boundsTotal bool
}

var ctx = context.Background()

func advanceClock(c *clock, d time.Duration) { c.Advance(d) }

func TestMemory(t *testing.T) {
	runCases(t, backend{
		open:        func(_ *testing.T, opts store.Options) store.Store { return store.NewMemory(opts) },
		advance:     advanceClock,
		settle:      func(store.Store) {},
		boundsTotal: true,
	})
}

func TestDisk(t *testing.T) {
	open := func(t *testing.T, opts store.Options) store.Store {
		t.Helper()
		d, err := store.OpenDisk(store.DiskOptions{Options: opts, Dir: t.TempDir(), Namespace: "ds"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = d.Close() })
		return d
	}
	runCases(t, backend{
		open:        open,
		advance:     advanceClock,
		settle:      func(s store.Store) { s.(*store.Disk).Flush() },
		boundsTotal: true,
	})
}

func TestRedis(t *testing.T) {
	server := redistest.Start(t)
	var n int
	var mu sync.Mutex
	open := func(t *testing.T, opts store.Options) store.Store {
		t.Helper()
		mu.Lock()
		n++
		prefix := fmt.Sprintf("foresight:case%d:", n)
		mu.Unlock()
		opts.Now = nil // Redis expires by its own clock
		opts.DefaultTTL *= redisTimeScale
		r := store.NewRedis(store.RedisOptions{Options: opts, Address: server.Address, Prefix: prefix})
		t.Cleanup(func() { _ = r.Close() })
		return slowed{r}
	}
	runCases(t, backend{
		open:    open,
		advance: func(_ *clock, d time.Duration) { time.Sleep(d * redisTimeScale) },
		settle:  func(store.Store) {},
	})
}

// redisTimeScale stretches the shared cases' durations for Redis, which expires by the wall clock: a case's 50 ms
// between an expiry and the next check becomes half a second, which a loaded machine's pauses do not use up.
const redisTimeScale = 10

// slowed passes every ttl to the store stretched by redisTimeScale.
type slowed struct{ store.Store }

func (s slowed) Put(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	return s.Store.Put(ctx, key, value, ttl*redisTimeScale)
}

func (s slowed) Lease(ctx context.Context, key string, ttl time.Duration) (store.Lease, bool, error) {
	lease, ok, err := s.Store.Lease(ctx, key, ttl*redisTimeScale)
	if renewable, can := lease.(store.Renewable); can {
		return slowedLease{Lease: lease, renewable: renewable}, ok, err
	}
	return lease, ok, err
}

type slowedLease struct {
	store.Lease
	renewable store.Renewable
}

func (l slowedLease) Renew(ctx context.Context, ttl time.Duration) (bool, error) {
	return l.renewable.Renew(ctx, ttl*redisTimeScale)
}

// runCases checks the behaviour every implementation shares.
func runCases(t *testing.T, b backend) {
	t.Helper()
	fresh := func(t *testing.T, opts store.Options) (store.Store, *clock) {
		t.Helper()
		c := newClock()
		opts.Now = c.Now
		return b.open(t, opts), c
	}
	t.Run("should return what was put, and the newest value of a key", func(t *testing.T) {
		s, _ := fresh(t, store.Options{})
		mustPut(t, s, "series\x00a", []byte("model one"), 0)
		mustPut(t, s, "series\x00a", []byte("model two"), 0)
		value, ok, err := s.Get(ctx, "series\x00a")
		if err != nil || !ok || string(value) != "model two" {
			t.Fatalf("got %q, %v, %v", value, ok, err)
		}
		if _, ok, err := s.Get(ctx, "never put"); ok || err != nil {
			t.Fatalf("absent key: ok %v, err %v", ok, err)
		}
	})
	t.Run("should answer GetMany with the present keys only, across many keys", func(t *testing.T) {
		s, _ := fresh(t, store.Options{})
		var keys []string
		for i := range 1200 { // more than one Redis MGET chunk
			key := fmt.Sprintf("k%04d", i)
			keys = append(keys, key)
			if i%3 != 0 {
				mustPut(t, s, key, []byte("v"+key), 0)
			}
		}
		found, err := s.GetMany(ctx, append(keys, "missing"))
		if err != nil {
			t.Fatal(err)
		}
		if len(found) != 800 {
			t.Fatalf("%d found, want 800", len(found))
		}
		for key, value := range found {
			if string(value) != "v"+key {
				t.Fatalf("%s = %q", key, value)
			}
		}
	})
	t.Run("should forget an entry once its ttl or the default expiry has passed", func(t *testing.T) {
		s, c := fresh(t, store.Options{DefaultTTL: 300 * time.Millisecond})
		mustPut(t, s, "short", []byte("x"), 200*time.Millisecond)
		mustPut(t, s, "default", []byte("x"), 0)
		mustPut(t, s, "long", []byte("x"), time.Hour)
		b.advance(c, 250*time.Millisecond)
		assertPresent(t, s, map[string]bool{"short": false, "default": true, "long": true})
		b.advance(c, 100*time.Millisecond)
		b.settle(s)
		assertPresent(t, s, map[string]bool{"short": false, "default": false, "long": true})
	})
	t.Run("should not store a value over the entry bound", func(t *testing.T) {
		s, _ := fresh(t, store.Options{MaxEntryBytes: 1000})
		mustPut(t, s, "small", make([]byte, 1000), 0)
		mustPut(t, s, "big", make([]byte, 1001), 0)
		assertPresent(t, s, map[string]bool{"small": true, "big": false})
	})
	if b.boundsTotal {
		t.Run("should stay within its byte bound, dropping the oldest entries", func(t *testing.T) {
			s, c := fresh(t, store.Options{MaxBytes: 10 * 1200})
			for i := range 30 {
				mustPut(t, s, fmt.Sprintf("k%02d", i), make([]byte, 1000), 0)
				c.Advance(time.Millisecond) // distinct expiries: the disk store drops the soonest to expire first
			}
			b.settle(s)
			stats, err := s.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if stats.Bytes > 10*1200 || stats.Entries < 8 {
				t.Fatalf("stats %+v over the bound of %d bytes or emptied", stats, 10*1200)
			}
			assertPresent(t, s, map[string]bool{"k00": false, "k15": false, "k29": true})
		})
	}
	t.Run("should read a value written by another version or damaged as absent", func(t *testing.T) {
		s, _ := fresh(t, store.Options{})
		current, older := store.Versioned(s, "engine-b"), store.Versioned(s, "engine-a")
		mustPut(t, older, "fit", []byte("old layout"), 0)
		if _, ok, err := current.Get(ctx, "fit"); ok || err != nil {
			t.Fatalf("another version's value read: ok %v, err %v", ok, err)
		}
		if found, _ := current.GetMany(ctx, []string{"fit"}); len(found) != 0 {
			t.Fatalf("GetMany read another version's value: %q", found)
		}
		mustPut(t, current, "fit", []byte("new layout"), 0)
		if value, ok, _ := current.Get(ctx, "fit"); !ok || string(value) != "new layout" {
			t.Fatalf("own value: %q, %v", value, ok)
		}
		raw, _, _ := s.Get(ctx, "fit")
		damaged := bytes.Clone(raw)
		damaged[len(damaged)-1] ^= 0xff
		mustPut(t, s, "fit", damaged, 0)
		mustPut(t, s, "plain", []byte("not an envelope"), 0)
		if found, _ := current.GetMany(ctx, []string{"fit", "plain"}); len(found) != 0 {
			t.Fatalf("damaged or plain value read: %q", found)
		}
	})
	t.Run("should give a lease to one holder at a time", func(t *testing.T) {
		s, _ := fresh(t, store.Options{})
		first, ok, err := s.Lease(ctx, "k", time.Minute)
		if err != nil || !ok {
			t.Fatalf("first lease: %v, %v", ok, err)
		}
		if _, ok, _ := s.Lease(ctx, "k", time.Minute); ok {
			t.Fatal("a second holder got a held lease")
		}
		if _, ok, _ := s.Lease(ctx, "other", time.Minute); !ok {
			t.Fatal("another key's lease refused")
		}
		if err := first.Release(ctx); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.Lease(ctx, "k", time.Minute); !ok {
			t.Fatal("a released lease was not given again")
		}
	})
	t.Run("should give a dead holder's lease to another once it expires, and ignore the late release", func(t *testing.T) {
		s, c := fresh(t, store.Options{})
		dead, ok, _ := s.Lease(ctx, "k", 200*time.Millisecond)
		if !ok {
			t.Fatal("no first lease")
		}
		b.advance(c, 250*time.Millisecond)
		if _, ok, _ := s.Lease(ctx, "k", time.Minute); !ok {
			t.Fatal("an expired lease was not given to the next holder")
		}
		if err := dead.Release(ctx); err != nil { // the first holder comes back late
			t.Fatal(err)
		}
		if _, ok, _ := s.Lease(ctx, "k", time.Minute); ok {
			t.Fatal("a late release freed the new holder's lease")
		}
	})
	t.Run("should keep a renewed lease past its first ttl, and refuse to renew a lost one", func(t *testing.T) {
		s, c := fresh(t, store.Options{})
		held, _, _ := s.Lease(ctx, "k", 200*time.Millisecond)
		b.advance(c, 150*time.Millisecond)
		if ok, err := held.(store.Renewable).Renew(ctx, 200*time.Millisecond); !ok || err != nil {
			t.Fatalf("renew: %v, %v", ok, err)
		}
		b.advance(c, 150*time.Millisecond)
		if _, ok, _ := s.Lease(ctx, "k", time.Minute); ok {
			t.Fatal("a renewed lease was given to another holder")
		}
		b.advance(c, 100*time.Millisecond)
		if _, ok, _ := s.Lease(ctx, "k", time.Minute); !ok {
			t.Fatal("a lease no longer renewed did not expire")
		}
		if ok, _ := held.(store.Renewable).Renew(ctx, time.Minute); ok {
			t.Fatal("the first holder renewed a lease another holder has")
		}
	})
	t.Run("should be safe for concurrent use", func(t *testing.T) {
		s, _ := fresh(t, store.Options{})
		var wg sync.WaitGroup
		var granted sync.Map
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 50 {
					key := fmt.Sprintf("k%d", i)
					_ = s.Put(ctx, key, []byte(strings.Repeat("x", g+1)), 0)
					_, _, _ = s.Get(ctx, key)
					if _, ok, _ := s.Lease(ctx, key, time.Minute); ok {
						if _, dup := granted.LoadOrStore(key, g); dup {
							t.Errorf("lease of %s granted twice", key)
						}
					}
				}
			}()
		}
		wg.Wait()
		found, err := s.GetMany(ctx, []string{"k0", "k49"})
		if err != nil || len(found) != 2 {
			t.Fatalf("found %d, err %v", len(found), err)
		}
	})
}

func mustPut(t *testing.T, s store.Store, key string, value []byte, ttl time.Duration) {
	t.Helper()
	if err := s.Put(ctx, key, value, ttl); err != nil {
		t.Fatal(err)
	}
}

func assertPresent(t *testing.T, s store.Store, want map[string]bool) {
	t.Helper()
	for key, present := range want {
		if _, ok, err := s.Get(ctx, key); ok != present || err != nil {
			t.Errorf("%s: present %v, want %v (err %v)", key, ok, present, err)
		}
	}
}

func TestGuard(t *testing.T) {
	t.Run("should refuse calls during the cool-down after a failure and report once per outage", func(t *testing.T) {
		var reports []error
		g := store.Guard(store.Broken("redis", errors.New("connection refused")), time.Hour, func(err error) { reports = append(reports, err) })
		for range 3 {
			if _, _, err := g.Get(ctx, "k"); !errors.Is(err, store.ErrUnavailable) {
				t.Fatalf("err %v", err)
			}
		}
		if len(reports) != 1 || g.Failures() != 3 || !strings.Contains(g.LastError().Error(), "connection refused") {
			t.Fatalf("reports %v, failures %d, last %v", reports, g.Failures(), g.LastError())
		}
	})
	t.Run("should pass calls through while the store works", func(t *testing.T) {
		g := store.Guard(store.NewMemory(store.Options{}), time.Hour, nil)
		mustPut(t, g, "k", []byte("v"), 0)
		if value, ok, err := g.Get(ctx, "k"); !ok || err != nil || string(value) != "v" || g.Failures() != 0 {
			t.Fatalf("%q %v %v, %d failures", value, ok, err, g.Failures())
		}
	})
}
