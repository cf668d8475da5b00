package engine

import (
	"context"
	"math/rand/v2"
	"testing"
)

func BenchmarkWeightedGram(b *testing.B) {
	const n, p = 8064, 53
	rng := rand.New(rand.NewPCG(1, 2)) //nolint:gosec // reproducible test data, not secrets
	X := make([]float64, n*p)
	for i := range X {
		X[i] = rng.Float64()
	}
	y := make([]float64, n)
	for i := range y {
		y[i] = rng.Float64()
	}
	for b.Loop() {
		if _, err := WeightedGram(context.Background(), X, n, p, y, nil); err != nil {
			b.Fatal(err)
		}
	}
}
