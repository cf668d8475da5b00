package forecast

import (
	"context"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
)

// A query that cannot fit every series before its deadline answers with what is fitted and leaves the other fits
// to the background, so the next evaluation of the same query finds them cached. Grafana's alert evaluation has a
// 30 s timeout by default (it reaches the plugin as the context's deadline), and a cold 10,000-series alert query
// needs more fits than that.
const (
	// maxQueuedFits bounds the fits waiting in the background; a fit that finds the queue full is asked again
	// by the next query that needs it. Each holds its series' training window (28 days of 5-minute values:
	// 130 KB), so the bound is that of the largest query (maxSeries) a few times over.
	maxQueuedFits = 40_000
	// frameMargin is the share of a query's remaining time kept, once fitting stops, for judging the series
	// whose fits are cached and building the frames; at most maxFrameMargin.
	frameMargin    = 6 // one sixth: 5 s of a 30 s alert evaluation
	maxFrameMargin = 10 * time.Second
)

// fitCutoff is when a query stops starting fits: its deadline less the margin (zero: no deadline, no cutoff).
func fitCutoff(ctx context.Context, now time.Time) time.Time {
	deadline, ok := ctx.Deadline()
	if !ok {
		return time.Time{}
	}
	return deadline.Add(-min(deadline.Sub(now)/frameMargin, maxFrameMargin))
}

// backgroundFits runs the fits queries handed over, one worker per fit slot of the instance (the workers take
// those slots like a query's fits do), each key queued at most once, until Close.
type backgroundFits struct {
	ctx     context.Context
	cancel  context.CancelFunc
	start   sync.Once
	workers int
	queue   chan backgroundFit
	wg      sync.WaitGroup
	mu      sync.Mutex
	// pending holds the keys queued or running, each with a channel closed when its fit ends.
	pending map[string]chan struct{}
}

type backgroundFit struct {
	key string
	fit func(ctx context.Context) error
}

func newBackgroundFits(workers int) *backgroundFits {
	ctx, cancel := context.WithCancel(context.Background())
	return &backgroundFits{ctx: ctx, cancel: cancel, workers: workers, queue: make(chan backgroundFit, maxQueuedFits),
		pending: map[string]chan struct{}{}}
}

// enqueue queues fit under key unless it is queued or running already. When the queue is full (or closed) the
// fit is dropped: the next query that needs it asks again.
func (b *backgroundFits) enqueue(key string, fit func(ctx context.Context) error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.pending[key]; ok || b.ctx.Err() != nil {
		return
	}
	b.start.Do(b.startWorkers)
	select {
	case b.queue <- backgroundFit{key: key, fit: fit}:
		b.pending[key] = make(chan struct{})
	default:
	}
}

// inFlight returns a channel closed when the background fit of key ends, or nil when none is queued or running.
func (b *backgroundFits) inFlight(key string) <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.pending[key]
}

// queued is the number of fits queued or running.
func (b *backgroundFits) queued() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.pending)
}

func (b *backgroundFits) startWorkers() {
	for range b.workers {
		b.wg.Add(1)
		go b.work()
	}
}

func (b *backgroundFits) work() {
	defer b.wg.Done()
	for {
		select {
		case <-b.ctx.Done():
			return
		case job := <-b.queue:
			b.run(job)
		}
	}
}

func (b *backgroundFits) run(job backgroundFit) {
	defer func() {
		if r := recover(); r != nil {
			log.DefaultLogger.Error("foresight: panic in a background fit", "panic", r)
		}
		b.mu.Lock()
		close(b.pending[job.key])
		delete(b.pending, job.key)
		b.mu.Unlock()
	}()
	if err := job.fit(b.ctx); err != nil && b.ctx.Err() == nil {
		log.DefaultLogger.Debug("foresight: background fit failed", "error", err)
	}
}

// close stops the workers (a fit running is cancelled through its context) and drops the queue.
func (b *backgroundFits) close() {
	b.mu.Lock()
	b.cancel()
	b.mu.Unlock()
	b.wg.Wait()
	b.mu.Lock()
	defer b.mu.Unlock()
	for {
		select {
		case job := <-b.queue:
			close(b.pending[job.key])
			delete(b.pending, job.key)
		default:
			return
		}
	}
}

// wait returns once no fit is queued or running, or when ctx ends.
func (b *backgroundFits) wait(ctx context.Context) error {
	for {
		b.mu.Lock()
		var next chan struct{}
		for _, done := range b.pending {
			next = done
			break
		}
		b.mu.Unlock()
		if next == nil {
			return nil
		}
		select {
		case <-next:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
