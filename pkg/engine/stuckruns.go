package engine

// EqualRuns is equalRuns of src/model/stuckRuns.ts: how many consecutive pairs of values are equal, then the
// [start, end) indices of each run of at least minRun equal values, in order (NaN never equals itself).
func EqualRuns(values []float64, minRun float64) []float64 {
	n := len(values)
	out := []float64{0}
	repeats, runStart := 0, 0
	for i := 1; i <= n; i++ {
		if i < n && values[i] == values[i-1] {
			repeats++
			continue
		}
		if float64(i-runStart) >= minRun {
			out = append(out, float64(runStart), float64(i))
		}
		runStart = i
	}
	out[0] = float64(repeats)
	return out
}
