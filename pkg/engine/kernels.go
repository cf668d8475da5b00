package engine

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// The Go side of the model's kernels (src/model/kernels.ts): every loop over points × features.
// Each function keeps the TypeScript version's column order and operation order, so the two agree to
// rounding; testdata/fixtures/kernels pins both to the same vectors. Types that cross to JavaScript carry
// the TypeScript names as json tags (host.go binds them by those names).

// rowsPerCheck is how often the loops over points × features look at their call's context. The model
// keeps a design to at most 200 columns (src/model/limits.ts), so 1,024 rows are at most about 20 million
// multiply-adds (a Gram row costs p²/2): a few milliseconds between checks, and a check costs nothing beside.
const rowsPerCheck = 1024

// stopped returns the context's error on every rowsPerCheck-th row, else nil.
func stopped(ctx context.Context, row int) error {
	if row%rowsPerCheck != 0 {
		return nil
	}
	return ctx.Err()
}

// Layout mirrors DesignLayout in src/model/types.ts.
type Layout struct {
	T0            float64        `json:"t0"`
	TScale        float64        `json:"t_scale"`
	Linear        bool           `json:"linear"`
	ChangepointsT []float64      `json:"changepoints_t"`
	Fourier       []FourierBlock `json:"fourier"`
	Indicators    []Indicator    `json:"indicators"`
}

// FourierBlock is one seasonality: sin/cos pairs for k = 1..Order of the phase (ms mod PeriodMs) / PeriodMs,
// zero where Active (when set) does not hold.
type FourierBlock struct {
	PeriodMs float64    `json:"period_ms"`
	Order    int        `json:"order"`
	Active   *Condition `json:"active,omitempty"`
	// Level (only with Active) adds one column first, 1 wherever the block is active.
	Level bool `json:"level,omitempty"`
}

// width is the block's number of columns.
func (f *FourierBlock) width() int {
	if f.Level {
		return 2*f.Order + 1
	}
	return 2 * f.Order
}

// weekMs is the period of a condition's week phase.
const weekMs = 7 * 86_400_000

// Condition mirrors ActiveCondition in src/model/types.ts: active when the week phase (ms + WeekOffsetMs) mod
// 7 days lies in a Week pair, the answer reversed inside a Flip interval. Both lists are sorted [start, end)
// pairs, flattened.
type Condition struct {
	WeekOffsetMs float64   `json:"week_offset_ms"`
	Week         []float64 `json:"week"`
	Flip         []float64 `json:"flip"`
}

// activeAt says whether the condition holds at ms, advancing *cursor through Flip as the indicators do.
func (cond *Condition) activeAt(ms float64, cursor *int) bool {
	k := *cursor
	for k+1 < len(cond.Flip) && cond.Flip[k+1] <= ms {
		k += 2
	}
	*cursor = k
	w := remainder(ms+cond.WeekOffsetMs, weekMs)
	if w < 0 {
		w += weekMs
	}
	inWeek := false
	for j := 0; j+1 < len(cond.Week); j += 2 {
		if cond.Week[j] <= w && w < cond.Week[j+1] {
			inWeek = true
			break
		}
	}
	return inWeek != (k+1 < len(cond.Flip) && cond.Flip[k] <= ms)
}

// Indicator is one holiday column: 1 inside any [start, end) pair of Intervals (sorted, flattened).
type Indicator struct {
	Intervals []float64 `json:"intervals"`
}

// Multiplicative scales the listed columns of each row by that row's RowScale entry.
type Multiplicative struct {
	Columns  []int32   `json:"columns"`
	RowScale []float64 `json:"row_scale"`
}

// Width is the number of design-matrix columns the layout produces.
func (l *Layout) Width() int {
	p := 1
	if l.Linear {
		p = 2 + len(l.ChangepointsT)
	}
	for _, f := range l.Fourier {
		p += f.width()
	}
	return p + len(l.Indicators)
}

