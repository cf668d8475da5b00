package engine

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

type modelFixture struct {
	Params     json.RawMessage `json:"params"`
	Timestamps numbers         `json:"timestamps"`
	Values     numbers         `json:"values"`
	Expected   struct {
		Yhat    numbers `json:"yhat"`
		Lower   numbers `json:"yhat_lower"`
		Upper   numbers `json:"yhat_upper"`
		Score   numbers `json:"score"`
		Outlier []int8  `json:"outlier"`
	} `json:"expected"`
}

func readModelFixture(t *testing.T) modelFixture {
	t.Helper()
	var f modelFixture
	readFixture(t, &f, "model", "detect-kr-5min.json")
	return f
}

// judgeFixture fits the fixture's series with its params in the engine, judges the series, and checks the result
// against the TypeScript detection stored with it.
func judgeFixture(t *testing.T, e *Engine, f modelFixture) Prediction {
	t.Helper()
	ctx := context.Background()
	m, err := e.Fit(ctx, f.Timestamps, f.Values, f.Params)
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.Predict(ctx, m, f.Timestamps, f.Values)
	if err != nil {
		t.Fatal(err)
	}
	for name, pair := range map[string][2][]float64{
		"yhat":       {p.Yhat, f.Expected.Yhat},
		"yhat_lower": {p.Lower, f.Expected.Lower},
		"yhat_upper": {p.Upper, f.Expected.Upper},
		"score":      {p.Score, f.Expected.Score},
	} {
		if err := closeTo(pair[0], pair[1], modelTolerance); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if !slices.Equal(p.Outlier, f.Expected.Outlier) {
		t.Errorf("outliers differ from the TypeScript detection")
	}
	return p
}

func newEngine(t *testing.T, opts Options) *Engine {
	t.Helper()
	e, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e
}

func TestWholeModelMatchesTypeScript(t *testing.T) {
	f := readModelFixture(t)
	e := newEngine(t, Options{PoolSize: 1})
	ctx := context.Background()

	t.Run("should fit and judge the fixture series as the CLI does", func(t *testing.T) {
		p := judgeFixture(t, e, f)
		if !finite(p.Yhat) || !finite(p.Lower) || !finite(p.Upper) || !finite(p.Score) {
			t.Error("a prediction column holds NaN or Inf")
		}
	})

	t.Run("should forecast without values and split the expectation into components", func(t *testing.T) {
		m, err := e.Fit(ctx, f.Timestamps, f.Values, f.Params)
		if err != nil {
			t.Fatal(err)
		}
		last := f.Timestamps[len(f.Timestamps)-1]
		future := []float64{last + 300e3, last + 3600e3, last + 86400e3}
		p, err := e.Predict(ctx, m, future, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Yhat) != 3 || !finite(p.Yhat) || p.Outlier[0] != 0 || p.Score[0] != 0 {
			t.Fatalf("forecast %+v", p)
		}
		// Inside history the expectation is exactly the sum of its parts (beyond it, a decaying
		// carry of the last residual may be added).
		past := f.Timestamps[100:103]
		history, err := e.Predict(ctx, m, past, nil)
		if err != nil {
			t.Fatal(err)
		}
		parts, err := e.Components(ctx, m, past)
		if err != nil {
			t.Fatal(err)
		}
		// The demo's weekends peak later than its work days: the daily seasonality is split by day kind.
		for _, name := range []string{"trend", "daily_weekday", "daily_weekend", "holidays"} {
			if len(parts[name]) != 3 {
				t.Fatalf("component %q missing or short: %v", name, parts)
			}
		}
		for i := range past {
			sum := 0.0
			for _, values := range parts {
				sum += values[i]
			}
			if math.Abs(sum-history.Yhat[i]) > 1e-6*math.Max(1, math.Abs(history.Yhat[i])) {
				t.Errorf("components sum to %v, yhat %v", sum, history.Yhat[i])
			}
		}
	})
}

func TestBadInput(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 1})
	ctx := context.Background()
	nan := math.NaN()
	cases := []struct {
		name    string
		ts, ys  []float64
		params  string
		message string
	}{
		{"should reject an empty series", nil, nil, "", "empty"},
		{"should reject mismatched lengths", []float64{1, 2, 3}, []float64{1, 2}, "", "3"},
		{"should reject a series with no finite value", []float64{1, 2, 3}, []float64{nan, nan, nan}, "", "finite"},
		{"should reject params that are not an object", []float64{1, 2}, []float64{1, 2}, "[1]", "params"},
		{"should reject an unknown growth", []float64{0, 1e6, 2e6}, []float64{1, 2, 3}, `{"growth":"cubic"}`, "growth"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := e.Fit(ctx, c.ts, c.ys, json.RawMessage(c.params))
			if !errors.Is(err, ErrInput) {
				t.Fatalf("error %v (%T), want ErrInput", err, err)
			}
			if !strings.Contains(err.Error(), c.message) || strings.Contains(err.Error(), "\n") {
				t.Errorf("message %q should be one line mentioning %q", err.Error(), c.message)
			}
		})
	}
	t.Run("should reject a model text that is not a model", func(t *testing.T) {
		_, err := e.Predict(ctx, Fitted{Text: "{}"}, []float64{1}, nil)
		if !errors.Is(err, ErrInput) {
			t.Fatalf("error %v, want ErrInput", err)
		}
	})
	t.Run("should reject an unknown demo series", func(t *testing.T) {
		_, _, err := e.Demo(ctx, "nope", 0, 1e6, 1e3, 1)
		if !errors.Is(err, ErrInput) {
			t.Fatalf("error %v, want ErrInput", err)
		}
	})
	t.Run("should fit a constant series to a finite flat line", func(t *testing.T) {
		ts := make([]float64, 600)
		ys := make([]float64, 600)
		for i := range ts {
			ts[i], ys[i] = 1.7e12+float64(i)*300e3, 42
		}
		m, err := e.Fit(ctx, ts, ys, nil)
		if err != nil {
			t.Fatal(err)
		}
		p, err := e.Predict(ctx, m, ts, ys)
		if err != nil {
			t.Fatal(err)
		}
		if !finite(p.Yhat) || math.Abs(p.Yhat[10]-42) > 1e-6 || slices.ContainsFunc(p.Outlier, func(o int8) bool { return o != 0 }) {
			t.Errorf("constant series: yhat %v, outliers %v", p.Yhat[10], p.Outlier[:5])
		}
	})
}

