package engine

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The neural family's kernels (src/model/families/neuralKernels.ts documents the network and its training): the
// same operation order as the TypeScript, explicit float64 conversions where a multiply meets an add, and the
// same seeded draws, so Go trains bit for bit the weights Node does.
//
// Weights are packed in one array: w1 (hidden × inputs, row-major), b1 (hidden), w2 (hidden), skip (inputs), b2.

// Limits of one training run (NETWORK_LIMITS in neuralKernels.ts).
const (
	maxNetworkInputs = 64
	maxNetworkHidden = 256
	maxNetworkSteps  = 100_000
	maxNetworkBatch  = 1024
)

// Adam's constants and the learning rate's final share. Variables, not constants: Go would compute 1 − beta1
// exactly at compile time (0.1), where JavaScript rounds it at run time (0.09999999999999998).
var (
	adamBeta1      = 0.9
	adamBeta2      = 0.999
	adamEpsilon    = 1e-8
	finalRateShare = 0.1
)

// NetworkSettings mirrors NetworkSettings in src/model/types.ts. The counts are float64 so a value that is not
// a whole number is refused with the TypeScript's message rather than truncated on its way in.
type NetworkSettings struct {
	Inputs       float64 `json:"inputs"`
	Hidden       float64 `json:"hidden"`
	Steps        float64 `json:"steps"`
	Batch        float64 `json:"batch"`
	LearningRate float64 `json:"learning_rate"`
	Seed         float64 `json:"seed"`
}

// networkSize is the number of packed weights of a network with this many inputs and hidden units.
func networkSize(inputs, hidden int) int {
	return hidden*inputs + 2*hidden + inputs + 1
}

// uniformSource is mulberry32 from JavaScript's `seed >>> 0`: uniform draws in [0, 1), the TypeScript's numbers.
func uniformSource(seed float64) func() float64 {
	a := toUint32(seed)
	return func() float64 {
		a += 0x6d2b79f5
		t := a
		// Math.imul keeps the low 32 bits of the product, as uint32 multiplication does; `t + imul(...)` is
		// wrapped to 32 bits by the ^= that follows.
		t = (t ^ t>>15) * (t | 1)
		t ^= t + (t^t>>7)*(t|61)
		return float64(t^t>>14) / 4294967296
	}
}

// toUint32 is JavaScript's ToUint32 (`v >>> 0`): NaN and the infinities give 0, anything else is truncated
// toward zero and taken modulo 2³².
func toUint32(v float64) uint32 {
	if !isFinite(v) {
		return 0
	}
	m := math.Mod(math.Trunc(v), 4294967296)
	if m < 0 {
		m += 4294967296
	}
	return uint32(m)
}

// isWhole is Number.isInteger.
func isWhole(v float64) bool {
	return isFinite(v) && math.Trunc(v) == v
}

// jsNumber writes v as JavaScript's String(v) does, so an error message quotes a number as the TypeScript's does:
// the shortest digits that read back as v, in plain notation from 1e-6 up to 1e21 and with an exponent outside.
func jsNumber(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Infinity"
	case math.IsInf(v, -1):
		return "-Infinity"
	case v == 0:
		return "0" // −0 too
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	mantissa, exponent, _ := strings.Cut(strconv.FormatFloat(v, 'e', -1, 64), "e")
	digits := strings.Replace(mantissa, ".", "", 1)
	e, _ := strconv.Atoi(exponent)
	k, n := len(digits), e+1 // v = 0.digits × 10^n
	switch {
	case k <= n && n <= 21:
		return sign + digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return sign + digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return sign + "0." + strings.Repeat("0", -n) + digits
	}
	if k > 1 {
		digits = digits[:1] + "." + digits[1:]
	}
	if e < 0 {
		return sign + digits + "e-" + strconv.Itoa(-e)
	}
	return sign + digits + "e+" + strconv.Itoa(e)
}

// checkNetworkShape refuses a network's counts or rows as checkShape does, and returns the counts and the rows.
func checkNetworkShape(rows []float64, inputs, hidden float64) (int, int, int, error) {
	if !(isWhole(inputs) && inputs >= 1 && inputs <= maxNetworkInputs) {
		return 0, 0, 0, fmt.Errorf("a network takes 1-%d inputs, got %s", maxNetworkInputs, jsNumber(inputs))
	}
	if !(isWhole(hidden) && hidden >= 1 && hidden <= maxNetworkHidden) {
		return 0, 0, 0, fmt.Errorf("a network takes 1-%d hidden units, got %s", maxNetworkHidden, jsNumber(hidden))
	}
	in := int(inputs)
	if len(rows)%in != 0 {
		return 0, 0, 0, fmt.Errorf("%d input values are not whole rows of %d", len(rows), in)
	}
	return in, int(hidden), len(rows) / in, nil
}

// network is a packed weight array with its shape and the offsets of its parts.
type network struct {
	weights          []float64
	inputs, hidden   int
	b1, w2, skip, b2 int
}

func newNetwork(weights []float64, inputs, hidden int) network {
	b1 := hidden * inputs
	return network{
		weights: weights, inputs: inputs, hidden: hidden,
		b1: b1, w2: b1 + hidden, skip: b1 + 2*hidden, b2: b1 + 2*hidden + inputs,
	}
}