func (l *Layout) validate() error {
	if l.TScale == 0 || math.IsNaN(l.TScale) || math.IsNaN(l.T0) || math.IsInf(l.T0, 0) {
		return fmt.Errorf("design layout has t0 %v and t_scale %v", l.T0, l.TScale)
	}
	for _, f := range l.Fourier {
		if f.Order < 0 || !(f.PeriodMs > 0) {
			return fmt.Errorf("design layout has a Fourier block with period %v and order %d", f.PeriodMs, f.Order)
		}
		if f.Level && f.Active == nil {
			return fmt.Errorf("design layout has a Fourier block with a level column and no condition")
		}
		if f.Active != nil && (len(f.Active.Week)%2 != 0 || len(f.Active.Flip)%2 != 0) {
			return fmt.Errorf("design layout has a condition with %d week and %d flip bounds; both come in pairs",
				len(f.Active.Week), len(f.Active.Flip))
		}
	}
	return nil
}

// DesignMatrix builds the n × p row-major design matrix for the timestamps (epoch ms). It stops with the
// context's error when the context ends (checked every rowsPerCheck rows), as do WeightedGram and Multiply.
func DesignMatrix(ctx context.Context, timestamps []float64, layout *Layout, mult *Multiplicative) ([]float64, error) {
	if layout == nil {
		return nil, errors.New("design matrix needs a layout")
	}
	if err := layout.validate(); err != nil {
		return nil, err
	}
	n := len(timestamps)
	p := layout.Width()
	if mult != nil {
		if len(mult.RowScale) < n {
			return nil, fmt.Errorf("multiplicative row_scale has %d entries for %d rows", len(mult.RowScale), n)
		}
		for _, c := range mult.Columns {
			if c < 0 || int(c) >= p {
				return nil, fmt.Errorf("multiplicative column %d is outside 0..%d", c, p-1)
			}
		}
	}
	X := make([]float64, n*p)
	cursors := make([]int, len(layout.Indicators))
	flipCursors := make([]int, len(layout.Fourier))
	previous := math.Inf(-1)
	for i, ms := range timestamps {
		if err := stopped(ctx, i); err != nil {
			return nil, err
		}
		if ms < previous {
			clear(cursors)
			clear(flipCursors)
		}
		previous = ms
		row := X[i*p : (i+1)*p]
		c := 0
		row[c] = 1
		c++
		if layout.Linear {
			t := (ms - layout.T0) / layout.TScale
			row[c] = t
			c++
			for _, cp := range layout.ChangepointsT {
				d := t - cp
				if d > 0 {
					row[c] = d
				} else {
					row[c] = 0
				}
				c++
			}
		}
		for fi, f := range layout.Fourier {
			if f.Active != nil {
				if !f.Active.activeAt(ms, &flipCursors[fi]) {
					c += f.width() // inactive here: the block's columns stay zero
					continue
				}
				if f.Level {
					row[c] = 1
					c++
				}
			}
			// Phase from the remainder keeps precision for epoch-sized times.
			r := remainder(ms, f.PeriodMs)
			if r < 0 {
				r += f.PeriodMs
			}
			angle := (2 * math.Pi * r) / f.PeriodMs
			s1, c1 := math.Sin(angle), math.Cos(angle)
			sk, ck := s1, c1
			for k := 1; k <= f.Order; k++ {
				row[c] = sk
				row[c+1] = ck
				c += 2
				// Explicit conversions keep the products unfused, as in JavaScript.
				nextS := float64(sk*c1) + float64(ck*s1)
				ck = float64(ck*c1) - float64(sk*s1)
				sk = nextS
			}
		}
		for h, ind := range layout.Indicators {
			iv := ind.Intervals
			k := cursors[h]
			for k+1 < len(iv) && iv[k+1] <= ms {
				k += 2
			}
			cursors[h] = k
			if k < len(iv) && iv[k] <= ms {
				row[c] = 1
			}
			c++
		}
	}
	if mult != nil {
		for i := 0; i < n; i++ {
			row := X[i*p : (i+1)*p]
			s := mult.RowScale[i]
			for _, col := range mult.Columns {
				row[col] *= s
			}
		}
	}
	return X, nil
}

