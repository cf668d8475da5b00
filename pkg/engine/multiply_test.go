package engine

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// multiplyRowByRow is the kernel's definition: each row's columns summed in order, as src/model/kernels.ts does.
func multiplyRowByRow(X []float64, n, p int, beta []float64, from, to int) []float64 {
	out := make([]float64, n)
	for i := range out {
		s := 0.0
		for j := from; j < to; j++ {
			s += float64(X[i*p+j] * beta[j])
		}
		out[i] = s
	}
	return out
}

// Values whose sums depend on the order of additions, so any reordering shows in the bits.
func orderSensitiveValue(rng *rand.Rand) float64 {
	switch rng.IntN(20) {
	case 0:
		return math.NaN()
	case 1:
		return math.Inf(1 - 2*rng.IntN(2))
	case 2:
		return 0
	default:
		return (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(32)-16))
	}
}

func TestMultiplySumsEachRowInColumnOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11)) //nolint:gosec // reproducible test data, not secrets
	for _, n := range []int{0, 1, 3, 4, 5, 7, 8, 1027} {
		for _, p := range []int{1, 2, 5, 33} {
			X := make([]float64, n*p)
			for i := range X {
				X[i] = orderSensitiveValue(rng)
			}
			beta := make([]float64, p)
			for i := range beta {
				beta[i] = orderSensitiveValue(rng)
			}
			for _, cols := range [][2]int{{0, p}, {p / 2, p}, {0, p / 2}, {p / 3, p - p/3}} {
				got, err := Multiply(context.Background(), X, n, p, beta, cols[0], cols[1])
				if err != nil {
					t.Fatal(err)
				}
				want := multiplyRowByRow(X, n, p, beta, cols[0], cols[1])
				for i := range want {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
						t.Fatalf("n %d p %d columns %v row %d: %v, summed in column order %v", n, p, cols, i, got[i], want[i])
					}
				}
			}
		}
	}
}
