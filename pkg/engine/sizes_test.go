package engine

import (
	"context"
	"testing"
)

// Sizes come from JavaScript as any integer: a product that overflows must be an error, never a panic or a
// huge allocation.
func TestKernelsRefuseSizesThatOverflow(t *testing.T) {
	gram := make([]float64, 4)
	for _, width := range []int{1 << 32, 3037000500, -1, 0} {
		if _, err := SolveColumns(gram, width, []int32{0}, 1e-9, 1e-9); err == nil {
			t.Errorf("SolveColumns accepted width %d for a Gram matrix of 4 values", width)
		}
	}
	if _, err := SolveColumns(gram, 2, make([]int32, 3000), 1e-9, 1e-9); err == nil {
		t.Error("SolveColumns accepted 3,000 columns of a 2-column Gram matrix")
	}
	if _, err := WeightedGram(context.Background(), make([]float64, 4), 1<<32, 1<<32, make([]float64, 4), nil); err == nil {
		t.Error("WeightedGram accepted a 2^32 × 2^32 matrix of 4 values")
	}
}

func TestEnsembleKernelsRefuseMemberCountsPastTheirData(t *testing.T) {
	for _, members := range []int{1 << 40, 1 << 62, -1, 0} {
		if err := KthLargest(context.Background(), make([]float64, 8), members, 1, make([]float64, 4)); err == nil {
			t.Errorf("KthLargest accepted %d members of 8 values over 4 points", members)
		}
		stacked := Judgement{Yhat: make([]float64, 8), Lower: make([]float64, 8), Upper: make([]float64, 8), Outlier: make([]int8, 8), Score: make([]float64, 8)}
		out := Judgement{Yhat: make([]float64, 4), Lower: make([]float64, 4), Upper: make([]float64, 4), Outlier: make([]int8, 4), Score: make([]float64, 4)}
		if err := CombineVerdicts(context.Background(), stacked, members, 1, nil, 0, out); err == nil {
			t.Errorf("CombineVerdicts accepted %d members of 8 values over 4 points", members)
		}
	}
}
