package engine

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

// The per-point kernels (src/model/pointKernels.ts): the loops over a fit's or a prediction's points
// that are not points × features products. The interpreter spends milliseconds on each such loop,
// so the model hands them to Go. Same operation order as the TypeScript, so results agree to the bit
// or to rounding (explicit float64 conversions keep the compiler from fusing a multiply and an add
// where an architecture could, as in kernels.go). The model's constants (Hampel's knees, the MAD's
// consistency factor, the score's half-point) arrive as arguments; none is defined here.

// HampelKnees are Hampel's knees in residual scales: weight 1 up to A, A/|z| up to B, falling linearly
// to 0 at C.
type HampelKnees struct {
	A float64 `json:"a"`
	B float64 `json:"b"`
	C float64 `json:"c"`
}

func (k HampelKnees) weight(z float64) float64 {
	a := math.Abs(z)
	switch {
	case a <= k.A:
		return 1
	case a <= k.B:
		return k.A / a
	case a <= k.C:
		return ((k.A / a) * (k.C - a)) / (k.C - k.B)
	}
	return 0
}

// MadSigma is consistency × the median absolute deviation from the median (0 for no values); 1.4826
// makes it a normal standard deviation.
func MadSigma(values []float64, consistency float64) float64 {
	if len(values) == 0 {
		return 0
	}
	m, ok := quantileOf(values, 0.5)
	if !ok {
		work := append(make([]float64, 0, len(values)), values...)
		m = quantileInPlace(work, 0.5)
		for i, v := range values {
			work[i] = math.Abs(v - m)
		}
		return consistency * quantileInPlace(work, 0.5)
	}
	deviations := scratch(len(values))
	defer scratchPool.Put(deviations)
	d := *deviations
	for i, v := range values {
		d[i] = math.Abs(v - m)
	}
	mad, ok := quantileOf(d, 0.5)
	if !ok { // infinite values on both sides of an infinite median: ∞ − ∞
		mad = quantileInPlace(d, 0.5)
	}
	return consistency * mad
}

// UpdateResiduals writes ys − fitted into residuals and returns the largest change of any residual.
func UpdateResiduals(ys, fitted, residuals []float64) (float64, error) {
	if len(ys) < len(residuals) || len(fitted) < len(residuals) {
		return 0, fmt.Errorf("%d residuals from %d values and %d fitted values", len(residuals), len(ys), len(fitted))
	}
	change := 0.0
	for i := range residuals {
		r := ys[i] - fitted[i]
		if d := math.Abs(r - residuals[i]); d > change {
			change = d
		}
		residuals[i] = r
	}
	return change, nil
}

// HampelWeights writes the Hampel weight of residual/scale into weights and 1 − weight into deficit;
// it returns how many weights are below 1.
func HampelWeights(residuals []float64, scale float64, weights, deficit []float64, knees HampelKnees) (int, error) {
	if len(weights) < len(residuals) || len(deficit) < len(residuals) {
		return 0, fmt.Errorf("%d residuals but %d weights and %d deficits", len(residuals), len(weights), len(deficit))
	}
	below := 0
	for i, r := range residuals {
		w := knees.weight(r / scale)
		weights[i] = w
		deficit[i] = 1 - w
		if w < 1 {
			below++
		}
	}
	return below, nil
}

// Scaled returns values × factor (|values × factor| when abs), only the rows with keep > 0 when keep is given.
func Scaled(values []float64, factor float64, abs bool, keep []float64) ([]float64, error) {
	if keep != nil && len(keep) < len(values) {
		return nil, fmt.Errorf("%d values but %d keep flags", len(values), len(keep))
	}
	out := make([]float64, 0, len(values))
	for i, v := range values {
		if keep != nil && !(keep[i] > 0) {
			continue
		}
		v *= factor
		if abs && v < 0 {
			v = -v
		}
		out = append(out, v)
	}
	return out, nil
}

// AddScaled adds factor × values to target in place.
func AddScaled(target, values []float64, factor float64) error {
	if len(values) < len(target) {
		return fmt.Errorf("adding %d values to %d", len(values), len(target))
	}
	for i := range target {
		target[i] += float64(factor * values[i])
	}
	return nil
}

// Differences returns the differences of consecutive values (of a sorted copy when sorted, NaNs last as a
// JavaScript Float64Array sorts them), only the positive ones when positiveOnly.
func Differences(values []float64, sorted, positiveOnly bool) []float64 {
	v := values
	if sorted {
		v = slices.Clone(values)
		sortNaNsLast(v)
	}
	out := make([]float64, 0, max(0, len(v)-1))
	for i := 1; i < len(v); i++ {
		if d := v[i] - v[i-1]; !positiveOnly || d > 0 {
			out = append(out, d)
		}
	}
	return out
}

