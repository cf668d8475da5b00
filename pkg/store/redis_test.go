package store_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/internal/redistest"
	"github.com/foresight-anomaly/foresight/pkg/store"
)

func TestRedisServer(t *testing.T) {
	server := redistest.Start(t)
	t.Run("should keep keys under the datasource's prefix with the ttl asked", func(t *testing.T) {
		a := store.NewRedis(store.RedisOptions{Address: server.Address, Prefix: "foresight:ds-a:"})
		b := store.NewRedis(store.RedisOptions{Address: server.Address, Prefix: "foresight:ds-b:"})
		defer a.Close() //nolint:errcheck
		defer b.Close() //nolint:errcheck
		mustPut(t, a, "fit", []byte("model"), time.Hour)
		assertPresent(t, b, map[string]bool{"fit": false})
		if n := server.Command(t, "EVAL", `return #redis.call("KEYS", "foresight:ds-a:m:*")`, "0"); n != ":1" {
			t.Fatalf("keys under the prefix: %s", n)
		}
		if stats, err := a.Stats(ctx); err != nil || stats.Entries != 1 || stats.Bytes != 5 {
			t.Fatalf("stats %+v, %v", stats, err)
		}
	})
	t.Run("should take a key of another type that something else wrote under the prefix for missing", func(t *testing.T) {
		r := store.NewRedis(store.RedisOptions{Address: server.Address, Prefix: "foresight:typed:"})
		defer r.Close() //nolint:errcheck
		mustPut(t, r, "fit", []byte("model"), time.Hour)
		mustPut(t, r, "other", []byte("kept"), time.Hour)
		retyped := server.Command(t, "EVAL", `for _, k in ipairs(redis.call("KEYS", "foresight:typed:m:*")) do
  if redis.call("GET", k) == "model" then redis.call("DEL", k) redis.call("HSET", k, "f", "v") return k end
end`, "0")
		if !strings.HasPrefix(retyped, "$") || retyped == "$-1" {
			t.Fatalf("retyped %q", retyped)
		}
		found, err := r.GetMany(ctx, []string{"fit", "other"})
		if err != nil || len(found) != 1 || string(found["other"]) != "kept" {
			t.Fatalf("read %v, err %v; want the other value only", found, err)
		}
	})
	t.Run("should not read a value longer than the entry bound that something else wrote under the prefix", func(t *testing.T) {
		r := store.NewRedis(store.RedisOptions{Address: server.Address, Prefix: "foresight:bounded:",
			Options: store.Options{MaxEntryBytes: 1024}})
		defer r.Close() //nolint:errcheck
		mustPut(t, r, "fit", []byte("model"), time.Hour)
		mustPut(t, r, "other", []byte("model"), time.Hour)
		mustPut(t, r, "edge", make([]byte, 1024), time.Hour)
		// Grow "fit" past the bound in Redis directly (the key names hash the store's keys: find its by its value).
		grown := server.Command(t, "EVAL", `for _, k in ipairs(redis.call("KEYS", "foresight:bounded:m:*")) do
  if redis.call("GET", k) == "model" then redis.call("APPEND", k, string.rep("x", 2000)) return k end
end`, "0")
		if !strings.HasPrefix(grown, "$") || grown == "$-1" { // the key's name as a bulk reply
			t.Fatalf("grew %q", grown)
		}
		_, fitOK, err := r.Get(ctx, "fit")
		_, otherOK, _ := r.Get(ctx, "other")
		if err != nil || fitOK == otherOK {
			t.Fatalf("of the two small values one grew past the bound: present %v and %v (err %v)", fitOK, otherOK, err)
		}
		found, err := r.GetMany(ctx, []string{"fit", "other", "edge", "absent"})
		if err != nil || len(found) != 2 || len(found["edge"]) != 1024 {
			t.Fatalf("read %d values (edge %d bytes), err %v", len(found), len(found["edge"]), err)
		}
	})
	t.Run("should leave a cancelled caller's error as it is, so the guard does not take Redis for down", func(t *testing.T) {
		g := store.Guard(store.NewRedis(store.RedisOptions{Address: server.Address, Prefix: "p:"}), time.Hour, nil)
		defer g.Close() //nolint:errcheck
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		if _, _, err := g.Get(cancelled, "fit"); err == nil || errors.Is(err, store.ErrUnavailable) {
			t.Fatalf("err %v", err)
		}
		if g.Failures() != 0 || g.Down() {
			t.Fatalf("%d failures, down %v", g.Failures(), g.Down())
		}
	})
	t.Run("should give up at the caller's deadline on a Redis that does not answer, without taking it for down", func(t *testing.T) {
		// A server that takes connections and never answers, and a command timeout far past the query's deadline:
		// without the deadline the read would wait the whole 30 s.
		g := store.Guard(store.NewRedis(store.RedisOptions{Address: newSilentServer(t), Prefix: "p:", Timeout: 30 * time.Second}),
			time.Hour, nil)
		defer g.Close() //nolint:errcheck
		deadline, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, _, err := g.Get(deadline, "fit")
		if took := time.Since(start); err == nil || took > 10*time.Second {
			t.Fatalf("took %v against a deadline of 100 ms and a timeout of 30 s, err %v", took, err)
		}
		if g.Failures() != 0 || g.Down() {
			t.Fatalf("%d failures, down %v (%v)", g.Failures(), g.Down(), err)
		}
	})
	t.Run("should keep answering reads from a full Redis, reporting the refused writes once", func(t *testing.T) {
		var reports []error
		g := store.Guard(store.NewRedis(store.RedisOptions{Address: server.Address, Prefix: "full:"}), time.Hour,
			func(err error) { reports = append(reports, err) })
		defer g.Close() //nolint:errcheck
		mustPut(t, g, "fit", []byte("model"), time.Hour)
		for _, setting := range [][]string{{"maxmemory-policy", "noeviction"}, {"maxmemory", "1"}} {
			if reply := server.Command(t, "CONFIG", "SET", setting[0], setting[1]); reply != "+OK" {
				t.Fatalf("CONFIG SET %v: %s", setting, reply)
			}
		}
		defer server.Command(t, "CONFIG", "SET", "maxmemory", "0")
		for range 2 {
			if err := g.Put(ctx, "another fit", []byte("model"), time.Hour); !errors.Is(err, store.ErrUnavailable) {
				t.Fatalf("put into a full Redis: %v", err)
			}
			if _, _, err := g.Lease(ctx, "another fit", time.Second); !errors.Is(err, store.ErrUnavailable) {
				t.Fatalf("lease in a full Redis: %v", err)
			}
		}
		if value, ok, err := g.Get(ctx, "fit"); err != nil || !ok || string(value) != "model" {
			t.Fatalf("read from a full Redis: %q, %v, %v", value, ok, err)
		}
		if len(reports) != 1 || g.Down() || g.Failures() != 4 {
			t.Fatalf("reports %v, down %v, %d failures", reports, g.Down(), g.Failures())
		}
	})
	t.Run("should answer a probe from Redis itself during the cool-down, and end it once Redis is back", func(t *testing.T) {
		proxy := newSwitchProxy(t, server.Address)
		g := store.Guard(store.NewRedis(store.RedisOptions{Address: proxy.address, Prefix: "p:"}), time.Hour, nil)
		defer g.Close() //nolint:errcheck
		proxy.broken.Store(true)
		if err := g.Probe(ctx); !errors.Is(err, store.ErrUnavailable) || !g.Down() {
			t.Fatalf("probe of a broken Redis: %v, down %v", err, g.Down())
		}
		proxy.broken.Store(false)
		if err := g.Probe(ctx); err != nil || g.Down() {
			t.Fatalf("probe of Redis back: %v, down %v", err, g.Down())
		}
		if _, _, err := g.Get(ctx, "fit"); err != nil {
			t.Fatalf("get after the probe: %v", err)
		}
	})
	t.Run("should authenticate with the password and never show it in an error", func(t *testing.T) {
		if reply := server.Command(t, "CONFIG", "SET", "requirepass", "s3cret-pass"); reply != "+OK" {
			t.Fatalf("CONFIG SET: %s", reply)
		}
		with := store.NewRedis(store.RedisOptions{Address: server.Address, Password: "s3cret-pass", Prefix: "p:"})
		defer with.Close() //nolint:errcheck
		mustPut(t, with, "fit", []byte("model"), 0)
		wrong := store.NewRedis(store.RedisOptions{Address: server.Address, Password: "wrong-s3cret", Prefix: "p:"})
		defer wrong.Close() //nolint:errcheck
		_, _, err := wrong.Get(ctx, "fit")
		if !errors.Is(err, store.ErrUnavailable) || strings.Contains(err.Error(), "s3cret") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("should fail with ErrUnavailable once Redis is gone", func(t *testing.T) {
		r := store.NewRedis(store.RedisOptions{Address: server.Address, Prefix: "p:", Timeout: 200 * time.Millisecond})
		defer r.Close() //nolint:errcheck
		server.Stop()
		if _, err := r.GetMany(ctx, []string{"fit"}); !errors.Is(err, store.ErrUnavailable) {
			t.Fatalf("err %v", err)
		}
		if _, _, err := r.Lease(ctx, "fit", time.Second); !errors.Is(err, store.ErrUnavailable) {
			t.Fatalf("err %v", err)
		}
	})
}

// BenchmarkRedis10k puts one at a time (one round trip each) and reads with chunked MGETs.
func BenchmarkRedis10k(b *testing.B) {
	server := redistest.Start(b)
	keys, value := benchValues()
	for i := range b.N {
		r := store.NewRedis(store.RedisOptions{Address: server.Address, Prefix: fmt.Sprintf("bench%d:", i)})
		putAll(b, r, keys, value)
		getAll(b, r, keys)
		_ = r.Close()
	}
}

// newSilentServer listens on a local port, takes every connection and never answers (a Redis that hangs).
func newSilentServer(t *testing.T) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var held []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			conn, err := listener.Accept()
			if err != nil {
				return
			}
			held = append(held, conn)
		}
	}()
	t.Cleanup(func() {
		_ = listener.Close()
		<-done
		for _, conn := range held {
			_ = conn.Close()
		}
	})
	return listener.Addr().String()
}

// switchProxy forwards connections to a Redis, or closes them at once while broken (a Redis restarting).
type switchProxy struct {
	address string
	broken  atomic.Bool
}

func newSwitchProxy(t *testing.T, target string) *switchProxy {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = listener.Close() })
	p := &switchProxy{address: listener.Addr().String()}
	go func() {
		for {
			client, err := listener.Accept()
			if err != nil {
				return
			}
			if p.broken.Load() {
				_ = client.Close()
				continue
			}
			upstream, err := net.Dial("tcp", target)
			if err != nil {
				_ = client.Close()
				continue
			}
			go func() { _, _ = io.Copy(upstream, client); _ = upstream.Close() }()
			go func() { _, _ = io.Copy(client, upstream); _ = client.Close() }()
		}
	}()
	return p
}
