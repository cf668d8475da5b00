package engine

import (
	"context"
	"fmt"
	"math"
)

// The autoregressive family's kernels (src/model/families/autoregressiveKernels.ts): placing points on a regular
// grid, the lagged design matrix, the filtering and forecasting recursion, psi weights and reading a grid back.
// Same operation order as the TypeScript; explicit float64 conversions keep a multiply and an add apart.

// GridSpec mirrors GridSpec in src/model/types.ts: cell c is OriginMs + c × StepMs.
type GridSpec struct {
	OriginMs float64 `json:"origin_ms"`
	StepMs   float64 `json:"step_ms"`
}

// cell is the nearest cell of time t (halves round up), as a float so a caller can range-check it first.
func (g GridSpec) cell(t float64) float64 {
	return math.Floor((t-g.OriginMs)/g.StepMs + 0.5)
}

// ArModel mirrors ArRecursion in src/model/types.ts (the recursion ArRecursion runs).
type ArModel struct {
	Lags            []int32   `json:"lags"`
	Coefficients    []float64 `json:"coefficients"`
	Constant        float64   `json:"constant"`
	Start           int       `json:"start"`
	SeasonalFrom    int       `json:"seasonal_from"`
	LimitBelow      float64   `json:"limit_below"`
	LimitAbove      float64   `json:"limit_above"`
	MaxRun          int       `json:"max_run"`
	HorizonVariance []float64 `json:"horizon_variance"`
	Lowest          float64   `json:"lowest"`
	Highest         float64   `json:"highest"`
}

// ArFiltered holds the outputs of ArRecursion, one entry per cell.
type ArFiltered struct {
	Cleaned       []float64 `json:"cleaned"`
	Predicted     []float64 `json:"predicted"`
	ExtraVariance []float64 `json:"extra_variance"`
	Kept          []float64 `json:"kept"`
}

func clampTo(v, lowest, highest float64) float64 {
	if v < lowest {
		return lowest
	}
	if v > highest {
		return highest
	}
	return v
}

func isFinite(v float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0)
}

// GridSeries places the finite values on the grid of len(out) cells: a cell that receives points gets their mean,
// the others are left alone; points outside the grid are skipped. It returns how many points it placed.
func GridSeries(timestamps, values []float64, grid GridSpec, out []float64) (int, error) {
	if len(values) < len(timestamps) {
		return 0, fmt.Errorf("gridSeries: %d times but %d values", len(timestamps), len(values))
	}
	cells := len(out)
	sums := make([]float64, cells)
	counts := make([]float64, cells)
	placed := 0
	for i, t := range timestamps {
		v := values[i]
		if !isFinite(v) {
			continue
		}
		c := grid.cell(t)
		if !(c >= 0 && c < float64(cells)) {
			continue
		}
		sums[int(c)] += v
		counts[int(c)]++
		placed++
	}
	for c := range cells {
		if counts[c] > 0 {
			out[c] = sums[c] / counts[c]
		}
	}
	return placed, nil
}

// GridLookup is the table's entry at each time's cell, fallback outside the table or where the entry is not finite.
func GridLookup(timestamps []float64, grid GridSpec, table []float64, fallback float64) []float64 {
	out := make([]float64, len(timestamps))
	for i, t := range timestamps {
		c := grid.cell(t)
		v := math.NaN()
		if c >= 0 && c < float64(len(table)) {
			v = table[int(c)]
		}
		if isFinite(v) {
			out[i] = v
		} else {
			out[i] = fallback
		}
	}
	return out
}

// LagDesign is the row-major design of rows t in [from, to) whose keep entry is > 0 (every row for a nil keep):
// [1 when intercept] then values[t − lag] for every lag.
func LagDesign(ctx context.Context, values []float64, lags []int32, from, to int, intercept bool, keep []float64) ([]float64, error) {
	maxLag := 0
	for _, lag := range lags {
		if lag < 0 {
			return nil, fmt.Errorf("lagDesign: lag %d is negative", lag)
		}
		maxLag = max(maxLag, int(lag))
	}
	if from < maxLag || to > len(values) || (keep != nil && len(keep) < to) {
		return nil, fmt.Errorf("lagDesign: rows %d..%d with lags up to %d over %d values", from, to, maxLag, len(values))
	}
	width := len(lags)
	if intercept {
		width++
	}
	rows := 0
	for t := from; t < to; t++ {
		if keep == nil || keep[t] > 0 {
			rows++
		}
	}
	X := make([]float64, rows*width)
	k := 0
	for t := from; t < to; t++ {
		if err := stopped(ctx, t-from); err != nil {
			return nil, err
		}
		if keep != nil && !(keep[t] > 0) {
			continue
		}
		if intercept {
			X[k] = 1
			k++
		}
		for _, lag := range lags {
			X[k] = values[t-int(lag)]
			k++
		}
	}
	return X, nil
}