// FirstNonFinite is the index of the first NaN or infinite value, −1 when all are finite.
func FirstNonFinite(values []float64) int {
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return i
		}
	}
	return -1
}

// TrainingRows writes the rows with a finite value and a time outside every excluded [start, end]
// pair (exclude is flattened) to the front of outTimes and outValues, sorted by time (stable), and
// returns their count.
func TrainingRows(timestamps, values, exclude, outTimes, outValues []float64) (int, error) {
	n := len(timestamps)
	if len(values) != n || len(outTimes) < n || len(outValues) < n {
		return 0, fmt.Errorf("training rows: %d times, %d values, room for %d and %d", n, len(values), len(outTimes), len(outValues))
	}
	keep := make([]int, 0, n)
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		t := timestamps[i]
		excluded := false
		for e := 0; e+1 < len(exclude); e += 2 {
			if t >= exclude[e] && t <= exclude[e+1] {
				excluded = true
				break
			}
		}
		if !excluded {
			keep = append(keep, i)
		}
	}
	if !sort.SliceIsSorted(keep, func(a, b int) bool { return timestamps[keep[a]] < timestamps[keep[b]] }) {
		sort.SliceStable(keep, func(a, b int) bool { return timestamps[keep[a]] < timestamps[keep[b]] })
	}
	for k, i := range keep {
		outTimes[k] = timestamps[i]
		outValues[k] = values[i]
	}
	return len(keep), nil
}

// LagPairing says which residuals LagCorrelation pairs.
type LagPairing struct {
	LagMs       float64 `json:"lag_ms"`
	ToleranceMs float64 `json:"tolerance_ms"`
	MinPairs    int     `json:"min_pairs"`
}

// LagCorrelation is Σ r_i r_j / Σ r_i² over pairs whose times lie LagMs ± ToleranceMs apart (times
// sorted) and whose weights are both positive; NaN with fewer than MinPairs pairs or no variance.
func LagCorrelation(timestamps, residuals, weights []float64, pairing LagPairing) (float64, error) {
	lagMs, toleranceMs := pairing.LagMs, pairing.ToleranceMs
	n := len(timestamps)
	if len(residuals) < n || len(weights) < n {
		return 0, fmt.Errorf("lag correlation: %d times, %d residuals, %d weights", n, len(residuals), len(weights))
	}
	cross, square, pairs := 0.0, 0.0, 0
	j := 0
	for i := 0; i < n; i++ {
		if weights[i] == 0 {
			continue
		}
		want := timestamps[i] + lagMs
		if j <= i {
			j = i + 1
		}
		for j < n && timestamps[j] < want-toleranceMs {
			j++
		}
		if j < n && timestamps[j] <= want+toleranceMs && weights[j] > 0 {
			cross += float64(residuals[i] * residuals[j])
			square += float64(residuals[i] * residuals[i])
			pairs++
		}
	}
	if pairs >= pairing.MinPairs && square > 0 {
		return cross / square, nil
	}
	return math.NaN(), nil
}

// SeasonalCarry says what SeasonalRemainder removes.
type SeasonalCarry struct {
	PeriodMs    float64 `json:"period_ms"`
	ToleranceMs float64 `json:"tolerance_ms"`
	Rho         float64 `json:"rho"`
}

// SeasonalRemainder returns r_i − Rho × r_j, j the point one PeriodMs earlier (± ToleranceMs) with a
// positive weight, or r_i where there is none. Times sorted.
func SeasonalRemainder(timestamps, residuals, weights []float64, carry SeasonalCarry) ([]float64, error) {
	periodMs, toleranceMs, rho := carry.PeriodMs, carry.ToleranceMs, carry.Rho
	n := len(timestamps)
	if len(residuals) < n || len(weights) < n {
		return nil, fmt.Errorf("seasonal remainder: %d times, %d residuals, %d weights", n, len(residuals), len(weights))
	}
	out := make([]float64, n)
	j := 0
	for i := 0; i < n; i++ {
		want := timestamps[i] - periodMs
		for j < i && timestamps[j] < want-toleranceMs {
			j++
		}
		ago := 0.0
		if j < i && timestamps[j] <= want+toleranceMs && weights[j] > 0 {
			ago = residuals[j]
		}
		out[i] = residuals[i] - float64(rho*ago)
	}
	return out, nil
}

