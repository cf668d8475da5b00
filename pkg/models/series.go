package models

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Series is one labelled series read from a source: times in epoch milliseconds, values with NaN for missing.
type Series struct {
	Name   string
	Labels map[string]string
	Times  []float64
	Values []float64
}

// NameWithLabels is a series' name followed by its labels, as Grafana's Prometheus datasource shows a series
// without a legend (up{instance="a:9100", job="node"}): for people, where the name alone may be shared. The
// metric name label is left out when it is the name already.
func NameWithLabels(name string, labels map[string]string) string {
	keys := slices.Sorted(maps.Keys(labels))
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		if k != "__name__" || labels[k] != name {
			parts = append(parts, k+"="+strconv.Quote(labels[k]))
		}
	}
	if len(parts) == 0 {
		return name
	}
	return name + "{" + strings.Join(parts, ", ") + "}"
}

// Identity is a stable text naming the series among the ones of its query: its name and sorted labels, each
// quoted, so two different label sets never print the same ({a="1,b=2"} and {a="1",b="2"} would without quotes,
// and the second series' points would join the first's).
func (s Series) Identity() string {
	keys := slices.Sorted(maps.Keys(s.Labels))
	var b strings.Builder
	b.WriteString(strconv.Quote(s.Name))
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(k))
		b.WriteByte('=')
		b.WriteString(strconv.Quote(s.Labels[k]))
	}
	b.WriteByte('}')
	return b.String()
}

// Normalize sorts the points by time and keeps the last value of duplicate times that is a number (a later
// null does not erase a reading of the same time), so every later step can rely on strictly increasing times.
// NaN values stay where a time has no number (they mean missing).
func (s *Series) Normalize() {
	if s.isNormalized() {
		return // as sources such as Prometheus return them: checking is much cheaper than sorting a copy
	}
	n := min(len(s.Times), len(s.Values))
	// A NaN time cannot be placed, and left in it would break the sort's order (NaN is neither before nor after).
	order := make([]int, 0, n)
	for i := range n {
		if t := s.Times[i]; t == t {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return s.Times[order[a]] < s.Times[order[b]] })
	times := make([]float64, 0, len(order))
	values := make([]float64, 0, len(order))
	for _, i := range order {
		t, v := s.Times[i], s.Values[i]
		if k := len(times); k > 0 && times[k-1] == t {
			if v == v {
				values[k-1] = v
			}
			continue
		}
		times = append(times, t)
		values = append(values, v)
	}
	s.Times, s.Values = times, values
}

// isNormalized says whether Normalize would leave the series as it is: one value per time, times strictly
// increasing and none NaN.
func (s *Series) isNormalized() bool {
	if len(s.Times) != len(s.Values) {
		return false
	}
	for i := 1; i < len(s.Times); i++ {
		if !(s.Times[i-1] < s.Times[i]) { // false for a NaN time too
			return false
		}
	}
	return len(s.Times) == 0 || s.Times[0] == s.Times[0]
}
