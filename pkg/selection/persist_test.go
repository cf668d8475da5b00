package selection

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/store"
)

func TestStorePersister(t *testing.T) {
	t.Run("should serve a selection made before a restart from the store, stale by its own age", func(t *testing.T) {
		shared := store.Versioned(store.NewMemory(store.Options{}), "engine")
		c := &clock{now: time.Unix(1_700_000_000, 0)}
		before := New(fixed("past", 2, false), Options{Now: c.Now, Interval: time.Hour, Persister: StorePersister(shared, time.Hour)})
		before.Request("a", []float64{1, 2}, []float64{3, 4}, nil, Labels{})
		before.WaitIdle()
		before.Close()

		after := New(fixed("other", 1, true), Options{Now: c.Now, Interval: time.Hour, Persister: StorePersister(shared, time.Hour)})
		defer after.Close()
		after.Prefetch(context.Background(), []string{"a", "never selected"})
		sel, stale, ok := after.Lookup("a")
		if !ok || sel.Family != "past" || sel.Score != 2 || !sel.At.Equal(c.Now()) || stale {
			t.Fatalf("got %+v stale=%v ok=%v", sel, stale, ok)
		}
		if _, _, ok := after.Lookup("never selected"); ok {
			t.Fatal("a selection appeared that was never made")
		}
		c.advance(time.Hour)
		if _, stale, _ := after.Lookup("a"); !stale {
			t.Fatal("a stored selection an interval old should be stale")
		}
		if after.Stats().Selections != 0 {
			t.Fatal("the restarted service selected again")
		}
	})
	t.Run("should keep the last ranking's time and shortlist through the store", func(t *testing.T) {
		shared := store.Versioned(store.NewMemory(store.Options{}), "engine")
		c := &clock{now: time.Unix(1_700_000_000, 0)}
		shortlist := []Candidate{{Family: "autoregressive", Combination: map[string]json.RawMessage{"ar_lags": json.RawMessage("2")}}}
		ranked := func(context.Context, []float64, []float64, json.RawMessage, Labels, *Selection) (Outcome, error) {
			return Outcome{Family: "past", Overrides: map[string]json.RawMessage{"model": json.RawMessage(`"past"`)}, Ranked: true, Shortlist: shortlist}, nil
		}
		before := New(ranked, Options{Now: c.Now, Persister: StorePersister(shared, time.Hour)})
		before.Request("a", []float64{1, 2}, []float64{3, 4}, nil, Labels{})
		before.WaitIdle()
		before.Close()
		after := New(ranked, Options{Now: c.Now, Persister: StorePersister(shared, time.Hour)})
		defer after.Close()
		after.Prefetch(context.Background(), []string{"a"})
		sel, _, ok := after.Lookup("a")
		if !ok || !sel.RankedAt.Equal(c.Now()) || !reflect.DeepEqual(sel.Shortlist, shortlist) {
			t.Fatalf("got %+v ok=%v", sel, ok)
		}
	})
	t.Run("should keep serving from memory when the store fails", func(t *testing.T) {
		broken := StorePersister(store.Broken("redis", store.ErrUnavailable), time.Hour)
		s := New(fixed("past", 2, false), Options{Persister: broken})
		defer s.Close()
		s.Prefetch(context.Background(), []string{"a"})
		s.Request("a", []float64{1, 2}, []float64{3, 4}, nil, Labels{})
		s.WaitIdle()
		if sel, _, ok := s.Lookup("a"); !ok || sel.Family != "past" {
			t.Fatalf("got %+v ok=%v", sel, ok)
		}
	})
}
