package alerting

import (
	"math"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// Filter keeps the model's outlier and score only where the deviation's side is allowed by the direction and
// |value - yhat| >= max(minAbsolute, minRelative*|yhat|), a flagged point's deviation counted on its flag's side
// (so one drawn on the other side of yhat is below any minimum); elsewhere the outlier and score are 0. Points not
// judged (NaN) stay NaN; a flagged point without a finite expectation is judged by its side alone. With the
// defaults (both sides, no minimum) the model's outputs pass unchanged.
func Filter(j Judged, c models.Alerting) (outlier, score []float64) {
	outlier = append([]float64(nil), j.Outlier...)
	score = append([]float64(nil), j.Score...)
	sized := c.MinAbsolute > 0 || c.MinRelative > 0
	if c.Direction == models.DirectionBoth && !sized {
		return outlier, score
	}
	for i := range outlier {
		deviation := j.Values[i] - j.Yhat[i]
		if math.IsNaN(deviation) {
			// A missing value or expectation (one that overflowed): no size to measure, but a flagged point
			// still has its flag's side.
			if o := j.Outlier[i]; (o == 1 || o == -1) && !allowed(c.Direction, o) {
				outlier[i], score[i] = 0, zeroUnlessNaN(score[i])
			}
			continue
		}
		// A flagged point's side is its flag's: an ensemble's members vote on the outlier, and the drawn yhat
		// (its lead member's, or the members' median) can sit on the other side of the value. Its size is then
		// the drawn deviation on the flag's side, which is negative there: the minimum is about the deviation the
		// rule's author sees, and a rise drawn below the line is no rise of any size.
		side, size := deviation, math.Abs(deviation)
		if o := j.Outlier[i]; o == 1 || o == -1 {
			side, size = o, o*deviation
		}
		big := !sized || size >= max(c.MinAbsolute, c.MinRelative*math.Abs(j.Yhat[i]))
		if !big || !allowed(c.Direction, side) {
			outlier[i] = zeroUnlessNaN(outlier[i])
			score[i] = zeroUnlessNaN(score[i])
		}
	}
	return outlier, score
}

// allowed says whether a deviation of this sign may alert under the direction.
func allowed(direction string, deviation float64) bool {
	switch direction {
	case models.DirectionAbove:
		return deviation > 0
	case models.DirectionBelow:
		return deviation < 0
	}
	return true
}

func zeroUnlessNaN(v float64) float64 {
	if math.IsNaN(v) {
		return v
	}
	return 0
}
