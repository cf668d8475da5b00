package engine

import (
	"math"
	"math/rand"
	"slices"
	"testing"
)

// quickselectQuantile and quickselectMad are the kernels as they were before the bracketing pass: a copy
// reordered by quickselect, the order of comparisons the TypeScript's.
func quickselectQuantile(values []float64, q float64) float64 {
	return quantileInPlace(slices.Clone(values), q)
}

func quickselectMad(values []float64, consistency float64) float64 {
	work := slices.Clone(values)
	m := quantileInPlace(work, 0.5)
	for i, v := range values {
		work[i] = math.Abs(v - m)
	}
	return consistency * quantileInPlace(work, 0.5)
}

func sameNumber(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

// orderCases are series of every length up to twice the bracketing threshold and beyond: noise, ties, a
// majority of zeros, sorted and periodic values, infinities, NaNs, and values whose strided sample is all
// large, so the bracket misses the median.
func orderCases() [][]float64 {
	r := rand.New(rand.NewSource(5)) //nolint:gosec // reproducible test data
	var cases [][]float64
	for c := 0; c < 320; c++ {
		n := 1 + (c*97)%9000
		values := make([]float64, n)
		for i := range values {
			values[i] = r.NormFloat64()
			switch c % 8 {
			case 1:
				values[i] = math.Round(values[i] * 2)
			case 2:
				if i%3 != 0 {
					values[i] = 0
				}
			case 3:
				values[i] = float64(n - i)
			case 4:
				values[i] = math.Sin(float64(i) / 45.8)
			case 5:
				if i%50 == 7 {
					values[i] = math.Inf(1 - 2*(i%2))
				}
			case 6:
				if i%1000 == 3 {
					values[i] = math.NaN()
				}
			case 7:
				if stride := max(1, n/bracketSample); i%stride == stride/2 {
					values[i] = 1e6 + float64(i)
				}
			}
		}
		cases = append(cases, values)
	}
	return cases
}

func TestOrderStatisticsAreQuickselects(t *testing.T) {
	qs := []float64{0, 0.001, 0.25, 0.5, 0.5001, 0.9, 0.999, 1}
	for c, values := range orderCases() {
		want := make([]float64, len(qs))
		for i, q := range qs {
			want[i] = quickselectQuantile(values, q)
			if got := Quantile(values, q); !sameNumber(got, want[i]) {
				t.Fatalf("case %d (%d values): Quantile at %v = %v, quickselect %v", c, len(values), q, got, want[i])
			}
		}
		// Quantiles reorders one copy from selection to selection; with a NaN that order decides the results.
		work := slices.Clone(values)
		for i, q := range qs {
			want[i] = quantileInPlace(work, q)
		}
		for i, got := range Quantiles(values, qs) {
			if !sameNumber(got, want[i]) {
				t.Fatalf("case %d (%d values): Quantiles at %v = %v, quickselect %v", c, len(values), qs[i], got, want[i])
			}
		}
		if got, want := MadSigma(values, 1.4826), quickselectMad(values, 1.4826); !sameNumber(got, want) {
			t.Fatalf("case %d (%d values): MadSigma = %v, quickselect %v", c, len(values), got, want)
		}
	}
}

// Of −0 and +0 the one quickselect leaves at a rank depends on its order of comparisons, as a NaN's place does:
// the TypeScript's result has a sign the Go kernel's must have too (1/x, Math.sign and a sort tell them apart).
func TestOrderStatisticsKeepQuickselectsSignOfZero(t *testing.T) {
	r := rand.New(rand.NewSource(1)) //nolint:gosec // reproducible test data
	qs := []float64{0.1, 0.5, 0.9, 0.3}
	same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }
	for c := range 400 {
		values := make([]float64, []int{5, 20, 1500, 3000}[c%4])
		for i := range values {
			switch r.Intn(3) {
			case 0:
				values[i] = math.Copysign(0, -1)
			case 1:
				values[i] = 0
			default:
				values[i] = float64(r.Intn(5) - 2)
			}
		}
		work := slices.Clone(values)
		got := Quantiles(values, qs)
		for i, q := range qs {
			if want := quantileInPlace(work, q); !same(got[i], want) {
				t.Fatalf("case %d (%d values): Quantiles at %v = %v, quickselect %v", c, len(values), q, got[i], want)
			}
			if got, want := Quantile(values, q), quickselectQuantile(values, q); !same(got, want) {
				t.Fatalf("case %d (%d values): Quantile at %v = %v, quickselect %v", c, len(values), q, got, want)
			}
		}
		if got, want := MadSigma(values, 1.4826), quickselectMad(values, 1.4826); !same(got, want) {
			t.Fatalf("case %d (%d values): MadSigma = %v, quickselect %v", c, len(values), got, want)
		}
	}
}

func TestOrderPairLeavesValuesAndReportsNaN(t *testing.T) {
	values := make([]float64, 3*bracketMin)
	for i := range values {
		values[i] = float64((i * 7919) % len(values))
	}
	before := slices.Clone(values)
	kth, next, nan := orderPair(values, 1000)
	if kth != 1000 || next != 1001 || nan || !slices.Equal(values, before) {
		t.Fatalf("got %v %v %v (values changed: %v), want 1000 1001 false", kth, next, nan, !slices.Equal(values, before))
	}
	if kth, next, _ := orderPair(values, len(values)-1); kth != float64(len(values)-1) || !math.IsInf(next, 1) {
		t.Fatalf("last: got %v %v", kth, next)
	}
	// The median the last value inside the bracket: its successor is the smallest above it. 4096 values, the
	// sample every 16th from the 8th; sample values 0..top (top the bracket's upper sample rank for the median)
	// and 1e9 upwards, the others below 0 (2048 − top of them, so value top has rank 2048) or above 2e9.
	top := int(0.5*bracketSample + bracketMargin + 1)
	edge := make([]float64, 4096)
	negative := 0
	for i := range edge {
		switch j := i / 16; {
		case i%16 == 8 && j <= top:
			edge[i] = float64(j)
		case i%16 == 8:
			edge[i] = 1e9 + float64(j)
		case negative < 2048-top:
			negative++
			edge[i] = -float64(negative)
		default:
			edge[i] = 2e9 + float64(i)
		}
	}
	if kth, next, _ := orderPair(edge, 2048); kth != float64(top) || next != 1e9+float64(top+1) {
		t.Fatalf("bracket's last: got %v %v, want %v %v", kth, next, top, 1e9+float64(top+1))
	}
	values[17] = math.NaN()
	if _, _, nan := orderPair(values, 1000); !nan {
		t.Fatal("a NaN among the values was not reported")
	}
}

// BenchmarkMedian: the median of four weeks of 5-minute residuals (the scale of every robust fit's iterations),
// by the bracketing pass and by quickselect over a copy as before it.
func BenchmarkMedian(b *testing.B) {
	r := rand.New(rand.NewSource(1)) //nolint:gosec // reproducible test data
	values := make([]float64, 8064)
	for i := range values {
		values[i] = r.NormFloat64()
	}
	b.Run("bracketed", func(b *testing.B) {
		for b.Loop() {
			Quantile(values, 0.5)
		}
	})
	b.Run("quickselect", func(b *testing.B) {
		for b.Loop() {
			quickselectQuantile(values, 0.5)
		}
	})
}
