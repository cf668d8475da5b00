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
// field is one series, its labels kept. Long frames (string or bool label columns) are split by their label
// values, each series holding only the rows it has. Frames without a time field or without numeric fields are
// skipped; times may be unsorted or repeated (Normalize sorts them).
func FramesToSeries(frames []*data.Frame, maxSeries, maxPoints int) ([]models.Series, error) {
	var out []models.Series
	for _, frame := range frames {
		if frame == nil || len(frame.Fields) == 0 {
			continue
		}
		var err error
		if frame.TimeSeriesSchema().Type == data.TimeSeriesTypeLong {
			out, err = appendLongSeries(out, frame, maxSeries, maxPoints)
		} else {
			out, err = appendWideSeries(out, frame, maxSeries, maxPoints)
		}
		if err != nil {
			return nil, err
		}
	}
	return uniqueNames(out), nil
}

func tooManySeries(maxSeries int) error {
	return fmt.Errorf("%w: the source returns more than maxSeries (%d) series; narrow its query", models.ErrLimit, maxSeries)
}

func tooManyPoints(points, maxPoints int) error {
	return fmt.Errorf("%w: a series holds %d points, more than maxPointsPerSeries (%d)", models.ErrLimit, points, maxPoints)
}

// appendWideSeries adds one series per numeric field of a frame with one time column.
func appendWideSeries(out []models.Series, frame *data.Frame, maxSeries, maxPoints int) ([]models.Series, error) {
	timeIndex := timeFieldIndex(frame)
	if timeIndex < 0 {
		return out, nil
	}
	times, err := fieldTimes(frame.Fields[timeIndex])
	if err != nil {
		return nil, err
	}
	for i, field := range frame.Fields {
		if i == timeIndex || !field.Type().Numeric() {
			continue
		}
		if maxSeries > 0 && len(out) >= maxSeries {
			return nil, tooManySeries(maxSeries)
		}
		if maxPoints > 0 && field.Len() > maxPoints {
			return nil, tooManyPoints(field.Len(), maxPoints)
		}
		s := models.Series{Name: fieldName(frame, field), Labels: copyLabels(field.Labels), Times: times, Values: fieldValues(field)}
		s.Normalize()
		out = append(out, s)
	}
	return out, nil
}

// appendLongSeries splits a long frame (a time column, label columns of strings or bools, numeric columns; a SQL
// table) by its label values: one series per label set and numeric column, with the value field's own labels
// and the label columns'. A series holds only its own rows: a label set absent at some time has no point there,
// not a 0 (widening the frame filled such cells with the type's zero, a sudden drop to train on), and the work is
// one pass over the rows, bounded by maxSeries and maxPoints as it goes (a wide frame of every label set at every
// time grew with rows squared before any bound applied). Rows without a time are skipped.
func appendLongSeries(out []models.Series, frame *data.Frame, maxSeries, maxPoints int) ([]models.Series, error) {
	schema := frame.TimeSeriesSchema()
	timeField := frame.Fields[schema.TimeIndex]
	var values []int
	for _, i := range schema.ValueIndices {
		if frame.Fields[i].Type().Numeric() {
			values = append(values, i)
		}
	}
	rows, err := frame.RowLen()
	if err != nil {
		return nil, fmt.Errorf("%w: a long-format frame has fields of different lengths", models.ErrUpstream)
	}
	type key struct {
		labels string
		field  int
	}
	index := map[key]int{}
	first := len(out)
	var labelText strings.Builder
	for row := 0; row < rows; row++ {
		v, ok := timeField.ConcreteAt(row)
		if !ok {
			continue
		}
		t, isTime := v.(time.Time)
		if !isTime {
			return nil, fmt.Errorf("%w: time field %q holds a %T", models.ErrUpstream, timeField.Name, v)
		}
		labelText.Reset()
		for _, f := range schema.FactorIndices {
			labelText.WriteString(factorValue(frame.Fields[f], row))
			labelText.WriteByte(0)
		}
		for _, f := range values {
			k := key{labels: labelText.String(), field: f}
			at, seen := index[k]
			if !seen {
				if maxSeries > 0 && len(out) >= maxSeries {
					return nil, tooManySeries(maxSeries)
				}
				at = len(out)
				index[k] = at
				out = append(out, longSeries(frame, f, schema.FactorIndices, row))
			}
			s := &out[at]
			if maxPoints > 0 && len(s.Times) >= maxPoints {
				return nil, tooManyPoints(len(s.Times)+1, maxPoints)
			}
			s.Times = append(s.Times, float64(t.UnixMilli()))
			s.Values = append(s.Values, fieldValueAt(frame.Fields[f], row))
		}
	}
	for _, k := range index {
		out[k].Normalize()
	}
	// In the order widening gave them, whatever order the rows came in (a GROUP BY leaves it open within a
	// time): by field name, then label values in column order.
	added := out[first:]
	sort.SliceStable(added, func(i, j int) bool {
		a, b := added[i], added[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		for _, f := range schema.FactorIndices {
			name := frame.Fields[f].Name
			if a.Labels[name] != b.Labels[name] {
				return a.Labels[name] < b.Labels[name]
			}
		}
		return false // one name and label set: value columns stay in column order (the sort is stable)
	})
	return out, nil
}

// longSeries is the empty series of value field f for the label values of row.
func longSeries(frame *data.Frame, f int, factors []int, row int) models.Series {
	field := frame.Fields[f]
	labels := copyLabels(field.Labels)
	for _, c := range factors {
		labels[frame.Fields[c].Name] = factorValue(frame.Fields[c], row)
	}
	return models.Series{Name: fieldName(frame, field), Labels: labels, Times: []float64{}, Values: []float64{}}
}

// factorValue is a label column's value at row as text ("" for null).
func factorValue(field *data.Field, row int) string {
	v, ok := field.ConcreteAt(row)
	if !ok {
		return ""
	}
	return fmt.Sprint(v)
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
		values[i] = fieldValueAt(field, i)
	}
	return values
}

// fieldValueAt is a numeric field's value at row i, NaN for a null or an infinity.
func fieldValueAt(field *data.Field, i int) float64 {
	v, err := field.NullableFloatAt(i)
	if err != nil || v == nil || math.IsInf(*v, 0) {
		return math.NaN()
	}
	return *v
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

// uniqueNames gives series with the same identity distinct names ("cpu #2"), so frames and cache keys never
// collide; a name so made that another series already has takes the next number. Each identity resumes its
// count where it stopped, so a thousand same-named series cost a thousand names, not half a million tries.
func uniqueNames(series []models.Series) []models.Series {
	ids := make([]string, len(series))
	seen := make(map[string]bool, len(series))
	for i := range series {
		ids[i] = series[i].Identity()
		seen[ids[i]] = true
	}
	taken := make(map[string]bool, len(series))
	next := map[string]int{}
	for i := range series {
		id := ids[i]
		if !taken[id] {
			taken[id] = true
			continue
		}
		base := series[i].Name
		n := max(next[id], 2)
		for {
			series[i].Name = fmt.Sprintf("%s #%d", base, n)
			n++
			// A name some series has of its own is passed over, wherever that series comes.
			if candidate := series[i].Identity(); !seen[candidate] && !taken[candidate] {
				taken[candidate] = true
				break
			}
		}
		next[id] = n
	}
	return series
}
