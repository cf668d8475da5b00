package engine

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// The per-point kernels' shared vectors replay in vectors_test.go with every other kernel's.

var knees = HampelKnees{A: 2.5, B: 4.5, C: 9}

// Hand-computed expectations and the errors the fixtures cannot reach (the TypeScript kernels read past
// the end of a short array as undefined; the Go ones must refuse instead of panicking).

func TestPointKernelsByHand(t *testing.T) {
	t.Run("should weigh residuals by Hampel's three parts at the knees", func(t *testing.T) {
		// Scale 2: |r| = 5, 9 and 18 are 2.5, 4.5 and 9 scales.
		residuals := []float64{5, -7, 9, 12, 18, 19}
		want := []float64{1, 2.5 / 3.5, 2.5 / 4.5, (2.5 / 6) * 3 / 4.5, 0, 0}
		weights, deficit := make([]float64, 6), make([]float64, 6)
		below, err := HampelWeights(residuals, 2, weights, deficit, knees)
		if err != nil {
			t.Fatal(err)
		}
		if below != 5 {
			t.Errorf("%d below full weight, want 5", below)
		}
		if err := closeTo(weights, want, 1e-15); err != nil {
			t.Errorf("weights: %v", err)
		}
		for i := range weights {
			if deficit[i] != 1-weights[i] {
				t.Errorf("deficit[%d] = %v, want %v", i, deficit[i], 1-weights[i])
			}
		}
	})

	t.Run("should give the factor × the MAD and 0 for no values", func(t *testing.T) {
		// Median 3, absolute deviations 1, 997, 2, 0, 1: their median is 1.
		if got := MadSigma([]float64{4, 1000, 1, 3, 2}, 1.4826); math.Abs(got-1.4826) > 1e-15 {
			t.Errorf("MadSigma = %v, want 1.4826", got)
		}
		if got := MadSigma([]float64{4, 1000, 1, 3, 2}, 2); got != 2 {
			t.Errorf("MadSigma with factor 2 = %v, want 2", got)
		}
		if got := MadSigma(nil, 1.4826); got != 0 {
			t.Errorf("MadSigma(nil) = %v, want 0", got)
		}
	})

	t.Run("should pair residuals one lag apart", func(t *testing.T) {
		ts := []float64{0, 10, 20, 30}
		// Pairs (0,10), (10,20), (20,30): Σ r_i r_j = 2 + 6 + 12 = 20, Σ r_i² = 1 + 4 + 9 = 14.
		r, err := LagCorrelation(ts, []float64{1, 2, 3, 4}, []float64{1, 1, 1, 1}, LagPairing{LagMs: 10, ToleranceMs: 1, MinPairs: 3})
		if err != nil || math.Abs(r-20.0/14) > 1e-15 {
			t.Errorf("LagCorrelation = %v, %v; want 20/14", r, err)
		}
		if r, _ := LagCorrelation(ts, []float64{1, 2, 3, 4}, []float64{1, 1, 1, 1}, LagPairing{LagMs: 10, ToleranceMs: 1, MinPairs: 4}); !math.IsNaN(r) {
			t.Errorf("3 pairs with min_pairs 4 gave %v, want NaN", r)
		}
	})

	t.Run("should band, flag and score by hand", func(t *testing.T) {
		// Band 2 below and 1 above 10, z 1: [8, 11]. Value 13 is 3 above-scales (1) out: score 0.5.
		out := Judgement{Yhat: make([]float64, 2), Lower: make([]float64, 2), Upper: make([]float64, 2), Score: make([]float64, 2), Outlier: make([]int8, 2)}
		band := JudgeBand{BandBelow: 2, BandAbove: 1, Z: 1, OutlierBelow: 2, OutlierAbove: 1, OutlierZ: 1,
			ScaleBelow: 2, ScaleAbove: 1, ScoreHalf: 3, Floor: math.Inf(-1)}
		if err := Judge([]float64{10, 10}, []float64{13, 9}, nil, band, out); err != nil {
			t.Fatal(err)
		}
		if out.Lower[0] != 8 || out.Upper[0] != 11 || out.Outlier[0] != 1 || out.Score[0] != 0.5 {
			t.Errorf("point 0: [%v, %v], outlier %d, score %v; want [8, 11], 1, 0.5", out.Lower[0], out.Upper[0], out.Outlier[0], out.Score[0])
		}
		// 9 is inside, half a below-scale (2) away: d = 0.5, score 0.5 / 3.5.
		if out.Outlier[1] != 0 || out.Score[1] != 0.5/3.5 {
			t.Errorf("point 1: outlier %d, score %v; want 0, %v", out.Outlier[1], out.Score[1], 0.5/3.5)
		}
	})

	t.Run("should sort a copy with NaNs last, as a Float64Array sorts", func(t *testing.T) {
		values := []float64{3, math.NaN(), 1, 1}
		// Sorted copy [1, 1, 3, NaN]: differences 0, 2, NaN.
		got := Differences(values, true, false)
		if len(got) != 3 || got[0] != 0 || got[1] != 2 || !math.IsNaN(got[2]) {
			t.Errorf("Differences = %v, want [0 2 NaN]", got)
		}
		if got := Differences(values, true, true); !slices.Equal(got, []float64{2}) {
			t.Errorf("positive Differences = %v, want [2]", got)
		}
		if !math.IsNaN(values[1]) || values[0] != 3 {
			t.Errorf("input modified: %v", values)
		}
	})

	t.Run("should keep duplicate times in their order when sorting training rows", func(t *testing.T) {
		outT, outV := make([]float64, 5), make([]float64, 5)
		n, err := TrainingRows([]float64{3, 1, 3, 1, 2}, []float64{30, 10, 31, 11, math.NaN()}, nil, outT, outV)
		if err != nil {
			t.Fatal(err)
		}
		if n != 4 || !slices.Equal(outT[:n], []float64{1, 1, 3, 3}) || !slices.Equal(outV[:n], []float64{10, 11, 30, 31}) {
			t.Errorf("TrainingRows = %d, %v, %v", n, outT[:n], outV[:n])
		}
	})
}

