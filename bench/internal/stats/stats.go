// Package stats holds the summaries the benchmarks report.
package stats

import "slices"

// Median of values (the mean of the middle two for an even count); values is not reordered.
func Median(values []float64) float64 {
	s := slices.Clone(values)
	slices.Sort(s)
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
