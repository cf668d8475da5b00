package alerting

import (
	"math"
	"slices"
	"testing"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

var nan = math.NaN()

// judged is a hand-made range: expectation 100 everywhere, the model flagging the points outside [90, 110].
func judged(values ...float64) Judged {
	n := len(values)
	j := Judged{Times: make([]float64, n), Values: values, Yhat: make([]float64, n), Outlier: make([]float64, n), Score: make([]float64, n)}
	for i, v := range values {
		j.Times[i] = float64(i) * 300e3
		j.Yhat[i] = 100
		switch {
		case math.IsNaN(v):
			j.Outlier[i], j.Score[i] = nan, nan
		case v > 110:
			j.Outlier[i], j.Score[i] = 1, 0.9
		case v < 90:
			j.Outlier[i], j.Score[i] = -1, 0.9
		default:
			j.Score[i] = 0.2
		}
	}
	return j
}

func controls(a models.Alerting) models.Alerting { return (&a).Resolved() }

// same compares slices treating NaN as equal to NaN.
func same(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) })
}

func TestFilter(t *testing.T) {
	j := judged(100, 120, 80, nan, 111, 50)
	t.Run("should take a flagged point's side from its flag, not from the drawn expectation", func(t *testing.T) {
		// An ensemble's members vote on the outlier; the yhat drawn is its lead member's and may sit on the other
		// side: value 113.77 against 113.14 flagged below, which an above-only rule took for a rise.
		e := Judged{Times: []float64{0, 1}, Values: []float64{113.77, 120}, Yhat: []float64{113.14, 100},
			Outlier: []float64{-1, 1}, Score: []float64{0.9, 0.9}}
		outlier, _ := Filter(e, controls(models.Alerting{Direction: models.DirectionAbove}))
		if !same(outlier, []float64{0, 1}) {
			t.Errorf("above only: %v, want the drop dropped and the rise kept", outlier)
		}
		outlier, _ = Filter(e, controls(models.Alerting{Direction: models.DirectionBelow}))
		if !same(outlier, []float64{-1, 0}) {
			t.Errorf("below only: %v, want the drop kept", outlier)
		}
	})
	t.Run("should measure a flagged point's size on its flag's side of the drawn expectation", func(t *testing.T) {
		// An ensemble of three flags 100 above (two members expect 50) while its lead draws 130: 30 off, but below
		// the line. The rule's minimum of 20 is about the drawn deviation, which is no rise at all; a flag the
		// drawn expectation agrees with keeps its size.
		e := Judged{Times: []float64{0, 1, 2, 3}, Values: []float64{100, 100, 100, 100}, Yhat: []float64{130, 70, 70, 130},
			Outlier: []float64{1, 1, -1, -1}, Score: []float64{0.9, 0.9, 0.9, 0.9}}
		outlier, score := Filter(e, controls(models.Alerting{MinAbsolute: 20}))
		if !same(outlier, []float64{0, 1, 0, -1}) || !same(score, []float64{0, 0.9, 0, 0.9}) {
			t.Errorf("outlier %v score %v, want only the flags the drawn deviation agrees with", outlier, score)
		}
		outlier, _ = Filter(e, controls(models.Alerting{MinRelative: 0.1}))
		if !same(outlier, []float64{0, 1, 0, -1}) {
			t.Errorf("relative: outlier %v, want only the flags the drawn deviation agrees with", outlier)
		}
	})
	t.Run("should keep a flagged point's side when its expectation is not finite", func(t *testing.T) {
		// Huge values can overflow the expectation (the pipeline turns it into NaN) while the model still flags the
		// point: its side is the flag's, and a rise must not pass a rule on drops only.
		e := Judged{Times: []float64{0, 1}, Values: []float64{1e308, -1e308}, Yhat: []float64{nan, nan},
			Outlier: []float64{1, -1}, Score: []float64{1, 1}}
		outlier, score := Filter(e, controls(models.Alerting{Direction: models.DirectionBelow}))
		if !same(outlier, []float64{0, -1}) || !same(score, []float64{0, 1}) {
			t.Errorf("below only: outlier %v score %v, want the rise dropped and the drop kept", outlier, score)
		}
	})
	t.Run("should pass the model's outputs unchanged by default", func(t *testing.T) {
		outlier, score := Filter(j, controls(models.Alerting{}))
		if !same(outlier, j.Outlier) || !same(score, j.Score) {
			t.Errorf("outlier %v score %v, want the model's %v %v", outlier, score, j.Outlier, j.Score)
		}
	})
	t.Run("should keep only drops when the direction is below", func(t *testing.T) {
		outlier, score := Filter(j, controls(models.Alerting{Direction: models.DirectionBelow}))
		if want := []float64{0, 0, -1, nan, 0, -1}; !same(outlier, want) {
			t.Errorf("outlier %v, want %v", outlier, want)
		}
		if want := []float64{0, 0, 0.9, nan, 0, 0.9}; !same(score, want) {
			t.Errorf("score %v, want %v (a rise scores 0)", score, want)
		}
	})
	t.Run("should keep only rises when the direction is above", func(t *testing.T) {
		outlier, _ := Filter(j, controls(models.Alerting{Direction: models.DirectionAbove}))
		if want := []float64{0, 1, 0, nan, 1, 0}; !same(outlier, want) {
			t.Errorf("outlier %v, want %v", outlier, want)
		}
	})
	t.Run("should drop deviations under the absolute minimum", func(t *testing.T) {
		outlier, score := Filter(j, controls(models.Alerting{MinAbsolute: 15}))
		// 120 and 80 deviate by 20, 111 by 11, 50 by 50.
		if want := []float64{0, 1, -1, nan, 0, -1}; !same(outlier, want) {
			t.Errorf("outlier %v, want %v", outlier, want)
		}
		if score[4] != 0 {
			t.Errorf("a deviation under the minimum scored %v, want 0", score[4])
		}
	})
	t.Run("should drop deviations under the relative minimum of the expectation", func(t *testing.T) {
		outlier, _ := Filter(j, controls(models.Alerting{MinRelative: 0.3}))
		if want := []float64{0, 0, 0, nan, 0, -1}; !same(outlier, want) {
			t.Errorf("outlier %v, want %v (only the halving is 30%% off)", outlier, want)
		}
	})
	t.Run("should take the larger of the two minimums", func(t *testing.T) {
		outlier, _ := Filter(j, controls(models.Alerting{MinAbsolute: 5, MinRelative: 0.15}))
		if want := []float64{0, 1, -1, nan, 0, -1}; !same(outlier, want) {
			t.Errorf("outlier %v, want %v", outlier, want)
		}
	})
}

