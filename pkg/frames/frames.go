// Package frames turns per-series results into data-plane frames: a full mode the core Time series panel draws
// as value, expectation, band and outlier points, and an alert mode whose first numeric field is the one an
// alert rule reduces. Missing values are nulls, never NaN.
package frames

import (
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// Field names of a full-mode frame.
const (
	FieldTime     = "time"
	FieldValue    = "value"
	FieldYhat     = "yhat"
	FieldLower    = "yhat_lower"
	FieldUpper    = "yhat_upper"
	FieldOutlier  = "outlier"
	FieldScore    = "score"
	FieldExcluded = "excluded"
	FieldAnomaly  = "anomaly"

	// Alert fields, hidden from the chart and shown in the tooltip (the table in docs/backend.md).

	// FieldSignificance is the mean score over the last persistence window, in [0, 1].
	FieldSignificance = "significance"
	// FieldAlert is 1 when at least persistence.required of the last window points are outliers, else 0.
	FieldAlert = "alert"
	// FieldDirection is the side of the latest outlier (-1 below, +1 above) where alert is 1, else 0.
	FieldDirection = "direction"
	// FieldThresholdBreach is +1 above alerting.thresholdAbove, -1 below thresholdBelow, else 0 (only when one is set).
	FieldThresholdBreach = "threshold_breach"
	// FieldVsPast is the value over the median of the same slot in the last pastWeeks clean weeks.
	FieldVsPast = "vs_past"

	// Early-warning fields (with a warning object; drift also in alert mode on drift).

	// FieldBreachETA is the seconds until the forecast's expectation crosses a warning threshold, on the latest
	// point of each series only (null elsewhere, and when it does not cross within the lead time).
	FieldBreachETA = "breach_eta"
	// FieldBreachProbability is the chance (0 to 1) that the series crosses a warning threshold within the lead
	// time, on the latest point of each series only (null elsewhere).
	FieldBreachProbability = "breach_probability"
	// FieldDrift is -1 or +1 per point while the series drifts below or above the expectation, else 0.
	FieldDrift = "drift"
)

// FrameCustom is what a full-mode frame carries in meta.custom for the Foresight panel.
type FrameCustom struct {
	// The early warning the breach fields were computed for (absent without one).
	Warning *WarningMeta `json:"warning,omitempty"`
}

// WarningMeta is an early warning's thresholds and lead time, so the panel can draw them.
type WarningMeta struct {
	// The threshold warned about from below (absent when none).
	Above *float64 `json:"above,omitempty"`
	// The threshold warned about from above (absent when none).
	Below *float64 `json:"below,omitempty"`
	// How far ahead the warning looks, in seconds.
	LeadSeconds float64 `json:"leadSeconds"`
}

// bandFillOpacity is the band's shade in the core panel.
const bandFillOpacity = 20

// Build returns the frames of one query in the query's mode; notices apply to the whole query and ride on
// the first frame.
func Build(q models.Query, results []forecast.SeriesResult, notices []string) data.Frames {
	var out data.Frames
	if q.Mode == models.ModeAlert {
		out = alertFrames(q, results)
	} else {
		names := displayNames(results)
		for i, r := range results {
			out = append(out, fullFrame(q.RefID, r, names[i]))
		}
	}
	if len(out) == 0 {
		empty := data.NewFrame("")
		empty.RefID = q.RefID
		empty.Meta = multiMeta()
		out = data.Frames{empty}
	}
	for _, text := range notices {
		out[0].AppendNotices(data.Notice{Severity: data.NoticeSeverityWarning, Text: text})
	}
	return out
}

func multiMeta() *data.FrameMeta {
	return &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
}

// fullFrame holds one series: its points on screen, then the forecast (value null) when there is one.
func fullFrame(refID string, r forecast.SeriesResult, name string) *data.Frame {
	n, m := len(r.Times), len(r.ForecastTimes)
	times := make([]time.Time, 0, n+m)
	for _, t := range r.Times {
		times = append(times, time.UnixMilli(int64(t)).UTC())
	}
	for _, t := range r.ForecastTimes {
		times = append(times, time.UnixMilli(int64(t)).UTC())
	}
	pad := func(values, forecastValues []float64) []*float64 {
		out := Nullable(values)
		if m == 0 {
			return out
		}
		if forecastValues == nil {
			return append(out, make([]*float64, m)...)
		}
		return append(out, Nullable(forecastValues)...)
	}
	anomaly := make([]float64, n)
	excluded := make([]float64, n)
	for i := range anomaly {
		anomaly[i] = math.NaN()
		if r.Outlier[i] != 0 && !math.IsNaN(r.Outlier[i]) {
			anomaly[i] = r.Values[i]
		}
		if r.Excluded[i] {
			excluded[i] = 1
		}
	}
	labels := data.Labels(r.Labels)
	value := data.NewField(FieldValue, labels, pad(r.Values, nil)).SetConfig(&data.FieldConfig{DisplayNameFromDS: name})
	yhat := data.NewField(FieldYhat, labels, pad(r.Yhat, r.ForecastYhat)).SetConfig(&data.FieldConfig{
		DisplayNameFromDS: name + " expected",
		Custom:            map[string]any{"lineWidth": 1, "lineStyle": map[string]any{"fill": "dash", "dash": []int{10, 10}}},
	})
	upper := data.NewField(FieldUpper, labels, pad(r.Upper, r.ForecastUpper)).SetConfig(&data.FieldConfig{
		DisplayNameFromDS: name + " upper",
		Custom: map[string]any{
			"fillBelowTo": name + " lower", "fillOpacity": bandFillOpacity, "lineWidth": 0,
			"hideFrom": map[string]any{"legend": true, "tooltip": false, "viz": false},
		},
	})
	lower := data.NewField(FieldLower, labels, pad(r.Lower, r.ForecastLower)).SetConfig(&data.FieldConfig{
		DisplayNameFromDS: name + " lower",
		Custom: map[string]any{
			"lineWidth": 0, "fillOpacity": 0,
			"hideFrom": map[string]any{"legend": true, "tooltip": false, "viz": false},
		},
	})
	anomalyField := data.NewField(FieldAnomaly, labels, pad(anomaly, nil)).SetConfig(&data.FieldConfig{
		DisplayNameFromDS: name + " outside the band",
		Color:             map[string]any{"mode": "fixed", "fixedColor": "red"},
		Custom:            map[string]any{"drawStyle": "points", "pointSize": 9, "showPoints": "always"},
	})
	hidden := func(field *data.Field, suffix string) *data.Field {
		return field.SetConfig(&data.FieldConfig{
			DisplayNameFromDS: name + " " + suffix,
			Custom:            map[string]any{"hideFrom": map[string]any{"legend": true, "tooltip": false, "viz": true}},
		})
	}
	frame := data.NewFrame(name,
		data.NewField(FieldTime, nil, times),
		value, yhat, upper, lower,
		hidden(data.NewField(FieldOutlier, labels, pad(r.Outlier, nil)), FieldOutlier),
		hidden(data.NewField(FieldScore, labels, pad(r.Score, nil)), FieldScore),
		hidden(data.NewField(FieldExcluded, labels, pad(excluded, nil)), FieldExcluded),
		anomalyField,
	)
	for _, f := range alertFieldsOf(r) {
		if f.values != nil {
			frame.Fields = append(frame.Fields, hidden(data.NewField(f.name, labels, pad(f.values, nil)), f.name))
		}
	}
	frame.RefID = refID
	frame.Meta = multiMeta()
	if w := r.Warned; w != nil {
		frame.Meta.Custom = FrameCustom{Warning: &WarningMeta{Above: w.Thresholds.Above, Below: w.Thresholds.Below, LeadSeconds: w.LeadMs / 1000}}
	}
	for _, text := range r.Notices {
		frame.AppendNotices(data.Notice{Severity: data.NoticeSeverityWarning, Text: name + ": " + text})
	}
	return frame
}

// alertFrames returns one frame per series whose only numeric field is outlier (0/1: outside the band on
// either side) or score, with the series' labels, made unique so each series is one alert instance.
func alertFrames(q models.Query, results []forecast.SeriesResult) data.Frames {
	labelSets := uniqueLabelSets(results)
	names := displayNames(results)
	frames := make(data.Frames, 0, len(results))
	for i, r := range results {
		times := make([]time.Time, len(r.Times))
		for j, t := range r.Times {
			times[j] = time.UnixMilli(int64(t)).UTC()
		}
		values := alertValues(q.AlertField, r)
		frame := data.NewFrame(q.AlertField,
			data.NewField(FieldTime, nil, times),
			data.NewField(q.AlertField, labelSets[i], Nullable(values)),
		)
		frame.RefID = q.RefID
		frame.Meta = multiMeta()
		for _, text := range r.Notices {
			frame.AppendNotices(data.Notice{Severity: data.NoticeSeverityWarning, Text: names[i] + ": " + text})
		}
		frames = append(frames, frame)
	}
	return frames
}

// namedValues is one optional per-point field of a result.
type namedValues struct {
	name   string
	values []float64
}

// alertFieldsOf lists the alert fields of a result in frame order; nil values were not computed.
func alertFieldsOf(r forecast.SeriesResult) []namedValues {
	return []namedValues{
		{FieldSignificance, r.Significance},
		{FieldAlert, r.Alert},
		{FieldDirection, r.Direction},
		{FieldThresholdBreach, r.ThresholdBreach},
		{FieldVsPast, r.VsPast},
		{FieldBreachETA, r.BreachETA},
		{FieldBreachProbability, r.BreachProbability},
		{FieldDrift, r.Drift},
	}
}

// alertValues picks the values an alert-mode frame carries: for outlier, the 0/1 alert flag (the model's
// outlier on either side when the query has no alerting object, as before alert controls existed).
func alertValues(field string, r forecast.SeriesResult) []float64 {
	values := alertFieldValues(field, r)
	if values == nil { // not computed (a warning whose rule could not be read): no data, not a broken frame
		values = make([]float64, len(r.Times))
		for i := range values {
			values[i] = math.NaN()
		}
	}
	return values
}

// alertFieldValues is the named field of a result: the alert fields by the full frame's names (the query's
// alertField values are the same strings), score, and for outlier the persistence-gated alert flag.
func alertFieldValues(field string, r forecast.SeriesResult) []float64 {
	switch field {
	case models.AlertFieldScore:
		return r.Score
	case models.AlertFieldOutlier:
		if r.Alert == nil { // a result built without pkg/alerting: the outlier flag on either side
			values := make([]float64, len(r.Outlier))
			for j, o := range r.Outlier {
				values[j] = math.Abs(o) // NaN stays NaN (not judged) and becomes null
			}
			return values
		}
		return r.Alert
	}
	for _, named := range alertFieldsOf(r) {
		if named.name == field {
			return named.values
		}
	}
	return nil
}

// uniqueLabelSets keeps each series' labels, adding a "series" label (its name) where two series would
// otherwise share a label set, since Grafana needs one label set per alert instance.
func uniqueLabelSets(results []forecast.SeriesResult) []data.Labels {
	sets := make([]data.Labels, len(results))
	count := map[string]int{}
	for i, r := range results {
		sets[i] = data.Labels{}
		for k, v := range r.Labels {
			sets[i][k] = v
		}
		count[sets[i].String()]++
	}
	for i, r := range results {
		if count[sets[i].String()] > 1 {
			sets[i]["series"] = displayName(r)
		}
	}
	return sets
}

// displayNames names each result as displayName does, but a name several results share (every target of `up`
// from a Prometheus query without a legend) is followed by the labels that tell them apart, as Grafana's
// Prometheus datasource shows them: up{instance="a:9100", job="node"}. Only what Grafana draws changes; the
// series' identity, and so its stored fits and selection, stay as they were.
func displayNames(results []forecast.SeriesResult) []string {
	names := make([]string, len(results))
	count := make(map[string]int, len(results))
	for i, r := range results {
		names[i] = displayName(r)
		count[names[i]]++
	}
	for i, r := range results {
		if count[names[i]] < 2 || r.Name == "" {
			continue
		}
		// A legend's name keeps the metric label: the metric may be what differs.
		names[i] = models.NameWithLabels(names[i], r.Labels)
	}
	return names
}

func displayName(r forecast.SeriesResult) string {
	if r.Name != "" {
		return r.Name
	}
	keys := slices.Sorted(maps.Keys(r.Labels))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + r.Labels[k]
	}
	if len(parts) == 0 {
		return "series"
	}
	return strings.Join(parts, ", ")
}

// Nullable maps NaN and infinities to nulls: frames and JSON answers never carry NaN.
func Nullable(values []float64) []*float64 {
	out := make([]*float64, len(values))
	for i := range values {
		if !math.IsNaN(values[i]) && !math.IsInf(values[i], 0) {
			v := values[i]
			out[i] = &v
		}
	}
	return out
}
