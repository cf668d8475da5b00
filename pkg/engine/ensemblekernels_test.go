package engine

import (
	"context"
	"errors"
	"math"
	"testing"
)

func TestKthLargest(t *testing.T) {
	t.Run("should pick the k-th largest finite member value per point", func(t *testing.T) {
		// Three members over four points, member after member.
		columns := []float64{
			1, 5, math.NaN(), 2,
			3, 4, math.NaN(), math.NaN(),
			2, 6, math.NaN(), math.NaN(),
		}
		out := make([]float64, 4)
		if err := KthLargest(context.Background(), columns, 3, 2, out); err != nil {
			t.Fatal(err)
		}
		if out[0] != 2 || out[1] != 5 || !math.IsNaN(out[2]) || out[3] != 2 {
			t.Fatalf("got %v", out)
		}
	})

	t.Run("should stop at the first check after its deadline passes", func(t *testing.T) {
		const n = 10 * rowsPerCheck
		ctx := &countdownContext{Context: context.Background(), left: 3}
		err := KthLargest(ctx, make([]float64, 3*n), 3, 2, make([]float64, n))
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("error %v, want the context's", err)
		}
		if ctx.calls != 3 {
			t.Fatalf("checked %d times, want 3", ctx.calls)
		}
	})

	t.Run("should refuse columns shorter than members x points", func(t *testing.T) {
		if err := KthLargest(context.Background(), make([]float64, 5), 3, 2, make([]float64, 2)); err == nil {
			t.Fatal("want an error")
		}
	})
}

func TestHarmonicMean(t *testing.T) {
	t.Run("should give the harmonic mean of the finite member values per point, 0 where one is 0", func(t *testing.T) {
		// Two members over four points, member after member.
		columns := []float64{
			0.5, 0.25, math.NaN(), 0,
			0.25, math.NaN(), math.NaN(), 0.9,
		}
		out := make([]float64, 4)
		if err := HarmonicMean(context.Background(), columns, 2, out); err != nil {
			t.Fatal(err)
		}
		if math.Abs(out[0]-1.0/3) > 1e-15 || out[1] != 0.25 || !math.IsNaN(out[2]) || out[3] != 0 {
			t.Fatalf("got %v", out)
		}
	})

	t.Run("should refuse columns shorter than members x points", func(t *testing.T) {
		if err := HarmonicMean(context.Background(), make([]float64, 3), 2, make([]float64, 2)); err == nil {
			t.Fatal("want an error")
		}
	})
}
