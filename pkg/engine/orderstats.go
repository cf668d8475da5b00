package engine

import (
	"math"
	"sync"
)

// Order statistics without a full quickselect: two order statistics of a sample of the values bracket the wanted
// rank, one branch-free pass counts the values below the bracket and copies those inside it, and quickselect runs
// on that copy only (about a fifth of the values). Quickselect over all of them visits each value about three
// times with unpredictable branches; the selections of robust scales and band quantiles were the largest kernel
// cost of a cold fit. The result is the same value: an order statistic does not depend on how it is found, but
// for which of −0 and +0 (equal) comes out, and a NaN's effect. Inputs with a NaN, and a zero result of inputs
// holding both zeros, depend on the order of comparisons and take the quickselect the TypeScript runs (quantileOf).

// bracketSample values are drawn at an even stride; bracketMargin sample ranks either side of the wanted one
// (three binomial standard deviations plus two) leave the rank outside the bracket rarely, and then the pass
// is simply wasted.
const (
	bracketSample = 256
	bracketMin    = 4 * bracketSample
)

var bracketMargin = 3*math.Sqrt(bracketSample*0.25) + 2

// scratchPool holds the buffers the bracketing pass copies into (kernels run on several runtimes at once).
var scratchPool = sync.Pool{New: func() any { return new([]float64) }}

// orderPair returns the k-th smallest of values (0-based) and the smallest value ranked after it (+Inf when k is
// the last), as selectKth and a scan of what it leaves right of k would; values is not modified. nan reports a
// NaN among the values, in which case neither result is given and the caller runs its own quickselect.
func orderPair(values []float64, k int) (kth, next float64, nan bool) {
	n := len(values)
	if n >= bracketMin {
		if kth, next, outcome := bracketed(values, k); outcome != bracketMissed {
			return kth, next, outcome == bracketNaN
		}
	}
	work := scratch(n)
	defer scratchPool.Put(work)
	w := append((*work)[:0], values...)
	for _, v := range w {
		if math.IsNaN(v) {
			return 0, 0, true
		}
	}
	kth = selectKth(w, k)
	return kth, minimumOf(w[k+1:]), false
}

type bracketOutcome int

const (
	bracketFound bracketOutcome = iota
	bracketMissed
	bracketNaN
)

func bracketed(values []float64, k int) (kth, next float64, outcome bracketOutcome) {
	n := len(values)
	var sample [bracketSample]float64
	stride := n / bracketSample
	for i := range sample {
		sample[i] = values[i*stride+stride/2]
	}
	at := float64(k) / float64(n) * bracketSample
	low, high := math.Inf(-1), math.Inf(1)
	lowRank, highRank := int(at-bracketMargin), int(at+bracketMargin+1)
	rest := sample[:]
	if lowRank >= 0 {
		low = selectKth(rest, lowRank)
		rest, highRank = rest[lowRank+1:], highRank-lowRank-1
	}
	if highRank < len(rest) {
		high = selectKth(rest, highRank)
	}
	work := scratch(n)
	defer scratchPool.Put(work)
	buf := (*work)[:n]
	below, above, inside := 0, 0, 0
	for _, v := range values {
		// Written always, kept only when inside, and counted by setting flags: no branch the data can mislead.
		buf[inside] = v
		lt, gt := 0, 0
		if v < low {
			lt = 1
		}
		if v > high {
			gt = 1
		}
		below += lt
		above += gt
		inside += 1 - lt - gt
	}
	// NaN compares false with both bounds, so it is kept inside.
	for _, v := range buf[:inside] {
		if math.IsNaN(v) {
			return 0, 0, bracketNaN
		}
	}
	if k < below || k >= below+inside {
		return 0, 0, bracketMissed
	}
	w := buf[:inside]
	kth = selectKth(w, k-below)
	next = minimumOf(w[k-below+1:])
	if k+1 < n && k+1 >= below+inside {
		// The successor is the smallest value above the bracket.
		next = math.Inf(1)
		for _, v := range values {
			if v > high && v < next {
				next = v
			}
		}
	}
	return kth, next, bracketFound
}

// scratch is a pooled buffer of at least n values (its contents are garbage).
func scratch(n int) *[]float64 {
	work, _ := scratchPool.Get().(*[]float64)
	if work == nil {
		work = new([]float64)
	}
	if cap(*work) < n {
		*work = make([]float64, n)
	}
	*work = (*work)[:n]
	return work
}

func minimumOf(values []float64) float64 {
	m := math.Inf(1)
	for _, v := range values {
		if v < m {
			m = v
		}
	}
	return m
}
