package engine

import (
	"math"
	"strings"
	"testing"
)

func TestDayKindDifferenceRefusesSizesItsArraysDoNotHold(t *testing.T) {
	for _, tc := range []struct {
		name             string
		sums             []float64
		binsPerDay, days int
		offDay           []int8
		want             string
	}{
		{"sums shorter than the bins", make([]float64, 47), 24, 1, []int8{0}, "47 sums"},
		{"fewer day kinds than days", make([]float64, 96), 24, 2, []int8{0}, "1 day kinds"},
		{"negative days", nil, 24, -1, nil, "-1 days"},
		{"more bins than the bound", nil, 1 << 12, 1 << 13, nil, "8192 days of 4096 bins"},
	} {
		_, err := DayKindDifference(tc.sums, tc.binsPerDay, tc.days, tc.offDay, 2, 0)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error with %q", tc.name, err, tc.want)
		}
	}
}

func TestDayKindDifferenceNeedsTwoDaysOfEachKind(t *testing.T) {
	// Three whole work days and one off day of two bins: no difference is measured.
	sums := []float64{1, 2, 3, 4, 5, 6, 7, 8, 1, 1, 1, 1, 1, 1, 1, 1}
	got, err := DayKindDifference(sums, 2, 4, []int8{0, 0, 1, 0}, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != 3 || got[1] != 1 || !math.IsNaN(got[2]) || !math.IsNaN(got[3]) {
		t.Errorf("got %v, want [3 1 NaN NaN]", got)
	}
}