func TestPointKernelBadShapes(t *testing.T) {
	three := func() []float64 { return []float64{1, 2, 3} }
	two := func() []float64 { return []float64{1, 2} }
	judgement := func(n int) Judgement {
		return Judgement{Yhat: make([]float64, n), Lower: make([]float64, n), Upper: make([]float64, n), Score: make([]float64, n), Outlier: make([]int8, n)}
	}
	band := JudgeBand{BandBelow: 1, BandAbove: 1, Z: 1, OutlierBelow: 1, OutlierAbove: 1, OutlierZ: 1,
		ScaleBelow: 1, ScaleAbove: 1, ScoreHalf: 3, Floor: math.Inf(-1)}
	carry := SeasonalCarry{PeriodMs: 1, Rho: 1}
	pairing := LagPairing{LagMs: 1, MinPairs: 1}
	cases := []struct {
		name string
		call func() error
	}{
		{"UpdateResiduals with fewer values than residuals", func() error {
			_, err := UpdateResiduals(two(), three(), three())
			return err
		}},
		{"UpdateResiduals with fewer fitted values than residuals", func() error {
			_, err := UpdateResiduals(three(), two(), three())
			return err
		}},
		{"HampelWeights with too few weights", func() error {
			_, err := HampelWeights(three(), 1, two(), three(), knees)
			return err
		}},
		{"HampelWeights with too small a deficit", func() error {
			_, err := HampelWeights(three(), 1, three(), two(), knees)
			return err
		}},
		{"Scaled with too few keep flags", func() error {
			_, err := Scaled(three(), 1, false, two())
			return err
		}},
		{"AddScaled with fewer values than the target", func() error {
			return AddScaled(three(), two(), 1)
		}},
		{"TrainingRows with fewer values than times", func() error {
			_, err := TrainingRows(three(), two(), nil, three(), three())
			return err
		}},
		{"TrainingRows with more values than times", func() error {
			_, err := TrainingRows(two(), three(), nil, three(), three())
			return err
		}},
		{"TrainingRows with too little room for the times", func() error {
			_, err := TrainingRows(three(), three(), nil, two(), three())
			return err
		}},
		{"TrainingRows with too little room for the values", func() error {
			_, err := TrainingRows(three(), three(), nil, three(), two())
			return err
		}},
		{"LagCorrelation with too few residuals", func() error {
			_, err := LagCorrelation(three(), two(), three(), pairing)
			return err
		}},
		{"LagCorrelation with too few weights", func() error {
			_, err := LagCorrelation(three(), three(), two(), pairing)
			return err
		}},
		{"SeasonalRemainder with too few residuals", func() error {
			_, err := SeasonalRemainder(three(), two(), three(), carry)
			return err
		}},
		{"SeasonalRemainder with too few weights", func() error {
			_, err := SeasonalRemainder(three(), three(), two(), carry)
			return err
		}},
		{"Judge with too few values", func() error {
			return Judge(three(), two(), nil, band, judgement(3))
		}},
		{"Judge with too little extra variance", func() error {
			return Judge(three(), nil, two(), band, judgement(3))
		}},
		{"Judge with too little room for the band", func() error {
			out := judgement(3)
			out.Upper = out.Upper[:2]
			return Judge(three(), three(), nil, band, out)
		}},
		{"Judge with too few outlier flags", func() error {
			out := judgement(3)
			out.Outlier = out.Outlier[:2]
			return Judge(three(), three(), nil, band, out)
		}},
	}
	for _, c := range cases {
		t.Run("should reject "+c.name+" instead of panicking", func(t *testing.T) {
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("panicked: %v", r)
					}
				}()
				err = c.call()
			}()
			if err == nil {
				t.Fatal("no error")
			}
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatal("empty error message")
			}
		})
	}

	t.Run("should leave the outputs alone when the shapes do not fit", func(t *testing.T) {
		residuals := []float64{7, 7, 7}
		if _, err := UpdateResiduals([]float64{1}, []float64{1, 2, 3}, residuals); err == nil || !slices.Equal(residuals, []float64{7, 7, 7}) {
			t.Errorf("residuals %v after a rejected update (err %v)", residuals, err)
		}
		target := []float64{1, 1, 1}
		if err := AddScaled(target, []float64{5}, 1); err == nil || !slices.Equal(target, []float64{1, 1, 1}) {
			t.Errorf("target %v after a rejected addition (err %v)", target, err)
		}
	})
}
