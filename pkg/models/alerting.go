package models

import (
	"math"
	"slices"
	"strings"
	"time"
)

// Directions an alerting object may let through.
const (
	DirectionBoth  = "both"
	DirectionAbove = "above"
	DirectionBelow = "below"
)

// AlertDirections lists the values of alerting.direction.
var AlertDirections = []string{DirectionBoth, DirectionAbove, DirectionBelow}

// Bounds of the alerting object.
const (
	DefaultPastWeeks = 4
	MaxPastWeeks     = 8
	// MinPastWeeks is the fewest past weeks with a value that make a comparison (pkg/alerting's VsPast).
	MinPastWeeks = 2
	// MaxPersistenceWindow bounds the points a persistence window spans (a day of minute data).
	MaxPersistenceWindow = 1440
)

// Alerting shapes what a query reports as an alert: which sides count, how large a deviation must be, how long
// it must last, and the static thresholds and past comparison a rule can combine with the band.
type Alerting struct {
	// Which deviations count: both (default), above or below the expectation.
	Direction string `json:"direction,omitempty"`
	// A deviation |value - expectation| smaller than this is never an outlier (default 0).
	MinAbsolute float64 `json:"minAbsolute,omitempty"`
	// A deviation smaller than this fraction of |expectation| is never an outlier (default 0).
	MinRelative float64 `json:"minRelative,omitempty"`
	// alert = 1 when at least required of the last window points are outliers (default 1 of 1: every outlier).
	Persistence *Persistence `json:"persistence,omitempty"`
	// threshold_breach = +1 where the value is above this.
	ThresholdAbove *float64 `json:"thresholdAbove,omitempty"`
	// threshold_breach = -1 where the value is below this.
	ThresholdBelow *float64 `json:"thresholdBelow,omitempty"`
	// Weeks vs_past looks back (2 to 8, default 4 when 0 or absent; read before the range as far as maxPointsPerSeries allows).
	PastWeeks int `json:"pastWeeks,omitempty"`
}

// Persistence is a k-of-n rule over consecutive points.
type Persistence struct {
	Window   int `json:"window"`
	Required int `json:"required"`
}

// HasThreshold says whether a static threshold is set (and so threshold_breach is computed).
func (a Alerting) HasThreshold() bool {
	return a.ThresholdAbove != nil || a.ThresholdBelow != nil
}

// Controls returns the query's alerting object with every default filled.
func (q Query) Controls() Alerting {
	return q.Alerting.Resolved()
}

// Resolved returns the object with every default filled (a nil object takes them all); the defaults reproduce
// the model's own outlier and score.
func (a *Alerting) Resolved() Alerting {
	resolved := Alerting{}
	if a != nil {
		resolved = *a
	}
	a = &resolved
	if a.Direction == "" {
		a.Direction = DirectionBoth
	}
	if a.Persistence == nil {
		a.Persistence = &Persistence{Window: 1, Required: 1}
	}
	if a.PastWeeks == 0 {
		a.PastWeeks = DefaultPastWeeks
	}
	return resolved
}

// ComparesPast says whether the query's frames carry vs_past, which needs pastWeeks of history before the
// range even when every fit is cached: alert mode on vs_past, or full mode with an alerting object.
func (q Query) ComparesPast() bool {
	if q.Mode == ModeAlert {
		return q.AlertField == AlertFieldVsPast
	}
	return q.Alerting != nil
}

func (q Query) validateAlerting(invalid func(string, ...any) error) error {
	if q.AlertField == AlertFieldThresholdBreach && (q.Alerting == nil || !q.Alerting.HasThreshold()) {
		return invalid("alertField threshold_breach needs alerting.thresholdAbove or alerting.thresholdBelow: without one the rule could never fire")
	}
	if q.Alerting == nil {
		return nil
	}
	a := *q.Alerting
	if a.Direction != "" && !slices.Contains(AlertDirections, a.Direction) {
		return invalid("alerting.direction %q is not one of %s", a.Direction, strings.Join(AlertDirections, ", "))
	}
	for _, m := range []struct {
		name  string
		value float64
	}{{"minAbsolute", a.MinAbsolute}, {"minRelative", a.MinRelative}} {
		if math.IsNaN(m.value) || math.IsInf(m.value, 0) || m.value < 0 {
			return invalid("alerting.%s must be a finite number >= 0, got %v", m.name, m.value)
		}
	}
	for _, th := range []struct {
		name  string
		value *float64
	}{{"thresholdAbove", a.ThresholdAbove}, {"thresholdBelow", a.ThresholdBelow}} {
		if th.value != nil && (math.IsNaN(*th.value) || math.IsInf(*th.value, 0)) {
			return invalid("alerting.%s must be a finite number, got %v", th.name, *th.value)
		}
	}
	if a.ThresholdAbove != nil && a.ThresholdBelow != nil && *a.ThresholdBelow > *a.ThresholdAbove {
		return invalid("alerting.thresholdBelow (%v) must not exceed alerting.thresholdAbove (%v)", *a.ThresholdBelow, *a.ThresholdAbove)
	}
	if a.PastWeeks != 0 && (a.PastWeeks < MinPastWeeks || a.PastWeeks > MaxPastWeeks) {
		return invalid("alerting.pastWeeks must be between %d and %d (vs_past is the median of at least %d), got %d",
			MinPastWeeks, MaxPastWeeks, MinPastWeeks, a.PastWeeks)
	}
	if p := a.Persistence; p != nil {
		if p.Window < 1 || p.Window > MaxPersistenceWindow {
			return invalid("alerting.persistence.window must be between 1 and %d points, got %d", MaxPersistenceWindow, p.Window)
		}
		if p.Required < 1 || p.Required > p.Window {
			return invalid("alerting.persistence.required must be between 1 and window (%d), got %d", p.Window, p.Required)
		}
		// An alert rule's range shorter than the window would count a partial window and never see k of n. A
		// range of window steps holds the window wherever "now" falls between two steps.
		if points := q.rangePoints(); q.Mode == ModeAlert && points < int64(p.Window) {
			return invalid("alerting.persistence.window (%d points of %v) is longer than the query's time range (%d points); widen the rule's range to at least %v",
				p.Window, q.Step, points, time.Duration(p.Window)*q.Step)
		}
	}
	return nil
}

// rangePoints is how many points of the step the range holds: sources are read at multiples of the step since the
// Unix epoch (forecast.NewPlan), so a range whose ends fall between steps (an alert rule's "now") holds one point
// fewer than its length in steps suggests.
func (q Query) rangePoints() int64 {
	step := q.Step.Milliseconds()
	from, to := q.From.UnixMilli(), q.To.UnixMilli()
	first := from / step
	if first*step < from {
		first++
	}
	last := to / step
	if last*step > to {
		last--
	}
	return last - first + 1
}
