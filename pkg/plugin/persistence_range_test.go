package plugin

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
)

// An alert rule's range ends at "now", off the step grid, so it holds the points at the steps inside it: 25 minutes
// of 5-minute data hold 5, never the 6 a persistence window of 6 needs to fire. The query must fail naming the
// window, as docs/backend.md promises, rather than answer a rule that can never see 6 of 6.
func TestPersistenceWindowCountsTheRangesPoints(t *testing.T) {
	d := newDatasource(t, `{"defaultSource":"demo"}`, testModel{&forecasttest.Fake{}})
	now := rangeEnd.Add(2*time.Minute + 17*time.Second)
	ask := func(span time.Duration) backend.DataResponse {
		q := backend.DataQuery{
			RefID: "A", Interval: 5 * time.Minute, MaxDataPoints: 1000,
			JSON:      []byte(`{"trainingDays":2,"mode":"alert","alerting":{"persistence":{"window":6,"required":6}}}`),
			TimeRange: backend.TimeRange{From: now.Add(-span), To: now},
		}
		res, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Responses["A"]
	}
	short := ask(25 * time.Minute)
	if short.Error == nil {
		t.Fatalf("a 25-minute range (%d points) was taken for a window of 6", short.Frames[0].Rows())
	}
	if !strings.Contains(short.Error.Error(), "alerting.persistence.window") || !strings.Contains(short.Error.Error(), "at least 30m0s") {
		t.Errorf("error %q should name the window and the range it needs", short.Error)
	}
	enough := ask(30 * time.Minute)
	if enough.Error != nil || len(enough.Frames) != 1 || enough.Frames[0].Rows() < 6 {
		t.Fatalf("30 minutes, as docs/backend.md says, should hold the window: %v", enough.Error)
	}
}
