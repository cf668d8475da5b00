package engine

import (
	"fmt"
	"math"
)

// RollingMedians is rollingMedians of src/model/sustainedKernels.ts: for each i, the median of the finite values
// among values[i-k+1 … i] (the mean of the two middle ones for an even count); NaN where fewer than ⌈k/2⌉ are
// finite, and everywhere for a k that is not a whole number ≥ 1.
func RollingMedians(values []float64, k float64) []float64 {
	n := len(values)
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
	}
	// A window over twice the series never holds half its points: no medians (and no huge int conversions).
	if !(k >= 1) || k != math.Trunc(k) || k > 2*float64(n) {
		return out
	}
	window := int(min(k, float64(n)+1)) // a window past the series needs no more room than the series
	need := int(math.Ceil(k / 2))
	sorted := make([]float64, window)
	count := 0
	for i := range n {
		if i-window >= 0 {
			if leaving := values[i-window]; isFinite(leaving) {
				at := 0
				for sorted[at] != leaving {
					at++
				}
				copy(sorted[at:count-1], sorted[at+1:count])
				count--
			}
		}
		if x := values[i]; isFinite(x) {
			insertSorted(sorted, count, x)
			count++
		}
		if count >= need {
			out[i] = (sorted[(count-1)>>1] + sorted[count>>1]) / 2
		}
	}
	return out
}

// RaiseSustained is raiseSustained of src/model/sustainedKernels.ts: where the running median of the residuals
// (value − yhat) over the last k points, over the scale of its side, exceeds that of each of the k points before,
// the score becomes max(score, d / (d + half)), in place. Points whose skip entry is not 0 are left out, of the
// medians and of the raise; skip nil leaves none out.
func RaiseSustained(values, yhat, score []float64, skip []int8, k, scaleBelow, scaleAbove, half float64) error {
	n := len(values)
	if len(yhat) < n || len(score) < n || (skip != nil && len(skip) < n) {
		return fmt.Errorf("raiseSustained: %d values but %d expectations, %d scores and %d skip flags",
			n, len(yhat), len(score), len(skip))
	}
	if !(k >= 1) || k != math.Trunc(k) || math.IsInf(k, 0) || !(scaleBelow > 0) || !(scaleAbove > 0) {
		return nil
	}
	residuals := make([]float64, n)
	for i := range n {
		if skip != nil && skip[i] != 0 {
			residuals[i] = math.NaN()
		} else {
			residuals[i] = values[i] - yhat[i]
		}
	}
	medians := RollingMedians(residuals, k)
	deviation := make([]float64, n)
	for i, m := range medians {
		switch {
		case math.IsNaN(m):
			deviation[i] = 0
		case m < 0:
			deviation[i] = -m / scaleBelow
		default:
			deviation[i] = m / scaleAbove
		}
	}
	back := int(min(k, float64(n))) // the k points before, at most all of them
	for i, d := range deviation {
		if !(d > 0) || !isFinite(residuals[i]) {
			continue
		}
		before := 0.0
		for j := max(0, i-back); j < i; j++ {
			if deviation[j] > before { // not max: a NaN deviation (an infinite median over an infinite scale) is passed over
				before = deviation[j]
			}
		}
		if d > before {
			s := 1.0
			if !math.IsInf(d, 1) {
				s = d / (d + half)
			}
			if s > score[i] {
				score[i] = s
			}
		}
	}
	return nil
}

// insertSorted puts v into sorted[:count], shifting larger values up (sorted has room for one more); insertSorted of
// src/model/statistics.ts, for small windows.
func insertSorted(sorted []float64, count int, v float64) {
	at := count
	for at > 0 && sorted[at-1] > v {
		sorted[at] = sorted[at-1]
		at--
	}
	sorted[at] = v
}
