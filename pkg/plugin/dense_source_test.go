package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/config"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// widestFit is the fake model with a design of 200 columns, recording the most points one fit took.
type widestFit struct {
	testModel
	most atomic.Int64
}

func (m *widestFit) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (forecast.Model, error) {
	for n := int64(len(ts)); n > m.most.Load(); {
		if m.most.CompareAndSwap(m.most.Load(), n) {
			break
		}
	}
	return m.testModel.Fit(ctx, ts, ys, params)
}

// denseGrafana answers /api/ds/query with one series of a point every 16 s, whatever intervalMs asks: a SQL table's
// raw rows, read without $__timeGroup.
func denseGrafana(t *testing.T) *httptest.Server {
	t.Helper()
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/org":
			_, _ = w.Write([]byte(`{"id":1}`))
		case "/api/annotations":
			_, _ = w.Write([]byte(`[]`))
		case "/api/ds/query":
			var body struct{ From, To string }
			_ = json.NewDecoder(r.Body).Decode(&body)
			var from, to int64
			_, _ = fmt.Sscan(body.From, &from)
			_, _ = fmt.Sscan(body.To, &to)
			var times []int64
			var values []float64
			for ts := from; ts <= to; ts += 16_000 {
				times, values = append(times, ts), append(values, wiggle(float64(ts)))
			}
			// Grafana writes "schema" before "data", and the SDK's reader relies on that order.
			type wireFrame struct {
				Schema map[string]any `json:"schema"`
				Data   map[string]any `json:"data"`
			}
			frame := wireFrame{
				Schema: map[string]any{"fields": []any{
					map[string]any{"name": "time", "type": "time", "typeInfo": map[string]any{"frame": "time.Time"}},
					map[string]any{"name": "value", "type": "number", "typeInfo": map[string]any{"frame": "float64"}},
				}},
				Data: map[string]any{"values": []any{times, values}},
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"results": map[string]any{"A": map[string]any{"frames": []any{frame}}}})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(server.Close)
	return server
}

// The design-size bound (64 columns per point maxPointsPerSeries allows) counts the points the fits read: a source
// that answers more points than the query's steps (raw rows every 16 s for a 5-minute step) must not let a
// 200-column model take ten times the points the plan's steps allowed it.
func TestDesignSizeCountsTheSourcesPoints(t *testing.T) {
	model := &widestFit{testModel: testModel{&forecasttest.Fake{Width: 200}}}
	d := newDatasource(t, `{"allowedDatasources":["sql"],"modelStore":"memory"}`, model)
	grafana := denseGrafana(t)
	ctx := config.WithGrafanaConfig(context.Background(),
		config.NewGrafanaCfg(map[string]string{config.AppURL: grafana.URL, config.AppClientSecret: "glsa_managed"}))
	q := dataQuery("A", `{"source":"grafana","sourceDatasource":{"uid":"sql"},"sourceQuery":{"rawSql":"SELECT time, value FROM t"},"trainingDays":2}`, 6*time.Hour)
	res, err := d.QueryData(ctx, &backend.QueryDataRequest{PluginContext: backend.PluginContext{Namespace: "default"}, Queries: []backend.DataQuery{q}})
	if err != nil {
		t.Fatal(err)
	}
	budget := int64(64 * models.DefaultMaxPointsPerSeries / 200)
	r := res.Responses["A"]
	if fitted := model.most.Load(); fitted > budget {
		t.Fatalf("a 200-column fit took %d points, more than the %d the design bound allows (error %v)", fitted, budget, r.Error)
	}
	if r.Error == nil || !strings.Contains(r.Error.Error(), "design values per fit") {
		t.Errorf("the query should fail naming the design bound, got %v", r.Error)
	}
}
