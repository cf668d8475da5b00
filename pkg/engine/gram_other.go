//go:build !amd64

package engine

const hasGramAVX2 = false

func gramQuadAVX2(gram, xty *float64, rows *[4]*float64, w, y *[4]float64, p int) {
	panic("gramQuadAVX2 needs amd64")
}
