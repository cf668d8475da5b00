package forecast

import (
	"context"
	"fmt"
	"time"
)

// WithClock replaces the clock the pipeline checks its fit cutoff with (tests).
func (p *Pipeline) WithClock(now func() time.Time) *Pipeline {
	p.now = now
	return p
}

// Close cancels the background fits (a datasource instance being disposed).
func (p *Pipeline) Close() {
	p.background.close()
}

// WaitBackground returns once no background fit is queued or running, or when ctx ends (benchmarks, tests).
func (p *Pipeline) WaitBackground(ctx context.Context) error {
	return p.background.wait(ctx)
}

// BackgroundFits is the number of fits queued or running in the background.
func (p *Pipeline) BackgroundFits() int {
	return p.background.queued()
}

// fitOrDefer returns the model of piece k like fitPiece, within the run's fit cutoff: a fit that would start
// after it is handed to the background (deferred, no model), and a fit the background is running is awaited
// until the cutoff instead of being run twice.
func (p *Pipeline) fitOrDefer(ctx context.Context, cutoff time.Time, req Request, params modelParams, w *seriesWork, k int) (model Model, key string, deferred bool, err error) {
	if cutoff.IsZero() {
		model, key, err = p.fitPiece(ctx, req, params, w, k, p.inSlot)
		return model, key, false, err
	}
	for attempt := 0; ; attempt++ {
		awaited := false
		slot := func(ctx context.Context, fn func()) bool {
			_, pieceKey, err := fitKey(req, params, w.key, req.Plan.Pieces[k])
			if err != nil { // fitPiece renders the same key first, so this does not happen
				return p.inSlot(ctx, fn)
			}
			if attempt == 0 {
				if running := p.background.running(pieceKey); running != nil {
					awaited = p.awaitUntil(ctx, cutoff, running)
					deferred = !awaited
					return false
				}
				// A background fit may have ended since fitPiece missed the cache: it stores before it ends.
				if _, ok := p.cache.Get(pieceKey); ok {
					awaited = true
					return false
				}
			}
			if p.now().Before(cutoff) && p.inSlotUntil(ctx, cutoff, fn) {
				return true
			}
			deferred = true
			p.deferFit(pieceKey, req, params, w, k)
			return false
		}
		model, key, err = p.fitPiece(ctx, req, params, w, k, slot)
		if !awaited {
			return model, key, deferred, err
		}
	}
}

// awaitUntil waits for done until the cutoff or the query's end; true when done closed first.
func (p *Pipeline) awaitUntil(ctx context.Context, cutoff time.Time, done <-chan struct{}) bool {
	ctx, cancel := context.WithDeadline(ctx, cutoff)
	defer cancel()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}

// inSlotUntil runs fn in a fit slot if one frees before the cutoff (fn itself runs under the query's context).
func (p *Pipeline) inSlotUntil(ctx context.Context, cutoff time.Time, fn func()) bool {
	ctx, cancel := context.WithDeadline(ctx, cutoff)
	defer cancel()
	return p.inSlot(ctx, fn)
}

// deferFit queues the fit of piece k in the background, on the series' training values (its notice is set by Run).
func (p *Pipeline) deferFit(key string, req Request, params modelParams, w *seriesWork, k int) {
	req.Pinned = nil
	// The job keeps the series' points alive until it runs: they count towards the queue's byte bound. Times on a
	// regular grid are kept as their first time and step, which halves that, so a cold query over 10,000 series
	// can leave all of its fits to the background.
	// The closure takes these, not w, which would keep the whole series' work (its times, its result) alive.
	times, seriesKey, values := packTimes(w.times), w.key, w.values
	p.background.enqueue(key, int64(8*(len(times.times)+len(values))), func(ctx context.Context) error {
		own := &seriesWork{key: seriesKey, times: times.unpack(), values: values}
		model, _, err := p.fitPiece(ctx, req, params, own, k, p.inSlot)
		if err == nil {
			// The next evaluation then judges this piece without a model call, as if the query had fitted it.
			p.prepareExpectations(ctx, key, model, req.Plan.Pieces[k], req.Plan.StepMs)
		}
		return err
	})
}

// noticeDeferred tells each series left unjudged for a background fit how far the query got.
func noticeDeferred(work []*seriesWork) {
	done := 0
	for _, w := range work {
		if !w.deferred {
			done++
		}
	}
	for _, w := range work {
		if w.deferred {
			w.notices = append([]string{fmt.Sprintf("model still being fitted in the background (%d of %d series done); judged at the next evaluation",
				done, len(work))}, w.notices...)
		}
	}
}

// packedTimes are increasing times, kept as first time and step when every time is first + i × step exactly.
type packedTimes struct {
	times       []float64 // nil when packed
	first, step float64
	n           int
}

func packTimes(ts []float64) packedTimes {
	if len(ts) < 2 {
		return packedTimes{times: ts}
	}
	first, step := ts[0], ts[1]-ts[0]
	for i, t := range ts {
		if t != first+float64(float64(i)*step) { // the product rounded apart: never fused, as in unpack
			return packedTimes{times: ts}
		}
	}
	return packedTimes{first: first, step: step, n: len(ts)}
}

// unpack gives the times back, exactly as they were.
func (p packedTimes) unpack() []float64 {
	if p.times != nil || p.n == 0 {
		return p.times
	}
	ts := make([]float64, p.n)
	for i := range ts {
		ts[i] = p.first + float64(float64(i)*p.step)
	}
	return ts
}
