package engine

import (
	"context"
	"fmt"
	"math"
)

// The ensemble family's kernels (src/model/families/ensembleKernels.ts), in the same operation order; KthLargest
// and HarmonicMean serve CombineVerdicts.

// KthLargest writes, for each point i of out, the k-th largest (from 1, capped at the count of finite ones) of
// the members' values columns[j*n+i], NaN skipped, NaN when none is left. It stops with the context's error when
// the context ends (checked every rowsPerCheck points).
func KthLargest(ctx context.Context, columns []float64, members, k int, out []float64) error {
	n := len(out)
	if members < 1 || k < 1 || (n > 0 && members > len(columns)/n) {
		return fmt.Errorf("kthLargest: %d values for %d members of %d points, k %d", len(columns), members, n, k)
	}
	if n == 0 {
		return nil
	}
	picked := make([]float64, members)
	for i := 0; i < n; i++ {
		if err := stopped(ctx, i); err != nil {
			return err
		}
		finite := 0
		for j := 0; j < members; j++ {
			v := columns[j*n+i]
			if math.IsNaN(v) {
				continue
			}
			at := finite
			finite++
			for at > 0 && picked[at-1] < v {
				picked[at] = picked[at-1]
				at--
			}
			picked[at] = v
		}
		if finite == 0 {
			out[i] = math.NaN()
		} else {
			out[i] = picked[min(k, finite)-1]
		}
	}
	return nil
}

// HarmonicMean writes, for each point i of out, the harmonic mean of the members' values columns[j*n+i], NaN
// skipped: NaN when none is left, 0 when one of them is 0 or less. Summed member by member, as the TypeScript
// twin does.
func HarmonicMean(ctx context.Context, columns []float64, members int, out []float64) error {
	n := len(out)
	if members < 1 || (n > 0 && members > len(columns)/n) {
		return fmt.Errorf("harmonicMean: %d values for %d members of %d points", len(columns), members, n)
	}
	for i := 0; i < n; i++ {
		if err := stopped(ctx, i); err != nil {
			return err
		}
		finite := 0
		reciprocals := 0.0
		for j := 0; j < members; j++ {
			v := columns[j*n+i]
			switch {
			case math.IsNaN(v):
				continue
			case v > 0:
				reciprocals += 1 / v
			default:
				reciprocals = math.Inf(1)
			}
			finite++
		}
		if finite == 0 {
			out[i] = math.NaN()
		} else {
			out[i] = float64(finite) / reciprocals
		}
	}
	return nil
}

// CombineVerdicts writes the ensemble's verdict per point from its members' judgements (stacked: each field
// member after member, members × n): the score is the k-th largest member score, or when all must agree
// (k = members) the harmonic mean of their scores, and the point an outlier on a side where at least k members
// flag it there. The expectation and band are member lead's, or with lead −1 the members' medians (the middle
// one, or the mean of the middle two). Where alone[i] is 1 (alone nil: nowhere; only with a lead), the lead's
// verdict and score stand alone.
func CombineVerdicts(ctx context.Context, stacked Judgement, members, k int, alone []int8, lead int, out Judgement) error {
	if err := checkVerdicts(stacked, members, k, alone, lead, out); err != nil {
		return err
	}
	n := len(out.Yhat)
	picked := make([]float64, n)
	if lead >= 0 {
		copy(out.Yhat, stacked.Yhat[lead*n:(lead+1)*n])
		copy(out.Lower, stacked.Lower[lead*n:(lead+1)*n])
		copy(out.Upper, stacked.Upper[lead*n:(lead+1)*n])
	} else {
		for _, f := range [][2][]float64{{stacked.Yhat, out.Yhat}, {stacked.Lower, out.Lower}, {stacked.Upper, out.Upper}} {
			if err := median(ctx, f[0], members, f[1], picked); err != nil {
				return err
			}
		}
	}
	var err error
	if k == members && members > 1 { // one member: its own score (a harmonic mean of one can be an ulp off it)
		err = HarmonicMean(ctx, stacked.Score, members, out.Score)
	} else {
		err = KthLargest(ctx, stacked.Score, members, k, out.Score)
	}
	if err != nil {
		return err
	}
	flags := make([]float64, members*n)
	for i := range flags {
		flags[i] = float64(stacked.Outlier[i])
	}
	above := make([]float64, n)
	if err := KthLargest(ctx, flags, members, k, above); err != nil {
		return err
	}
	if err := KthLargest(ctx, flags, members, members-k+1, picked); err != nil {
		return err
	}
	for i := range n {
		switch {
		case above[i] >= 1:
			out.Outlier[i] = 1
		case picked[i] <= -1:
			out.Outlier[i] = -1
		default:
			out.Outlier[i] = 0
		}
		if alone != nil && alone[i] == 1 {
			out.Outlier[i], out.Score[i] = stacked.Outlier[lead*n+i], stacked.Score[lead*n+i]
		}
	}
	return nil
}

// median writes the members' median per point into into: the middle one, or the mean of the middle two
// (scratch takes the second).
func median(ctx context.Context, from []float64, members int, into, scratch []float64) error {
	if err := KthLargest(ctx, from, members, members/2+1, into); err != nil || members%2 == 1 {
		return err
	}
	if err := KthLargest(ctx, from, members, members/2, scratch); err != nil {
		return err
	}
	for i := range into {
		into[i] = (into[i] + scratch[i]) * 0.5
	}
	return nil
}

// checkVerdicts refuses shapes CombineVerdicts cannot read, sizes that overflow included.
func checkVerdicts(stacked Judgement, members, k int, alone []int8, lead int, out Judgement) error {
	n := len(out.Yhat)
	bad := members < 1 || k < 1 || k > members || (n > 0 && members > len(stacked.Yhat)/n)
	if !bad {
		total := members * n
		bad = len(stacked.Yhat) < total || len(stacked.Lower) < total || len(stacked.Upper) < total ||
			len(stacked.Outlier) < total || len(stacked.Score) < total ||
			len(out.Lower) < n || len(out.Upper) < n || len(out.Outlier) < n || len(out.Score) < n ||
			lead < -1 || lead >= members || (alone != nil && (len(alone) < n || lead == -1))
	}
	if bad {
		return fmt.Errorf("combineVerdicts: %d members of %d points, k %d, lead %d", members, n, k, lead)
	}
	return nil
}