func demoSeries(t *testing.T, e *Engine, days float64) ([]float64, []float64) {
	t.Helper()
	start := 1.7e12
	ts, ys, err := e.Demo(context.Background(), "messaging", start, start+days*86400e3, 300e3, 3)
	if err != nil {
		t.Fatal(err)
	}
	return ts, ys
}

// expiringContext is a context whose deadline passes when the test calls expire, not at a time on the clock,
// so a test can let a call start first and then see it interrupted, however slow the machine.
type expiringContext struct {
	context.Context
	done chan struct{}
}

func newExpiringContext() (ctx *expiringContext, expire func()) {
	ctx = &expiringContext{Context: context.Background(), done: make(chan struct{})}
	return ctx, sync.OnceFunc(func() { close(ctx.done) })
}

func (c *expiringContext) Done() <-chan struct{} { return c.done }

func (c *expiringContext) Err() error {
	select {
	case <-c.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

// endlessScript runs a script that only an interrupt can stop, telling started once it is running.
func endlessScript(started chan<- struct{}) func(rt *jsRuntime) error {
	return func(rt *jsRuntime) error {
		close(started)
		_, err := rt.vm.RunString("for (;;) {}")
		return classify(err)
	}
}

func TestTimeout(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 1})
	ts, ys := demoSeries(t, e, 60)

	t.Run("should interrupt a running call when its deadline passes, with ErrTimeout", func(t *testing.T) {
		ctx, expire := newExpiringContext()
		defer expire()
		started := make(chan struct{})
		go func() {
			<-started
			expire()
		}()
		if err := e.run(ctx, endlessScript(started)); !errors.Is(err, ErrTimeout) {
			t.Fatalf("error %v, want ErrTimeout", err)
		}
	})

	t.Run("should answer ErrTimeout from a model call whose deadline has passed", func(t *testing.T) {
		ctx, expire := newExpiringContext()
		expire()
		_, err := e.Fit(ctx, ts, ys, json.RawMessage(`{"country_holidays":["KR"]}`))
		if !errors.Is(err, ErrTimeout) {
			t.Fatalf("error %v, want ErrTimeout", err)
		}
	})

	t.Run("should apply Options.Timeout without a context deadline", func(t *testing.T) {
		short := newEngine(t, Options{PoolSize: 1, Timeout: time.Millisecond})
		// The script never ends by itself, so only the engine's own timeout can stop it.
		if err := short.run(context.Background(), endlessScript(make(chan struct{}))); !errors.Is(err, ErrTimeout) {
			t.Fatalf("error %v, want ErrTimeout", err)
		}
	})

	t.Run("should keep serving after an interrupted call", func(t *testing.T) {
		m, err := e.Fit(context.Background(), ts[:2016], ys[:2016], nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Predict(context.Background(), m, ts[:10], ys[:10]); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("should return the context's error when the caller cancels", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := e.Fit(ctx, ts, ys, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error %v, want context.Canceled", err)
		}
	})
}

func TestConcurrentFits(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 2})
	ts, ys := demoSeries(t, e, 14)
	params := json.RawMessage(`{"country_holidays":["KR"],"holidays_tz_offset_minutes":540}`)
	reference, err := e.Fit(context.Background(), ts, ys, params)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("should give every goroutine the same model", func(t *testing.T) {
		const workers = 6
		results := make([]Fitted, workers)
		errs := make([]error, workers)
		var wg sync.WaitGroup
		for i := 0; i < workers; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], errs[i] = e.Fit(context.Background(), ts, ys, params)
			}()
		}
		wg.Wait()
		for i := range results {
			if errs[i] != nil {
				t.Fatalf("worker %d: %v", i, errs[i])
			}
			if results[i].Text != reference.Text {
				t.Errorf("worker %d fitted a different model", i)
			}
		}
	})
}

