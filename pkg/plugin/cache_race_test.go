package plugin

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
)

// evictingModel stands for a busy cache: once armed, its first prediction makes another query's fit push every
// other fit out, after the query decided its fits were all cached and before it used them all.
type evictingModel struct {
	testModel
	armed     atomic.Bool
	once      sync.Once
	evict     func()
	firstRead atomic.Int64 // start of the last demo read, epoch ms
	fits      atomic.Int64
}

func (m *evictingModel) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (forecast.Model, error) {
	m.fits.Add(1)
	return m.testModel.Fit(ctx, ts, ys, params)
}

func (m *evictingModel) Predict(ctx context.Context, model forecast.Model, ts, ys []float64) (forecast.Prediction, error) {
	if m.armed.Load() {
		m.once.Do(m.evict)
	}
	return m.testModel.Predict(ctx, model, ts, ys)
}

func (m *evictingModel) Demo(ctx context.Context, name string, fromMs, toMs, stepMs float64, seed int64) ([]float64, []float64, error) {
	m.firstRead.Store(int64(fromMs))
	return m.testModel.Demo(ctx, name, fromMs, toMs, stepMs, seed)
}

func TestCacheEvictedDuringQuery(t *testing.T) {
	const capacity = 1 << 20 // cacheMegabytes: 1
	model := &evictingModel{testModel: testModel{&forecasttest.Fake{}}}
	d := newDatasource(t, `{"cacheMegabytes":1}`, model)
	var evicted atomic.Bool
	model.evict = func() {
		d.pipeline.Cache().Put("another query's fit", forecast.Model{Text: strings.Repeat("x", capacity-200)})
		evicted.Store(d.CacheStats().Entries == 1)
	}
	// Ten days at 5-minute steps: eleven daily pieces. The pipeline's workers (one per core) take the first
	// pieces at once; the later ones are taken after a prediction has ended, so after the eviction.
	q := dataQuery("A", `{"trainingDays":2}`, 10*24*time.Hour)
	run := func() backend.DataResponse {
		res, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Responses["A"]
	}
	if r := run(); r.Error != nil {
		t.Fatal(r.Error)
	}

	t.Run("should judge every point of a range-only read whose fits are evicted mid-run", func(t *testing.T) {
		model.armed.Store(true)
		fits := model.fits.Load()
		r := run()
		if model.firstRead.Load() != q.TimeRange.From.UnixMilli() {
			t.Fatalf("the query read from %d, not the range alone: the test no longer exercises the race", model.firstRead.Load())
		}
		if !evicted.Load() {
			t.Fatal("the query's fits were not evicted")
		}
		// Without its pinned fits, the run would refit the later pieces on the range alone (a training window
		// cut short) and leave a piece whose window lies before the range unjudged.
		if n := model.fits.Load() - fits; n != 0 {
			t.Errorf("%d fits in a run that found every fit cached", n)
		}
		if r.Error != nil || len(r.Frames) != 1 {
			t.Fatalf("error %v, %d frames", r.Error, len(r.Frames))
		}
		frame := r.Frames[0]
		if frame.Meta != nil && len(frame.Meta.Notices) > 0 {
			t.Errorf("notices: %v", frame.Meta.Notices)
		}
		yhat, _ := frame.FieldByName("yhat")
		for i := 0; i < frame.Rows(); i++ {
			if _, ok := fieldFloat(t, yhat, i); !ok {
				t.Fatalf("point %d of %d left unjudged", i, frame.Rows())
			}
		}
	})
}
