// Package engine runs the TypeScript model (src/model, bundled from src/engine/entry.ts by
// scripts/build-engine.mjs and committed in bundle/) inside the backend on sobek, with every loop over
// points in Go (kernels.go, pointkernels.go, bound to the runtime by host.go). The bundle is compiled once;
// runtimes are pooled because a runtime serves one goroutine at a time; every call is bounded by its
// context and Options.Timeout and interrupted when it passes them.
package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/grafana/sobek"
)

// DefaultTimeout bounds a call when Options.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Options configures an Engine.
type Options struct {
	// PoolSize is the number of runtimes for queries (concurrent calls); default GOMAXPROCS.
	PoolSize int
	// AnalysisPoolSize is the number of runtimes for calls under ForAnalysis (cross-validation, tuning,
	// components: the datasource's resource calls); default half of PoolSize, at least one. They are
	// runtimes of their own, so analyses never hold one a query is waiting for.
	AnalysisPoolSize int
	// Timeout bounds each call on top of the context's deadline; default DefaultTimeout.
	Timeout time.Duration
}

// Engine runs model calls on a pool of runtimes. It is safe for concurrent use.
type Engine struct {
	program *sobek.Program
	timeout time.Duration
	// queries and analyses hold one entry per runtime; a nil entry is a runtime not created yet (or
	// discarded).
	queries, analyses chan *jsRuntime
	closed            atomic.Bool
	// kernelProbe, when set (tests), runs whenever a kernel checks its call's context (passed in); a
	// non-nil error stands for the context's.
	kernelProbe func(ctx context.Context) error
}

// New compiles the embedded bundle once. Runtimes are created lazily, on first use of each slot.
func New(opts Options) (*Engine, error) {
	program, err := compileBundle()
	if err != nil {
		return nil, err
	}
	size := opts.PoolSize
	if size <= 0 {
		size = runtime.GOMAXPROCS(0)
	}
	analyses := opts.AnalysisPoolSize
	if analyses <= 0 {
		analyses = max(1, size/2)
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Engine{program: program, timeout: timeout, queries: emptyPool(size), analyses: emptyPool(analyses)}, nil
}

func emptyPool(size int) chan *jsRuntime {
	pool := make(chan *jsRuntime, size)
	for range size {
		pool <- nil
	}
	return pool
}

type analysisKey struct{}

// ForAnalysis marks ctx so that the engine calls made under it run on the analysis runtimes: what a
// resource call runs (cross-validation, tuning, the fits behind components) then never delays a query.
func ForAnalysis(ctx context.Context) context.Context {
	return context.WithValue(ctx, analysisKey{}, true)
}

// IsAnalysis says whether ctx was marked by ForAnalysis.
func IsAnalysis(ctx context.Context) bool {
	marked, _ := ctx.Value(analysisKey{}).(bool)
	return marked
}

func (e *Engine) poolFor(ctx context.Context) chan *jsRuntime {
	if IsAnalysis(ctx) {
		return e.analyses
	}
	return e.queries
}

// Close makes later calls fail with ErrClosed; calls in flight finish. Runtimes are left to the GC.
func (e *Engine) Close() {
	e.closed.Store(true)
}

// run takes a runtime from its pool, runs work on it under the call's deadline, and returns the runtime,
// or a fresh slot when the run was interrupted or panicked (its state is then unknown). JavaScript is
// interrupted between steps when the deadline passes; the Go kernels check it themselves (binding.go).
func (e *Engine) run(ctx context.Context, work func(rt *jsRuntime) error) (err error) {
	if e.closed.Load() {
		return ErrClosed
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()

	pool := e.poolFor(ctx)
	var rt *jsRuntime
	select {
	case rt = <-pool:
	case <-ctx.Done():
		return contextError(ctx.Err())
	}
	reusable := false
	defer func() {
		if reusable {
			pool <- rt
		} else {
			pool <- nil
		}
	}()
	if rt == nil {
		if rt, err = newRuntime(e.program); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		reusable = true
		return contextError(err)
	}

	rt.calls.ctx = e.kernelContext(ctx)
	watch := watchDeadline(ctx, rt.vm)
	err = protect(func() error { return work(rt) })
	interrupted := watch.stop()
	rt.calls.ctx = nil
	var stop kernelStop
	if errors.As(err, &stop) {
		return contextError(stop.cause)
	}
	reusable = !interrupted && !errors.Is(err, errPanicked)
	if interrupted && err != nil {
		return contextError(ctx.Err())
	}
	return err
}

// kernelContext is the context the kernels check: the call's, seen through kernelProbe in tests.
func (e *Engine) kernelContext(ctx context.Context) context.Context {
	if e.kernelProbe == nil {
		return ctx
	}
	return probedContext{Context: ctx, probe: e.kernelProbe}
}

type probedContext struct {
	context.Context
	probe func(ctx context.Context) error
}

func (c probedContext) Err() error {
	if err := c.probe(c.Context); err != nil {
		return err
	}
	return c.Context.Err()
}

// contextError reports why a call's context ended: ErrTimeout for a deadline, else the context's error.
func contextError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return ErrTimeout
	}
	return err
}

var errPanicked = errors.New("model engine panicked")

// protect turns a Go panic inside a call into an error; a kernel stopped by the call's context comes back
// as its kernelStop.
func protect(work func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if stop, ok := r.(kernelStop); ok {
				err = stop
				return
			}
			err = fmt.Errorf("%w: %v", errPanicked, r)
		}
	}()
	return work()
}

// deadlineWatch interrupts a runtime when its call's context ends before the call does.
type deadlineWatch struct {
	mu          sync.Mutex
	finished    bool
	interrupted bool
	done        chan struct{}
}

func watchDeadline(ctx context.Context, vm *sobek.Runtime) *deadlineWatch {
	w := &deadlineWatch{done: make(chan struct{})}
	go func() {
		select {
		case <-ctx.Done():
			w.mu.Lock()
			if !w.finished {
				vm.Interrupt(ErrTimeout)
				w.interrupted = true
			}
			w.mu.Unlock()
		case <-w.done:
		}
	}()
	return w
}

// stop ends the watch and reports whether the runtime was interrupted (then it must not be reused).
func (w *deadlineWatch) stop() bool {
	w.mu.Lock()
	w.finished = true
	interrupted := w.interrupted
	w.mu.Unlock()
	close(w.done)
	return interrupted
}
