package engine

import (
	"context"
	"errors"
	"testing"
)

func TestHoltWintersMatchesTypeScript(t *testing.T) {
	var f modelFixture
	readFixture(t, &f, "model", "detect-holt-winters-5min.json")
	e := newEngine(t, Options{PoolSize: 1})
	ctx := context.Background()

	t.Run("should fit and judge the fixture series with the holt_winters family as TypeScript does", func(t *testing.T) {
		judgeFixture(t, e, f)
	})

	t.Run("should refuse a bad holt_winters parameter with its one-line message", func(t *testing.T) {
		_, err := e.Fit(ctx, f.Timestamps, f.Values, []byte(`{"model":"holt_winters","hw_alpha":2}`))
		var input *InputError
		if !errors.As(err, &input) || input.Message != `hw_alpha must be "auto" or a number in (0, 1], got 2` {
			t.Fatalf("error %v", err)
		}
	})
}

func TestHoltWintersDeadline(t *testing.T) {
	const n = 10 * rowsPerCheck
	ts, ys := make([]float64, n), make([]float64, n)
	for i := range ts {
		ts[i] = float64(i) * 60e3
		ys[i] = float64(i % 7)
	}
	settings := HoltWintersSettings{Step: 60e3, SeasonSlots: 1, Alpha: 0.3, Phi: 0.9, Clip: 3, ShiftPoints: 3, ScaleSmoothing: 0.05}
	kernels := map[string]func(ctx context.Context) error{
		"holtWintersStart": func(ctx context.Context) error {
			_, err := HoltWintersStart(ctx, ts, ys, HoltWintersGrid{Step: 60e3, SeasonSlots: 1}, n)
			return err
		},
		"holtWintersFilter": func(ctx context.Context) error {
			out := HoltWintersTrace{
				Yhat: make([]float64, n), Level: make([]float64, n), Error: make([]float64, n),
				HorizonVariance: make([]float64, n), Weight: make([]float64, n),
			}
			_, err := HoltWintersFilter(ctx, ts, ys, nil, settings, make([]float64, hwStateHeader+1), out)
			return err
		},
		// One point far past the state: the slots it walks are checked like points.
		"holtWintersFilter over a gap": func(ctx context.Context) error {
			out := HoltWintersTrace{Yhat: make([]float64, 1), Level: make([]float64, 1), Error: make([]float64, 1),
				HorizonVariance: make([]float64, 1), Weight: make([]float64, 1)}
			_, err := HoltWintersFilter(ctx, []float64{float64(n) * 60e3}, []float64{1}, nil, settings, make([]float64, hwStateHeader+1), out)
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
	}
}
