package forecast_test

import (
	"context"
	"math"
	"sync"
	"testing"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// recordingForecaster keeps the model's own outlier and score by time.
type recordingForecaster struct {
	*forecasttest.Fake
	mu      sync.Mutex
	outlier map[float64]float64
	score   map[float64]float64
}

func (r *recordingForecaster) Predict(ctx context.Context, m forecast.Model, ts, ys []float64) (forecast.Prediction, error) {
	p, err := r.Fake.Predict(ctx, m, ts, ys)
	if err != nil || ys == nil {
		return p, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, t := range ts {
		r.outlier[t], r.score[t] = float64(p.Outlier[i]), p.Score[i]
	}
	return p, nil
}

func TestPipelineAlerting(t *testing.T) {
	ctx := context.Background()
	req := buildRequest(t, 1, 21, nil)
	s := noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)
	rise, drop := req.Plan.RangeTo-10*stepMs, req.Plan.RangeTo-5*stepMs
	setValues(s, rise, rise+stepMs, 40)
	setValues(s, drop, drop+stepMs, -20)

	t.Run("should keep the model's outlier and score without an alerting object", func(t *testing.T) {
		rec := &recordingForecaster{Fake: &forecasttest.Fake{}, outlier: map[float64]float64{}, score: map[float64]float64{}}
		results, err := forecast.NewPipeline(rec, forecast.NewFitCache(1<<20), 1).Run(ctx, req, []models.Series{s})
		if err != nil {
			t.Fatal(err)
		}
		r := results[0]
		flagged := 0
		for i, ts := range r.Times {
			if r.Outlier[i] != rec.outlier[ts] || r.Score[i] != rec.score[ts] {
				t.Fatalf("point %d: outlier %v score %v, the model said %v %v", i, r.Outlier[i], r.Score[i], rec.outlier[ts], rec.score[ts])
			}
			if r.Alert[i] != math.Abs(r.Outlier[i]) || r.Direction[i] != r.Outlier[i] {
				t.Fatalf("point %d: alert %v direction %v, want the outlier flag %v", i, r.Alert[i], r.Direction[i], r.Outlier[i])
			}
			if r.Outlier[i] != 0 {
				flagged++
			}
		}
		if flagged != 4 || r.ThresholdBreach != nil || r.VsPast != nil {
			t.Errorf("%d flagged (want the 4 injected points), threshold_breach %v, vs_past %v", flagged, r.ThresholdBreach != nil, r.VsPast != nil)
		}
	})

	t.Run("should filter by direction and persist over the window", func(t *testing.T) {
		below := req
		below.Alerting = &models.Alerting{Direction: models.DirectionBelow, Persistence: &models.Persistence{Window: 3, Required: 2}}
		results, err := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 1).Run(ctx, below, []models.Series{s})
		if err != nil {
			t.Fatal(err)
		}
		r := results[0]
		var outliers, alerts []float64
		for i, ts := range r.Times {
			if r.Outlier[i] != 0 {
				outliers = append(outliers, ts)
			}
			if r.Alert[i] == 1 {
				alerts = append(alerts, ts)
				if r.Direction[i] != -1 {
					t.Errorf("direction %v on a drop", r.Direction[i])
				}
			}
		}
		if len(outliers) != 2 || outliers[0] != drop {
			t.Errorf("outliers at %v, want the drop's two points from %v", outliers, drop)
		}
		// Two of three: the drop's second point and the one after it.
		if len(alerts) != 2 || alerts[0] != drop+stepMs {
			t.Errorf("alerts at %v, want from %v", alerts, drop+stepMs)
		}
	})

	t.Run("should compare with the past only when asked", func(t *testing.T) {
		past := req
		past.ComparePast = true
		results, err := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 1).Run(ctx, past, []models.Series{s})
		if err != nil {
			t.Fatal(err)
		}
		r := results[0]
		if r.VsPast == nil || math.IsNaN(r.VsPast[0]) {
			t.Fatalf("vs_past missing with three weeks of history: %v", r.VsPast)
		}
		if i := len(r.Times) - 6; r.VsPast[i] >= 0 {
			t.Errorf("vs_past of a negative drop = %v, want below 0", r.VsPast[i])
		}
	})
}
