package alerting

import (
	"math"
	"testing"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

const hourMs = 3_600_000.0

// weekly is six weeks of hourly values with a weekly pattern: 100 + the hour of the week.
func weekly() (times, values []float64) {
	for t := 0.0; t < 6*weekMs; t += hourMs {
		times = append(times, t)
		values = append(values, 100+math.Mod(t, weekMs)/hourMs)
	}
	return times, values
}

func TestVsPast(t *testing.T) {
	times, values := weekly()
	// Week 4 (the second before the last) carries an incident that doubled the values, and is excluded.
	incident := models.ExcludeRange{From: 4 * weekMs, To: 5*weekMs - 1}
	for i, ts := range times {
		if ts >= incident.From && ts <= incident.To {
			values[i] *= 2
		}
	}
	// The range is the last week; its point at hour 30 is halved.
	lo := int(5 * weekMs / hourMs)
	rangeTimes := append([]float64(nil), times[lo:]...)
	rangeValues := append([]float64(nil), values[lo:]...)
	rangeValues[30] /= 2
	history := History{Times: times, Values: values, Exclude: []models.ExcludeRange{incident}, StepMs: hourMs}

	ratio := VsPast(rangeTimes, rangeValues, history, 4)
	t.Run("should read about 1 on normal points despite the excluded week", func(t *testing.T) {
		for i, r := range ratio {
			if i != 30 && math.Abs(r-1) > 1e-9 {
				t.Fatalf("vs_past[%d] = %v, want 1 (the excluded doubled week must be skipped)", i, r)
			}
		}
	})
	t.Run("should read about 0.5 on a halved point", func(t *testing.T) {
		if math.Abs(ratio[30]-0.5) > 1e-9 {
			t.Errorf("vs_past = %v, want 0.5", ratio[30])
		}
	})
	t.Run("should learn the doubled week when it is not excluded", func(t *testing.T) {
		open := VsPast(rangeTimes, rangeValues, History{Times: times, Values: values, StepMs: hourMs}, 2)
		// Two weeks back: the normal week 3 and the doubled week 4; median 1.5 times normal.
		if math.Abs(open[0]-1/1.5) > 1e-9 {
			t.Errorf("vs_past = %v, want %v", open[0], 1/1.5)
		}
	})
	t.Run("should be null with fewer than two past weeks", func(t *testing.T) {
		short := VsPast(rangeTimes, rangeValues, History{Times: times[lo-200:], Values: values[lo-200:], StepMs: hourMs}, 4)
		if !math.IsNaN(short[0]) {
			t.Errorf("vs_past = %v with at most one past week, want NaN", short[0])
		}
	})
	t.Run("should match a slot within half a step only", func(t *testing.T) {
		shifted := VsPast([]float64{5*weekMs + 0.4*hourMs}, []float64{100}, History{Times: times, Values: values, StepMs: hourMs}, 3)
		if math.IsNaN(shifted[0]) {
			t.Error("a point 0.4 steps off the grid found no past slot")
		}
		off := VsPast([]float64{5*weekMs + 0.6*hourMs}, []float64{100}, History{Times: times, Values: values, StepMs: 0.5 * hourMs}, 3)
		if !math.IsNaN(off[0]) {
			t.Errorf("a point 0.6 h from every slot with a half-hour step matched one: %v", off[0])
		}
	})
	t.Run("should be null where the past median is 0 or the value is missing", func(t *testing.T) {
		zeros := make([]float64, len(values))
		got := VsPast([]float64{5 * weekMs, 5*weekMs + hourMs}, []float64{3, math.NaN()}, History{Times: times, Values: zeros, StepMs: hourMs}, 4)
		if !math.IsNaN(got[0]) || !math.IsNaN(got[1]) {
			t.Errorf("vs_past = %v, want nulls", got)
		}
	})
}
