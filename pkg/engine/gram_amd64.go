package engine

import "golang.org/x/sys/cpu"

// hasGramAVX2 says whether gramQuadAVX2 may run: it needs AVX2 (VPERMPD, 256-bit loads) and the OS saving the
// upper halves of the vector registers, which x/sys/cpu folds into HasAVX2.
var hasGramAVX2 = cpu.X86.HasAVX2

// gramQuadAVX2 adds four rows to the upper triangle of gram (p × p, row-major) and to xty, as the scalar loop in
// weightedGramPacked does: for each column a, x_j = w[j]·row_j[a]; columns where all four are zero are skipped;
// xty[a] += ((x0·y0 + x1·y1) + x2·y2) + x3·y3 and gram[a][b] += ((x0·row0[b] + x1·row1[b]) + x2·row2[b]) +
// x3·row3[b] for b ≥ a. Multiplications and additions are separate instructions (no fused multiply-add), in
// that order, so every sum is bit for bit the scalar loop's. Four columns b at a time.
//
//go:noescape
func gramQuadAVX2(gram, xty *float64, rows *[4]*float64, w, y *[4]float64, p int)
