package alerting

import "math"

// Breach marks each value against static thresholds: +1 above `above`, -1 below `below`, else 0 (NaN where the
// value is missing). A nil threshold is not checked.
func Breach(values []float64, above, below *float64) []float64 {
	out := make([]float64, len(values))
	for i, v := range values {
		switch {
		case math.IsNaN(v):
			out[i] = v
		case above != nil && v > *above:
			out[i] = 1
		case below != nil && v < *below:
			out[i] = -1
		}
	}
	return out
}
