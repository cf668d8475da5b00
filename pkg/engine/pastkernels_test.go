package engine

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
)

func TestSlotSummariesDeadline(t *testing.T) {
	const n = 10 * rowsPerCheck
	times := make([]float64, n)
	values := make([]float64, n)
	for i := range times {
		times[i] = float64(i) * 60e3
		values[i] = float64(i % 7)
	}
	spec := SlotSpec{PeriodMs: 86400e3, ToleranceMs: 30e3, Count: 4, MaxLags: 8, EndMs: times[n-1]}
	out := SlotSummariesOut{Summary: make([]float64, n), Used: make([]float64, n)}

	t.Run("should stop at the first check after its deadline passes", func(t *testing.T) {
		ctx := &countdownContext{Context: context.Background(), left: 3}
		err := SlotSummaries(ctx, times, times, values, nil, nil, spec, out)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("error %v, want the context's", err)
		}
		if ctx.calls != 3 {
			t.Errorf("%d checks", ctx.calls)
		}
	})

	t.Run("should refuse outputs shorter than the queries", func(t *testing.T) {
		short := SlotSummariesOut{Summary: make([]float64, n-1), Used: make([]float64, n)}
		if err := SlotSummaries(context.Background(), times, times, values, nil, nil, spec, short); err == nil {
			t.Fatal("no error")
		}
	})
}

func TestPastFamilyInEngine(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 1})
	ts, ys := demoSeries(t, e, 20)
	ctx := context.Background()

	t.Run("should fit the past family with the Go kernels and forecast the next day from its components", func(t *testing.T) {
		m, err := e.Fit(ctx, ts, ys, []byte(`{"model":"past","past_periods":3}`))
		if err != nil {
			t.Fatal(err)
		}
		last := ts[len(ts)-1]
		future := []float64{last + 300e3, last + 3600e3, last + 86400e3}
		p, err := e.Predict(ctx, m, future, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !finite(p.Yhat) || !finite(p.Lower) || !finite(p.Upper) {
			t.Fatalf("forecast %+v", p)
		}
		parts, err := e.Components(ctx, m, future)
		if err != nil {
			t.Fatal(err)
		}
		for i := range future {
			if sum := parts["trend"][i] + parts["past"][i] + parts["holidays"][i]; math.Abs(sum-p.Yhat[i]) > 1e-9*math.Abs(p.Yhat[i]) {
				t.Errorf("point %d: components sum to %v, expectation %v", i, sum, p.Yhat[i])
			}
		}
	})

	t.Run("should refuse a bad past parameter with the model's one-line message", func(t *testing.T) {
		_, err := e.CheckParams(ctx, []byte(`{"model":"past","past_periods":0}`))
		var input *InputError
		if !errors.As(err, &input) || !strings.Contains(err.Error(), "past_periods must be a whole number in 1..52") {
			t.Fatalf("error %v", err)
		}
	})
}

func TestFirstNotBeforeNear(t *testing.T) {
	// Sorted times with gaps and repeats, slots before, between, on and after them, every guess.
	times := []float64{0, 5, 5, 5, 7, 20, 21, 21, 40, 41, 42, 43, 100}
	slots := []float64{-3, 0, 1, 5, 6, 7, 19.5, 21, 30, 43, 99, 100, 150, math.NaN()}
	for _, slot := range slots {
		want := firstNotBefore(times, slot, 0, len(times))
		for guess := -2; guess <= len(times)+2; guess++ {
			if got := firstNotBeforeNear(times, slot, guess); got != want {
				t.Errorf("slot %v from guess %d: %d, a binary search gives %d", slot, guess, got, want)
			}
		}
	}
	for guess := -1; guess <= 1; guess++ {
		if got := firstNotBeforeNear(nil, 3, guess); got != 0 {
			t.Errorf("no times from guess %d: %d", guess, got)
		}
	}
}
