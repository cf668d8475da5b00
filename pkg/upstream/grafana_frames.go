package upstream

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// FramesToSeries turns a datasource's frames into labelled series: every numeric field of a frame with a time
// field is one series, its labels kept. Long frames (string label columns) are first made wide. Frames without
// a time field or without numeric fields are skipped; times may be unsorted or repeated (Normalize sorts them).
func FramesToSeries(frames []*data.Frame, maxSeries, maxPoints int) ([]models.Series, error) {
	var out []models.Series
	for _, frame := range frames {
		if frame == nil || len(frame.Fields) == 0 {
			continue
		}
		wide, err := widen(frame)
		if err != nil {
			return nil, err
		}
		timeIndex := timeFieldIndex(wide)
		if timeIndex < 0 {
			continue
		}
		times, err := fieldTimes(wide.Fields[timeIndex])
		if err != nil {
			return nil, err
		}
		for i, field := range wide.Fields {
			if i == timeIndex || !field.Type().Numeric() {
				continue
			}
			if maxSeries > 0 && len(out) >= maxSeries {
				return nil, fmt.Errorf("%w: the source returns more than maxSeries (%d) series; narrow its query", models.ErrLimit, maxSeries)
			}
			if maxPoints > 0 && field.Len() > maxPoints {
				return nil, fmt.Errorf("%w: a series holds %d points, more than maxPointsPerSeries (%d)", models.ErrLimit, field.Len(), maxPoints)
			}
			s := models.Series{Name: fieldName(wide, field), Labels: copyLabels(field.Labels), Times: times, Values: fieldValues(field)}
			s.Normalize()
			out = append(out, s)
		}
	}
	return uniqueNames(out), nil
}

// widen converts a long frame (time, string columns, numbers) into a wide one; other frames pass through.
func widen(frame *data.Frame) (*data.Frame, error) {
	if frame.TimeSeriesSchema().Type != data.TimeSeriesTypeLong {
		return frame, nil
	}
	sorted := frame
	if timeIndex := timeFieldIndex(frame); timeIndex >= 0 {
		sorted = sortFrameByTime(frame, timeIndex)
	}
	wide, err := data.LongToWide(sorted, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: a long-format frame could not be split into series: %v", models.ErrUpstream, err)
	}
	return wide, nil
}

func sortFrameByTime(frame *data.Frame, timeIndex int) *data.Frame {
	n, err := frame.RowLen()
	if err != nil || n < 2 {
		return frame
	}
	field := frame.Fields[timeIndex]
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	at := func(i int) int64 {
		if t, ok := field.ConcreteAt(i); ok {
			return t.(time.Time).UnixNano()
		}
		return math.MinInt64
	}
	sort.SliceStable(order, func(a, b int) bool { return at(order[a]) < at(order[b]) })
	sorted := frame.EmptyCopy()
	for _, i := range order {
		sorted.AppendRow(frame.RowCopy(i)...)
	}
	return sorted
}

func timeFieldIndex(frame *data.Frame) int {
	for i, f := range frame.Fields {
		if f.Type().Time() {
			return i
		}
	}
	return -1
}

func fieldTimes(field *data.Field) ([]float64, error) {
	times := make([]float64, field.Len())
	for i := range times {
		v, ok := field.ConcreteAt(i)
		if !ok {
			times[i] = math.NaN()
			continue
		}
		t, isTime := v.(time.Time)
		if !isTime {
			return nil, fmt.Errorf("%w: time field %q holds a %T", models.ErrUpstream, field.Name, v)
		}
		times[i] = float64(t.UnixMilli())
	}
	return times, nil
}

// fieldValues reads a numeric field as float64, with NaN for nulls and infinities.
func fieldValues(field *data.Field) []float64 {
	values := make([]float64, field.Len())
	for i := range values {
		v, err := field.NullableFloatAt(i)
		if err != nil || v == nil || math.IsInf(*v, 0) {
			values[i] = math.NaN()
			continue
		}
		values[i] = *v
	}
	return values
}

func fieldName(frame *data.Frame, field *data.Field) string {
	if field.Config != nil && field.Config.DisplayNameFromDS != "" {
		return field.Config.DisplayNameFromDS
	}
	if field.Config != nil && field.Config.DisplayName != "" {
		return field.Config.DisplayName
	}
	generic := field.Name == "" || strings.EqualFold(field.Name, "value")
	if generic && frame.Name != "" {
		return frame.Name
	}
	if field.Name == "" {
		return "value"
	}
	return field.Name
}

func copyLabels(labels data.Labels) map[string]string {
	out := make(map[string]string, len(labels))
	for k, v := range labels {
		out[k] = v
	}
	return out
}

// uniqueNames gives series with the same identity distinct names, so frames and cache keys never collide.
func uniqueNames(series []models.Series) []models.Series {
	seen := map[string]int{}
	for i := range series {
		id := series[i].Identity()
		seen[id]++
		if n := seen[id]; n > 1 {
			series[i].Name = fmt.Sprintf("%s #%d", series[i].Name, n)
		}
	}
	return series
}