func TestEvaluation(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 1})
	ts, ys := demoSeries(t, e, 10)
	ctx := context.Background()
	const day = 86400e3

	t.Run("should cross-validate and report Prophet's metrics", func(t *testing.T) {
		raw, err := e.CrossValidate(ctx, ts, ys, nil, json.RawMessage(`{"horizon":86400000,"initial":604800000}`))
		if err != nil {
			t.Fatal(err)
		}
		var out struct {
			ByHorizon struct {
				Horizon  []float64 `json:"horizon"`
				Rmse     []float64 `json:"rmse"`
				Coverage []float64 `json:"coverage"`
			} `json:"byHorizon"`
			Overall struct {
				N    int     `json:"n"`
				Rmse float64 `json:"rmse"`
			} `json:"overall"`
		}
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatalf("%v in %.200s", err, raw)
		}
		if out.Overall.N == 0 || !(out.Overall.Rmse > 0) || len(out.ByHorizon.Rmse) == 0 {
			t.Errorf("metrics %+v", out)
		}
		if h := out.ByHorizon.Horizon; h[len(h)-1] > day {
			t.Errorf("a horizon beyond one day: %v", h[len(h)-1])
		}
	})

	t.Run("should tune a small grid and rank it", func(t *testing.T) {
		opts := json.RawMessage(`{"horizon":86400000,"initial":691200000,"grid":{"changepoint_prior_scale":[0.01,0.5]}}`)
		raw, err := e.Tune(ctx, ts, ys, nil, opts)
		if err != nil {
			t.Fatal(err)
		}
		var out struct {
			Ranking []struct {
				Combination map[string]float64 `json:"combination"`
			} `json:"ranking"`
			Metric string `json:"metric"`
			Fits   int    `json:"fits"`
		}
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatal(err)
		}
		if len(out.Ranking) != 2 || out.Metric != "rmse" || out.Fits < 2 {
			t.Errorf("tuning result %.300s", raw)
		}
	})

	t.Run("should report a window longer than the data as bad input", func(t *testing.T) {
		_, err := e.CrossValidate(ctx, ts, ys, nil, json.RawMessage(`{"horizon":8640000000}`))
		if !errors.Is(err, ErrInput) {
			t.Fatalf("error %v, want ErrInput", err)
		}
	})
}

