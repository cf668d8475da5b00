package models

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func testSettings(t *testing.T) Settings {
	t.Helper()
	s, err := LoadSettings(backend.DataSourceInstanceSettings{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func dataQuery(body string) backend.DataQuery {
	return backend.DataQuery{
		RefID: "A", JSON: []byte(body), Interval: 5 * time.Minute, MaxDataPoints: 500,
		TimeRange: backend.TimeRange{From: time.Unix(1_700_000_000, 0), To: time.Unix(1_700_086_400, 0)},
	}
}

func TestLoadQuery(t *testing.T) {
	settings := testSettings(t)
	t.Run("should fill defaults for an empty query", func(t *testing.T) {
		q, err := LoadQuery(dataQuery(`{}`), settings)
		if err != nil {
			t.Fatal(err)
		}
		if q.Source != SourceDemo || q.Mode != ModeFull || q.AlertField != AlertFieldOutlier || q.TrainingDays != 28 ||
			q.DemoSeries != "messaging" || q.Step != 5*time.Minute || !q.ReadsAnnotations() {
			t.Errorf("unexpected defaults: %+v", q)
		}
	})
	t.Run("should derive the step from maxDataPoints when no interval is given", func(t *testing.T) {
		dq := dataQuery(`{}`)
		dq.Interval = 0
		dq.MaxDataPoints = 288
		q, err := LoadQuery(dq, settings)
		if err != nil {
			t.Fatal(err)
		}
		if q.Step != 5*time.Minute {
			t.Errorf("step = %v, want 5m", q.Step)
		}
	})
	t.Run("should read a grafana-source alert query", func(t *testing.T) {
		q, err := LoadQuery(dataQuery(`{"source":"grafana","sourceDatasource":{"uid":"prom"},"sourceQuery":{"expr":"up"},
			"mode":"alert","alertField":"score","exclude":[{"from":1,"to":2}],"useExclusionAnnotations":false}`), settings)
		if err != nil {
			t.Fatal(err)
		}
		if q.SourceDatasource.UID != "prom" || q.Mode != ModeAlert || q.AlertField != AlertFieldScore ||
			len(q.Exclude) != 1 || q.ReadsAnnotations() {
			t.Errorf("unexpected query: %+v", q)
		}
	})
	bad := []struct{ name, body, field string }{
		{"should reject invalid JSON", `{"source":`, "not valid JSON"},
		{"should reject an unknown source", `{"source":"influx"}`, "source"},
		{"should require a datasource uid for the grafana source", `{"source":"grafana","sourceQuery":{}}`, "sourceDatasource.uid"},
		{"should require a source query object", `{"source":"grafana","sourceDatasource":{"uid":"x"},"sourceQuery":[1]}`, "sourceQuery"},
		{"should require expr for prometheus", `{"source":"prometheus"}`, "expr"},
		{"should reject params that are not an object", `{"params":[1,2]}`, "params"},
		{"should reject training days over the maximum", `{"trainingDays":400}`, "trainingDays"},
		{"should reject negative training days", `{"trainingDays":-1}`, "trainingDays"},
		{"should reject an unknown mode", `{"mode":"table"}`, "mode"},
		{"should reject an unknown alert field", `{"alertField":"yhat"}`, "alertField"},
		{"should reject a negative forecast", `{"forecastHours":-2}`, "forecastHours"},
		{"should reject an inverted exclusion", `{"exclude":[{"from":5,"to":1}]}`, "exclude[0]"},
		{"should reject an unknown direction", `{"alerting":{"direction":"up"}}`, "alerting.direction"},
		{"should reject a negative absolute minimum", `{"alerting":{"minAbsolute":-1}}`, "alerting.minAbsolute"},
		{"should reject a negative relative minimum", `{"alerting":{"minRelative":-0.1}}`, "alerting.minRelative"},
		{"should reject more required points than the window", `{"alerting":{"persistence":{"window":3,"required":4}}}`, "alerting.persistence.required"},
		{"should reject an empty persistence window", `{"alerting":{"persistence":{"window":0,"required":0}}}`, "alerting.persistence.window"},
		{"should reject a below threshold above the above threshold", `{"alerting":{"thresholdAbove":10,"thresholdBelow":20}}`, "alerting.thresholdBelow"},
		{"should reject past weeks beyond eight", `{"alerting":{"pastWeeks":9}}`, "alerting.pastWeeks"},
		{"should reject one past week, which never makes a comparison", `{"alerting":{"pastWeeks":1}}`, "between 2 and 8"},
		{"should refuse threshold_breach without a threshold", `{"mode":"alert","alertField":"threshold_breach"}`, "threshold_breach"},
		{"should refuse a persistence window longer than an alert rule's range", `{"mode":"alert","alerting":{"persistence":{"window":400,"required":3}}}`, "alerting.persistence.window"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadQuery(dataQuery(tc.body), settings)
			if !errors.Is(err, ErrInvalidQuery) || !strings.Contains(err.Error(), tc.field) {
				t.Fatalf("want ErrInvalidQuery naming %q, got %v", tc.field, err)
			}
		})
	}
	t.Run("should read an alerting object and fill its defaults", func(t *testing.T) {
		q, err := LoadQuery(dataQuery(`{"mode":"alert","alertField":"threshold_breach","alerting":{"direction":"below",
			"minRelative":0.1,"persistence":{"window":6,"required":3},"thresholdBelow":5}}`), settings)
		if err != nil {
			t.Fatal(err)
		}
		c := q.Controls()
		if c.Direction != DirectionBelow || c.MinRelative != 0.1 || c.Persistence.Window != 6 || c.Persistence.Required != 3 ||
			*c.ThresholdBelow != 5 || c.ThresholdAbove != nil || c.PastWeeks != DefaultPastWeeks {
			t.Errorf("controls = %+v", c)
		}
		if q.ComparesPast() {
			t.Error("an alert query on threshold_breach does not need the past")
		}
		zero, err := LoadQuery(dataQuery(`{"alerting":{"pastWeeks":0}}`), settings)
		if err != nil || zero.Controls().PastWeeks != DefaultPastWeeks {
			t.Errorf("pastWeeks 0 should take the default %d (as the editor shows it): %v", DefaultPastWeeks, err)
		}
		plain, _ := LoadQuery(dataQuery(`{}`), settings)
		if d := plain.Controls(); d.Direction != DirectionBoth || *d.Persistence != (Persistence{Window: 1, Required: 1}) || d.HasThreshold() || plain.ComparesPast() {
			t.Errorf("default controls = %+v", d)
		}
	})
	t.Run("should refuse NaN in the alerting object", func(t *testing.T) {
		nan := math.NaN()
		q := Query{Source: SourceDemo, Mode: ModeFull, AlertField: AlertFieldOutlier, TrainingDays: 28, Step: time.Minute,
			Alerting: &Alerting{ThresholdAbove: &nan}}
		if err := q.validate(settings); !errors.Is(err, ErrInvalidQuery) || !strings.Contains(err.Error(), "alerting.thresholdAbove") {
			t.Fatalf("want an error naming alerting.thresholdAbove, got %v", err)
		}
		q.Alerting = &Alerting{MinAbsolute: nan}
		if err := q.validate(settings); err == nil || !strings.Contains(err.Error(), "alerting.minAbsolute") {
			t.Fatalf("want an error naming alerting.minAbsolute, got %v", err)
		}
	})
	t.Run("should reject an empty time range", func(t *testing.T) {
		dq := dataQuery(`{}`)
		dq.TimeRange.To = dq.TimeRange.From
		if _, err := LoadQuery(dq, settings); !errors.Is(err, ErrInvalidQuery) {
			t.Fatalf("want ErrInvalidQuery, got %v", err)
		}
	})
}
