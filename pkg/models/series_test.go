package models

import (
	"math"
	"testing"
)

func TestSeries(t *testing.T) {
	t.Run("should sort, keep the last duplicate and drop NaN times", func(t *testing.T) {
		s := Series{Times: []float64{3, 1, 2, 2, math.NaN()}, Values: []float64{30, 10, 20, 21, 99}}
		s.Normalize()
		want := []float64{1, 2, 3}
		for i := range want {
			if s.Times[i] != want[i] {
				t.Fatalf("times = %v", s.Times)
			}
		}
		if len(s.Times) != 3 || s.Values[1] != 21 || s.Values[2] != 30 {
			t.Fatalf("values = %v", s.Values)
		}
	})
	t.Run("should name a series by its sorted labels", func(t *testing.T) {
		a := Series{Name: "up", Labels: map[string]string{"b": "2", "a": "1"}}
		if got := a.Identity(); got != "up{a=1,b=2}" {
			t.Errorf("identity = %q", got)
		}
	})
}
