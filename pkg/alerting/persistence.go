package alerting

import (
	"math"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// Persist reads the filtered outlier and score over a sliding window of the last p.Window points (fewer at the
// start of the range):
//   - significance: the mean score of the judged points in the window, in [0, 1];
//   - alert: 1 when at least p.Required of them are outliers, else 0;
//   - direction: where alert is 1, the side (-1/+1) of the latest outlier in the window, else 0.
//
// A point the model did not judge gets NaN in all three. One pass, O(points).
func Persist(outlier, score []float64, p models.Persistence) (significance, alert, direction []float64) {
	n := len(outlier)
	p.Window, p.Required = max(1, p.Window), max(1, p.Required) // validated upstream; never divide by 0 here
	significance, alert, direction = make([]float64, n), make([]float64, n), make([]float64, n)
	var scoreSum float64
	scored, outliers := 0, 0
	latest := -1 // index of the latest outlier seen
	for i := range n {
		if o := outlier[i]; !math.IsNaN(o) && o != 0 {
			outliers++
			latest = i
		}
		if !math.IsNaN(score[i]) {
			scoreSum += score[i]
			scored++
		}
		if k := i - p.Window; k >= 0 {
			if o := outlier[k]; !math.IsNaN(o) && o != 0 {
				outliers--
			}
			if !math.IsNaN(score[k]) {
				scoreSum -= score[k]
				scored--
			}
		}
		if i%p.Window == 0 {
			scoreSum = windowSum(score[max(0, i-p.Window+1) : i+1]) // sheds the rounding a running sum gathers
		}
		if math.IsNaN(outlier[i]) {
			significance[i], alert[i], direction[i] = math.NaN(), math.NaN(), math.NaN()
			continue
		}
		significance[i] = math.NaN()
		if scored > 0 {
			significance[i] = min(1, max(0, scoreSum/float64(scored)))
		}
		if outliers >= p.Required {
			alert[i] = 1
			direction[i] = math.Copysign(1, outlier[latest])
		}
	}
	return significance, alert, direction
}

func windowSum(scores []float64) float64 {
	sum := 0.0
	for _, s := range scores {
		if !math.IsNaN(s) {
			sum += s
		}
	}
	return sum
}
