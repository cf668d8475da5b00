package forecast

import (
	"context"
	"fmt"
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
	// maxQueuedBytes bounds the memory the queued jobs keep alive (the points they will fit on), so several cold
	// queries cannot stack up more history than the process's memory limit allows.
	maxQueuedBytes = 768 << 20
	// frameMargin is the share of a query's remaining time kept, once fitting stops, for judging the series
	// whose fits are cached and building the frames; at most maxFrameMargin.
	frameMargin    = 6 // one sixth: 5 s of a 30 s alert evaluation
	maxFrameMargin = 10 * time.Second
	// maxBackgroundFitTime bounds one background job: it holds a fit slot a query may be waiting for, and no
	// query's deadline covers it. A fit of the widest model over maxPointsPerSeries points takes seconds.
	maxBackgroundFitTime = 2 * time.Minute
)

// fitCutoff is when a query stops starting fits: its deadline less the margin (zero: no deadline, no cutoff).
func fitCutoff(ctx context.Context, now time.Time) time.Time {
	deadline, ok := ctx.Deadline()
	if !ok {
		return time.Time{}
	}
	return deadline.Add(-min(deadline.Sub(now)/frameMargin, maxFrameMargin))
}

// backgroundFits runs the work queries handed over (fits they had no time for, expectations), one worker per
// fit slot of the instance, each key queued at most once, until close. Queries come first: a worker starts a job
// only while no query runs, so the background takes no slot a query waits for (a job already running finishes).
type backgroundFits struct {
	ctx     context.Context
	cancel  context.CancelFunc
	start   sync.Once
	workers int
	queue   chan backgroundFit
	wg      sync.WaitGroup
	mu      sync.Mutex
	// queries is how many queries run; idle is signalled when it drops to zero (and on close).
	queries int
	idle    *sync.Cond
	// pending holds the keys queued or running; bytes is what their jobs hold.
	pending map[string]*pendingFit
	bytes   int64
	// scrub cleans a panic's text of secrets before it is logged.
	scrub func(string) string
	// logger takes the background's logs (the pipeline's).
	logger log.Logger
	// jobTime bounds each job (maxBackgroundFitTime; tests shorten it).
	jobTime time.Duration
}

type backgroundFit struct {
	key   string
	bytes int64
	fit   func(ctx context.Context) error
}

type pendingFit struct {
	running bool
	done    chan struct{} // closed when the job ends
}

func newBackgroundFits(workers int) *backgroundFits {
	ctx, cancel := context.WithCancel(context.Background())
	b := &backgroundFits{ctx: ctx, cancel: cancel, workers: workers, queue: make(chan backgroundFit, maxQueuedFits),
		pending: map[string]*pendingFit{}, scrub: func(s string) string { return s }, logger: log.DefaultLogger,
		jobTime: maxBackgroundFitTime}
	b.idle = sync.NewCond(&b.mu)
	return b
}

// queryStarted holds the background's next jobs back until queryEnded.
func (b *backgroundFits) queryStarted() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.queries++
}

func (b *backgroundFits) queryEnded() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.queries--; b.queries == 0 {
		b.idle.Broadcast()
	}
}

// enqueue queues fit under key unless it is queued or running already. When the queue is full (or closed) the
// job is dropped: the next query that needs it asks again.
func (b *backgroundFits) enqueue(key string, bytes int64, fit func(ctx context.Context) error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.pending[key]; ok || b.ctx.Err() != nil || b.bytes+bytes > maxQueuedBytes {
		return
	}
	b.start.Do(b.startWorkers)
	select {
	case b.queue <- backgroundFit{key: key, bytes: bytes, fit: fit}:
		b.pending[key] = &pendingFit{done: make(chan struct{})}
		b.bytes += bytes
	default:
	}
}

// running returns a channel closed when the background job of key ends, or nil when none is running (a job
// still queued waits for the queries to end: a query needing its result computes it, and the job then finds it
// cached).
func (b *backgroundFits) running(key string) <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	if job, ok := b.pending[key]; ok && job.running {
		return job.done
	}
	return nil
}

// queued is the number of jobs queued or running.
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
			if !b.startWhenIdle(job.key) {
				b.end(job)
				return
			}
			b.run(job)
		}
	}
}

// startWhenIdle waits until no query runs and marks the job running; false when the background is closed.
func (b *backgroundFits) startWhenIdle(key string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.queries > 0 && b.ctx.Err() == nil {
		b.idle.Wait()
	}
	if b.ctx.Err() != nil {
		return false
	}
	b.pending[key].running = true
	return true
}

func (b *backgroundFits) run(job backgroundFit) {
	defer func() {
		if r := recover(); r != nil {
			b.logger.Error("foresight: panic in a background fit", "panic", b.scrub(fmt.Sprint(r)))
		}
		b.end(job)
	}()
	ctx, cancel := context.WithTimeout(b.ctx, b.jobTime)
	defer cancel()
	if err := job.fit(ctx); err != nil && b.ctx.Err() == nil {
		b.logger.Debug("foresight: background fit failed", "error", err)
	}
}

func (b *backgroundFits) end(job backgroundFit) {
	b.mu.Lock()
	defer b.mu.Unlock()
	close(b.pending[job.key].done)
	delete(b.pending, job.key)
	b.bytes -= job.bytes
}

// close stops the workers (a job running is cancelled through its context) and drops the queue.
func (b *backgroundFits) close() {
	b.mu.Lock()
	b.cancel()
	b.idle.Broadcast()
	b.mu.Unlock()
	b.wg.Wait()
	for {
		select {
		case job := <-b.queue:
			b.end(job)
		default:
			return
		}
	}
}

// wait returns once no job is queued or running, or when ctx ends.
func (b *backgroundFits) wait(ctx context.Context) error {
	for {
		b.mu.Lock()
		var next chan struct{}
		for _, job := range b.pending {
			next = job.done
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
