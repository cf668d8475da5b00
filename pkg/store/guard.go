package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Guarded stands between callers and a store whose backend can go away (Redis restarting, a full disk): after
// a failure it answers ErrUnavailable at once for a cool-down instead of letting every series wait for a
// timeout, and reports the failure once per outage instead of once per call.
type Guarded struct {
	inner    Store
	cooldown time.Duration
	now      func() time.Time
	report   func(error)

	failures atomic.Int64
	mu       sync.Mutex
	down     bool
	full     bool // a write was refused for want of room, and none succeeded since
	until    time.Time
	lastErr  error
}

// Guard wraps s. report (may be nil) hears the first failure of each outage.
func Guard(s Store, cooldown time.Duration, report func(error)) *Guarded {
	return &Guarded{inner: s, cooldown: cooldown, now: time.Now, report: report}
}

var _ Store = (*Guarded)(nil)

// Failures counts the calls that failed or were refused during an outage; a caller compares it before and
// after its work to tell whether the store let it down.
func (g *Guarded) Failures() int64 { return g.failures.Load() }

// Down says whether the last call failed (the store is taken to be down until a call succeeds).
func (g *Guarded) Down() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.down
}

// LastError is the most recent failure (nil before any).
func (g *Guarded) LastError() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.lastErr
}

// admit refuses a call during the cool-down.
func (g *Guarded) admit() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.down && g.now().Before(g.until) {
		g.failures.Add(1)
		return g.lastErr
	}
	return nil
}

// observe records a call's outcome. A cancelled or timed-out caller says nothing about the backend.
func (g *Guarded) observe(ctx context.Context, err error) error {
	if err == nil {
		g.mu.Lock()
		g.down = false
		g.mu.Unlock()
		return nil
	}
	if ctx.Err() != nil && !errors.Is(err, ErrUnavailable) {
		return err
	}
	if !errors.Is(err, ErrUnavailable) {
		err = fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	g.failures.Add(1)
	g.mu.Lock()
	first := !g.down
	g.down, g.until, g.lastErr = true, g.now().Add(g.cooldown), err
	g.mu.Unlock()
	if first && g.report != nil {
		g.report(err)
	}
	return err
}

// refused records a write the store refused for want of room (ErrFull): it counts as a failure (the query says its
// fits are kept in memory) and is reported once until a write succeeds, but the store is not taken for down, as it
// still answers reads.
func (g *Guarded) refused(err error) error {
	g.failures.Add(1)
	g.mu.Lock()
	first := !g.full
	g.full, g.down, g.lastErr = true, false, err // it answered
	g.mu.Unlock()
	if first && g.report != nil {
		g.report(err)
	}
	return err
}

func (g *Guarded) Get(ctx context.Context, key string) ([]byte, bool, error) {
	if err := g.admit(); err != nil {
		return nil, false, err
	}
	value, ok, err := g.inner.Get(ctx, key)
	return value, ok, g.observe(ctx, err)
}

func (g *Guarded) GetMany(ctx context.Context, keys []string) (map[string][]byte, error) {
	if err := g.admit(); err != nil {
		return nil, err
	}
	found, err := g.inner.GetMany(ctx, keys)
	return found, g.observe(ctx, err)
}

func (g *Guarded) Put(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	if err := g.admit(); err != nil {
		return err
	}
	err := g.inner.Put(ctx, key, value, ttl)
	if errors.Is(err, ErrFull) {
		return g.refused(err)
	}
	if err == nil {
		g.mu.Lock()
		g.full = false
		g.mu.Unlock()
	}
	return g.observe(ctx, err)
}

func (g *Guarded) Lease(ctx context.Context, key string, ttl time.Duration) (Lease, bool, error) {
	if err := g.admit(); err != nil {
		return nil, false, err
	}
	lease, ok, err := g.inner.Lease(ctx, key, ttl)
	if errors.Is(err, ErrFull) {
		return nil, false, g.refused(err)
	}
	return lease, ok, g.observe(ctx, err)
}

// Probe asks the store itself, cool-down or not (a health check: the operator who brought the store back wants to
// hear so now); an answer ends an outage at once.
func (g *Guarded) Probe(ctx context.Context) error {
	_, _, err := g.inner.Get(ctx, "health probe")
	return g.observe(ctx, err)
}

func (g *Guarded) Stats(ctx context.Context) (Stats, error) { return g.inner.Stats(ctx) }
func (g *Guarded) Close() error                             { return g.inner.Close() }

// Broken is a store that could not be opened (a directory Grafana cannot write, a file another process
// holds): every call fails with err, so callers fall back to memory and say why.
func Broken(kind string, err error) Store {
	if !errors.Is(err, ErrUnavailable) {
		err = fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	return broken{kind: kind, err: err}
}

type broken struct {
	kind string
	err  error
}

func (b broken) Get(context.Context, string) ([]byte, bool, error)            { return nil, false, b.err }
func (b broken) GetMany(context.Context, []string) (map[string][]byte, error) { return nil, b.err }
func (b broken) Put(context.Context, string, []byte, time.Duration) error     { return b.err }
func (b broken) Lease(context.Context, string, time.Duration) (Lease, bool, error) {
	return nil, false, b.err
}
func (b broken) Stats(context.Context) (Stats, error) { return Stats{Kind: b.kind}, b.err }
func (b broken) Close() error                         { return nil }