// maxExactInteger bounds the integers a float64 holds exactly (2⁵³).
const maxExactInteger = 1 << 53

// remainder is math.Mod(x, y) (the sign of x, as JavaScript's %), through integer division when both
// are whole numbers a float64 holds exactly, as epoch milliseconds and periods are: the same value,
// several times faster than math.Mod's bit-by-bit loop.
func remainder(x, y float64) float64 {
	if x == math.Trunc(x) && y == math.Trunc(y) && math.Abs(x) < maxExactInteger && y > 0 && y < maxExactInteger {
		return float64(int64(x) % int64(y))
	}
	return math.Mod(x, y)
}

func checkMatrix(X []float64, n, p int) error {
	if n < 0 || p < 0 || (p > 0 && n > len(X)/p) { // n·p could overflow for sizes from JavaScript
		return fmt.Errorf("matrix of %d values cannot be %d × %d", len(X), n, p)
	}
	return nil
}

// Gram holds Xᵀ diag(w) X (p × p, full symmetric) and Xᵀ diag(w) y in one allocation, the matrix
// first: the form in which they cross to JavaScript.
type Gram struct {
	Matrix []float64 `json:"gram"`
	Xty    []float64 `json:"xty"`
	both   []float64
}

// packed is the matrix and Xty in one slice, without a copy.
func (g Gram) packed() []float64 { return g.both }

// WeightedGram returns Xᵀ diag(w) X and Xᵀ diag(w) y. A nil w means all ones; rows with zero weight
// are skipped.
func WeightedGram(ctx context.Context, X []float64, n, p int, y, w []float64) (Gram, error) {
	both, err := weightedGramPacked(ctx, X, n, p, y, w)
	if err != nil {
		return Gram{}, err
	}
	return Gram{Matrix: both[: p*p : p*p], Xty: both[p*p:], both: both}, nil
}

// weightedGramPacked is WeightedGram's loop with both results in one slice. Returning the slice rather than
// the Gram keeps the compiler's code for the loop as fast as it is (the struct return costs a quarter more).
func weightedGramPacked(ctx context.Context, X []float64, n, p int, y, w []float64) ([]float64, error) {
	if err := checkMatrix(X, n, p); err != nil {
		return nil, err
	}
	if len(y) < n || (w != nil && len(w) < n) {
		return nil, fmt.Errorf("weighted Gram over %d rows got %d values and %d weights", n, len(y), len(w))
	}
	out := make([]float64, p*p+p)
	gram, xty := out[:p*p], out[p*p:]
	rows := make([]int, 0, n)
	for i := 0; i < n; i++ {
		if w == nil || w[i] != 0 {
			rows = append(rows, i)
		}
	}
	weight := func(i int) float64 {
		if w == nil {
			return 1
		}
		return w[i]
	}
	m := len(rows)
	k := 0
	if hasGramAVX2 && p > 0 {
		var quad [4]*float64
		var wq, yq [4]float64
		for ; k+3 < m; k += 4 {
			if err := stopped(ctx, k); err != nil { // k steps by 4, and rowsPerCheck is a multiple of 4
				return nil, err
			}
			for j, i := range rows[k : k+4] {
				quad[j], wq[j], yq[j] = &X[i*p], weight(i), y[i]
			}
			gramQuadAVX2(&gram[0], &xty[0], &quad, &wq, &yq, p)
		}
	}
	// Four rows per pass over the upper triangle, in the TypeScript kernel's order of additions.
	for ; k+3 < m; k += 4 {
		if err := stopped(ctx, k); err != nil { // k steps by 4, and rowsPerCheck is a multiple of 4
			return nil, err
		}
		i0, i1, i2, i3 := rows[k], rows[k+1], rows[k+2], rows[k+3]
		r0, r1, r2, r3 := X[i0*p:i0*p+p], X[i1*p:i1*p+p], X[i2*p:i2*p+p], X[i3*p:i3*p+p]
		w0, w1, w2, w3 := weight(i0), weight(i1), weight(i2), weight(i3)
		y0, y1, y2, y3 := y[i0], y[i1], y[i2], y[i3]
		for a := 0; a < p; a++ {
			x0, x1, x2, x3 := w0*r0[a], w1*r1[a], w2*r2[a], w3*r3[a]
			if x0 == 0 && x1 == 0 && x2 == 0 && x3 == 0 {
				continue
			}
			xty[a] += float64(x0*y0) + float64(x1*y1) + float64(x2*y2) + float64(x3*y3)
			g := gram[a*p+a : a*p+p]
			s0, s1, s2, s3 := r0[a:p], r1[a:p], r2[a:p], r3[a:p]
			for b := range g {
				g[b] += float64(x0*s0[b]) + float64(x1*s1[b]) + float64(x2*s2[b]) + float64(x3*s3[b])
			}
		}
	}
	for ; k < m; k++ {
		i := rows[k]
		row := X[i*p : i*p+p]
		wi := weight(i)
		for a := 0; a < p; a++ {
			xa := wi * row[a]
			if xa == 0 {
				continue
			}
			xty[a] += float64(xa * y[i])
			g := gram[a*p+a : a*p+p]
			s := row[a:p]
			for b := range g {
				g[b] += float64(xa * s[b])
			}
		}
	}
	for a := 0; a < p; a++ {
		for b := a + 1; b < p; b++ {
			gram[b*p+a] = gram[a*p+b]
		}
	}
	return out, nil
}

