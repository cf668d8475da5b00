package engine

import (
	"context"
	"fmt"
	"math"
)

// The ensemble family's kernel (src/model/families/ensembleKernels.ts), in the same operation order.

// KthLargest writes, for each point i of out, the k-th largest (from 1, capped at the count of finite ones) of
// the members' values columns[j*n+i], NaN skipped, NaN when none is left. It stops with the context's error when
// the context ends (checked every rowsPerCheck points).
func KthLargest(ctx context.Context, columns []float64, members, k int, out []float64) error {
	n := len(out)
	if len(columns) < members*n || members < 1 || k < 1 {
		return fmt.Errorf("kthLargest: %d values for %d members of %d points, k %d", len(columns), members, n, k)
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
