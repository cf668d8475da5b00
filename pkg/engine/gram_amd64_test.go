package engine

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// The AVX2 pass must give the scalar loop's sums bit for bit: the TypeScript kernel defines them.
func TestWeightedGramAVX2MatchesScalarLoop(t *testing.T) {
	if !hasGramAVX2 {
		t.Skip("no AVX2 on this machine")
	}
	rng := rand.New(rand.NewPCG(3, 5)) //nolint:gosec // reproducible test data, not secrets
	for _, n := range []int{0, 3, 4, 5, 9, 1030} {
		for _, p := range []int{1, 2, 3, 4, 5, 8, 13, 53} {
			X := make([]float64, n*p)
			for i := range X {
				if rng.IntN(4) == 0 {
					continue // zero columns of some rows: the skip
				}
				X[i] = orderSensitiveValue(rng)
			}
			y := make([]float64, n)
			w := make([]float64, n)
			for i := range y {
				y[i] = orderSensitiveValue(rng)
				if rng.IntN(3) > 0 {
					w[i] = orderSensitiveValue(rng)
				}
			}
			for _, weights := range [][]float64{nil, w} {
				hasGramAVX2 = false
				want, err := weightedGramPacked(context.Background(), X, n, p, y, weights)
				hasGramAVX2 = true
				if err != nil {
					t.Fatal(err)
				}
				got, err := weightedGramPacked(context.Background(), X, n, p, y, weights)
				if err != nil {
					t.Fatal(err)
				}
				for i := range want {
					same := math.Float64bits(got[i]) == math.Float64bits(want[i]) || (math.IsNaN(got[i]) && math.IsNaN(want[i]))
					if !same {
						t.Fatalf("n %d p %d weighted %v: element %d is %v, the scalar loop's %v", n, p, weights != nil, i, got[i], want[i])
					}
				}
			}
		}
	}
}
