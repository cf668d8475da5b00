package engine

import (
	"context"
	"errors"
	"testing"
)

func TestArKernelDeadline(t *testing.T) {
	const n = 10 * rowsPerCheck
	values := make([]float64, n)
	for i := range values {
		values[i] = float64(i % 7)
	}
	lags := []int32{1, 2, 288}
	coefficients := []float64{0.5, -0.2, 0.6}
	kernels := map[string]func(ctx context.Context) error{
		"lagDesign": func(ctx context.Context) error {
			_, err := LagDesign(ctx, values, append(lags, 0), 288, n, true, nil)
			return err
		},
		"arRecursion": func(ctx context.Context) error {
			out := ArFiltered{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)}
			model := ArModel{Lags: lags, Coefficients: coefficients, Start: 288, LimitBelow: 3, LimitAbove: 3, MaxRun: 3, HorizonVariance: []float64{1}, Lowest: -10, Highest: 10}
			_, err := ArRecursion(ctx, values, model, out)
			return err
		},
		"arPsiVariance": func(ctx context.Context) error {
			_, err := ArPsiVariance(ctx, lags, coefficients, n)
			return err
		},
	}
	for name, kernel := range kernels {
		t.Run("should stop "+name+" at the first check after its deadline passes", func(t *testing.T) {
			ctx := &countdownContext{Context: context.Background(), left: 3}
			if err := kernel(ctx); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("error %v, want the context's", err)
			}
			if ctx.calls != 3 {
				t.Errorf("%d checks", ctx.calls)
			}
		})
		t.Run("should run "+name+" to the end without a deadline", func(t *testing.T) {
			if err := kernel(context.Background()); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestAutoregressiveModelMatchesTypeScript(t *testing.T) {
	var f modelFixture
	readFixture(t, &f, "model", "detect-ar-5min.json")
	e := newEngine(t, Options{PoolSize: 1})

	t.Run("should fit and judge the fixture series with the autoregressive family as TypeScript does", func(t *testing.T) {
		judgeFixture(t, e, f)
	})
}
