package engine

import (
	"context"
	"encoding/json"
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

	t.Run("should keep the training values as value steps, a few characters a point, and predict the same from them", func(t *testing.T) {
		m, err := e.Fit(ctx, ts, ys, []byte(`{"model":"past"}`))
		if err != nil {
			t.Fatal(err)
		}
		var text struct {
			Step   float64 `json:"value_step"`
			Steps  string  `json:"value_steps"`
			Floats *string `json:"values"`
		}
		if err := json.Unmarshal([]byte(m.Text), &text); err != nil {
			t.Fatal(err)
		}
		if text.Step <= 0 || text.Floats != nil || len(text.Steps) > 3*len(ts) {
			t.Fatalf("value_step %v, %d characters of steps for %d points, values %v", text.Step, len(text.Steps), len(ts), text.Floats != nil)
		}
		values, err := DecodeValueSteps(text.Steps, text.Step)
		if err != nil || len(values) != len(ts) {
			t.Fatalf("%d values, %v", len(values), err)
		}
		// The same values as float64 text (the model's version 3 form) predict the same.
		var data map[string]any
		if err := json.Unmarshal([]byte(m.Text), &data); err != nil {
			t.Fatal(err)
		}
		delete(data, "value_step")
		delete(data, "value_steps")
		data["values"], data["version"] = EncodeFloat64s(values), 3
		floats, err := json.Marshal(data)
		if err != nil {
			t.Fatal(err)
		}
		future := ts[len(ts)-288:]
		want, err := e.Predict(ctx, m, future, ys[len(ys)-288:])
		if err != nil {
			t.Fatal(err)
		}
		got, err := e.Predict(ctx, Fitted{Text: string(floats)}, future, ys[len(ys)-288:])
		if err != nil {
			t.Fatal(err)
		}
		for i := range future {
			if !sameBits(got.Yhat[i], want.Yhat[i]) || !sameBits(got.Upper[i], want.Upper[i]) || !sameBits(got.Score[i], want.Score[i]) {
				t.Fatalf("point %d: %v %v %v from float64 text, %v %v %v from steps", i, got.Yhat[i], got.Upper[i], got.Score[i], want.Yhat[i], want.Upper[i], want.Score[i])
			}
		}
		damaged := strings.Replace(m.Text, `"value_steps":"`, `"value_steps":"*`, 1)
		_, err = e.Predict(ctx, Fitted{Text: damaged}, future, nil)
		var input *InputError
		if !errors.As(err, &input) || !strings.Contains(err.Error(), "serialized past model: value_steps must be text of") {
			t.Errorf("damaged steps: %v", err)
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
