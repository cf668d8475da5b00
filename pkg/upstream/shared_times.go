package upstream

import "slices"

// sharedTimes lets the series of one read that have a point at every step share one times slice: most series of
// a query do, and 10,000 series of 28 days at 5-minute steps otherwise hold 650 MB of identical times. The
// shared slice is capped at each series' length, so appending to a series copies it rather than writing into it.
type sharedTimes struct {
	grid       []float64 // every step of the requests read so far, while each request had a series at every step
	broken     bool      // a request had no series at every step: later requests share nothing
	steps      int       // len(grid) before the current request
	spanPoints int
	shared     map[string]bool // series whose times are grid's first values, in grid's memory
}

func newSharedTimes(spanPoints int) *sharedTimes {
	return &sharedTimes{spanPoints: spanPoints, shared: map[string]bool{}}
}

// startRequest extends the grid with a request's times at all its steps (those of its first series that has
// them).
func (g *sharedTimes) startRequest(series []promSeries, steps int) {
	g.steps = len(g.grid)
	if g.broken {
		return
	}
	for _, s := range series {
		if len(s.Times) == steps {
			g.grid = appendWithin(g.grid, s.Times, g.spanPoints)
			return
		}
	}
	g.broken = true
}

// times returns a series' times with those of the current request appended: in the grid's memory while both
// are on it, else in the series' own.
func (g *sharedTimes) times(id string, own, more []float64) []float64 {
	end := g.steps + len(more)
	if len(own) == g.steps && (g.steps == 0 || g.shared[id]) && !g.broken && end <= len(g.grid) && slices.Equal(g.grid[g.steps:end], more) {
		g.shared[id] = true
		return g.grid[:end:end]
	}
	if g.shared[id] {
		delete(g.shared, id)
		own = append(make([]float64, 0, max(g.spanPoints, len(own)+len(more))), own...)
	}
	if own == nil {
		return more // a series' first request: the decoder's slice is its own, exactly sized
	}
	return appendWithin(own, more, g.spanPoints)
}