// JudgeBand is what Judge needs, in y units: the drawn band's half-widths, the outlier band's, the
// residual scales for scores (score = d / (d + ScoreHalf)), and the floor the expectation and band may
// not go below (-Inf for none).
type JudgeBand struct {
	BandBelow    float64 `json:"band_below"`
	BandAbove    float64 `json:"band_above"`
	Z            float64 `json:"z"`
	OutlierBelow float64 `json:"outlier_below"`
	OutlierAbove float64 `json:"outlier_above"`
	OutlierZ     float64 `json:"outlier_z"`
	ScaleBelow   float64 `json:"scale_below"`
	ScaleAbove   float64 `json:"scale_above"`
	ScoreHalf    float64 `json:"score_half"`
	Floor        float64 `json:"floor"`
}

// Judgement holds the outputs of Judge, one entry per point.
type Judgement struct {
	Yhat    []float64 `json:"yhat"`
	Lower   []float64 `json:"lower"`
	Upper   []float64 `json:"upper"`
	Outlier []int8    `json:"outlier"`
	Score   []float64 `json:"score"`
}

// Judge writes the expectation raised to the floor, the drawn band around it and, where the value is
// finite, the verdict (outside the outlier band) and score. extraVariance (nil for none) widens both bands
// and the scales; values nil means no values.
func Judge(yhat, values, extraVariance []float64, band JudgeBand, out Judgement) error {
	n := len(yhat)
	if (values != nil && len(values) < n) || (extraVariance != nil && len(extraVariance) < n) ||
		len(out.Yhat) < n || len(out.Lower) < n || len(out.Upper) < n || len(out.Score) < n || len(out.Outlier) < n {
		return fmt.Errorf("judge: %d expectations with mismatched inputs or outputs", n)
	}
	bandBelow, bandAbove, scaleBelow, scaleAbove := band.BandBelow, band.BandAbove, band.ScaleBelow, band.ScaleAbove
	outBelow, outAbove := band.OutlierBelow, band.OutlierAbove
	zz, oz, floor := band.Z*band.Z, band.OutlierZ*band.OutlierZ, band.Floor
	for i := 0; i < n; i++ {
		extra := 0.0
		if extraVariance != nil {
			extra = extraVariance[i]
		}
		y := yhat[i]
		if y < floor {
			y = floor
		}
		out.Yhat[i] = y
		lo := y - math.Sqrt(float64(bandBelow*bandBelow)+float64(zz*extra))
		hi := y + math.Sqrt(float64(bandAbove*bandAbove)+float64(zz*extra))
		out.Lower[i], out.Upper[i] = max(lo, floor), max(hi, floor)
		value := math.NaN()
		if values != nil {
			value = values[i]
		}
		if math.IsNaN(value) || math.IsInf(value, 0) {
			out.Outlier[i], out.Score[i] = 0, 0
			continue
		}
		r := value - y
		var scale float64
		if r >= 0 {
			scale = math.Sqrt(float64(scaleAbove*scaleAbove) + extra)
		} else {
			scale = math.Sqrt(float64(scaleBelow*scaleBelow) + extra)
		}
		d := math.Abs(r) / scale
		switch {
		case r > math.Sqrt(float64(outAbove*outAbove)+float64(oz*extra)):
			out.Outlier[i] = 1
		case -r > math.Sqrt(float64(outBelow*outBelow)+float64(oz*extra)):
			out.Outlier[i] = -1
		default:
			out.Outlier[i] = 0
		}
		out.Score[i] = d / (d + band.ScoreHalf)
	}
	return nil
}

// maxBins bounds BinnedSums' output (the model asks for at most a few thousand bins).
const maxBins = 1 << 24

// BinnedSums returns Σ w·v and Σ w per time bin over the rows with a positive weight, bin b covering
// [originMs + b·binMs, originMs + (b + 1)·binMs): the bins' sums, then their weights. No bins when binMs is
// not positive.
func BinnedSums(timestamps, values, weights []float64, originMs, binMs float64, bins int) ([]float64, error) {
	n := len(timestamps)
	if len(values) < n || len(weights) < n {
		return nil, fmt.Errorf("binned sums: %d times, %d values, %d weights", n, len(values), len(weights))
	}
	if bins > maxBins {
		return nil, fmt.Errorf("binned sums: %d bins is more than %d", bins, maxBins)
	}
	count := 0
	if binMs > 0 && bins > 0 {
		count = bins
	}
	out := make([]float64, 2*count)
	for i := 0; i < n; i++ {
		w := weights[i]
		if !(w > 0) {
			continue
		}
		b := math.Floor((timestamps[i] - originMs) / binMs)
		if b >= 0 && b < float64(count) {
			out[int(b)] += float64(w * values[i])
			out[count+int(b)] += w
		}
	}
	return out, nil
}
