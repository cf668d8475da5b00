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
	// PoolSize is the number of runtimes (concurrent calls); default GOMAXPROCS.
	PoolSize int
	// Timeout bounds each call on top of the context's deadline; default DefaultTimeout.
	Timeout time.Duration
}

// Engine runs model calls on a pool of runtimes. It is safe for concurrent use.
type Engine struct {
	program *sobek.Program
	timeout time.Duration
	// slots holds PoolSize entries; a nil entry is a runtime not created yet (or discarded).
	slots  chan *jsRuntime
	closed atomic.Bool
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
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	e := &Engine{program: program, timeout: timeout, slots: make(chan *jsRuntime, size)}
	for i := 0; i < size; i++ {
		e.slots <- nil
	}
	return e, nil
}

// Close makes later calls fail with ErrClosed; calls in flight finish. Runtimes are left to the GC.
func (e *Engine) Close() {
	e.closed.Store(true)
}

// run takes a runtime from the pool, runs work on it under the call's deadline, and returns the
// runtime, or a fresh slot when the run was interrupted or panicked (its state is then unknown).
func (e *Engine) run(ctx context.Context, work func(rt *jsRuntime) error) (err error) {
	if e.closed.Load() {
		return ErrClosed
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()

	var rt *jsRuntime
	select {
	case rt = <-e.slots:
	case <-ctx.Done():
		return contextError(ctx)
	}
	reusable := false
	defer func() {
		if reusable {
			e.slots <- rt
		} else {
			e.slots <- nil
		}
	}()
	if rt == nil {
		if rt, err = newRuntime(e.program); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		reusable = true
		return contextError(ctx)
	}

	watch := watchDeadline(ctx, rt.vm)
	err = protect(func() error { return work(rt) })
	interrupted := watch.stop()
	reusable = !interrupted && !errors.Is(err, errPanicked)
	if interrupted && err != nil {
		return contextError(ctx)
	}
	return err
}

// contextError reports why a context ended: ErrTimeout for a deadline, else the context's error.
func contextError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return ErrTimeout
	}
	return ctx.Err()
}

var errPanicked = errors.New("model engine panicked")

// protect turns a Go panic inside a call into an error.
func protect(work func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
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