var errNotPositiveDefinite = errors.New("normal equations are not positive definite")

// SolveSPD solves A x = b for symmetric positive definite A (p × p) by Cholesky, adding diagonal
// jitter when rounding makes A look indefinite.
func SolveSPD(A, b []float64, p int) ([]float64, error) {
	if err := checkMatrix(A, p, p); err != nil {
		return nil, err
	}
	if len(b) < p {
		return nil, fmt.Errorf("right-hand side has %d values for a %d × %d system", len(b), p, p)
	}
	maxDiag := 0.0
	for i := 0; i < p; i++ {
		maxDiag = math.Max(maxDiag, math.Abs(A[i*p+i]))
	}
	jitter := 0.0
	L := make([]float64, p*p)
	for attempt := 0; attempt < 8; attempt++ {
		if choleskyFactor(A, p, jitter, L) {
			return choleskySubstitute(L, b, p), nil
		}
		if jitter == 0 {
			jitter = math.Max(maxDiag, 1) * 1e-12
		} else {
			jitter *= 100
		}
	}
	return nil, errNotPositiveDefinite
}

// SolveColumns is least squares of a target on some of a design's columns, from the design's Gram matrix
// (width × width, the target its last column): the coefficients of columns, then the residual sum of squares.
// The normal equations' diagonal gets ridge × their mean diagonal (at least diagonalFloor), so collinear
// columns stay solvable.
func SolveColumns(gram []float64, width int, columns []int32, ridge, diagonalFloor float64) ([]float64, error) {
	k := len(columns)
	// width > len/width rather than len < width²: a huge width from JavaScript must not overflow the check.
	if width < 1 || width > len(gram)/width {
		return nil, fmt.Errorf("solveColumns: a Gram matrix of %d values cannot be %d × %d", len(gram), width, width)
	}
	// More columns than the matrix has would only repeat some; refusing them bounds A by the Gram matrix.
	if k > width {
		return nil, fmt.Errorf("solveColumns: %d columns of a %d-column Gram matrix", k, width)
	}
	for _, c := range columns {
		if c < 0 || int(c) >= width {
			return nil, fmt.Errorf("solveColumns: column %d is outside 0..%d", c, width-1)
		}
	}
	target := width - 1
	total := gram[target*width+target]
	out := make([]float64, k+1)
	if k == 0 {
		out[0] = total
		return out, nil
	}
	A := make([]float64, k*k)
	b := make([]float64, k)
	trace := 0.0
	for a, ca := range columns {
		row := int(ca) * width
		b[a] = gram[row+target]
		for c, cc := range columns {
			A[a*k+c] = gram[row+int(cc)]
		}
		trace += A[a*k+a]
	}
	added := float64(ridge * math.Max(trace/float64(k), diagonalFloor)) // rounded, not fused into the sum below
	for a := 0; a < k; a++ {
		A[a*k+a] += added
	}
	beta, err := SolveSPD(A, b, k)
	if err != nil {
		return nil, err
	}
	explained := 0.0
	for a := 0; a < k; a++ {
		explained += float64(beta[a] * b[a])
	}
	copy(out, beta)
	out[k] = total - explained
	return out, nil
}

