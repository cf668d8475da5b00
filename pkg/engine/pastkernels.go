package engine

import (
	"context"
	"fmt"
	"math"
)

// The past family's kernel (src/model/families/pastKernels.ts), in the same operation order.

// SlotSpec says which points SlotSummaries compares a time t with: the point nearest t − k·PeriodMs (within
// ToleranceMs) for k from 1, or for t past EndMs from the first k landing in the history; a negative period
// looks forward.
type SlotSpec struct {
	PeriodMs    float64 `json:"period_ms"`
	ToleranceMs float64 `json:"tolerance_ms"`
	Count       int     `json:"count"`
	MaxLags     int     `json:"max_lags"`
	EndMs       float64 `json:"end_ms"`
	Shift       float64 `json:"shift"`
}

// maxGuessedLags bounds the lags whose searches start from the last query's answer; later ones search anew.
const maxGuessedLags = 1024

// SlotSummariesOut holds what SlotSummaries writes per query time.
type SlotSummariesOut struct {
	Summary []float64 `json:"summary"`
	Used    []float64 `json:"used"`
}

// nearestIndex is the index of the point nearest slot in sorted times (the earlier on a tie), −1 for none.
func nearestIndex(times []float64, slot float64) int {
	return nearestFrom(times, slot, firstNotBefore(times, slot, 0, len(times)))
}

// firstNotBefore is the first index in [lo, hi) whose time is not before slot (hi when none is), given that
// every time before lo is before slot and none from hi on is.
func firstNotBefore(times []float64, slot float64, lo, hi int) int {
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if times[mid] < slot {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// firstNotBeforeNear is firstNotBefore over all of times, searched outward from a guess (the index found for
// the same lag at the query before): queries come in order, so the answer is usually at or next to it. The
// answer is the same as a plain binary search's, whatever the guess.
func firstNotBeforeNear(times []float64, slot float64, guess int) int {
	n := len(times)
	guess = min(max(guess, 0), n)
	if guess < n && times[guess] < slot {
		// The answer lies after guess: widen the step until a time is not before slot.
		lo, step := guess+1, 1
		for lo+step-1 < n && times[lo+step-1] < slot {
			lo += step
			step *= 2
		}
		return firstNotBefore(times, slot, lo, min(lo+step-1, n))
	}
	// The answer is at or before guess.
	hi, step := guess, 1
	for hi-step >= 0 && !(times[hi-step] < slot) {
		hi -= step
		step *= 2
	}
	return firstNotBefore(times, slot, max(hi-step+1, 0), hi)
}

// nearestFrom is the index of the point nearest slot given lo, the first index not before it.
func nearestFrom(times []float64, slot float64, lo int) int {
	if lo == 0 {
		if len(times) > 0 {
			return 0
		}
		return -1
	}
	if lo == len(times) || slot-times[lo-1] <= times[lo]-slot {
		return lo - 1
	}
	return lo
}

// SlotSummaries writes, for each query time, the median of the values at the same slot of earlier periods:
// the point nearest t − k·period when it lies within the tolerance and is usable (usable nil, or its entry
// > 0), for k = first, first + 1, ... until Count slots are found or MaxLags periods are walked. A time past
// EndMs gets Shift added. Where no slot is found, fallback's entry (NaN when nil) with used 0. It stops with
// the context's error when the context ends (checked every rowsPerCheck query times).
func SlotSummaries(ctx context.Context, queries, times, values, usable, fallback []float64, spec SlotSpec, out SlotSummariesOut) error {
	q := len(queries)
	if len(values) < len(times) || (usable != nil && len(usable) < len(times)) || (fallback != nil && len(fallback) < q) ||
		len(out.Summary) < q || len(out.Used) < q {
		return fmt.Errorf("slot summaries: %d queries, %d times with mismatched values, usable, fallback or outputs", q, len(times))
	}
	period, tolerance, end := spec.PeriodMs, spec.ToleranceMs, spec.EndMs
	picked := make([]float64, max(spec.Count, 0))
	// guesses[k-first] is where the search for lag k ended at the query before (see firstNotBeforeNear).
	guesses := make([]int, min(max(spec.MaxLags, 0), maxGuessedLags))
	for i := 0; i < q; i++ {
		if err := stopped(ctx, i); err != nil {
			return err
		}
		t := queries[i]
		// Lags are float64, as JavaScript's numbers: a time far past the history walks none instead of overflowing.
		first := 1.0
		if period > 0 {
			if ahead := (t - end - tolerance) / period; ahead > 1 {
				first = math.Ceil(ahead)
			}
		}
		last := first + float64(spec.MaxLags)
		m := 0
		for k := first; k < last && m < spec.Count; k++ {
			slot := t - float64(k*period)
			var j int
			if lag := int(k - first); lag < len(guesses) {
				at := firstNotBeforeNear(times, slot, guesses[lag])
				guesses[lag] = at
				j = nearestFrom(times, slot, at)
			} else {
				j = nearestIndex(times, slot)
			}
			if j < 0 {
				break
			}
			gap := times[j] - slot
			if times[j] < slot {
				gap = slot - times[j]
			}
			if !(gap <= tolerance) {
				// A slot beyond the history's end in the walk's direction: every later lag's is further beyond it.
				if (period > 0 && slot < times[0]) || (period <= 0 && slot > times[len(times)-1]) {
					break
				}
				continue
			}
			if usable != nil && !(usable[j] > 0) {
				continue
			}
			insertSorted(picked, m, values[j])
			m++
		}
		out.Used[i] = float64(m)
		if m == 0 {
			if fallback == nil {
				out.Summary[i] = math.NaN()
			} else {
				out.Summary[i] = fallback[i]
			}
			continue
		}
		h := m >> 1
		median := picked[h]
		if m%2 == 0 {
			median = (picked[h-1] + picked[h]) / 2
		}
		if t > end {
			median += spec.Shift
		}
		out.Summary[i] = median
	}
	return nil
}
