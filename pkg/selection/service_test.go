package selection

import (
	"context"
	"encoding/json"
	"reflect"
	"sync"
	"testing"
	"time"
)

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func fixed(family string, score float64, swap bool) SelectFunc {
	return func(_ context.Context, _, _ []float64, _ json.RawMessage, _ Labels, incumbent *Selection) (Outcome, error) {
		out := Outcome{Overrides: map[string]json.RawMessage{"model": json.RawMessage(`"` + family + `"`)}, Family: family, Score: score, Swap: swap}
		if incumbent != nil {
			out.IncumbentScore = incumbent.Score + 1
		}
		return out, nil
	}
}

func TestService(t *testing.T) {
	t.Run("should store the first selection and report it stale after the interval", func(t *testing.T) {
		c := &clock{now: time.Unix(1_700_000_000, 0)}
		s := New(fixed("past", 2, false), Options{Now: c.Now, Interval: time.Hour})
		defer s.Close()
		if _, _, ok := s.Lookup("a"); ok {
			t.Fatal("no selection should exist before one ran")
		}
		if !s.Request("a", []float64{1, 2}, []float64{3, 4}, nil, Labels{}) {
			t.Fatal("the request should be queued")
		}
		s.WaitIdle()
		sel, stale, ok := s.Lookup("a")
		if !ok || sel.Family != "past" || sel.Score != 2 || stale {
			t.Fatalf("got %+v stale=%v ok=%v", sel, stale, ok)
		}
		c.advance(time.Hour)
		if _, stale, _ := s.Lookup("a"); !stale {
			t.Fatal("a selection an interval old should be stale")
		}
	})

	t.Run("should keep the incumbent unless the challenger wins, and record every swap", func(t *testing.T) {
		c := &clock{now: time.Unix(1_700_000_000, 0)}
		decide := fixed("past", 5, false)
		var mu sync.Mutex
		fn := func(ctx context.Context, ts, ys []float64, p json.RawMessage, labels Labels, inc *Selection) (Outcome, error) {
			mu.Lock()
			defer mu.Unlock()
			return decide(ctx, ts, ys, p, labels, inc)
		}
		s := New(fn, Options{Now: c.Now})
		defer s.Close()
		s.Request("a", nil, nil, nil, Labels{})
		s.WaitIdle()
		mu.Lock()
		decide = fixed("holt_winters", 4, false) // loses by the margin: the engine says no swap
		mu.Unlock()
		s.Request("a", nil, nil, nil, Labels{})
		s.WaitIdle()
		sel, _, _ := s.Lookup("a")
		if sel.Family != "past" || len(sel.Trail) != 0 {
			t.Fatalf("the incumbent should keep serving, got %+v", sel)
		}
		if sel.Score != 6 {
			t.Fatalf("the incumbent's score should be its score on the new cutoffs, got %v", sel.Score)
		}
		mu.Lock()
		decide = fixed("holt_winters", 1, true)
		mu.Unlock()
		c.advance(time.Minute)
		s.Request("a", nil, nil, nil, Labels{})
		s.WaitIdle()
		sel, _, _ = s.Lookup("a")
		if sel.Family != "holt_winters" || len(sel.Trail) != 1 {
			t.Fatalf("the challenger should serve with one trail entry, got %+v", sel)
		}
		swap := sel.Trail[0]
		if swap.From != "past" || swap.To != "holt_winters" || swap.FromScore != 7 || swap.ToScore != 1 || !swap.At.Equal(c.Now()) {
			t.Fatalf("trail entry %+v", swap)
		}
		st := s.Stats()
		if st.Selections != 3 || st.Swaps != 1 || st.Kept != 1 {
			t.Fatalf("stats %+v", st)
		}
	})

	t.Run("should serve a kept incumbent as the engine now says it serves", func(t *testing.T) {
		c := &clock{now: time.Unix(1_700_000_000, 0)}
		model := `"decomposition"`
		var mu sync.Mutex
		fn := func(_ context.Context, _, _ []float64, _ json.RawMessage, _ Labels, _ *Selection) (Outcome, error) {
			mu.Lock()
			defer mu.Unlock()
			return Outcome{Family: "decomposition", Overrides: map[string]json.RawMessage{"model": json.RawMessage(model)}, Score: 1, IncumbentScore: 1}, nil
		}
		s := New(fn, Options{Now: c.Now})
		defer s.Close()
		s.Request("a", nil, nil, nil, Labels{})
		s.WaitIdle()
		mu.Lock()
		model = `"ensemble"` // a later engine serves the winning decomposition inside the ensemble
		mu.Unlock()
		s.Request("a", nil, nil, nil, Labels{})
		s.WaitIdle()
		sel, _, _ := s.Lookup("a")
		if sel.Family != "decomposition" || string(sel.Overrides["model"]) != `"ensemble"` || len(sel.Trail) != 0 {
			t.Fatalf("the kept decomposition should serve inside the ensemble without a swap, got %+v", sel)
		}
	})

	t.Run("should rank every candidate weekly and compare the shortlist in between; labels and swaps rank in full", func(t *testing.T) {
		c := &clock{now: time.Unix(1_700_000_000, 0)}
		shortlist := []Candidate{{Family: "holt_winters", Combination: map[string]json.RawMessage{}}, {Family: "autoregressive", Combination: map[string]json.RawMessage{"ar_lags": json.RawMessage("2")}}}
		var mu sync.Mutex
		var asked [][]Candidate // the shortlist each run was given (nil: a full ranking)
		swap := false
		fn := func(_ context.Context, _, _ []float64, _ json.RawMessage, _ Labels, inc *Selection) (Outcome, error) {
			mu.Lock()
			defer mu.Unlock()
			var given []Candidate
			if inc != nil {
				given = inc.Shortlist
			}
			asked = append(asked, given)
			out := Outcome{Family: "past", Overrides: map[string]json.RawMessage{"model": json.RawMessage(`"past"`)}, Score: 1, IncumbentScore: 1, Ranked: len(given) == 0}
			if out.Ranked {
				out.Shortlist = shortlist
			}
			if swap {
				out.Family, out.Swap = "holt_winters", true
			}
			return out, nil
		}
		s := New(fn, Options{Now: c.Now})
		defer s.Close()
		run := func(labels Labels) Selection {
			s.Request("a", nil, nil, nil, labels)
			s.WaitIdle()
			sel, _, _ := s.Lookup("a")
			return sel
		}
		start := c.Now()
		if sel := run(Labels{}); !sel.RankedAt.Equal(start) || !reflect.DeepEqual(sel.Shortlist, shortlist) {
			t.Fatalf("a first selection should rank in full and keep its shortlist, got %+v", sel)
		}
		c.advance(24 * time.Hour)
		if sel := run(Labels{}); !sel.RankedAt.Equal(start) || len(sel.Shortlist) != 2 {
			t.Fatalf("a day later the shortlist should be compared and kept, got %+v", sel)
		}
		c.advance(6 * 24 * time.Hour)
		if sel := run(Labels{}); !sel.RankedAt.Equal(c.Now()) {
			t.Fatalf("a week after the last ranking every candidate should be ranked again, got %+v", sel)
		}
		run(Labels{Incidents: [][2]float64{{1, 2}}})
		c.advance(time.Hour)
		mu.Lock()
		swap = true
		mu.Unlock()
		if sel := run(Labels{}); sel.Family != "holt_winters" || !sel.RankedAt.IsZero() || sel.Shortlist != nil {
			t.Fatalf("a shortlisted challenger that takes over should leave the next run a full ranking, got %+v", sel)
		}
		mu.Lock()
		swap = false
		mu.Unlock()
		run(Labels{})
		mu.Lock()
		defer mu.Unlock()
		full := []bool{}
		for _, given := range asked {
			full = append(full, given == nil)
		}
		if want := []bool{true, false, true, true, false, true}; !reflect.DeepEqual(full, want) {
			t.Fatalf("full rankings per run %v, want %v", full, want)
		}
		if st := s.Stats(); st.Selections != 6 || st.Rankings != 4 {
			t.Fatalf("stats %+v", st)
		}
	})

	t.Run("should answer lookups and requests while a selection runs, and bound the queue", func(t *testing.T) {
		release := make(chan struct{})
		started := make(chan struct{}, 1)
		fn := func(ctx context.Context, _, _ []float64, _ json.RawMessage, _ Labels, _ *Selection) (Outcome, error) {
			started <- struct{}{}
			<-release
			return Outcome{Family: "past"}, nil
		}
		s := New(fn, Options{QueueSize: 1})
		defer s.Close()
		s.Request("running", nil, nil, nil, Labels{})
		<-started // the only worker is now busy
		if s.Request("running", nil, nil, nil, Labels{}) {
			t.Fatal("a series already pending should not be queued twice")
		}
		if !s.Request("waiting", nil, nil, nil, Labels{}) {
			t.Fatal("the queue has room for one")
		}
		if s.Request("dropped", nil, nil, nil, Labels{}) {
			t.Fatal("a full queue should drop the request")
		}
		if _, _, ok := s.Lookup("running"); ok {
			t.Fatal("no selection yet")
		}
		close(release)
		s.WaitIdle()
		if st := s.Stats(); st.Dropped != 1 || st.Selections != 2 || st.Entries != 2 {
			t.Fatalf("stats %+v", st)
		}
	})

	t.Run("should survive a selection that panics and count it as a failure", func(t *testing.T) {
		calls := 0
		fn := func(context.Context, []float64, []float64, json.RawMessage, Labels, *Selection) (Outcome, error) {
			calls++
			if calls == 1 {
				panic("boom")
			}
			return Outcome{Family: "past"}, nil
		}
		s := New(fn, Options{})
		defer s.Close()
		s.Request("a", nil, nil, nil, Labels{})
		s.WaitIdle()
		s.Request("b", nil, nil, nil, Labels{})
		s.WaitIdle()
		if st := s.Stats(); st.Failures != 1 || st.Selections != 1 {
			t.Fatalf("stats %+v", st)
		}
	})

	t.Run("should copy at most MaxPoints of the newest history and pass the labels", func(t *testing.T) {
		var got []float64
		var gotLabels Labels
		fn := func(_ context.Context, ts, _ []float64, _ json.RawMessage, labels Labels, _ *Selection) (Outcome, error) {
			got, gotLabels = ts, labels
			return Outcome{}, nil
		}
		s := New(fn, Options{MaxPoints: 2})
		defer s.Close()
		ts := []float64{1, 2, 3}
		labels := Labels{Incidents: [][2]float64{{2, 3}}, FalseAlarms: [][2]float64{{1, 1}}}
		s.Request("a", ts, []float64{4, 5, 6}, nil, labels)
		s.WaitIdle()
		ts[2] = 99
		if len(got) != 2 || got[0] != 2 || got[1] != 3 {
			t.Fatalf("got %v", got)
		}
		if !reflect.DeepEqual(gotLabels, labels) {
			t.Errorf("the selection should get the series' labels: %+v", gotLabels)
		}
	})

	t.Run("should forget the least recently used series beyond MaxEntries", func(t *testing.T) {
		s := New(fixed("past", 1, false), Options{MaxEntries: 2})
		defer s.Close()
		for _, k := range []string{"a", "b"} {
			s.Request(k, nil, nil, nil, Labels{})
			s.WaitIdle()
		}
		s.Lookup("a")
		s.Request("c", nil, nil, nil, Labels{})
		s.WaitIdle()
		if _, _, ok := s.Lookup("b"); ok {
			t.Fatal("b was least recently used and should be gone")
		}
		if _, _, ok := s.Lookup("a"); !ok {
			t.Fatal("a should be kept")
		}
	})
}
