package frames

import (
	"encoding/json"
	"flag"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// update rewrites the golden files: go test ./pkg/frames -update
var update = flag.Bool("update", false, "rewrite testdata/*.golden.jsonc from the current output")

var nan = math.NaN()

func sampleResult(name string, labels map[string]string) forecast.SeriesResult {
	t0 := float64(time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC).UnixMilli())
	step := 300e3
	return forecast.SeriesResult{
		Name: name, Labels: labels,
		Times:    []float64{t0, t0 + step, t0 + 2*step},
		Values:   []float64{10, nan, 42},
		Yhat:     []float64{10.5, 10.6, nan},
		Lower:    []float64{9, 9.1, nan},
		Upper:    []float64{12, 12.1, nan},
		Score:    []float64{0.1, 0, nan},
		Outlier:  []float64{0, 0, nan},
		Excluded: []bool{false, true, false},
		Notices:  []string{"points from 2025-10-01 00:10:00Z not judged"},
	}
}

func withForecast(r forecast.SeriesResult) forecast.SeriesResult {
	last := r.Times[len(r.Times)-1]
	r.ForecastTimes = []float64{last + 300e3, last + 600e3}
	r.ForecastYhat = []float64{11, 11.2}
	r.ForecastLower = []float64{9.5, 9.6}
	r.ForecastUpper = []float64{12.5, math.Inf(1)}
	return r
}

func flagged(r forecast.SeriesResult) forecast.SeriesResult {
	r.Outlier = []float64{0, 0, -1}
	r.Yhat[2], r.Lower[2], r.Upper[2], r.Score[2] = 50, 45, 55, 0.9
	return r
}

// warned adds an early warning: a crossing of 12 expected 7.5 minutes after the latest point, and a drift up.
func warned(r forecast.SeriesResult) forecast.SeriesResult {
	r.BreachETA, r.BreachProbability, r.Drift = []float64{nan, nan, 450}, []float64{nan, nan, 0.87}, []float64{0, 1, 1}
	r.Warned = &forecast.Warning{Thresholds: models.Thresholds{Above: new(12.0)}, LeadMs: 3600e3}
	return r
}

func TestBuild(t *testing.T) {
	full := models.Query{RefID: "A", Mode: models.ModeFull}
	alert := models.Query{RefID: "B", Mode: models.ModeAlert, AlertField: models.AlertFieldOutlier}
	score := models.Query{RefID: "C", Mode: models.ModeAlert, AlertField: models.AlertFieldScore}
	cases := []struct {
		name    string
		query   models.Query
		results []forecast.SeriesResult
		notices []string
	}{
		{"full", full, []forecast.SeriesResult{withForecast(flagged(sampleResult("cpu", map[string]string{"host": "a"})))}, []string{"exclusion annotations could not be read"}},
		{"alert-outlier", alert, []forecast.SeriesResult{flagged(sampleResult("cpu", map[string]string{"host": "a"})), sampleResult("cpu", map[string]string{"host": "b"})}, nil},
		{"alert-duplicate-labels", score, []forecast.SeriesResult{sampleResult("rx", nil), sampleResult("tx", nil)}, nil},
		{"empty", alert, nil, []string{"the source returned no series"}},
		{"full-warning", full, []forecast.SeriesResult{warned(withForecast(sampleResult("disk", nil)))}, nil},
	}
	for _, tc := range cases {
		t.Run("should match the golden "+tc.name+" response", func(t *testing.T) {
			frames := Build(tc.query, tc.results, tc.notices)
			experimental.CheckGoldenJSONResponse(t, "testdata", tc.name+".golden", &backend.DataResponse{Frames: frames}, *update)
			encoded, err := json.Marshal(&backend.DataResponse{Frames: frames})
			if err != nil {
				t.Fatal(err)
			}
			text := string(encoded)
			if strings.Contains(text, "NaN") || strings.Contains(text, "Infinity") || strings.Contains(text, "entities") {
				t.Errorf("NaN or Inf in %s", text)
			}
		})
	}
}

func TestAlertFrames(t *testing.T) {
	t.Run("should put the reduced field first with the series labels", func(t *testing.T) {
		frames := Build(models.Query{RefID: "A", Mode: models.ModeAlert, AlertField: models.AlertFieldOutlier},
			[]forecast.SeriesResult{flagged(sampleResult("cpu", map[string]string{"host": "a"}))}, nil)
		if len(frames) != 1 {
			t.Fatalf("%d frames", len(frames))
		}
		f := frames[0]
		if f.Meta.Type != data.FrameTypeTimeSeriesMulti || len(f.Fields) != 2 || f.Fields[1].Name != "outlier" || f.Fields[1].Labels["host"] != "a" {
			t.Fatalf("frame = %+v", f)
		}
		last, _ := f.Fields[1].ConcreteAt(2)
		if last.(float64) != 1 {
			t.Errorf("a point below the band should read 1 in alert mode, got %v", last)
		}
	})
	t.Run("should give series with equal labels distinct label sets", func(t *testing.T) {
		frames := Build(models.Query{Mode: models.ModeAlert, AlertField: models.AlertFieldScore},
			[]forecast.SeriesResult{sampleResult("rx", nil), sampleResult("tx", nil)}, nil)
		if frames[0].Fields[1].Labels.String() == frames[1].Fields[1].Labels.String() {
			t.Errorf("label sets collide: %v", frames[0].Fields[1].Labels)
		}
	})
}

