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
	t.Run("should not let a later null at the same time erase a reading", func(t *testing.T) {
		s := Series{Times: []float64{2, 1, 2, 1}, Values: []float64{5, 1, math.NaN(), 2}}
		s.Normalize()
		if len(s.Values) != 2 || s.Values[0] != 2 || s.Values[1] != 5 {
			t.Fatalf("values = %v, want [2 5]", s.Values)
		}
		s = Series{Times: []float64{1, 1}, Values: []float64{math.NaN(), math.NaN()}}
		s.Normalize()
		if len(s.Values) != 1 || !math.IsNaN(s.Values[0]) {
			t.Fatalf("values = %v, want one missing value", s.Values)
		}
	})
	t.Run("should place times around a NaN time in order", func(t *testing.T) {
		s := Series{Times: []float64{3000, math.NaN(), 1000, 2000}, Values: []float64{3, 9, 1, 2}}
		s.Normalize()
		if len(s.Times) != 3 || s.Times[0] != 1000 || s.Times[1] != 2000 || s.Times[2] != 3000 || s.Values[0] != 1 || s.Values[2] != 3 {
			t.Fatalf("times %v values %v", s.Times, s.Values)
		}
	})
	t.Run("should show a name with the labels that tell series of that name apart", func(t *testing.T) {
		cases := []struct {
			name   string
			labels map[string]string
			want   string
		}{
			{"up", map[string]string{"__name__": "up", "job": "node", "instance": "a:9100"}, `up{instance="a:9100", job="node"}`},
			{"up", map[string]string{"__name__": "up"}, "up"},
			{"node", map[string]string{"__name__": "cpu", "job": "node"}, `node{__name__="cpu", job="node"}`},
			{"errors", nil, "errors"},
		}
		for _, c := range cases {
			if got := NameWithLabels(c.name, c.labels); got != c.want {
				t.Errorf("NameWithLabels(%q, %v) = %q, want %q", c.name, c.labels, got, c.want)
			}
		}
	})
	t.Run("should name a series by its sorted labels, quoted", func(t *testing.T) {
		a := Series{Name: "up", Labels: map[string]string{"b": "2", "a": "1"}}
		if got := a.Identity(); got != `"up"{"a"="1","b"="2"}` {
			t.Errorf("identity = %q", got)
		}
	})
	t.Run("should name different label sets differently, whatever their values hold", func(t *testing.T) {
		pairs := [][2]Series{
			{{Name: "m", Labels: map[string]string{"a": "1,b=2"}}, {Name: "m", Labels: map[string]string{"a": "1", "b": "2"}}},
			{{Name: "m", Labels: map[string]string{"a": `1",b="2`}}, {Name: "m", Labels: map[string]string{"a": "1", "b": "2"}}},
			{{Name: "m{a=1}"}, {Name: "m", Labels: map[string]string{"a": "1"}}},
			{{Name: "m", Labels: map[string]string{"a=1,b": "2"}}, {Name: "m", Labels: map[string]string{"a": "1", "b": "2"}}},
		}
		for _, p := range pairs {
			if p[0].Identity() == p[1].Identity() {
				t.Errorf("%v and %v share the identity %q", p[0].Labels, p[1].Labels, p[0].Identity())
			}
		}
	})
}
