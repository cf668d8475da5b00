package engine

import (
	"fmt"
	"math"
)

// DayKindDifference is src/model/dayKindKernels.ts's dayKindDifference, the same arithmetic in the same order:
// day profiles from binned residual sums (sums of days × binsPerDay bins, then their weights), each kind's per-bin
// median profile, the day-to-day variation and the leave-one-out shape difference. It returns [work days, off
// days, difference, bar], the last two NaN when a kind has fewer than two whole days.
func DayKindDifference(sums []float64, binsPerDay, days int, offDay []int8, significance, minBar float64) ([]float64, error) {
	if binsPerDay < 0 || days < 0 || (binsPerDay > 0 && days > maxBins/binsPerDay) {
		return nil, fmt.Errorf("day kinds: %d days of %d bins", days, binsPerDay)
	}
	bins := days * binsPerDay
	if len(sums) < 2*bins || len(offDay) < days {
		return nil, fmt.Errorf("day kinds: %d sums and %d day kinds for %d days of %d bins", len(sums), len(offDay), days, binsPerDay)
	}
	var work, off [][]float64
	for d := 0; d < days; d++ {
		if profile := dayProfile(sums, d, binsPerDay, bins); profile != nil {
			if offDay[d] == 1 {
				off = append(off, profile)
			} else {
				work = append(work, profile)
			}
		}
	}
	out := []float64{float64(len(work)), float64(len(off)), math.NaN(), math.NaN()}
	if len(work) < 2 || len(off) < 2 {
		return out, nil
	}
	workKind, offKind := kindOf(work), kindOf(off)
	variation := dayToDayVariance(workKind, offKind)
	// The variance of a median of normal values is π/2 times the mean's.
	bar := math.Max(significance*math.Sqrt(math.Pi/2*variation*(1/float64(len(work))+1/float64(len(off)))), minBar)
	out[2] = leaveOneOutDifference(workKind, offKind, bar)
	out[3] = bar
	return out, nil
}

// kindProfiles is one kind's day profiles, each bin's values over them sorted, and its per-bin median profile.
type kindProfiles struct {
	profiles [][]float64
	bins     [][]float64
	median   []float64
}

func kindOf(profiles [][]float64) kindProfiles {
	bins := make([][]float64, len(profiles[0]))
	median := make([]float64, len(bins))
	for b := range bins {
		values := make([]float64, len(profiles))
		for d, p := range profiles {
			values[d] = p[b]
		}
		sortNaNsLast(values) // the sign of a zero never reaches the difference or the bar
		bins[b] = values
		median[b] = quantileSorted(values, 0.5)
	}
	return kindProfiles{profiles: profiles, bins: bins, median: median}
}

// dayProfile is day d's mean residual per bin less its mean over the bins; nil unless every bin holds weight.
func dayProfile(sums []float64, d, binsPerDay, bins int) []float64 {
	profile := make([]float64, binsPerDay)
	mean := 0.0
	for b := range profile {
		weight := sums[bins+d*binsPerDay+b]
		if !(weight > 0) {
			return nil
		}
		profile[b] = sums[d*binsPerDay+b] / weight
		mean += profile[b] / float64(binsPerDay)
	}
	for b := range profile {
		profile[b] -= mean
	}
	return profile
}

// quantileSorted is statistics.ts's quantileSorted: linear interpolation between order statistics.
func quantileSorted(sorted []float64, q float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * math.Min(1, math.Max(0, q))
	lo := int(math.Floor(h))
	hi := min(n-1, lo+1)
	return sorted[lo] + (h-float64(lo))*(sorted[hi]-sorted[lo])
}

// profileDistance is the root mean square over bins of (off − work) less its mean.
func profileDistance(off, work []float64) float64 {
	bins := float64(len(off))
	mean := 0.0
	for j := range off {
		mean += (off[j] - work[j]) / bins
	}
	square := 0.0
	for j := range off {
		d := off[j] - work[j] - mean
		square += (d * d) / bins
	}
	return math.Sqrt(square)
}

// withoutDay writes into out the day's profile with each bin's value replaced by its bin's median without that day.
func withoutDay(day []float64, bins [][]float64, out []float64) []float64 {
	m := len(bins[0]) - 1
	k := m >> 1
	for b, v := range day {
		sorted := bins[b]
		if m%2 == 1 {
			if sorted[k] < v {
				out[b] = sorted[k]
			} else {
				out[b] = sorted[k+1]
			}
			continue
		}
		below, above := sorted[k], sorted[k+1]
		if sorted[k-1] < v {
			below = sorted[k-1]
		}
		if sorted[k] < v {
			above = sorted[k]
		}
		out[b] = (below + above) / 2
	}
	return out
}

// leaveOneOutDifference is the smallest shape difference with any one day left out, or the first at or under bar.
func leaveOneOutDifference(work, off kindProfiles, bar float64) float64 {
	smallest := profileDistance(off.median, work.median)
	without := make([]float64, len(work.median))
	for d := 0; d < len(work.profiles) && smallest > bar; d++ {
		smallest = math.Min(smallest, profileDistance(off.median, withoutDay(work.profiles[d], work.bins, without)))
	}
	for d := 0; d < len(off.profiles) && smallest > bar; d++ {
		smallest = math.Min(smallest, profileDistance(withoutDay(off.profiles[d], off.bins, without), work.median))
	}
	return smallest
}

// dayToDayVariance is the median over all days of a day's mean square distance from its kind's median profile,
// corrected for the median being taken over the k days including it (× k / (k − 1)).
func dayToDayVariance(kinds ...kindProfiles) float64 {
	var variances []float64
	for _, kind := range kinds {
		correction := float64(len(kind.profiles)) / float64(len(kind.profiles)-1)
		for _, p := range kind.profiles {
			bins := float64(len(p))
			square := 0.0
			for b := range p {
				d := p[b] - kind.median[b]
				square += (d * d) / bins
			}
			variances = append(variances, square*correction)
		}
	}
	return medianOf(variances)
}

// medianOf is statistics.ts's median: the middle value, or the mean of the two middle ones, by the same selection
// (with a NaN among the values the result depends on the order of comparisons). It reorders values.
func medianOf(values []float64) float64 {
	n := len(values)
	if n == 0 {
		return math.NaN()
	}
	upper := selectKth(values, n>>1)
	if n%2 == 1 {
		return upper
	}
	// After selection every value left of n/2 is ≤ upper; the largest of them is the lower middle.
	lower := math.Inf(-1)
	for _, v := range values[:n>>1] {
		if v > lower {
			lower = v
		}
	}
	return (lower + upper) / 2
}
