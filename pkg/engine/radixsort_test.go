package engine

import (
	"cmp"
	"math"
	"math/rand"
	"slices"
	"testing"
)

// jsOrder is a Float64Array sort's order for values without NaN: numeric, and −0 before +0.
func jsOrder(a, b float64) int {
	if a == b {
		return cmp.Compare(boolInt(!math.Signbit(a)), boolInt(!math.Signbit(b)))
	}
	return cmp.Compare(a, b)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestSortFloatsOrdersAsSlicesSort(t *testing.T) {
	r := rand.New(rand.NewSource(7)) //nolint:gosec // reproducible test data
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.SmallestNonzeroFloat64,
		-math.SmallestNonzeroFloat64, math.MaxFloat64, -math.MaxFloat64, 1, -1}
	for _, n := range []int{0, 1, 2, 255, 256, 257, 1000, radixSortMin - 1, radixSortMin, 8064} {
		for trial := 0; trial < 5; trial++ {
			values := make([]float64, n)
			for i := range values {
				switch trial {
				case 0: // quantised counts: many duplicates
					values[i] = float64(r.Intn(20))
				case 1: // one scale: the high digits all equal
					values[i] = 100 + r.Float64()
				case 2:
					values[i] = special[r.Intn(len(special))]
				default:
					values[i] = r.NormFloat64() * math.Pow(10, float64(r.Intn(40)-20))
				}
			}
			want := slices.Clone(values)
			slices.Sort(want)
			got := slices.Clone(values)
			sortFloats(got)
			for i := range got {
				// Zeros of either sign compare equal, so they may come in either order.
				if got[i] != want[i] {
					t.Fatalf("n=%d trial %d: index %d is %v, slices.Sort has %v", n, trial, i, got[i], want[i])
				}
			}
			// The radix passes alone, at every size: bit for bit the order of a Float64Array's sort.
			exact := slices.Clone(values)
			slices.SortStableFunc(exact, jsOrder)
			radix := slices.Clone(values)
			radixSortFloats(radix)
			for i := range radix {
				if math.Float64bits(radix[i]) != math.Float64bits(exact[i]) {
					t.Fatalf("n=%d trial %d: radix index %d is %v, JavaScript's order has %v", n, trial, i, radix[i], exact[i])
				}
			}
		}
	}
}

func BenchmarkSortFloats(b *testing.B) {
	r := rand.New(rand.NewSource(1)) //nolint:gosec // reproducible benchmark data
	values := make([]float64, 8064)
	for i := range values {
		values[i] = 100 + 20*math.Sin(float64(i)/45) + r.NormFloat64()
	}
	work := make([]float64, len(values))
	b.Run("radix", func(b *testing.B) {
		for b.Loop() {
			copy(work, values)
			radixSortFloats(work)
		}
	})
	b.Run("slices.Sort", func(b *testing.B) {
		for b.Loop() {
			copy(work, values)
			slices.Sort(work)
		}
	})
}