func TestDemo(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 1})
	t.Run("should generate the same series for the same seed", func(t *testing.T) {
		ts1, ys1 := demoSeries(t, e, 2)
		ts2, ys2 := demoSeries(t, e, 2)
		if len(ts1) != 576 || !slices.Equal(ts1, ts2) || !slices.Equal(ys1, ys2) || !finite(ys1) {
			t.Errorf("demo: %d points", len(ts1))
		}
	})
	t.Run("should refuse a series beyond the point limit", func(t *testing.T) {
		_, _, err := e.Demo(context.Background(), "messaging", 0, 1e12, 1, 1)
		if !errors.Is(err, ErrInput) {
			t.Fatalf("error %v, want ErrInput", err)
		}
	})
}

func TestClose(t *testing.T) {
	t.Run("should refuse calls after Close", func(t *testing.T) {
		e, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		e.Close()
		if _, err := e.Fit(context.Background(), []float64{1}, []float64{1}, nil); !errors.Is(err, ErrClosed) {
			t.Fatalf("error %v, want ErrClosed", err)
		}
	})
}

func TestRecovery(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 1})
	t.Run("should turn a Go panic inside a call into an error and replace the runtime", func(t *testing.T) {
		var broken *jsRuntime
		err := e.run(context.Background(), func(rt *jsRuntime) error {
			broken = rt
			panic("boom")
		})
		if err == nil || !strings.Contains(err.Error(), "boom") || errors.Is(err, ErrInput) {
			t.Fatalf("error %v", err)
		}
		var next *jsRuntime
		if err := e.run(context.Background(), func(rt *jsRuntime) error { next = rt; return nil }); err != nil {
			t.Fatal(err)
		}
		if next == broken {
			t.Error("the runtime that panicked was reused")
		}
	})
	t.Run("should report a script exception that is not a ModelInputError as a plain error", func(t *testing.T) {
		err := e.run(context.Background(), func(rt *jsRuntime) error {
			_, err := rt.vm.RunString(`throw new RangeError("bad range")`)
			return classify(err)
		})
		var script *ScriptError
		if !errors.As(err, &script) || errors.Is(err, ErrInput) || script.Name != "RangeError" || script.Message != "bad range" {
			t.Fatalf("error %v (%T)", err, err)
		}
	})
	t.Run("should wait for a free runtime only until the deadline", func(t *testing.T) {
		release := make(chan struct{})
		busy := make(chan struct{})
		go func() {
			_ = e.run(context.Background(), func(*jsRuntime) error { close(busy); <-release; return nil })
		}()
		<-busy
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		_, err := e.Fit(ctx, []float64{1, 2}, []float64{1, 2}, nil)
		close(release)
		if !errors.Is(err, ErrTimeout) {
			t.Fatalf("error %v, want ErrTimeout", err)
		}
	})
}

// finite reports whether every value is a finite number.
func finite(values []float64) bool {
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
