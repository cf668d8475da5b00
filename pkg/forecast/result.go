package forecast

// SeriesResult is the judgment of one series over the range: per-point outputs hold NaN where a point was not
// judged (no fit for its piece, or the value is missing for the band fields).
type SeriesResult struct {
	Name   string
	Labels map[string]string

	Times, Values                      []float64
	Yhat, Lower, Upper, Score, Outlier []float64
	Excluded                           []bool
	// Alert fields (pkg/alerting): Outlier and Score above are already filtered by the query's alerting
	// object. ThresholdBreach is nil without a threshold, VsPast when the query does not compare the past.
	Significance, Alert, Direction, ThresholdBreach, VsPast []float64
	// Early warning (nil when not asked for or not computed): BreachETA (seconds) and BreachProbability are set
	// on the latest point only, NaN elsewhere; Drift is -1/0/+1 per point.
	BreachETA, BreachProbability, Drift []float64
	// Warned holds the thresholds and lead time the breach fields were computed for (nil without them).
	Warned *Warning

	ForecastTimes, ForecastYhat, ForecastLower, ForecastUpper []float64

	// Notices explain in plain words what could not be done for this series.
	Notices []string
}

func newSeriesResult(name string, labels map[string]string, times, values []float64) *SeriesResult {
	n := len(times)
	return &SeriesResult{
		Name: name, Labels: labels, Times: times, Values: values,
		Yhat: nanSlice(n), Lower: nanSlice(n), Upper: nanSlice(n), Score: nanSlice(n), Outlier: nanSlice(n),
		Excluded: make([]bool, n),
	}
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = nan
	}
	return s
}
