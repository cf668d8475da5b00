package forecast_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// updatingForecaster is the fake with an Update that records each change and hands the previous model back, or
// refuses every update.
type updatingForecaster struct {
	*forecasttest.Fake
	refuse  bool
	mu      sync.Mutex
	changes []forecast.WindowChange
}

func (u *updatingForecaster) Update(_ context.Context, m forecast.Model, c forecast.WindowChange, _ json.RawMessage) (forecast.Model, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.changes = append(u.changes, c)
	if u.refuse {
		return forecast.Model{}, errors.New("cannot update the model (a full refit is due); fit it again")
	}
	return m, nil
}

func TestPipelineUpdatesThePreviousPiecesModel(t *testing.T) {
	ctx := context.Background()
	const day = 86_400_000.0
	req := buildRequest(t, 3, 28, nil)
	series := []models.Series{noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)}
	pieces := len(req.Plan.Pieces)

	t.Run("should update each piece from the one before it, adding the day between them and dropping the oldest", func(t *testing.T) {
		u := &updatingForecaster{Fake: &forecasttest.Fake{}}
		// One slot: the pieces run in order, so each finds the one before it in the cache.
		if _, err := forecast.NewPipeline(u, forecast.NewFitCache(1<<20), 1).Run(ctx, req, series); err != nil {
			t.Fatal(err)
		}
		if got := u.Fits.Load(); got != 1 {
			t.Fatalf("%d fits, want 1 (the first piece, whose old window starts before the fetch)", got)
		}
		if len(u.changes) != pieces-1 {
			t.Fatalf("%d updates, want %d", len(u.changes), pieces-1)
		}
		for i, c := range u.changes {
			start := req.Plan.Pieces[i+1].Start
			if c.WindowStart != start-req.Plan.TrainingMs || len(c.AddedTs) != 288 || len(c.DroppedTs) != 288 {
				t.Fatalf("update %d: window start %v, %d added, %d dropped", i, c.WindowStart, len(c.AddedTs), len(c.DroppedTs))
			}
			if c.AddedTs[0] != start-day || c.AddedTs[287] >= start || c.DroppedTs[0] != c.WindowStart-day || c.DroppedTs[287] >= c.WindowStart {
				t.Fatalf("update %d moves the wrong points", i)
			}
		}
	})

	t.Run("should fit from scratch when the update is refused", func(t *testing.T) {
		u := &updatingForecaster{Fake: &forecasttest.Fake{}, refuse: true}
		results, err := forecast.NewPipeline(u, forecast.NewFitCache(1<<20), 1).Run(ctx, req, series)
		if err != nil {
			t.Fatal(err)
		}
		if got := u.Fits.Load(); got != int64(pieces) || len(u.changes) != pieces-1 {
			t.Fatalf("%d fits and %d updates tried, want %d and %d", got, len(u.changes), pieces, pieces-1)
		}
		if len(results[0].Notices) != 0 {
			t.Fatalf("a refused update left notices: %v", results[0].Notices)
		}
	})
}
