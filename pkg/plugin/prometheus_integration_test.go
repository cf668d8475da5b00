package plugin

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/foresight-anomaly/foresight/pkg/internal/promtest"
)

// The history: 21 days of 5-minute samples ending at promEnd; the dashboard shows the last day.
var (
	promEnd      = time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC)
	promFrom     = promEnd.Add(-24 * time.Hour)
	spikeFrom    = float64(promEnd.Add(-6 * time.Hour).UnixMilli())
	spikeTo      = float64(promEnd.Add(-5*time.Hour - 25*time.Minute).UnixMilli()) // 8 points
	oldIncident  = [2]float64{float64(promEnd.Add(-5 * 24 * time.Hour).UnixMilli()), float64(promEnd.Add(-3 * 24 * time.Hour).UnixMilli())}
	msPerFiveMin = float64(5 * time.Minute / time.Millisecond)
)

func promHistory() []byte {
	spike := promtest.Bump{From: spikeFrom, To: spikeTo + 1, Add: 900}
	series := []promtest.Series{
		{Labels: map[string]string{"series": "clean"}, Level: 1000, Noise: 20, Seed: 1},
		{Labels: map[string]string{"series": "incident"}, Level: 1000, Noise: 20, Seed: 2, Bumps: []promtest.Bump{spike}},
		{Labels: map[string]string{"series": "excluded"}, Level: 1000, Noise: 20, Seed: 3, Bumps: []promtest.Bump{
			{From: oldIncident[0], To: oldIncident[1], Add: 3000}, spike,
		}},
	}
	return promtest.OpenMetrics("foresight_requests", series,
		float64(promEnd.Add(-21*24*time.Hour).UnixMilli()), float64(promEnd.UnixMilli()), msPerFiveMin)
}

// flags counts flagged points inside and outside the spike of a full-mode frame.
func flags(t *testing.T, frame *data.Frame) (inSpike, outside, spikePoints int) {
	t.Helper()
	for i := 0; i < frame.Rows(); i++ {
		tm := float64(frame.Fields[0].At(i).(time.Time).UnixMilli())
		v, _ := frame.Fields[5].NullableFloatAt(i)
		if v == nil {
			t.Fatalf("%s: point %d not judged (notices %v)", frame.Name, i, frame.Meta.Notices)
		}
		spike := tm >= spikeFrom && tm <= spikeTo
		if spike {
			spikePoints++
		}
		switch {
		case spike && *v != 0:
			inSpike++
		case !spike && *v != 0:
			outside++
		}
	}
	return inSpike, outside, spikePoints
}

func TestAgainstRealPrometheus(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Prometheus and runs the embedded model")
	}
	url := promtest.Start(t, promHistory())
	d := realDatasource(t, fmt.Sprintf(`{"defaultSource":"prometheus","prometheusUrl":%q}`, url))
	run := func(expr, extra string) data.Frames {
		t.Helper()
		q := backend.DataQuery{
			RefID: "A", Interval: 5 * time.Minute, MaxDataPoints: 1000,
			JSON:      []byte(fmt.Sprintf(`{"expr":%q,"legendFormat":"{{series}}","trainingDays":14,"params":{"interval_width":0.995}%s}`, expr, extra)),
			TimeRange: backend.TimeRange{From: promFrom, To: promEnd},
		}
		res, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
		if err != nil {
			t.Fatal(err)
		}
		r := res.Responses["A"]
		if r.Error != nil {
			t.Fatalf("%s: %v", expr, r.Error)
		}
		return r.Frames
	}

	t.Run("should answer health in plain words", func(t *testing.T) {
		res, err := d.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
		if err != nil || res.Status != backend.HealthStatusOk {
			t.Fatalf("%v %v %q", err, res.Status, res.Message)
		}
	})

	t.Run("should flag the injected incident and leave the clean series alone", func(t *testing.T) {
		frames := run(`foresight_requests{series=~"clean|incident"}`, "")
		if len(frames) != 2 {
			t.Fatalf("%d frames", len(frames))
		}
		for _, frame := range frames {
			inSpike, outside, spikePoints := flags(t, frame)
			t.Logf("%s: %d of %d spike points flagged, %d of %d others", frame.Name, inSpike, spikePoints, outside, frame.Rows()-spikePoints)
			if outside > 5 { // a 99.5% band lets about 1.4 of 281 normal points out
				t.Errorf("%s: %d clean points flagged (want at most 5 of %d)", frame.Name, outside, frame.Rows()-spikePoints)
			}
			if frame.Name == "incident" && inSpike < spikePoints-1 {
				t.Errorf("incident: only %d of %d spike points flagged", inSpike, spikePoints)
			}
			if frame.Name == "clean" && inSpike > 1 {
				t.Errorf("clean: %d points flagged where the other series had its spike", inSpike)
			}
		}
	})

	t.Run("should not learn an excluded incident", func(t *testing.T) {
		exclude := fmt.Sprintf(`,"exclude":[{"from":%.0f,"to":%.0f}]`, oldIncident[0], oldIncident[1])
		excluded := run(`foresight_requests{series="excluded"}`, exclude)[0]
		learned := run(`foresight_requests{series="excluded"}`, "")[0]
		inSpike, outside, spikePoints := flags(t, excluded)
		t.Logf("excluded: %d of %d spike points flagged, %d others", inSpike, spikePoints, outside)
		if inSpike < spikePoints-1 || outside > 5 {
			t.Errorf("with the old incident excluded: %d of %d spike points flagged, %d others", inSpike, spikePoints, outside)
		}
		width := func(frame *data.Frame) float64 {
			sum := 0.0
			for i := 0; i < frame.Rows(); i++ {
				upper, _ := frame.Fields[3].NullableFloatAt(i)
				lower, _ := frame.Fields[4].NullableFloatAt(i)
				sum += *upper - *lower
			}
			return sum / float64(frame.Rows())
		}
		t.Logf("mean band width: %.1f excluded, %.1f learned", width(excluded), width(learned))
		if 3*width(excluded) > width(learned) {
			t.Errorf("the learned incident should widen the band at least threefold: %.1f excluded vs %.1f learned", width(excluded), width(learned))
		}
	})
}
