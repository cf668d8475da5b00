package forecast_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// paramsRecorder records, per fit, the end of its training window and the false alarms its params carry.
type paramsRecorder struct {
	*forecasttest.Fake
	mu          sync.Mutex
	falseAlarms map[float64][][2]float64
}

func (r *paramsRecorder) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (forecast.Model, error) {
	var p struct {
		FalseAlarms [][2]float64 `json:"false_alarms"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return forecast.Model{}, err
	}
	r.mu.Lock()
	r.falseAlarms[ts[len(ts)-1]] = p.FalseAlarms
	r.mu.Unlock()
	return r.Fake.Fit(ctx, ts, ys, params)
}

func (r *paramsRecorder) take() map[float64][][2]float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.falseAlarms
	r.falseAlarms = map[float64][][2]float64{}
	return out
}

func TestFalseAlarmsReachTheFitsTheyTouch(t *testing.T) {
	ctx := context.Background()
	rec := &paramsRecorder{Fake: &forecasttest.Fake{}, falseAlarms: map[float64][][2]float64{}}
	p := forecast.NewPipeline(rec, forecast.NewFitCache(1<<20), 1)
	req := buildRequest(t, 3, 1, nil) // three daily pieces, each trained on the day before it
	series := []models.Series{noisy("a", req.Plan.FetchFrom, req.Plan.RangeTo)}
	if _, err := p.Run(ctx, req, series); err != nil {
		t.Fatal(err)
	}
	before := rec.take()
	if len(before) != len(req.Plan.Pieces) {
		t.Fatalf("setup: %d fits for %d pieces", len(before), len(req.Plan.Pieces))
	}

	// A false alarm inside the second piece's training window (the first piece's range) and none other.
	second := req.Plan.Pieces[1].Start
	alarm := models.ExcludeRange{From: second - 5*3600e3, To: second - 4*3600e3}
	req.FalseAlarms = []models.ExcludeRange{alarm}
	results, err := p.Run(ctx, req, series)
	if err != nil {
		t.Fatal(err)
	}
	refits := rec.take()
	t.Run("should refit only the piece whose training window the false alarm touches", func(t *testing.T) {
		if len(refits) != 1 {
			t.Fatalf("%d refits, want 1: %v", len(refits), refits)
		}
		for trainedTo, got := range refits {
			if trainedTo >= second || trainedTo < second-req.Plan.TrainingMs {
				t.Errorf("the refit trained up to %.0f, outside the false alarm's window", trainedTo)
			}
			if want := [][2]float64{{alarm.From, alarm.To}}; !reflect.DeepEqual(got, want) {
				t.Errorf("params.false_alarms = %v, want %v", got, want)
			}
		}
	})
	t.Run("should keep false alarms out of training exclusions and the excluded field", func(t *testing.T) {
		for i, excluded := range results[0].Excluded {
			if excluded {
				t.Fatalf("point %d marked excluded: a false alarm is normal behaviour, not an exclusion", i)
			}
		}
	})
	t.Run("should merge the query's own params.false_alarms with the annotations'", func(t *testing.T) {
		own := models.ExcludeRange{From: second - 2*3600e3, To: second - 3600e3}
		req.Params = []byte(fmt.Sprintf(`{"false_alarms":[[%.0f,%.0f]]}`, own.From, own.To))
		if _, err := p.Run(ctx, req, series); err != nil {
			t.Fatal(err)
		}
		for _, got := range rec.take() {
			if want := [][2]float64{{own.From, own.To}, {alarm.From, alarm.To}}; !reflect.DeepEqual(got, want) {
				t.Errorf("params.false_alarms = %v, want %v", got, want)
			}
		}
	})
	t.Run("should refuse a params.false_alarms that is not a list of pairs, naming it", func(t *testing.T) {
		req.Params = []byte(`{"false_alarms":"yesterday"}`)
		if _, err := p.Run(ctx, req, series); !errors.Is(err, models.ErrInvalidQuery) || !strings.Contains(err.Error(), "params.false_alarms must be [[from_ms, to_ms], ...]") {
			t.Fatalf("got %v", err)
		}
	})
}