func TestFullFrame(t *testing.T) {
	t.Run("should point the band fill at the lower edge's display name", func(t *testing.T) {
		frame := Build(models.Query{Mode: models.ModeFull}, []forecast.SeriesResult{sampleResult("cpu", nil)}, nil)[0]
		upper, lower := frame.Fields[3], frame.Fields[4]
		if upper.Name != FieldUpper || lower.Name != FieldLower {
			t.Fatalf("field order: %s, %s", upper.Name, lower.Name)
		}
		if upper.Config.Custom["fillBelowTo"] != lower.Config.DisplayNameFromDS {
			t.Errorf("fillBelowTo %v does not name %q", upper.Config.Custom["fillBelowTo"], lower.Config.DisplayNameFromDS)
		}
		if frame.Fields[1].Name != FieldValue {
			t.Errorf("the first numeric field must be value, got %s", frame.Fields[1].Name)
		}
	})
	t.Run("should tell series of one name apart by their labels where Grafana shows names", func(t *testing.T) {
		// Every target of up was drawn as "up": legends and tooltips could not tell them apart.
		a := sampleResult("up", map[string]string{"__name__": "up", "instance": "a:9100", "job": "node"})
		b := sampleResult("up", map[string]string{"__name__": "up", "instance": "b:9100", "job": "node"})
		alone := sampleResult("errors", map[string]string{"job": "node"})
		frames := Build(models.Query{Mode: models.ModeFull}, []forecast.SeriesResult{a, b, alone}, nil)
		// A legend naming two metrics alike: the metric is what tells them apart.
		legendA := sampleResult("node", map[string]string{"__name__": "cpu", "job": "node"})
		legendB := sampleResult("node", map[string]string{"__name__": "mem", "job": "node"})
		frames = append(frames, Build(models.Query{Mode: models.ModeFull}, []forecast.SeriesResult{legendA, legendB}, nil)...)
		want := []string{
			`up{instance="a:9100", job="node"}`, `up{instance="b:9100", job="node"}`, "errors",
			`node{__name__="cpu", job="node"}`, `node{__name__="mem", job="node"}`,
		}
		for i, frame := range frames {
			if got := frame.Fields[1].Config.DisplayNameFromDS; got != want[i] {
				t.Errorf("series %d is shown as %q, want %q", i, got, want[i])
			}
			if got := frame.Fields[2].Config.DisplayNameFromDS; got != want[i]+" expected" {
				t.Errorf("series %d's expectation is shown as %q", i, got)
			}
		}
		a.Notices, b.Notices = []string{"no points in the time range"}, []string{"no points in the time range"}
		alerts := Build(models.Query{Mode: models.ModeAlert, AlertField: models.AlertFieldOutlier}, []forecast.SeriesResult{a, b}, nil)
		for i, frame := range alerts {
			if got := frame.Meta.Notices[0].Text; got != want[i]+": no points in the time range" {
				t.Errorf("alert notice %d reads %q", i, got)
			}
		}
	})
}

// withAlertFields adds the fields pkg/alerting computes, with a threshold set and vs_past computed.
func withAlertFields(r forecast.SeriesResult) forecast.SeriesResult {
	r.Significance = []float64{0.1, 0.05, nan}
	r.Alert = []float64{0, 0, 1}
	r.Direction = []float64{0, 0, -1}
	r.ThresholdBreach = []float64{0, nan, 1}
	r.VsPast = []float64{1.02, nan, 0.5}
	return r
}

