package plugin

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
)

// A range whose training maxPointsPerSeries shortens reads at most maxPointsPerSeries points, whether or not its end
// falls on a step: a fetch of one point more failed the query at Prometheus's answer instead of the notice.
func TestShortenedTrainingReadsWithinMaxPoints(t *testing.T) {
	url := servePrometheus(t, func(ms float64) float64 { return wiggle(ms) })
	d := newDatasource(t, fmt.Sprintf(`{"defaultSource":"prometheus","prometheusUrl":%q,"maxPointsPerSeries":2000}`, url),
		testModel{&forecasttest.Fake{}})
	midnight := time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC)
	for _, to := range []time.Time{midnight, midnight.Add(time.Minute)} {
		q := backend.DataQuery{
			RefID: "A", Interval: 5 * time.Minute, MaxDataPoints: 1000,
			JSON:      []byte(`{"expr":"shop","trainingDays":7}`),
			TimeRange: backend.TimeRange{From: to.Add(-24 * time.Hour), To: to},
		}
		res, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
		if err != nil {
			t.Fatal(err)
		}
		r := res.Responses["A"]
		if r.Error != nil || len(r.Frames) != 1 {
			t.Fatalf("range to %v: error %v, %d frames", to, r.Error, len(r.Frames))
		}
		if notices := r.Frames[0].Meta.Notices; len(notices) == 0 {
			t.Errorf("range to %v: no notice that training was shortened", to)
		}
	}
}
