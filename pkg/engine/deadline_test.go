package engine

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
)

// countdownContext is a context whose deadline passes at its n-th Err call: a kernel checking it learns of
// the deadline at a row the test chooses, not at a time on the clock.
type countdownContext struct {
	context.Context
	left, calls int
}

func (c *countdownContext) Err() error {
	c.calls++
	if c.calls >= c.left {
		return context.DeadlineExceeded
	}
	return nil
}

func TestKernelDeadline(t *testing.T) {
	const n, p = 10 * rowsPerCheck, 7
	layout := &Layout{T0: 0, TScale: 1e6, Linear: true, ChangepointsT: []float64{0.5}, Fourier: []FourierBlock{{PeriodMs: 86400e3, Order: 2}}}
	ts := make([]float64, n)
	for i := range ts {
		ts[i] = float64(i) * 60e3
	}
	X, err := DesignMatrix(context.Background(), ts, layout, nil)
	if err != nil || layout.Width() != p {
		t.Fatal(err, layout.Width())
	}
	kernels := map[string]func(ctx context.Context) error{
		"designMatrix": func(ctx context.Context) error { _, err := DesignMatrix(ctx, ts, layout, nil); return err },
		"weightedGram": func(ctx context.Context) error { _, err := WeightedGram(ctx, X, n, p, ts, nil); return err },
		"multiply": func(ctx context.Context) error {
			_, err := Multiply(ctx, X, n, p, make([]float64, p), 0, p)
			return err
		},
	}
	for name, kernel := range kernels {
		t.Run("should stop "+name+" at the first check after its deadline passes", func(t *testing.T) {
			ctx := &countdownContext{Context: context.Background(), left: 3}
			if err := kernel(ctx); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("error %v, want the context's", err)
			}
			// Ten checks would run to the end; the third said stop and none came after it.
			if ctx.calls != 3 {
				t.Errorf("%d checks", ctx.calls)
			}
		})
	}
}

func TestEngineDeadlineInsideKernels(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 1})
	ts, ys := demoSeries(t, e, 20) // 5,760 rows: six checks in the first design matrix

	t.Run("should end a fit inside a kernel when its deadline passes there, with ErrTimeout", func(t *testing.T) {
		checks := 0
		e.kernelProbe = func(context.Context) error {
			if checks++; checks == 3 {
				return context.DeadlineExceeded
			}
			return nil
		}
		defer func() { e.kernelProbe = nil }()
		_, err := e.Fit(context.Background(), ts, ys, nil)
		if !errors.Is(err, ErrTimeout) {
			t.Fatalf("error %v, want ErrTimeout", err)
		}
		if checks != 3 {
			t.Errorf("%d kernel checks: the model went on after the deadline", checks)
		}
	})

	t.Run("should replace the stopped runtime and keep serving", func(t *testing.T) {
		if _, err := e.Fit(context.Background(), ts, ys, nil); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("should not let the model's JavaScript catch a kernel's stop", func(t *testing.T) {
		calls := &callState{ctx: &countdownContext{Context: context.Background(), left: 1}}
		vm := hostRuntime(t)
		if err := installKernels(vm, calls); err != nil {
			t.Fatal(err)
		}
		var recovered any
		func() {
			defer func() { recovered = recover() }()
			_, _ = run(vm, `try { k.designMatrix(Float64Array.of(1, 2), '{"t0":0,"t_scale":1,"linear":true,"changepoints_t":[],"fourier":[],"indicators":[]}', null); return 'went on'; } catch (e) { return 'caught'; }`)
		}()
		if stop, ok := recovered.(kernelStop); !ok || !errors.Is(stop, context.DeadlineExceeded) {
			t.Fatalf("recovered %v, want a kernelStop", recovered)
		}
	})
}

func TestCheckParams(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 1})
	for _, c := range []struct{ name, params, message string }{
		{"a width in percent", `{"interval_width":99}`, "interval_width must be a number in (0, 1), got 99"},
		{"a misspelt name", `{"intervalwidth":0.9}`, `unknown model parameter "intervalwidth"`},
		{"a country without a calendar", `{"country_holidays":["JP"]}`, `country_holidays[0] "JP" is not a supported holiday country (supported: KR, US)`},
		{"15 seasonalities", `{"seasonalities":[` + strings.Repeat(`{"name":"s","period_days":2,"fourier_order":100},`, 14) + `{"name":"t","period_days":3,"fourier_order":100}]}`,
			"seasonalities has 15 entries; the limit is 10"},
	} {
		t.Run("should refuse "+c.name+" with the model's message", func(t *testing.T) {
			_, err := e.CheckParams(context.Background(), json.RawMessage(c.params))
			if !errors.Is(err, ErrInput) || err.Error() != c.message {
				t.Fatalf("error %v, want ErrInput %q", err, c.message)
			}
		})
	}
	t.Run("should accept good params and none, giving the widest design they allow", func(t *testing.T) {
		for params, want := range map[string]int{
			`{"country_holidays":["KR"],"holidays_tz_offset_minutes":540}`: 61, ``: 61, `{"growth":"flat","n_changepoints":0}`: 35,
			`{"seasonalities":[{"name":"m","period_days":30,"fourier_order":5}],"holidays":[{"name":"x","dates":["2025-01-01"],"upper_window":2}]}`: 74,
		} {
			if width, err := e.CheckParams(context.Background(), json.RawMessage(params)); err != nil || width != want {
				t.Errorf("%s: width %d, error %v; want %d", params, width, err, want)
			}
		}
	})
}

func TestAnalysisPool(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 1, AnalysisPoolSize: 1})
	ts, ys := demoSeries(t, e, 10)

	t.Run("should run analyses on runtimes of their own, so a query never waits behind one", func(t *testing.T) {
		inside, release := make(chan struct{}), make(chan struct{})
		var once sync.Once
		e.kernelProbe = func(ctx context.Context) error {
			if IsAnalysis(ctx) {
				once.Do(func() { close(inside); <-release })
			}
			return nil
		}
		defer func() { e.kernelProbe = nil }()
		done := make(chan error)
		go func() {
			_, err := e.CrossValidate(ForAnalysis(context.Background()), ts, ys, nil, json.RawMessage(`{"horizon":86400000}`))
			done <- err
		}()
		select { // the cross-validation holds a runtime, stopped inside a kernel
		case <-inside:
		case err := <-done:
			t.Fatalf("the cross-validation ended before its first kernel: %v", err)
		}
		if free := len(e.queries); free != cap(e.queries) {
			t.Errorf("%d of %d query runtimes free while an analysis runs", free, cap(e.queries))
		}
		if _, err := e.Fit(context.Background(), ts, ys, nil); err != nil {
			t.Errorf("a query beside a running analysis: %v", err)
		}
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
}
