package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// The shared vectors in testdata/fixtures are written by src/engine/kernels.vectors.test.ts from the
// TypeScript kernels and model; jest checks the TypeScript side against them, these tests the Go side
// (the kernels through one replay, vectors_test.go; the model through the engine, engine_test.go).

const (
	kernelTolerance = 1e-9
	modelTolerance  = 1e-6
)

// number decodes one JSON number of the fixtures: null or the string "NaN" stands for NaN, the strings
// "Infinity" and "-Infinity" for the infinities (JSON has none of them; the TypeScript writers use the
// same convention: null in the model file, "NaN" in the kernel files, where null means an absent argument).
type number float64

func (n *number) UnmarshalJSON(data []byte) error {
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	switch v := raw.(type) {
	case nil:
		*n = number(math.NaN())
	case float64:
		*n = number(v)
	case string:
		switch v {
		case "NaN":
			*n = number(math.NaN())
		case "Infinity":
			*n = number(math.Inf(1))
		case "-Infinity":
			*n = number(math.Inf(-1))
		default:
			return fmt.Errorf("fixture number %q is neither a number, null, NaN nor ±Infinity", v)
		}
	default:
		return fmt.Errorf("fixture number %s is neither a number, null nor ±Infinity", data)
	}
	return nil
}

// numbers decodes a JSON array of such numbers; a JSON null array stays nil, [] is empty but not nil.
type numbers []float64

func (n *numbers) UnmarshalJSON(data []byte) error {
	var raw []number
	if err := json.Unmarshal(data, &raw); err != nil || raw == nil {
		return err
	}
	*n = make([]float64, len(raw))
	for i, v := range raw {
		(*n)[i] = float64(v)
	}
	return nil
}

func readFixture(tb testing.TB, value any, parts ...string) {
	tb.Helper()
	path := filepath.Join(append([]string{"..", "..", "testdata", "fixtures"}, parts...)...)
	data, err := os.ReadFile(path) //nolint:gosec // a fixture under testdata/fixtures, named by the test
	if err != nil {
		tb.Fatalf("reading %s: %v", path, err)
	}
	if err := json.Unmarshal(data, value); err != nil {
		tb.Fatalf("decoding %s: %v", path, err)
	}
}

// closeTo checks |actual − expected| ≤ tolerance · max(1, |expected|) elementwise, NaN only where NaN is
// expected and an infinity only where the same infinity is.
func closeTo(actual, expected []float64, tolerance float64) error {
	if len(actual) != len(expected) {
		return fmt.Errorf("length %d, expected %d", len(actual), len(expected))
	}
	for i, e := range expected {
		a := actual[i]
		if math.IsNaN(e) || math.IsNaN(a) || math.IsInf(e, 0) || math.IsInf(a, 0) {
			if !(a == e || (math.IsNaN(a) && math.IsNaN(e))) {
				return fmt.Errorf("[%d] = %v, expected %v", i, a, e)
			}
			continue
		}
		if !(math.Abs(a-e) <= tolerance*math.Max(1, math.Abs(e))) {
			return fmt.Errorf("[%d] = %v, expected %v (tolerance %g)", i, a, e, tolerance)
		}
	}
	return nil
}

func TestCloseTo(t *testing.T) {
	t.Run("should accept rounding and reject a real difference", func(t *testing.T) {
		if err := closeTo([]float64{1e6 + 1e-4, math.NaN()}, []float64{1e6, math.NaN()}, kernelTolerance); err != nil {
			t.Errorf("rounding-level difference rejected: %v", err)
		}
		if closeTo([]float64{2.000001}, []float64{2}, kernelTolerance) == nil {
			t.Error("a 5e-7 relative difference passed a 1e-9 tolerance")
		}
		if closeTo([]float64{math.NaN()}, []float64{1}, kernelTolerance) == nil {
			t.Error("NaN passed for a number")
		}
		if closeTo([]float64{math.Inf(1)}, []float64{math.MaxFloat64}, kernelTolerance) == nil {
			t.Error("+Inf passed for the largest float")
		}
		if closeTo([]float64{math.Inf(1)}, []float64{math.Inf(-1)}, kernelTolerance) == nil {
			t.Error("+Inf passed for -Inf")
		}
		if closeTo([]float64{math.NaN()}, []float64{math.Inf(1)}, kernelTolerance) == nil {
			t.Error("NaN passed for +Inf")
		}
		inf := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 2}
		if err := closeTo(inf, inf, 0); err != nil {
			t.Errorf("identical values with NaN and infinities rejected at tolerance 0: %v", err)
		}
	})

	t.Run("should decode null and \"NaN\" as NaN and the strings ±Infinity as infinities", func(t *testing.T) {
		var got struct {
			Values  numbers `json:"values"`
			Empty   numbers `json:"empty"`
			Missing numbers `json:"missing"`
			Scalar  number  `json:"scalar"`
		}
		if err := json.Unmarshal([]byte(`{"values":[1.5,null,"Infinity","-Infinity","NaN"],"empty":[],"missing":null,"scalar":"-Infinity"}`), &got); err != nil {
			t.Fatal(err)
		}
		if err := closeTo(got.Values, []float64{1.5, math.NaN(), math.Inf(1), math.Inf(-1), math.NaN()}, 0); err != nil {
			t.Error(err)
		}
		if got.Empty == nil || len(got.Empty) != 0 || got.Missing != nil {
			t.Errorf("[] decoded as %#v and null as %#v; want empty non-nil and nil", got.Empty, got.Missing)
		}
		if !math.IsInf(float64(got.Scalar), -1) {
			t.Errorf("scalar decoded as %v", got.Scalar)
		}
		var bad numbers
		if json.Unmarshal([]byte(`["inf"]`), &bad) == nil {
			t.Error(`"inf" decoded without an error`)
		}
	})
}

func TestKernelBadShapes(t *testing.T) {
	t.Run("should reject shapes that do not fit the data instead of panicking", func(t *testing.T) {
		if _, err := WeightedGram(context.Background(), make([]float64, 5), 2, 3, make([]float64, 2), nil); err == nil {
			t.Error("WeightedGram accepted 5 values as 2 × 3")
		}
		if _, err := Multiply(context.Background(), make([]float64, 6), 2, 3, make([]float64, 3), 2, 4); err == nil {
			t.Error("Multiply accepted columns [2, 4) of 3")
		}
		if _, err := SolveSPD(make([]float64, 3), make([]float64, 2), 2); err == nil {
			t.Error("SolveSPD accepted 3 values as 2 × 2")
		}
		layout := &Layout{T0: 0, TScale: 1, Linear: true}
		if _, err := DesignMatrix(context.Background(), []float64{1, 2}, layout, &Multiplicative{Columns: []int32{5}, RowScale: []float64{1, 1}}); err == nil {
			t.Error("DesignMatrix accepted a multiplicative column outside the matrix")
		}
		if _, err := DesignMatrix(context.Background(), []float64{1}, &Layout{TScale: 0}, nil); err == nil {
			t.Error("DesignMatrix accepted t_scale 0")
		}
	})
}