// forward is the output for row x (its inputs); h receives the hidden activations. Each sum runs in index
// order: b1 first, then w1 × x; b2, then the hidden units, then the linear path.
func (nw network) forward(x, h []float64) float64 {
	w := nw.weights
	out := w[nw.b2]
	for j := range nw.hidden {
		s := w[nw.b1+j]
		row := w[j*nw.inputs : (j+1)*nw.inputs]
		for i, xi := range x {
			s += float64(row[i] * xi)
		}
		a := s / (1 + math.Abs(s))
		h[j] = a
		out += float64(w[nw.w2+j] * a)
	}
	for i, xi := range x {
		out += float64(w[nw.skip+i] * xi)
	}
	return out
}

// TrainNetwork trains a network on rows (rows × settings.Inputs, row-major) and targets and returns its packed
// weights: the first layer Glorot-uniform from the seed, the rest zero, then settings.Steps Adam steps on the
// mean absolute error of Batch rows drawn with replacement from the same source. It checks ctx every step.
func TrainNetwork(ctx context.Context, rows, targets []float64, settings NetworkSettings) ([]float64, error) {
	inputs, hidden, n, err := checkNetworkShape(rows, settings.Inputs, settings.Hidden)
	if err != nil {
		return nil, err
	}
	if n == 0 || len(targets) != n {
		return nil, fmt.Errorf("a network trains on at least one row with one target each, got %d rows and %d targets", n, len(targets))
	}
	steps, batch, rate := settings.Steps, settings.Batch, settings.LearningRate
	if !(isWhole(steps) && steps >= 1 && steps <= maxNetworkSteps) {
		return nil, fmt.Errorf("a network trains for 1-%d steps, got %s", maxNetworkSteps, jsNumber(steps))
	}
	if !(isWhole(batch) && batch >= 1 && batch <= maxNetworkBatch) {
		return nil, fmt.Errorf("a network trains on 1-%d rows per step, got %s", maxNetworkBatch, jsNumber(batch))
	}
	if !(isFinite(rate) && rate > 0) {
		return nil, fmt.Errorf("a network's learning rate must be a positive number, got %s", jsNumber(rate))
	}
	size := networkSize(inputs, hidden)
	nw := newNetwork(make([]float64, size), inputs, hidden)
	weights := nw.weights
	next := uniformSource(settings.Seed)
	limit := math.Sqrt(6 / float64(inputs+hidden))
	for k := range hidden * inputs {
		weights[k] = float64((float64(2*next()) - 1) * limit)
	}
	grad := make([]float64, size)
	m := make([]float64, size)
	v := make([]float64, size)
	h := make([]float64, hidden)
	// The Adam coefficients, rounded at run time as JavaScript rounds them.
	keep1, keep2 := 1-adamBeta1, 1-adamBeta2
	decay := 1 - finalRateShare
	power1, power2 := 1.0, 1.0
	for step := 1; step <= int(steps); step++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		clear(grad)
		for range int(batch) {
			r := int(math.Floor(float64(next() * float64(n))))
			x := rows[r*inputs : (r+1)*inputs]
			e := nw.forward(x, h) - targets[r]
			// d|err| / d output, averaged over the batch; NaN and 0 give 0.
			d := 0.0
			if e > 0 {
				d = 1 / batch
			} else if e < 0 {
				d = -1 / batch
			}
			grad[nw.b2] += d
			for i, xi := range x {
				grad[nw.skip+i] += float64(d * xi)
			}
			for j := range hidden {
				grad[nw.w2+j] += float64(d * h[j])
				// softsign' = 1 / (1 + |s|)² = (1 − |a|)².
				slope := 1 - math.Abs(h[j])
				dz := float64(float64(d*weights[nw.w2+j]) * float64(slope*slope))
				grad[nw.b1+j] += dz
				row := grad[j*inputs : (j+1)*inputs]
				for i, xi := range x {
					row[i] += float64(dz * xi)
				}
			}
		}
		// Converted, or 1 − power would fuse with the product before it (Go may fuse across statements).
		power1 = float64(power1 * adamBeta1)
		power2 = float64(power2 * adamBeta2)
		c1, c2 := 1-power1, 1-power2
		lr := float64(rate * (1 - float64(decay*float64(step-1))/steps))
		for k, g := range grad {
			m[k] = float64(adamBeta1*m[k]) + float64(keep1*g)
			v[k] = float64(adamBeta2*v[k]) + float64(float64(keep2*g)*g)
			weights[k] -= float64(lr*(m[k]/c1)) / (math.Sqrt(v[k]/c2) + adamEpsilon)
		}
	}
	return weights, nil
}

// NetworkOutputs is the network's output for every row of rows (rows × inputs).
func NetworkOutputs(ctx context.Context, weights, rows []float64, inputs, hidden float64) ([]float64, error) {
	in, units, n, err := checkNetworkShape(rows, inputs, hidden)
	if err != nil {
		return nil, err
	}
	if len(weights) != networkSize(in, units) {
		return nil, fmt.Errorf("%d weights do not make a network of %d inputs and %d hidden units", len(weights), in, units)
	}
	nw := newNetwork(weights, in, units)
	out := make([]float64, n)
	h := make([]float64, units)
	for r := range n {
		if err := stopped(ctx, r); err != nil {
			return nil, err
		}
		out[r] = nw.forward(rows[r*in:(r+1)*in], h)
	}
	return out, nil
}