func TestAlertFields(t *testing.T) {
	t.Run("should add the alert fields to a full frame, hidden from the chart and named as the contract says", func(t *testing.T) {
		frame := Build(models.Query{Mode: models.ModeFull}, []forecast.SeriesResult{withAlertFields(flagged(sampleResult("cpu", nil)))}, nil)[0]
		want := []string{FieldSignificance, FieldAlert, FieldDirection, FieldThresholdBreach, FieldVsPast}
		extra := frame.Fields[len(frame.Fields)-len(want):]
		for i, f := range extra {
			if f.Name != want[i] {
				t.Fatalf("field %d is %s, want %s", i, f.Name, want[i])
			}
			hide := f.Config.Custom["hideFrom"].(map[string]any)
			if hide["viz"] != true || hide["tooltip"] != false {
				t.Errorf("%s: hideFrom %v, want hidden from the chart and shown in the tooltip", f.Name, hide)
			}
		}
		if v, ok := extra[4].ConcreteAt(1); ok {
			t.Errorf("a NaN vs_past must be null, got %v", v)
		}
	})
	t.Run("should leave out threshold_breach and vs_past when not computed", func(t *testing.T) {
		r := withAlertFields(sampleResult("cpu", nil))
		r.ThresholdBreach, r.VsPast = nil, nil
		frame := Build(models.Query{Mode: models.ModeFull}, []forecast.SeriesResult{r}, nil)[0]
		for _, f := range frame.Fields {
			if f.Name == FieldThresholdBreach || f.Name == FieldVsPast {
				t.Errorf("%s present without being computed", f.Name)
			}
		}
	})
	t.Run("should carry the chosen field in alert mode, outlier being the persistence-gated alert", func(t *testing.T) {
		r := withAlertFields(flagged(sampleResult("cpu", nil)))
		r.Alert = []float64{1, 0, 0} // persistence has the say over the instant outlier
		for field, want := range map[string][]float64{
			models.AlertFieldOutlier:         {1, 0, 0},
			models.AlertFieldDirection:       {0, 0, -1},
			models.AlertFieldSignificance:    {0.1, 0.05, nan},
			models.AlertFieldThresholdBreach: {0, nan, 1},
			models.AlertFieldVsPast:          {1.02, nan, 0.5},
			models.AlertFieldScore:           {0.1, 0, 0.9},
		} {
			frame := Build(models.Query{Mode: models.ModeAlert, AlertField: field}, []forecast.SeriesResult{r}, nil)[0]
			if len(frame.Fields) != 2 || frame.Fields[1].Name != field {
				t.Fatalf("%s: fields %v", field, frame.Fields)
			}
			for i, w := range want {
				v, ok := frame.Fields[1].ConcreteAt(i)
				if math.IsNaN(w) != !ok || (ok && v.(float64) != w) {
					t.Errorf("%s[%d] = %v (set %v), want %v", field, i, v, ok, w)
				}
			}
		}
	})
	t.Run("should carry the early-warning fields in full and alert mode", func(t *testing.T) {
		r := withForecast(sampleResult("disk", nil))
		r.BreachETA, r.BreachProbability, r.Drift = []float64{nan, nan, 5400}, []float64{nan, nan, 0.93}, []float64{0, 1, 1}
		r.Warned = &forecast.Warning{Thresholds: models.Thresholds{Above: new(95.0)}, LeadMs: 6 * 3600e3}
		frame := Build(models.Query{Mode: models.ModeFull}, []forecast.SeriesResult{r}, nil)[0]
		encoded, err := json.Marshal(frame.Meta.Custom)
		if err != nil || string(encoded) != `{"warning":{"above":95,"leadSeconds":21600}}` {
			t.Errorf("meta.custom = %s (%v), want the thresholds and lead for the panel", encoded, err)
		}
		want := []string{FieldBreachETA, FieldBreachProbability, FieldDrift}
		extra := frame.Fields[len(frame.Fields)-len(want):]
		for i, f := range extra {
			if f.Name != want[i] || f.Len() != 5 {
				t.Fatalf("field %d is %s of %d rows, want %s over the 3 points and 2 forecast steps", i, f.Name, f.Len(), want[i])
			}
		}
		if v, ok := extra[0].ConcreteAt(2); !ok || v.(float64) != 5400 {
			t.Errorf("breach_eta at the latest point = %v", v)
		}
		for field, values := range map[string][]float64{
			models.AlertFieldBreachETA:         {nan, nan, 5400},
			models.AlertFieldBreachProbability: {nan, nan, 0.93},
			models.AlertFieldDrift:             {0, 1, 1},
		} {
			frame := Build(models.Query{Mode: models.ModeAlert, AlertField: field}, []forecast.SeriesResult{r}, nil)[0]
			for i, w := range values {
				v, ok := frame.Fields[1].ConcreteAt(i)
				if math.IsNaN(w) != !ok || (ok && v.(float64) != w) {
					t.Errorf("%s[%d] = %v (set %v), want %v", field, i, v, ok, w)
				}
			}
		}
	})
	t.Run("should give nulls, not a broken frame, when the chosen warning field was not computed", func(t *testing.T) {
		frame := Build(models.Query{Mode: models.ModeAlert, AlertField: models.AlertFieldBreachProbability},
			[]forecast.SeriesResult{sampleResult("disk", nil)}, nil)[0]
		if n := frame.Fields[1].Len(); n != 3 || !frame.Fields[1].NilAt(2) {
			t.Errorf("breach_probability has %d rows (want 3, all null)", n)
		}
	})
}
