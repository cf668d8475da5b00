package models

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// Output modes: full returns value, expectation, band, outlier and score per series; alert one numeric field
// per series, for alert rules.
const (
	ModeFull  = "full"
	ModeAlert = "alert"
)

// OutputModes lists the modes a query may ask for.
var OutputModes = []string{ModeFull, ModeAlert}

// Alert fields: the numeric field an alert-mode frame carries (docs/backend.md has their meanings).
const (
	// AlertFieldOutlier is the alert flag, 0/1: the persistence-gated outlier (with no alerting object, 1 when
	// the point left the outlier band on either side).
	AlertFieldOutlier         = "outlier"
	AlertFieldScore           = "score"
	AlertFieldDirection       = "direction"
	AlertFieldSignificance    = "significance"
	AlertFieldThresholdBreach = "threshold_breach"
	AlertFieldVsPast          = "vs_past"
	// AlertFieldBreachETA is the seconds until the forecast crosses a warning threshold (latest point only;
	// no value when it does not cross within the lead time).
	AlertFieldBreachETA = "breach_eta"
	// AlertFieldBreachProbability is the chance the series crosses a warning threshold within the lead time.
	AlertFieldBreachProbability = "breach_probability"
	// AlertFieldDrift is -1/0/+1 per point: a sustained slow departure below or above the expectation.
	AlertFieldDrift = "drift"
)

// AlertFields lists the fields an alert-mode query may ask for.
var AlertFields = []string{AlertFieldOutlier, AlertFieldDirection, AlertFieldScore, AlertFieldSignificance,
	AlertFieldThresholdBreach, AlertFieldVsPast, AlertFieldBreachETA, AlertFieldBreachProbability, AlertFieldDrift}

// DefaultDemoSeries is the generated series a demo query reads when it names none.
const DefaultDemoSeries = "messaging"

// Query limits that do not depend on settings.
const (
	MaxForecastHours = 24 * 14
	MaxExcludeRanges = 1000
	// MinStep keeps a runaway maxDataPoints from asking a source for sub-second data.
	MinStep = time.Second
)

// DatasourceRef names the Grafana datasource a grafana-source query reads.
type DatasourceRef struct {
	UID  string `json:"uid"`
	Type string `json:"type,omitempty"`
}

// ExcludeRange is a span left out of training, epoch milliseconds, inclusive.
type ExcludeRange struct {
	From float64 `json:"from"`
	To   float64 `json:"to"`
}

// Query is one Foresight query as the frontend saves it. Its JSON shape is the frontend's ForesightQuery
// (src/shared/contract.gen.ts, generated from this struct by TestContract): field comments become its docs.
// A query never carries a URL: those live in the datasource settings.
type Query struct {
	// Where the series come from. Defaults to the datasource's defaultSource.
	Source string `json:"source,omitempty"`
	// source = grafana: the datasource to read.
	SourceDatasource *DatasourceRef `json:"sourceDatasource,omitempty"`
	// source = grafana: that datasource's own query model, as its editor saves it.
	SourceQuery json.RawMessage `json:"sourceQuery,omitempty"`
	// source = prometheus: a PromQL expression, run as query_range at the query's step.
	Expr string `json:"expr,omitempty"`
	// Legend format for Prometheus series, e.g. {{instance}}.
	LegendFormat string `json:"legendFormat,omitempty"`
	// source = demo: which generated series.
	DemoSeries string `json:"demoSeries,omitempty"`
	// Model settings under Prophet's names; keys left out take the model's defaults.
	Params json.RawMessage `json:"params,omitempty"`
	// Days of history fetched before the dashboard range for training (at most maxTrainingDays). Defaults to
	// the datasource's defaultTrainingDays.
	TrainingDays int `json:"trainingDays,omitempty"`
	// Output shape; alert is what alert rules use.
	Mode string `json:"mode,omitempty"`
	// The numeric field an alert-mode frame carries.
	AlertField string `json:"alertField,omitempty"`
	// What counts as an alert: direction, minimum size, persistence, static thresholds and the past
	// comparison. Left out, outlier and score are the model's own.
	Alerting *Alerting `json:"alerting,omitempty"`
	// Early warning: thresholds (or an alert rule's) and a lead time; adds breach_eta, breach_probability and
	// drift to the frames.
	Warning *Warning `json:"warning,omitempty"`
	// Hours of forecast beyond the end of the range.
	ForecastHours float64 `json:"forecastHours,omitempty"`
	// Extra ranges left out of training, epoch ms, on top of foresight:exclude annotations.
	Exclude []ExcludeRange `json:"exclude,omitempty"`
	// Read foresight:exclude annotations from Grafana.
	UseExclusionAnnotations *bool `json:"useExclusionAnnotations,omitempty"`
	// The dashboard the query runs for, whose scoped exclusions apply. The frontend stamps it on every
	// query it sends from a dashboard; an alert rule's query may carry it.
	DashboardUID string `json:"dashboardUID,omitempty"`
	// The panel the query runs for, whose scoped exclusions apply (stamped like dashboardUID).
	PanelID int64 `json:"panelId,omitempty"`

	// Filled from the backend.DataQuery, not from the query JSON.
	RefID         string        `json:"-"`
	From          time.Time     `json:"-"`
	To            time.Time     `json:"-"`
	Step          time.Duration `json:"-"`
	MaxDataPoints int64         `json:"-"`
}

