package engine

import (
	"math"
	"testing"
)

func TestQuantile(t *testing.T) {
	cases := []struct {
		name   string
		values []float64
		q      float64
		want   float64
	}{
		{"should interpolate like numpy", []float64{4, 1, 3, 2}, 0.25, 1.75},
		{"should give the median of an even count", []float64{3, 1, 4, 2}, 0.5, 2.5},
		{"should give the maximum at q = 1", []float64{3, 9, 1}, 1, 9},
		{"should clamp q below 0", []float64{3, 9, 1}, -1, 1},
		{"should handle ties", []float64{2, 2, 2, 5}, 0.5, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := append([]float64(nil), c.values...)
			if got := Quantile(c.values, c.q); got != c.want {
				t.Fatalf("Quantile(%v, %v) = %v, want %v", c.values, c.q, got, c.want)
			}
			for i := range before {
				if before[i] != c.values[i] {
					t.Fatalf("Quantile modified its input: %v", c.values)
				}
			}
		})
	}
	if !math.IsNaN(Quantile(nil, 0.5)) {
		t.Fatal("Quantile of no values should be NaN")
	}
}

func TestRemainderMatchesMod(t *testing.T) {
	cases := [][2]float64{
		{1760918400000, 86400000}, {-5 * 86400000, 604800000}, {1760918400123, 31557600000},
		{-1, 7}, {0, 3}, {1760918400000.5, 86400000}, {17, 2.5}, {-17, 2.5}, {1e300, 86400000},
	}
	for _, c := range cases {
		if got, want := remainder(c[0], c[1]), math.Mod(c[0], c[1]); got != want || math.Signbit(got) != math.Signbit(want) {
			t.Fatalf("remainder(%v, %v) = %v, math.Mod gives %v", c[0], c[1], got, want)
		}
	}
}
