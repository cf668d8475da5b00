package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
)

// hostileSeasonalities is the query: 15 custom seasonalities of Fourier order 100 (3,000 columns).
func hostileSeasonalities() string {
	var list []string
	for i := range 15 {
		list = append(list, fmt.Sprintf(`{"name":"s%d","period_days":%d,"fourier_order":100}`, i, i+2))
	}
	return `{"seasonalities":[` + strings.Join(list, ",") + `]}`
}

func TestParamsCheckedPerQuery(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the embedded model")
	}
	d := realDatasource(t, `{"queryTimeoutSeconds":2}`)
	now := time.Now().UTC()
	for _, c := range []struct{ name, params, message string }{
		{"an interval width in percent", `{"interval_width":99}`, "params: interval_width must be a number in (0, 1), got 99"},
		{"a misspelt parameter", `{"intervalwidth":0.9}`, `params: unknown model parameter "intervalwidth"`},
		{"a country without a calendar", `{"country_holidays":["JP"]}`, `params: country_holidays[0] "JP" is not a supported holiday country (supported: KR, US)`},
		{"15 seasonalities of order 100", hostileSeasonalities(), "params: seasonalities has 15 entries; the limit is 10"},
		{"a model wider than 200 columns", `{"seasonalities":[{"name":"a","period_days":2,"fourier_order":100},{"name":"b","period_days":3,"fourier_order":100}]}`,
			"params: the parameters allow up to 461 columns (trend 27, seasonalities 434, holidays 0); the limit is 200"},
	} {
		t.Run("should fail an alert query with "+c.name+" with the model's message", func(t *testing.T) {
			q := backend.DataQuery{
				RefID: "A", JSON: []byte(`{"trainingDays":3,"mode":"alert","params":` + c.params + `}`), Interval: 5 * time.Minute,
				MaxDataPoints: 100, TimeRange: backend.TimeRange{From: now.Add(-30 * time.Minute), To: now},
			}
			res, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q, {RefID: "B", JSON: []byte(`{"trainingDays":3,"mode":"alert"}`), Interval: 5 * time.Minute, MaxDataPoints: 100, TimeRange: q.TimeRange}}})
			if err != nil {
				t.Fatal(err)
			}
			r := res.Responses["A"]
			if r.Error == nil || !strings.HasPrefix(r.Error.Error(), c.message) || len(r.Frames) != 0 {
				t.Fatalf("error %v, %d frames; want %q", r.Error, len(r.Frames), c.message)
			}
			if r.ErrorSource != backend.ErrorSourceDownstream || r.Status != backend.StatusBadRequest {
				t.Errorf("source %q, status %d", r.ErrorSource, r.Status)
			}
			if b := res.Responses["B"]; b.Error != nil || len(b.Frames) != 1 {
				t.Errorf("the good query beside it: %v", b.Error)
			}
		})
	}
}

// paramsCountingModel counts params checks and source reads.
type paramsCountingModel struct {
	testModel
	reads atomic.Int64
}

func (m *paramsCountingModel) Demo(ctx context.Context, name string, fromMs, toMs, stepMs float64, seed int64) ([]float64, []float64, error) {
	m.reads.Add(1)
	return m.testModel.Demo(ctx, name, fromMs, toMs, stepMs, seed)
}

func TestParamsCheckedBeforeReading(t *testing.T) {
	var checks atomic.Int64
	model := &paramsCountingModel{testModel: testModel{&forecasttest.Fake{RejectParams: func(params json.RawMessage) error {
		checks.Add(1)
		if strings.Contains(string(params), "bad") {
			return errors.New("bad parameter")
		}
		return nil
	}}}}
	d := newDatasource(t, `{}`, model)
	query := func(params string, trainingDays ...int) backend.DataResponse {
		days := append(trainingDays, 2)[0]
		res, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
			dataQuery("A", fmt.Sprintf(`{"trainingDays":%d,"params":%s}`, days, params), 3*24*time.Hour),
		}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Responses["A"]
	}
	t.Run("should check a query's params once for all its pieces and series", func(t *testing.T) {
		if r := query(`{"interval_width":0.9}`); r.Error != nil {
			t.Fatal(r.Error)
		}
		if checks.Load() != 1 {
			t.Errorf("%d checks for one query", checks.Load())
		}
	})
	t.Run("should refuse a model too wide for the points the query reads, before reading them", func(t *testing.T) {
		model.Width = 200
		defer func() { model.Width = 0 }()
		reads := model.reads.Load()
		// 28 training days before the first piece and the day before them (for incremental updates), to the range end at
		// 5-minute steps: 9,361 points × 200 columns > 64 × 20,000.
		r := query(`{}`, 28)
		if r.Error == nil || r.Status != backend.StatusBadRequest || !strings.HasPrefix(r.Error.Error(),
			"limit exceeded: a model of up to 200 columns over 9361 points needs 1872200 design values per fit, more than 1280000 (64 × maxPointsPerSeries)") {
			t.Fatalf("error %v, status %d", r.Error, r.Status)
		}
		if model.reads.Load() != reads {
			t.Errorf("the source was read %d times", model.reads.Load()-reads)
		}
		model.Width = 61
		if r := query(`{}`, 28); r.Error != nil {
			t.Errorf("a model as wide as Prophet's defaults: %v", r.Error)
		}
	})
	t.Run("should read nothing for a query whose params are refused", func(t *testing.T) {
		reads := model.reads.Load()
		if r := query(`{"bad":1}`); r.Error == nil || !strings.Contains(r.Error.Error(), "params: bad parameter") {
			t.Fatalf("error %v", r.Error)
		}
		if model.reads.Load() != reads {
			t.Errorf("the source was read %d times", model.reads.Load()-reads)
		}
	})
}