// ArRecursion runs the recursion over the cells of values (NaN where a cell has none) into out; see ArRecursion in
// src/model/types.ts for the rule. It returns how many finite values it replaced.
func ArRecursion(ctx context.Context, values []float64, r ArModel, out ArFiltered) (int, error) {
	n := len(values)
	maxLag := 0
	for _, lag := range r.Lags {
		if lag < 1 {
			return 0, fmt.Errorf("arRecursion: lag %d is below 1", lag)
		}
		maxLag = max(maxLag, int(lag))
	}
	if len(r.Coefficients) < len(r.Lags) || len(r.HorizonVariance) == 0 || r.Start < maxLag ||
		len(out.Cleaned) < n || len(out.Predicted) < n || len(out.ExtraVariance) < n || len(out.Kept) < n {
		return 0, fmt.Errorf("arRecursion: %d cells from %d with mismatched lags or outputs", n, r.Start)
	}
	start := min(r.Start, n)
	last := 0.0
	for t := 0; t < start; t++ {
		if isFinite(values[t]) {
			last = values[t]
			break
		}
	}
	gap := 0
	for t := 0; t < start; t++ {
		if v := values[t]; isFinite(v) {
			last = v
			out.Kept[t] = 1
			gap = 0
		} else {
			out.Kept[t] = 0
			gap++
		}
		out.Cleaned[t] = last
		out.Predicted[t] = math.NaN()
		out.ExtraVariance[t] = math.NaN()
	}
	horizons := len(r.HorizonVariance)
	seasonalFrom := math.MaxInt
	if r.SeasonalFrom > 0 {
		seasonalFrom = r.SeasonalFrom
	}
	run, replaced := 0, 0
	for t := start; t < n; t++ {
		if err := stopped(ctx, t-start); err != nil {
			return 0, err
		}
		p := r.Constant
		// The same prediction with replaced cells a season back read as they were (see ArRecursion in types.ts).
		seasonal := r.Constant
		echo := false
		for j, lag := range r.Lags {
			c := t - int(lag)
			p += float64(r.Coefficients[j] * out.Cleaned[c])
			if int(lag) >= seasonalFrom && out.Kept[c] == 0 && isFinite(values[c]) {
				seasonal += float64(r.Coefficients[j] * values[c])
				echo = true
			} else {
				seasonal += float64(r.Coefficients[j] * out.Cleaned[c])
			}
		}
		p = clampTo(p, r.Lowest, r.Highest)
		out.Predicted[t] = p
		multiplier := r.HorizonVariance[min(gap, horizons-1)]
		out.ExtraVariance[t] = multiplier - 1
		v := values[t]
		if !isFinite(v) {
			out.Cleaned[t] = p
			out.Kept[t] = 0
			gap++
			continue
		}
		residual := v - p
		widen := math.Sqrt(multiplier)
		above, below := float64(r.LimitAbove*widen), float64(r.LimitBelow*widen)
		if residual > above || -residual > below {
			if q := clampTo(seasonal, r.Lowest, r.Highest); echo && v-q <= above && q-v <= below {
				out.Predicted[t] = q
				run = 0
				out.Cleaned[t] = v
				out.Kept[t] = 1
				gap = 0
				continue
			}
			run++
			if run > r.MaxRun {
				out.Cleaned[t] = v
				out.Kept[t] = 1
				gap = 0
			} else {
				out.Cleaned[t] = p
				out.Kept[t] = 0
				gap++
				replaced++
			}
			continue
		}
		run = 0
		out.Cleaned[t] = v
		out.Kept[t] = 1
		gap = 0
	}
	return replaced, nil
}

// maxPsiSteps bounds ArPsiVariance's output, as MAX_PSI_STEPS bounds what the model asks for
// (src/model/families/autoregressiveModel.ts): an allocation past memory is a fatal error no recover catches.
const maxPsiSteps = 20_000

// ArPsiVariance is the cumulative squared psi weights of y_t = Σ coefficients_j y_{t − lags_j} + e_t: entry h − 1
// is Σ_{i<h} ψ_i², the h-step forecast error variance in one-step variances.
func ArPsiVariance(ctx context.Context, lags []int32, coefficients []float64, steps int) ([]float64, error) {
	if len(coefficients) < len(lags) {
		return nil, fmt.Errorf("arPsiVariance: %d lags but %d coefficients", len(lags), len(coefficients))
	}
	if steps > maxPsiSteps {
		return nil, fmt.Errorf("arPsiVariance: %d steps is more than %d", steps, maxPsiSteps)
	}
	m := max(0, steps)
	psi := make([]float64, m)
	out := make([]float64, m)
	total := 0.0
	for i := range m {
		if err := stopped(ctx, i); err != nil {
			return nil, err
		}
		v := 0.0
		if i == 0 {
			v = 1
		}
		for j, lag := range lags {
			if k := i - int(lag); k >= 0 && lag > 0 {
				v += float64(coefficients[j] * psi[k])
			}
		}
		psi[i] = v
		total += float64(v * v)
		out[i] = total
	}
	return out, nil
}
