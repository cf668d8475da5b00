package engine

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
)

// Float64 arrays as text inside a model's JSON (src/model/float64Text.ts, the same format): base64 of their
// little-endian IEEE 754 bytes. A past model keeps thousands of training points; as JSON numbers each
// prediction would parse and check every one in JavaScript, as text one Go call restores them.

// errFloat64Text is the one message for any text that is not such an array (the TypeScript kernel throws it too).
var errFloat64Text = errors.New("the text is not base64 of float64 values")

// canonicalNaN is the one NaN the text holds (JavaScript's; Go's math.NaN has other bits).
const canonicalNaN = 0x7ff8000000000000

// EncodeFloat64s writes values as base64 (standard alphabet, padded) of their little-endian bytes, every NaN
// as canonicalNaN.
func EncodeFloat64s(values []float64) string {
	raw := make([]byte, 8*len(values))
	for i, v := range values {
		bits := math.Float64bits(v)
		if math.IsNaN(v) {
			bits = canonicalNaN
		}
		binary.LittleEndian.PutUint64(raw[8*i:], bits)
	}
	return base64.StdEncoding.EncodeToString(raw)
}

// DecodeFloat64s reads what EncodeFloat64s wrote. It refuses anything else, line breaks (which Go's decoder
// would skip) and non-zero padding bits included, so it accepts exactly what the TypeScript kernel accepts.
func DecodeFloat64s(text string) ([]float64, error) {
	if strings.ContainsAny(text, "\r\n") {
		return nil, errFloat64Text
	}
	raw, err := base64.StdEncoding.Strict().DecodeString(text)
	if err != nil || len(raw)%8 != 0 {
		return nil, errFloat64Text
	}
	out := make([]float64, len(raw)/8)
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:]))
	}
	return out, nil
}

// maxExpandedTimes bounds ExpandRuns (MAX_EXPANDED_TIMES in src/model/float64Text.ts).
const maxExpandedTimes = 50_000_000

// errExpandRuns is the one message for runs ExpandRuns refuses (EXPAND_RUNS_ERROR, the same text).
var errExpandRuns = fmt.Errorf("each run's count must be a whole number of at least 1, and all runs at most %d times", maxExpandedTimes)

// ExpandRuns is TextKernels.expandRuns (src/model/types.ts): times from runs [first, step, count, ...], each the
// one before plus its run's step, in the same order of additions as the TypeScript kernel. A count that is not a
// whole number ≥ 1, or more than maxExpandedTimes times in all, is refused before anything is allocated.
func ExpandRuns(runs []float64) ([]float64, error) {
	if len(runs) == 0 {
		return []float64{}, nil
	}
	n := 1
	for r := 1; r+1 < len(runs); r += 2 {
		count := runs[r+1]
		if !(count >= 1 && count == math.Trunc(count) && count <= maxExpandedTimes) {
			return nil, errExpandRuns
		}
		n += int(count)
		if n > maxExpandedTimes {
			return nil, errExpandRuns
		}
	}
	times := make([]float64, 1, n)
	t := runs[0]
	times[0] = t
	for r := 1; r+1 < len(runs); r += 2 {
		for range int(runs[r+1]) {
			t += runs[r]
			times = append(times, t)
		}
	}
	return times, nil
}

// CollapseRuns is TextKernels.collapseRuns: the runs ExpandRuns gives times back from, a new run wherever the step
// between two times changes.
func CollapseRuns(times []float64) []float64 {
	if len(times) == 0 {
		return []float64{}
	}
	runs := []float64{times[0]}
	var step float64
	count := 0
	for i := 1; i < len(times); i++ {
		d := times[i] - times[i-1]
		if count > 0 && d == step {
			count++
			continue
		}
		if count > 0 {
			runs = append(runs, step, float64(count))
		}
		step, count = d, 1
	}
	if count > 0 {
		runs = append(runs, step, float64(count))
	}
	return runs
}
