package upstream

import "testing"

func TestSharedTimes(t *testing.T) {
	full1, full2 := []float64{1, 2, 3}, []float64{4, 5, 6}
	gap2 := []float64{4, 6}
	g := newSharedTimes(6)
	g.startRequest([]promSeries{{Times: []float64{1, 3}}, {Times: full1}}, 3)
	a := g.times("a", nil, []float64{1, 2, 3})
	b := g.times("b", nil, []float64{1, 2, 3})
	late := g.times("late", nil, []float64{1, 3})
	g.startRequest([]promSeries{{Times: full2}}, 3)
	a = g.times("a", a, []float64{4, 5, 6})
	b = g.times("b", b, gap2)
	late = g.times("late", late, full2)

	t.Run("should share the times of series with a point at every step", func(t *testing.T) {
		if len(a) != 6 || cap(a) != 6 || a[5] != 6 || &a[0] != &g.grid[0] {
			t.Errorf("a = %v (capacity %d)", a, cap(a))
		}
	})
	t.Run("should give a series with a gap its own times, with what it shared before", func(t *testing.T) {
		if want := []float64{1, 2, 3, 4, 6}; !equalFloats(b, want) || &b[0] == &g.grid[0] {
			t.Errorf("b = %v, want %v in its own memory", b, want)
		}
		if want := []float64{1, 3, 4, 5, 6}; !equalFloats(late, want) || &late[0] == &g.grid[0] {
			t.Errorf("late = %v, want %v in its own memory", late, want)
		}
	})
	t.Run("should share nothing more once a request has no series at every step", func(t *testing.T) {
		g.startRequest([]promSeries{{Times: []float64{7}}}, 2)
		if a = g.times("a", a, []float64{7}); len(a) != 7 || &a[0] == &g.grid[0] || a[6] != 7 {
			t.Errorf("a = %v", a)
		}
	})
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
