package plugin

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
)

// A step of 300 h (a year of training at a dozen points needs one that coarse) times the 10,000 steps of one
// query_range request passes time.Duration's ~292 years: the requests' span wrapped round to minus 240 years, so the
// read walked backwards from its start, thousands of requests with end before start, until the deadline.
func TestPrometheusCoarseStep(t *testing.T) {
	target, _ := url.Parse(servePrometheus(t, wiggle))
	var requests atomic.Int64
	counting := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		httputil.NewSingleHostReverseProxy(target).ServeHTTP(w, r)
	}))
	t.Cleanup(counting.Close)
	d := newDatasource(t, fmt.Sprintf(`{"defaultSource":"prometheus","prometheusUrl":%q,"maxTrainingDays":366,"queryTimeoutSeconds":5}`, counting.URL),
		testModel{&forecasttest.Fake{}})
	end := time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC)
	q := backend.DataQuery{
		RefID: "A", Interval: 300 * time.Hour, JSON: []byte(`{"expr":"shop","trainingDays":366}`),
		TimeRange: backend.TimeRange{From: end.Add(-60 * 24 * time.Hour), To: end},
	}
	res, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Responses["A"]
	if r.Error != nil || len(r.Frames) != 1 || r.Frames[0].Rows() == 0 {
		t.Fatalf("error %v, %d frames, after %d requests", r.Error, len(r.Frames), requests.Load())
	}
	if n := requests.Load(); n > 2 {
		t.Errorf("%d requests where the range and the history take one each", n)
	}
}