func choleskyFactor(A []float64, p int, jitter float64, L []float64) bool {
	clear(L)
	for j := 0; j < p; j++ {
		lj := L[j*p : j*p+j]
		d := A[j*p+j] + jitter
		for _, v := range lj {
			d -= float64(v * v)
		}
		if !(d > 0) {
			return false
		}
		ljj := math.Sqrt(d)
		L[j*p+j] = ljj
		for i := j + 1; i < p; i++ {
			li := L[i*p : i*p+j]
			s := A[i*p+j]
			for k, v := range li {
				s -= float64(v * lj[k])
			}
			L[i*p+j] = s / ljj
		}
	}
	return true
}

func choleskySubstitute(L, b []float64, p int) []float64 {
	z := make([]float64, p)
	for i := 0; i < p; i++ {
		s := b[i]
		li := L[i*p : i*p+i]
		for k, v := range li {
			s -= float64(v * z[k])
		}
		z[i] = s / L[i*p+i]
	}
	x := make([]float64, p)
	for i := p - 1; i >= 0; i-- {
		s := z[i]
		for k := i + 1; k < p; k++ {
			s -= float64(L[k*p+i] * x[k])
		}
		x[i] = s / L[i*p+i]
	}
	return x
}

// Multiply returns X β restricted to the columns [from, to).
func Multiply(ctx context.Context, X []float64, n, p int, beta []float64, from, to int) ([]float64, error) {
	if err := checkMatrix(X, n, p); err != nil {
		return nil, err
	}
	if from < 0 || to > p || from > to || len(beta) < to {
		return nil, fmt.Errorf("columns [%d, %d) of a %d-column matrix with %d coefficients", from, to, p, len(beta))
	}
	out := make([]float64, n)
	b := beta[from:to]
	w := to - from
	i := 0
	// Four rows at a time: each row's sum is a chain of dependent additions, so four chains side by side keep the
	// adder busy. Every row still sums its columns in order, as the TypeScript kernel does.
	for ; i+3 < n; i += 4 {
		if err := stopped(ctx, i); err != nil { // i steps by 4, and rowsPerCheck is a multiple of 4
			return nil, err
		}
		r0 := X[i*p+from : i*p+to]
		r1 := X[(i+1)*p+from : (i+1)*p+to]
		r2 := X[(i+2)*p+from : (i+2)*p+to]
		r3 := X[(i+3)*p+from : (i+3)*p+to]
		r0, r1, r2, r3 = r0[:w], r1[:w], r2[:w], r3[:w]
		s0, s1, s2, s3 := 0.0, 0.0, 0.0, 0.0
		for j, bj := range b[:w] {
			s0 += float64(r0[j] * bj)
			s1 += float64(r1[j] * bj)
			s2 += float64(r2[j] * bj)
			s3 += float64(r3[j] * bj)
		}
		out[i], out[i+1], out[i+2], out[i+3] = s0, s1, s2, s3
	}
	for ; i < n; i++ {
		row := X[i*p+from : i*p+to]
		s := 0.0
		for j, v := range row {
			s += float64(v * b[j])
		}
		out[i] = s
	}
	return out, nil
}

