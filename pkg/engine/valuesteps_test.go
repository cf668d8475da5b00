package engine

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// noisyValues is a past model's training values: 28 days of 5-minute points, a daily wave and noise of sd 2.
func noisyValues() []float64 {
	random := rand.New(rand.NewPCG(1, 2)) //nolint:gosec // reproducible test data
	values := make([]float64, 8064)
	for i := range values {
		values[i] = 100 + 10*math.Sin(2*math.Pi*float64(i)/288) + 2*random.NormFloat64()
	}
	return values
}

func TestValueStepsGiveBackTheGridBitForBit(t *testing.T) {
	const step = 0x1p-10
	text, err := EncodeValueSteps(noisyValues(), step)
	if err != nil {
		t.Fatal(err)
	}
	onGrid, err := DecodeValueSteps(text, step)
	if err != nil {
		t.Fatal(err)
	}
	if perValue := float64(len(text)) / float64(len(onGrid)); perValue > 3 {
		t.Errorf("%.2f characters a value, expected at most 3", perValue)
	}
	for i, v := range noisyValues() {
		if math.Abs(onGrid[i]-v) > step/2 || onGrid[i] != math.Round(onGrid[i]/step)*step {
			t.Fatalf("value %d: %v on the grid for %v", i, onGrid[i], v)
		}
	}
	again, err := EncodeValueSteps(onGrid, step)
	if err != nil || again != text {
		t.Errorf("values on the grid wrote other text (%v)", err)
	}
}

// Text from JavaScript is any string: each is refused with the one error or read, never a panic, and a read text
// is the one the encoder writes for its values (one text per list of values).
func FuzzDecodeValueSteps(f *testing.F) {
	seed, _ := EncodeValueSteps([]float64{3, -7, 12, 0, 1e6}, 1)
	for _, text := range []string{"", seed, seed + "g", "gA", strings.Repeat("g", 11) + "B", strings.Repeat("/", 10) + "H", "E", "\x00", "é"} {
		f.Add(text, 1.0)
		f.Add(text, 0x1p1023)
	}
	f.Fuzz(func(t *testing.T, text string, step float64) {
		values, err := DecodeValueSteps(text, step)
		if err != nil {
			if !errors.Is(err, errValueSteps) {
				t.Fatalf("error %v", err)
			}
			return
		}
		if len(values) > len(text) {
			t.Fatalf("%d values from %d characters", len(values), len(text))
		}
		again, err := EncodeValueSteps(values, step)
		if err != nil || again != text {
			t.Fatalf("%q read as %v, which writes %q (%v)", text, values, again, err)
		}
	})
}

func TestCoarsestBinaryStep(t *testing.T) {
	for _, c := range []struct {
		values []float64
		want   float64
	}{
		{[]float64{3, -7, 0, 1e6}, 1},
		{[]float64{4, 12, -8}, 4},
		{[]float64{0.5, 1.25}, 0.25},
		{[]float64{0.1}, 0x1p-55},
		{[]float64{5e-324, 1}, 5e-324},
		{[]float64{0, math.Copysign(0, -1)}, math.Inf(1)},
		{[]float64{1, math.NaN()}, 0},
	} {
		if got := CoarsestBinaryStep(c.values); got != c.want {
			t.Errorf("%v: %v, expected %v", c.values, got, c.want)
		}
	}
}

// The backend restores a past model for every prediction: reading its values as steps must cost no more than
// reading them as float64 text did.
func BenchmarkPastValuesText(b *testing.B) {
	const step = 0x1p-10
	steps, _ := EncodeValueSteps(noisyValues(), step)
	floats := EncodeFloat64s(noisyValues())
	b.Run("decodeValueSteps", func(b *testing.B) {
		b.ReportMetric(float64(len(steps)), "chars")
		for b.Loop() {
			if _, err := DecodeValueSteps(steps, step); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decodeFloat64s", func(b *testing.B) {
		b.ReportMetric(float64(len(floats)), "chars")
		for b.Loop() {
			if _, err := DecodeFloat64s(floats); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encodeValueSteps", func(b *testing.B) {
		values := noisyValues()
		for b.Loop() {
			if _, err := EncodeValueSteps(values, step); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encodeFloat64s", func(b *testing.B) {
		values := noisyValues()
		for b.Loop() {
			EncodeFloat64s(values)
		}
	})
}