func TestPersist(t *testing.T) {
	// Outliers at 1, 3, 4 and 5; point 7 not judged.
	outlier := []float64{0, 1, 0, -1, -1, -1, 0, nan, 0}
	score := []float64{0, 0.9, 0.3, 0.6, 0.9, 0.6, 0, nan, 0}
	t.Run("should equal the outlier flag with one of one", func(t *testing.T) {
		_, alert, direction := Persist(outlier, score, models.Persistence{Window: 1, Required: 1})
		if want := []float64{0, 1, 0, 1, 1, 1, 0, nan, 0}; !same(alert, want) {
			t.Errorf("alert %v, want %v", alert, want)
		}
		if want := []float64{0, 1, 0, -1, -1, -1, 0, nan, 0}; !same(direction, want) {
			t.Errorf("direction %v, want %v", direction, want)
		}
	})
	t.Run("should alert once k of the last n points are outliers", func(t *testing.T) {
		significance, alert, direction := Persist(outlier, score, models.Persistence{Window: 3, Required: 2})
		// Windows ending at each point hold 0,1,1,2,2,3,2,(nan),0 outliers.
		if want := []float64{0, 0, 0, 1, 1, 1, 1, nan, 0}; !same(alert, want) {
			t.Errorf("alert %v, want %v", alert, want)
		}
		if want := []float64{0, 0, 0, -1, -1, -1, -1, nan, 0}; !same(direction, want) {
			t.Errorf("direction %v, want %v (the side of the latest outlier)", direction, want)
		}
		// Means of the judged scores in each window of three.
		want := []float64{0, 0.45, 0.4, 0.6, 0.6, 0.7, 0.5, nan, 0}
		for i := range want {
			if math.IsNaN(want[i]) != math.IsNaN(significance[i]) || math.Abs(significance[i]-want[i]) > 1e-12 {
				t.Errorf("significance[%d] = %v, want %v", i, significance[i], want[i])
			}
		}
	})
	t.Run("should keep significance the score with a window of one", func(t *testing.T) {
		significance, _, _ := Persist(outlier, score, models.Persistence{Window: 1, Required: 1})
		if !same(significance, score) {
			t.Errorf("significance %v, want the score %v", significance, score)
		}
	})
}

func TestBreach(t *testing.T) {
	above, below := 100.0, 10.0
	values := []float64{5, 50, 150, nan, 100, 10}
	if got, want := Breach(values, &above, &below), []float64{-1, 0, 1, nan, 0, 0}; !same(got, want) {
		t.Errorf("both thresholds: %v, want %v", got, want)
	}
	if got, want := Breach(values, &above, nil), []float64{0, 0, 1, nan, 0, 0}; !same(got, want) {
		t.Errorf("above only: %v, want %v", got, want)
	}
}

func TestCompute(t *testing.T) {
	t.Run("should compute threshold_breach only when a threshold is set", func(t *testing.T) {
		j := judged(100, 120)
		if out := Compute(j, controls(models.Alerting{}), nil); out.ThresholdBreach != nil || out.VsPast != nil {
			t.Errorf("fields computed without a threshold or history: %+v", out)
		}
		above := 115.0
		if out := Compute(j, controls(models.Alerting{ThresholdAbove: &above}), nil); !same(out.ThresholdBreach, []float64{0, 1}) {
			t.Errorf("threshold_breach %v", out.ThresholdBreach)
		}
	})
	t.Run("should gate the alert by the filtered outlier", func(t *testing.T) {
		out := Compute(judged(100, 120, 125, 80, 130), controls(models.Alerting{
			Direction: models.DirectionAbove, Persistence: &models.Persistence{Window: 3, Required: 2},
		}), nil)
		if want := []float64{0, 0, 1, 1, 1}; !same(out.Alert, want) {
			t.Errorf("alert %v, want %v", out.Alert, want)
		}
		if want := []float64{0, 1, 1, 0, 1}; !same(out.Outlier, want) {
			t.Errorf("outlier %v, want %v (the drop filtered)", out.Outlier, want)
		}
	})
}