// Quantile is the type-7 quantile (numpy's default) of unsorted values, as quantile in
// src/model/statistics.ts: the order statistics at floor(h) and the next, h = (n−1)·q, interpolated
// with the same arithmetic. values is not modified; NaN for no values. Linear time.
func Quantile(values []float64, q float64) float64 {
	if len(values) == 0 {
		return math.NaN()
	}
	if v, ok := quantileOf(values, q); ok {
		return v
	}
	return quantileInPlace(append(make([]float64, 0, len(values)), values...), q)
}

// Quantiles is Quantile at each of qs, in that order; NaN for no values. Values holding a NaN go through one
// scratch copy, each selection reordering it further as the TypeScript's does (with NaN the order matters).
func Quantiles(values, qs []float64) []float64 {
	out := make([]float64, len(qs))
	if len(values) == 0 {
		for i := range out {
			out[i] = math.NaN()
		}
		return out
	}
	for i, q := range qs {
		v, ok := quantileOf(values, q)
		if !ok {
			work := append(make([]float64, 0, len(values)), values...)
			for j, q := range qs {
				out[j] = quantileInPlace(work, q)
			}
			return out
		}
		out[i] = v
	}
	return out
}

// quantileOf is quantileInPlace's result from orderPair, values untouched; false when values hold a NaN (or q is
// NaN), or the order statistic is a zero and values hold both −0 and +0: which of those, like a NaN's place,
// depends on the order of comparisons, and the caller's quickselect must see them as the TypeScript does.
func quantileOf(values []float64, q float64) (float64, bool) {
	if math.IsNaN(q) {
		return 0, false
	}
	n := len(values)
	h := float64(n-1) * math.Min(1, math.Max(0, q))
	lo := int(math.Floor(h))
	low, next, nan := orderPair(values, lo)
	if nan || (low == 0 && bothZeros(values)) {
		return 0, false
	}
	if float64(lo) == h || lo+1 >= n {
		return low, true
	}
	return low + (h-float64(lo))*(next-low), true
}

// bothZeros reports values holding both −0 and +0.
func bothZeros(values []float64) bool {
	negative, positive := false, false
	for _, v := range values {
		if v == 0 {
			if math.Signbit(v) {
				negative = true
			} else {
				positive = true
			}
		}
	}
	return negative && positive
}

// quantileInPlace is Quantile over a scratch slice it reorders.
func quantileInPlace(work []float64, q float64) float64 {
	if math.IsNaN(q) {
		return math.NaN()
	}
	n := len(work)
	h := float64(n-1) * math.Min(1, math.Max(0, q))
	lo := int(math.Floor(h))
	low := selectKth(work, lo)
	if float64(lo) == h || lo+1 >= n {
		return low
	}
	// Everything right of lo is ≥ low after selection; the next order statistic is their minimum.
	next := math.Inf(1)
	for _, v := range work[lo+1:] {
		if v < next {
			next = v
		}
	}
	return low + (h-float64(lo))*(next-low)
}

// selectKth returns the k-th smallest value (0-based), reordering work so that work[:k] ≤ it ≤ work[k+1:].
func selectKth(work []float64, k int) float64 {
	lo, hi := 0, len(work)-1
	for hi > lo {
		// Median of three keeps sorted and periodic inputs linear.
		// The same comparisons as the TypeScript's selectInPlace, so even NaN inputs pick the same pivot.
		a, b, c := work[lo], work[(lo+hi)/2], work[hi]
		var pivot float64
		switch {
		case a < b && b < c:
			pivot = b
		case a < b && a < c:
			pivot = c
		case a < b:
			pivot = a
		case a < c:
			pivot = a
		case b < c:
			pivot = c
		default:
			pivot = b
		}
		i, j := lo, hi
		for i <= j {
			for work[i] < pivot {
				i++
			}
			for work[j] > pivot {
				j--
			}
			if i <= j {
				work[i], work[j] = work[j], work[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return work[k]
		}
	}
	return work[k]
}
