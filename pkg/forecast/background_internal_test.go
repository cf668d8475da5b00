package forecast

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"testing"
	"time"
	"weak"
)

func TestBackgroundQueueBoundsTheBytesItHolds(t *testing.T) {
	b := newBackgroundFits(1)
	defer b.close()
	b.queryStarted() // while a query runs no job starts, so what is queued stays queued
	defer b.queryEnded()
	noop := func(context.Context) error { return nil }
	b.enqueue("a", maxQueuedBytes/2, noop)
	b.enqueue("b", maxQueuedBytes/2, noop)
	b.enqueue("c", 1, noop) // over the bound: left for the next query that needs it
	if got := b.queued(); got != 2 {
		t.Fatalf("%d jobs queued, want the two within the byte bound", got)
	}
	b.mu.Lock()
	held := b.bytes
	b.mu.Unlock()
	if held != maxQueuedBytes {
		t.Errorf("%d bytes held, want %d", held, maxQueuedBytes)
	}
}

func TestPackedTimesGiveTheTimesBack(t *testing.T) {
	regular := []float64{1.7e12, 1.7e12 + 3e5, 1.7e12 + 6e5, 1.7e12 + 9e5}
	gap := []float64{1.7e12, 1.7e12 + 3e5, 1.7e12 + 9e5}
	fractional := []float64{0.1, 0.2, 0.3} // 0.1 + 2 × 0.1 is not 0.3 in float64: kept as they are
	for _, ts := range [][]float64{regular, gap, fractional, {5}, nil} {
		packed := packTimes(ts)
		if got := packed.unpack(); !slices.Equal(got, ts) {
			t.Errorf("%v came back as %v", ts, got)
		}
	}
	if packTimes(regular).times != nil {
		t.Error("a regular grid was kept whole")
	}
	if packTimes(gap).times == nil || packTimes(fractional).times == nil {
		t.Error("an irregular grid was packed")
	}
}

func TestDeferredFitHoldsOnlyTheSeriesPoints(t *testing.T) {
	p := NewPipeline(nil, NewFitCache(1<<20), 1)
	defer p.Close()
	p.background.queryStarted() // the job stays queued
	defer p.background.queryEnded()
	w := &seriesWork{key: "s", times: []float64{0, 300e3, 600e3}, values: []float64{1, 2, 3},
		result: &SeriesResult{Yhat: make([]float64, 1<<10)}}
	times, result := weak.Make(&w.times[0]), weak.Make(&w.result.Yhat[0])
	p.deferFit("fit-key", Request{}, modelParams{}, w, 0)
	if p.BackgroundFits() != 1 {
		t.Fatalf("%d fits queued, want 1", p.BackgroundFits())
	}
	w = nil
	runtime.GC()
	runtime.GC()
	if times.Value() != nil || result.Value() != nil {
		t.Errorf("the queued job keeps the series' times (%v) or its result (%v) alive", times.Value() != nil, result.Value() != nil)
	}
}

func TestBackgroundJobEndsAtItsTimeBound(t *testing.T) {
	b := newBackgroundFits(1)
	defer b.close()
	b.jobTime = 20 * time.Millisecond
	ended := make(chan error, 1)
	b.enqueue("stuck", 1, func(ctx context.Context) error {
		<-ctx.Done() // a fit that would otherwise hold its slot for ever
		ended <- ctx.Err()
		return ctx.Err()
	})
	wait, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := b.wait(wait); err != nil {
		t.Fatalf("the job did not end: %v", err)
	}
	if err := <-ended; !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("the job ended with %v, want its deadline", err)
	}
}
