package forecast

import (
	"fmt"
	"math"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// Refit schedule. Points on screen are judged out of sample: the range is cut at boundaries aligned to
// multiples of the refit interval since the Unix epoch (UTC), and each piece is judged by the model whose
// training ended at the piece's start. Aligned boundaries make fits reusable across refreshes and alert
// evaluations. The interval is hourly for steps under five minutes (minute data moves fast and one hour holds
// many points), daily otherwise; it doubles until the range holds at most MaxPieces pieces, which bounds the
// fits of a long range.
const (
	HourlyStepLimit = 5 * time.Minute
	MaxPieces       = 32
	// MinTrainingPoints is the fewest finite training values a piece needs to be judged.
	MinTrainingPoints = 12
)

// Piece is a span of the range judged by one fit: points with Start <= t < End.
type Piece struct {
	Start, End float64 // epoch ms; Start is also the end of the fit's training window
}

// Plan is the schedule of one query: what to fetch and how to cut the range.
type Plan struct {
	StepMs       float64
	RangeFrom    float64 // epoch ms, first point shown
	RangeTo      float64 // epoch ms, last point shown
	TrainingMs   float64 // length of each piece's training window
	RefitMs      float64
	Pieces       []Piece
	FetchFrom    float64 // epoch ms: start of the training window of the first piece, a refit interval earlier when the budget allows
	ForecastTill float64 // epoch ms; equal to RangeTo when no forecast is asked
	// ShortenedTraining is set when maxPointsPerSeries forced a training window shorter than trainingDays.
	ShortenedTraining bool
}

// RefitInterval picks the refit interval for a step and range length.
func RefitInterval(step time.Duration, rangeLength time.Duration) time.Duration {
	return time.Duration(refitIntervalMs(step, float64(rangeLength.Milliseconds()))) * time.Millisecond
}

// refitIntervalMs is RefitInterval over a range in milliseconds, which (unlike a time.Duration, ~292 years at
// most) holds any range a coarse step allows within the points budget.
func refitIntervalMs(step time.Duration, rangeMs float64) float64 {
	interval := float64((24 * time.Hour).Milliseconds())
	if step < HourlyStepLimit {
		interval = float64(time.Hour.Milliseconds())
	}
	for math.Floor(rangeMs/interval)+1 > MaxPieces {
		interval *= 2
	}
	return interval
}

// NewPlan lays out the pieces and the fetch span of a query within the points-per-series budget.
func NewPlan(q models.Query, maxPoints int) (Plan, error) {
	stepMs := float64(q.Step.Milliseconds())
	from, to := float64(q.From.UnixMilli()), float64(q.To.UnixMilli())
	// The range alone must fit the budget, checked before laying out pieces: a range of centuries (a resource call
	// may name any times) would pass time.Duration's ~292 years, leave the refit interval short and lay out tens of
	// millions of pieces before the budget below refused it.
	if !(stepMs > 0) || (to-from)/stepMs+1 > float64(maxPoints) {
		return Plan{}, fmt.Errorf("%w: the range at a %v step needs more than maxPointsPerSeries (%d) points per series; widen the step or shorten the range",
			models.ErrLimit, q.Step, maxPoints)
	}
	refitMs := refitIntervalMs(q.Step, to-from)
	first := math.Floor(from/refitMs) * refitMs
	plan := Plan{StepMs: stepMs, RangeFrom: from, RangeTo: to, RefitMs: refitMs, ForecastTill: to}
	for start := first; start <= to; start += refitMs {
		plan.Pieces = append(plan.Pieces, Piece{Start: start, End: start + refitMs})
	}
	training := float64(q.TrainingDays) * 24 * float64(time.Hour.Milliseconds())
	// The fetched span is the first piece's training window plus everything up to the end of the range; it reads
	// a point at both ends, so maxPoints points span maxPoints-1 steps.
	budget := float64(maxPoints-1)*stepMs - (to - first)
	if budget < training {
		plan.ShortenedTraining = true
		training = math.Floor(budget/stepMs) * stepMs
	}
	if training < MinTrainingPoints*stepMs && !plan.ShortenedTraining {
		longest := time.Duration(float64(q.TrainingDays) * 24 * float64(time.Hour) / MinTrainingPoints)
		return Plan{}, fmt.Errorf("%w: a %v step leaves fewer than %d points in the training window of trainingDays (%d); use a step of at most %v or raise trainingDays",
			models.ErrInvalidQuery, q.Step, MinTrainingPoints, q.TrainingDays, longest)
	}
	if training < MinTrainingPoints*stepMs {
		return Plan{}, fmt.Errorf("%w: the range at a %v step needs more than maxPointsPerSeries (%d) points per series; widen the step or shorten the range",
			models.ErrLimit, q.Step, maxPoints)
	}
	plan.TrainingMs = training
	// One refit interval more when the budget allows: the points the previous piece's window held and the first
	// piece's does not, so the first piece's model can be updated from the previous piece's fit (an alert rule's
	// daily refit) instead of fitted from scratch.
	fetched := training
	if !plan.ShortenedTraining && budget >= training+refitMs {
		fetched += refitMs
	}
	plan.FetchFrom = math.Floor((first-fetched)/stepMs) * stepMs
	// Alert frames carry no forecast; full mode forecasts at least to a warning's lead time (the panel draws it).
	forecastMs := q.ForecastHours * float64(time.Hour.Milliseconds())
	if q.Warns() {
		forecastMs = max(forecastMs, float64(q.ResolvedWarning().Lead.Milliseconds()))
	}
	if forecastMs > 0 && q.Mode != models.ModeAlert {
		forecastMs = min(forecastMs, float64(maxPoints)*stepMs)
		plan.ForecastTill = to + forecastMs
	}
	return plan, nil
}

// MostPointsPerFit bounds the points one model call of the query takes: a fit or a cross-validation reads at
// most the fetched span, a prediction at most a piece or the forecast.
func (p Plan) MostPointsPerFit() int {
	return int(max(p.RangeTo-p.FetchFrom, p.ForecastTill-p.RangeTo)/p.StepMs) + 1
}

// ForecastTimes are the step-aligned times after the range up to ForecastTill.
func (p Plan) ForecastTimes() []float64 {
	if p.ForecastTill <= p.RangeTo {
		return nil
	}
	var times []float64
	for t := math.Floor(p.RangeTo/p.StepMs)*p.StepMs + p.StepMs; t <= p.ForecastTill; t += p.StepMs {
		times = append(times, t)
	}
	return times
}
