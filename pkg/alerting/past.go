package alerting

import (
	"math"
	"slices"
	"sort"

	"github.com/foresight-anomaly/foresight/pkg/annotations"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

const weekMs = 7 * 24 * 3_600_000.0

// minPastWeeks is the fewest past weeks with a value that make a comparison.
const minPastWeeks = models.MinPastWeeks

// VsPast divides each value by the median of the same slot in the last `weeks` weeks: the history's point
// nearest to t - k weeks within half a step, skipping points that are missing or inside an excluded range.
// NaN where the value is missing, fewer than two weeks have a value or the median is 0. Each point costs
// `weeks` binary searches.
func VsPast(times, values []float64, h History, weeks int) []float64 {
	excluded := mergedSpans(h.Exclude)
	tolerance := h.StepMs / 2
	out := make([]float64, len(values))
	past := make([]float64, 0, weeks)
	for i, value := range values {
		out[i] = math.NaN()
		if math.IsNaN(value) || i >= len(times) {
			continue
		}
		t := times[i]
		past = past[:0]
		for k := 1; k <= weeks; k++ {
			j := nearest(h.Times, t-float64(k)*weekMs, tolerance)
			if j < 0 || math.IsNaN(h.Values[j]) || math.IsInf(h.Values[j], 0) || excluded.contains(h.Times[j]) {
				continue
			}
			past = append(past, h.Values[j])
		}
		if len(past) < minPastWeeks {
			continue
		}
		if m := median(past); m != 0 {
			out[i] = value / m
		}
	}
	return out
}

// nearest returns the index of the sorted time closest to target within tolerance, or -1.
func nearest(times []float64, target, tolerance float64) int {
	i := sort.SearchFloat64s(times, target-tolerance)
	best := -1
	for ; i < len(times) && times[i] <= target+tolerance; i++ {
		if best < 0 || math.Abs(times[i]-target) < math.Abs(times[best]-target) {
			best = i
		}
	}
	return best
}

// median sorts xs in place and returns its median.
func median(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// spans are disjoint sorted ranges, searched by binary search.
type spans []models.ExcludeRange

func mergedSpans(ranges []models.ExcludeRange) spans {
	return spans(annotations.Merge(ranges))
}

// contains says whether t lies in one of the spans (bounds inclusive, as exclusions are).
func (s spans) contains(t float64) bool {
	i := sort.Search(len(s), func(i int) bool { return s[i].To >= t })
	return i < len(s) && s[i].From <= t
}