// ReadsAnnotations says whether foresight:exclude annotations should be read (default true).
func (q Query) ReadsAnnotations() bool {
	return q.UseExclusionAnnotations == nil || *q.UseExclusionAnnotations
}

// LoadQuery decodes one query, applies the datasource's defaults and validates every field. Errors wrap
// ErrInvalidQuery and name the field at fault.
func LoadQuery(dq backend.DataQuery, settings Settings) (Query, error) {
	q := Query{}
	if len(bytes.TrimSpace(dq.JSON)) > 0 {
		if err := json.Unmarshal(dq.JSON, &q); err != nil {
			return Query{}, fmt.Errorf("%w: the query is not valid JSON for Foresight: %v", ErrInvalidQuery, err)
		}
	}
	q.RefID = dq.RefID
	q.From = dq.TimeRange.From
	q.To = dq.TimeRange.To
	q.MaxDataPoints = dq.MaxDataPoints
	if !q.To.After(q.From) {
		return Query{}, fmt.Errorf("%w: the time range must end after it starts", ErrInvalidQuery)
	}
	q.Step = resolveStep(dq)
	q.applyDefaults(settings)
	return q, q.validate(settings)
}

func resolveStep(dq backend.DataQuery) time.Duration {
	step := dq.Interval
	if step <= 0 {
		points := dq.MaxDataPoints
		if points <= 0 {
			points = 1000
		}
		step = dq.TimeRange.Duration() / time.Duration(points)
	}
	return max(step.Truncate(time.Second), MinStep)
}

func (q *Query) applyDefaults(settings Settings) {
	if q.Source == "" {
		q.Source = settings.DefaultSource
	}
	if q.Mode == "" {
		q.Mode = ModeFull
	}
	if q.AlertField == "" {
		q.AlertField = AlertFieldOutlier
	}
	if q.TrainingDays == 0 {
		q.TrainingDays = settings.DefaultTrainingDays
	}
	if q.Source == SourceDemo && q.DemoSeries == "" {
		q.DemoSeries = DefaultDemoSeries
	}
	if q.UseExclusionAnnotations == nil {
		q.UseExclusionAnnotations = new(true)
	}
}

func (q Query) validate(settings Settings) error {
	invalid := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrInvalidQuery}, args...)...)
	}
	if !slices.Contains(SourceKinds, q.Source) {
		return invalid("source %q is not one of %s", q.Source, strings.Join(SourceKinds, ", "))
	}
	switch q.Source {
	case SourceGrafana:
		if q.SourceDatasource == nil || q.SourceDatasource.UID == "" {
			return invalid("sourceDatasource.uid is required when source is grafana")
		}
		if !isJSONObject(q.SourceQuery) {
			return invalid("sourceQuery must be a JSON object (the source datasource's own query) when source is grafana")
		}
	case SourcePrometheus:
		if q.Expr == "" {
			return invalid("expr (a PromQL expression) is required when source is prometheus")
		}
	}
	if len(q.Params) > 0 && !isJSONObject(q.Params) {
		return invalid("params must be a JSON object of model parameters")
	}
	if q.TrainingDays < 1 || q.TrainingDays > settings.MaxTrainingDays {
		return invalid("trainingDays must be between 1 and maxTrainingDays (%d), got %d", settings.MaxTrainingDays, q.TrainingDays)
	}
	if !slices.Contains(OutputModes, q.Mode) {
		return invalid("mode %q is not one of %s", q.Mode, strings.Join(OutputModes, ", "))
	}
	if !slices.Contains(AlertFields, q.AlertField) {
		return invalid("alertField %q is not one of %s", q.AlertField, strings.Join(AlertFields, ", "))
	}
	if err := q.validateAlerting(invalid); err != nil {
		return err
	}
	if err := q.validateWarning(); err != nil {
		return err
	}
	if math.IsNaN(q.ForecastHours) || q.ForecastHours < 0 || q.ForecastHours > MaxForecastHours {
		return invalid("forecastHours must be between 0 and %d, got %v", MaxForecastHours, q.ForecastHours)
	}
	if len(q.Exclude) > MaxExcludeRanges {
		return invalid("exclude holds %d ranges, more than %d", len(q.Exclude), MaxExcludeRanges)
	}
	for i, r := range q.Exclude {
		if math.IsNaN(r.From) || math.IsNaN(r.To) || math.IsInf(r.From, 0) || math.IsInf(r.To, 0) || r.To < r.From {
			return invalid("exclude[%d] must have finite from <= to (epoch ms), got from=%v to=%v", i, r.From, r.To)
		}
	}
	return nil
}

func isJSONObject(raw json.RawMessage) bool {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return false
	}
	var probe map[string]json.RawMessage
	return json.Unmarshal(trimmed, &probe) == nil
}
