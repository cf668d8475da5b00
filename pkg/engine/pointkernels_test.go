package engine

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// The per-point kernels and Quantile against the shared vectors in testdata/fixtures/kernels, written
// by src/model/kernels.vectors.test.ts from the TypeScript kernels (pointKernels.ts). Real numbers agree
// within kernelTolerance; counts, indices and outlier flags exactly. In-place outputs start as the
// fixture says (an explicit array or a fill value) and are compared whole after the call.

// filled is n copies of v.
func filled(n int, v float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// scalarCloseTo is closeTo for one value.
func scalarCloseTo(actual, expected float64) error {
	return closeTo([]float64{actual}, []float64{expected}, kernelTolerance)
}

// unchanged checks that a kernel left an input alone (bit for bit, NaN equal to NaN).
func unchanged(t *testing.T, name string, after, before []float64) {
	t.Helper()
	if err := closeTo(after, before, 0); err != nil {
		t.Errorf("%s: input modified: %v", name, err)
	}
}

func atLeast[T any](t *testing.T, kernel string, cases []T, n int) {
	t.Helper()
	if len(cases) < n {
		t.Fatalf("%s: only %d cases", kernel, len(cases))
	}
}

func TestPointKernelVectors(t *testing.T) {
	t.Run("should reproduce quantile and leave the values alone", func(t *testing.T) {
		var file struct {
			Cases []struct {
				Name     string  `json:"name"`
				Values   numbers `json:"values"`
				Q        numbers `json:"q"`
				Expected numbers `json:"expected"`
			} `json:"cases"`
		}
		readFixture(t, &file, "kernels", "quantile.json")
		atLeast(t, "quantile", file.Cases, 10)
		for _, c := range file.Cases {
			before := slices.Clone(c.Values)
			got := make([]float64, len(c.Q))
			for k, q := range c.Q {
				got[k] = Quantile(c.Values, q)
			}
			if err := closeTo(got, c.Expected, kernelTolerance); err != nil {
				t.Errorf("%s (q = %v): %v", c.Name, c.Q, err)
			}
			unchanged(t, c.Name, c.Values, before)
		}
	})

	t.Run("should reproduce madSigma and leave the values alone", func(t *testing.T) {
		var file struct {
			Cases []struct {
				Name     string  `json:"name"`
				Values   numbers `json:"values"`
				Expected number  `json:"expected"`
			} `json:"cases"`
		}
		readFixture(t, &file, "kernels", "madSigma.json")
		atLeast(t, "madSigma", file.Cases, 8)
		for _, c := range file.Cases {
			before := slices.Clone(c.Values)
			if err := scalarCloseTo(MadSigma(c.Values), float64(c.Expected)); err != nil {
				t.Errorf("%s: %v", c.Name, err)
			}
			unchanged(t, c.Name, c.Values, before)
		}
	})

	t.Run("should reproduce updateResiduals' change and the residuals it writes", func(t *testing.T) {
		var file struct {
			Cases []struct {
				Name      string  `json:"name"`
				Ys        numbers `json:"ys"`
				Fitted    numbers `json:"fitted"`
				Residuals numbers `json:"residuals"`
				Expected  struct {
					Change    number  `json:"change"`
					Residuals numbers `json:"residuals"`
				} `json:"expected"`
			} `json:"cases"`
		}
		readFixture(t, &file, "kernels", "updateResiduals.json")
		atLeast(t, "updateResiduals", file.Cases, 5)
		for _, c := range file.Cases {
			change, err := UpdateResiduals(c.Ys, c.Fitted, c.Residuals)
			if err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			if err := scalarCloseTo(change, float64(c.Expected.Change)); err != nil {
				t.Errorf("%s change: %v", c.Name, err)
			}
			if err := closeTo(c.Residuals, c.Expected.Residuals, kernelTolerance); err != nil {
				t.Errorf("%s residuals: %v", c.Name, err)
			}
		}
	})

	t.Run("should reproduce hampelWeights' count, weights and deficit", func(t *testing.T) {
		var file struct {
			Cases []struct {
				Name      string  `json:"name"`
				Residuals numbers `json:"residuals"`
				Scale     number  `json:"scale"`
				Fill      float64 `json:"fill"`
				Expected  struct {
					Below   int     `json:"below"`
					Weights numbers `json:"weights"`
					Deficit numbers `json:"deficit"`
				} `json:"expected"`
			} `json:"cases"`
		}
		readFixture(t, &file, "kernels", "hampelWeights.json")
		atLeast(t, "hampelWeights", file.Cases, 6)
		for _, c := range file.Cases {
			weights, deficit := filled(len(c.Residuals), c.Fill), filled(len(c.Residuals), c.Fill)
			below, err := HampelWeights(c.Residuals, float64(c.Scale), weights, deficit)
			if err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			if below != c.Expected.Below {
				t.Errorf("%s: %d below full weight, expected %d", c.Name, below, c.Expected.Below)
			}
			if err := closeTo(weights, c.Expected.Weights, kernelTolerance); err != nil {
				t.Errorf("%s weights: %v", c.Name, err)
			}
			if err := closeTo(deficit, c.Expected.Deficit, kernelTolerance); err != nil {
				t.Errorf("%s deficit: %v", c.Name, err)
			}
		}
	})

	t.Run("should reproduce scaled", func(t *testing.T) {
		var file struct {
			Cases []struct {
				Name     string  `json:"name"`
				Values   numbers `json:"values"`
				Factor   number  `json:"factor"`
				Abs      bool    `json:"abs"`
				Keep     numbers `json:"keep"`
				Expected numbers `json:"expected"`
			} `json:"cases"`
		}
		readFixture(t, &file, "kernels", "scaled.json")
		atLeast(t, "scaled", file.Cases, 8)
		for _, c := range file.Cases {
			out, err := Scaled(c.Values, float64(c.Factor), c.Abs, c.Keep)
			if err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			if err := closeTo(out, c.Expected, kernelTolerance); err != nil {
				t.Errorf("%s: %v", c.Name, err)
			}
		}
	})

	t.Run("should reproduce the target addScaled writes", func(t *testing.T) {
		var file struct {
			Cases []struct {
				Name     string  `json:"name"`
				Target   numbers `json:"target"`
				Values   numbers `json:"values"`
				Factor   number  `json:"factor"`
				Expected numbers `json:"expected"`
			} `json:"cases"`
		}
		readFixture(t, &file, "kernels", "addScaled.json")
		atLeast(t, "addScaled", file.Cases, 4)
		for _, c := range file.Cases {
			if err := AddScaled(c.Target, c.Values, float64(c.Factor)); err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			if err := closeTo(c.Target, c.Expected, kernelTolerance); err != nil {
				t.Errorf("%s: %v", c.Name, err)
			}
		}
	})

	t.Run("should reproduce differences and leave the values alone", func(t *testing.T) {
		var file struct {
			Cases []struct {
				Name         string  `json:"name"`
				Values       numbers `json:"values"`
				Sort         bool    `json:"sort"`
				PositiveOnly bool    `json:"positive_only"`
				Expected     numbers `json:"expected"`
			} `json:"cases"`
		}
		readFixture(t, &file, "kernels", "differences.json")
		atLeast(t, "differences", file.Cases, 10)
		for _, c := range file.Cases {
			before := slices.Clone(c.Values)
			out := Differences(c.Values, c.Sort, c.PositiveOnly)
			if err := closeTo(out, c.Expected, kernelTolerance); err != nil {
				t.Errorf("%s (sort %v, positive only %v): %v", c.Name, c.Sort, c.PositiveOnly, err)
			}
			unchanged(t, c.Name, c.Values, before)
		}
	})

	t.Run("should reproduce firstNonFinite's index", func(t *testing.T) {
		var file struct {
			Cases []struct {
				Name     string  `json:"name"`
				Values   numbers `json:"values"`
				Expected int     `json:"expected"`
			} `json:"cases"`
		}
		readFixture(t, &file, "kernels", "firstNonFinite.json")
		atLeast(t, "firstNonFinite", file.Cases, 6)
		for _, c := range file.Cases {
			if got := FirstNonFinite(c.Values); got != c.Expected {
				t.Errorf("%s: %d, expected %d", c.Name, got, c.Expected)
			}
		}
	})

	t.Run("should reproduce trainingRows' count and both output arrays", func(t *testing.T) {
		var file struct {
			Cases []struct {
				Name       string  `json:"name"`
				Timestamps numbers `json:"timestamps"`
				Values     numbers `json:"values"`
				Exclude    numbers `json:"exclude"`
				Room       int     `json:"room"`
				Fill       float64 `json:"fill"`
				Expected   struct {
					Count     int     `json:"count"`
					OutTimes  numbers `json:"out_times"`
					OutValues numbers `json:"out_values"`
				} `json:"expected"`
			} `json:"cases"`
		}
		readFixture(t, &file, "kernels", "trainingRows.json")
		atLeast(t, "trainingRows", file.Cases, 8)
		for _, c := range file.Cases {
			size := len(c.Timestamps) + c.Room
			outTimes, outValues := filled(size, c.Fill), filled(size, c.Fill)
			count, err := TrainingRows(c.Timestamps, c.Values, c.Exclude, outTimes, outValues)
			if err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			if count != c.Expected.Count {
				t.Errorf("%s: %d rows, expected %d", c.Name, count, c.Expected.Count)
			}
			if err := closeTo(outTimes, c.Expected.OutTimes, kernelTolerance); err != nil {
				t.Errorf("%s out_times: %v", c.Name, err)
			}
			if err := closeTo(outValues, c.Expected.OutValues, kernelTolerance); err != nil {
				t.Errorf("%s out_values: %v", c.Name, err)
			}
		}
	})

	t.Run("should reproduce lagCorrelation", func(t *testing.T) {
		var file struct {
			Cases []struct {
				Name       string  `json:"name"`
				Timestamps numbers `json:"timestamps"`
				Residuals  numbers `json:"residuals"`
				Weights    numbers `json:"weights"`
				Calls      []struct {
					Name        string  `json:"name"`
					LagMs       float64 `json:"lag_ms"`
					ToleranceMs float64 `json:"tolerance_ms"`
					MinPairs    int     `json:"min_pairs"`
					Expected    number  `json:"expected"`
				} `json:"calls"`
			} `json:"cases"`
		}
		readFixture(t, &file, "kernels", "lagCorrelation.json")
		atLeast(t, "lagCorrelation", file.Cases, 5)
		sawNaN := false
		for _, c := range file.Cases {
			for _, call := range c.Calls {
				r, err := LagCorrelation(c.Timestamps, c.Residuals, c.Weights, call.LagMs, call.ToleranceMs, call.MinPairs)
				if err != nil {
					t.Fatalf("%s: %s: %v", c.Name, call.Name, err)
				}
				if err := scalarCloseTo(r, float64(call.Expected)); err != nil {
					t.Errorf("%s: %s: %v", c.Name, call.Name, err)
				}
				sawNaN = sawNaN || math.IsNaN(float64(call.Expected))
			}
		}
		if !sawNaN {
			t.Error("no call covers the NaN of too few pairs")
		}
	})

	t.Run("should reproduce seasonalRemainder", func(t *testing.T) {
		var file struct {
			Cases []struct {
				Name       string  `json:"name"`
				Timestamps numbers `json:"timestamps"`
				Residuals  numbers `json:"residuals"`
				Weights    numbers `json:"weights"`
				Calls      []struct {
					Name        string  `json:"name"`
					PeriodMs    float64 `json:"period_ms"`
					ToleranceMs float64 `json:"tolerance_ms"`
					Rho         float64 `json:"rho"`
					Expected    numbers `json:"expected"`
				} `json:"calls"`
			} `json:"cases"`
		}
		readFixture(t, &file, "kernels", "seasonalRemainder.json")
		atLeast(t, "seasonalRemainder", file.Cases, 5)
		for _, c := range file.Cases {
			for _, call := range c.Calls {
				out, err := SeasonalRemainder(c.Timestamps, c.Residuals, c.Weights, call.PeriodMs, call.ToleranceMs, call.Rho)
				if err != nil {
					t.Fatalf("%s: %s: %v", c.Name, call.Name, err)
				}
				if err := closeTo(out, call.Expected, kernelTolerance); err != nil {
					t.Errorf("%s: %s: %v", c.Name, call.Name, err)
				}
			}
		}
	})

	t.Run("should reproduce judge's lower, upper, outlier and score", func(t *testing.T) {
		var file struct {
			Cases []struct {
				Name          string  `json:"name"`
				Yhat          numbers `json:"yhat"`
				Values        numbers `json:"values"`
				ExtraVariance numbers `json:"extra_variance"`
				Summary       numbers `json:"summary"`
				Fill          float64 `json:"fill"`
				OutlierFill   int8    `json:"outlier_fill"`
				Expected      struct {
					Lower   numbers `json:"lower"`
					Upper   numbers `json:"upper"`
					Outlier []int8  `json:"outlier"`
					Score   numbers `json:"score"`
				} `json:"expected"`
			} `json:"cases"`
		}
		readFixture(t, &file, "kernels", "judge.json")
		atLeast(t, "judge", file.Cases, 7)
		sawNil := false
		for _, c := range file.Cases {
			n := len(c.Yhat)
			out := Judgement{Lower: filled(n, c.Fill), Upper: filled(n, c.Fill), Score: filled(n, c.Fill), Outlier: make([]int8, n)}
			for i := range out.Outlier {
				out.Outlier[i] = c.OutlierFill
			}
			sawNil = sawNil || c.Values == nil
			if err := Judge(c.Yhat, c.Values, c.ExtraVariance, c.Summary, out); err != nil {
				t.Fatalf("%s: %v", c.Name, err)
			}
			for what, pair := range map[string][2][]float64{
				"lower": {out.Lower, c.Expected.Lower},
				"upper": {out.Upper, c.Expected.Upper},
				"score": {out.Score, c.Expected.Score},
			} {
				if err := closeTo(pair[0], pair[1], kernelTolerance); err != nil {
					t.Errorf("%s %s: %v", c.Name, what, err)
				}
			}
			if !slices.Equal(out.Outlier, c.Expected.Outlier) {
				t.Errorf("%s outlier: %s", c.Name, firstIntDifference(out.Outlier, c.Expected.Outlier))
			}
		}
		if !sawNil {
			t.Error("no case passes values null")
		}
	})
}

func firstIntDifference(actual, expected []int8) string {
	if len(actual) != len(expected) {
		return fmt.Sprintf("length %d, expected %d", len(actual), len(expected))
	}
	for i := range expected {
		if actual[i] != expected[i] {
			return fmt.Sprintf("[%d] = %d, expected %d", i, actual[i], expected[i])
		}
	}
	return "equal"
}

// Hand-computed expectations and the errors the fixtures cannot reach (the TypeScript kernels read past
// the end of a short array as undefined; the Go ones must refuse instead of panicking).

func TestPointKernelsByHand(t *testing.T) {
	t.Run("should weigh residuals by Hampel's three parts at the knees", func(t *testing.T) {
		// Scale 2: |r| = 5, 9 and 18 are 2.5, 4.5 and 9 scales.
		residuals := []float64{5, -7, 9, 12, 18, 19}
		want := []float64{1, 2.5 / 3.5, 2.5 / 4.5, (2.5 / 6) * 3 / 4.5, 0, 0}
		weights, deficit := make([]float64, 6), make([]float64, 6)
		below, err := HampelWeights(residuals, 2, weights, deficit)
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

	t.Run("should give 1.4826 × the MAD and 0 for no values", func(t *testing.T) {
		// Median 3, absolute deviations 1, 997, 2, 0, 1: their median is 1.
		if got := MadSigma([]float64{4, 1000, 1, 3, 2}); math.Abs(got-1.4826) > 1e-15 {
			t.Errorf("MadSigma = %v, want 1.4826", got)
		}
		if got := MadSigma(nil); got != 0 {
			t.Errorf("MadSigma(nil) = %v, want 0", got)
		}
	})

	t.Run("should pair residuals one lag apart", func(t *testing.T) {
		ts := []float64{0, 10, 20, 30}
		// Pairs (0,10), (10,20), (20,30): Σ r_i r_j = 2 + 6 + 12 = 20, Σ r_i² = 1 + 4 + 9 = 14.
		r, err := LagCorrelation(ts, []float64{1, 2, 3, 4}, []float64{1, 1, 1, 1}, 10, 1, 3)
		if err != nil || math.Abs(r-20.0/14) > 1e-15 {
			t.Errorf("LagCorrelation = %v, %v; want 20/14", r, err)
		}
		if r, _ := LagCorrelation(ts, []float64{1, 2, 3, 4}, []float64{1, 1, 1, 1}, 10, 1, 4); !math.IsNaN(r) {
			t.Errorf("3 pairs with min_pairs 4 gave %v, want NaN", r)
		}
	})

	t.Run("should band, flag and score by hand", func(t *testing.T) {
		// Band 2 below and 1 above 10, z 1: [8, 11]. Value 13 is 3 above-scales (1) out: score 0.5.
		out := Judgement{Lower: make([]float64, 2), Upper: make([]float64, 2), Score: make([]float64, 2), Outlier: make([]int8, 2)}
		if err := Judge([]float64{10, 10}, []float64{13, 9}, nil, []float64{2, 1, 2, 1, 1}, out); err != nil {
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
		return Judgement{Lower: make([]float64, n), Upper: make([]float64, n), Score: make([]float64, n), Outlier: make([]int8, n)}
	}
	summary := []float64{1, 1, 1, 1, 1}
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
			_, err := HampelWeights(three(), 1, two(), three())
			return err
		}},
		{"HampelWeights with too small a deficit", func() error {
			_, err := HampelWeights(three(), 1, three(), two())
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
			_, err := LagCorrelation(three(), two(), three(), 1, 0, 1)
			return err
		}},
		{"LagCorrelation with too few weights", func() error {
			_, err := LagCorrelation(three(), three(), two(), 1, 0, 1)
			return err
		}},
		{"SeasonalRemainder with too few residuals", func() error {
			_, err := SeasonalRemainder(three(), two(), three(), 1, 0, 1)
			return err
		}},
		{"SeasonalRemainder with too few weights", func() error {
			_, err := SeasonalRemainder(three(), three(), two(), 1, 0, 1)
			return err
		}},
		{"Judge with a short summary", func() error {
			return Judge(three(), three(), nil, summary[:4], judgement(3))
		}},
		{"Judge with too few values", func() error {
			return Judge(three(), two(), nil, summary, judgement(3))
		}},
		{"Judge with too little extra variance", func() error {
			return Judge(three(), nil, two(), summary, judgement(3))
		}},
		{"Judge with too little room for the band", func() error {
			out := judgement(3)
			out.Upper = out.Upper[:2]
			return Judge(three(), three(), nil, summary, out)
		}},
		{"Judge with too few outlier flags", func() error {
			out := judgement(3)
			out.Outlier = out.Outlier[:2]
			return Judge(three(), three(), nil, summary, out)
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
