package engine

import (
	"context"
	"math/rand/v2"
	"testing"
)

// A design matrix of the size a default fit makes (28 days of 5-minute rows, 53 columns).
const benchRows, benchColumns = 8064, 53

// uniformValues are count reproducible values in [0, 1).
func uniformValues(rng *rand.Rand, count int) []float64 {
	values := make([]float64, count)
	for i := range values {
		values[i] = rng.Float64()
	}
	return values
}

func benchMatrix() (X []float64, rng *rand.Rand) {
	rng = rand.New(rand.NewPCG(1, 2)) //nolint:gosec // reproducible benchmark data
	return uniformValues(rng, benchRows*benchColumns), rng
}

func BenchmarkWeightedGram(b *testing.B) {
	X, rng := benchMatrix()
	y := uniformValues(rng, benchRows)
	for b.Loop() {
		if _, err := WeightedGram(context.Background(), X, benchRows, benchColumns, y, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMultiply(b *testing.B) {
	X, rng := benchMatrix()
	beta := uniformValues(rng, benchColumns)
	for b.Loop() {
		if _, err := Multiply(context.Background(), X, benchRows, benchColumns, beta, 0, benchColumns); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMultiplyRowByRow is the loop Multiply replaced, to compare against in the same run.
func BenchmarkMultiplyRowByRow(b *testing.B) {
	X, rng := benchMatrix()
	beta := uniformValues(rng, benchColumns)
	for b.Loop() {
		_ = multiplyRowByRow(X, benchRows, benchColumns, beta, 0, benchColumns)
	}
}
