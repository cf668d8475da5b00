package forecast

import (
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

func TestRefitInterval(t *testing.T) {
	cases := []struct {
		name       string
		step, span time.Duration
		wantRefit  time.Duration
	}{
		{"should refit hourly for one-minute steps", time.Minute, 6 * time.Hour, time.Hour},
		{"should refit daily for five-minute steps", 5 * time.Minute, 7 * 24 * time.Hour, 24 * time.Hour},
		{"should widen the interval until the range holds at most MaxPieces pieces", 5 * time.Minute, 90 * 24 * time.Hour, 4 * 24 * time.Hour},
		{"should widen hourly refits on a long minute range", time.Minute, 7 * 24 * time.Hour, 8 * time.Hour},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := RefitInterval(tc.step, tc.span); got != tc.wantRefit {
				t.Errorf("RefitInterval = %v, want %v", got, tc.wantRefit)
			}
		})
	}
}

func planQuery(from time.Time, span, step time.Duration) models.Query {
	return models.Query{From: from, To: from.Add(span), Step: step, TrainingDays: 28}
}

func TestNewPlan(t *testing.T) {
	day := 24 * time.Hour
	from := time.Date(2025, 10, 1, 6, 30, 0, 0, time.UTC)
	t.Run("should cut the range at UTC midnights and fetch the first piece's training window and the day before it", func(t *testing.T) {
		plan, err := NewPlan(planQuery(from, 2*day, 5*time.Minute), 20000)
		if err != nil {
			t.Fatal(err)
		}
		midnight := float64(time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC).UnixMilli())
		if len(plan.Pieces) != 3 || plan.Pieces[0].Start != midnight || plan.Pieces[1].Start != midnight+float64(day.Milliseconds()) {
			t.Fatalf("pieces = %+v", plan.Pieces)
		}
		// 28 days of training, and a 29th so the first piece's model can be updated from the day before's.
		if plan.FetchFrom != midnight-29*float64(day.Milliseconds()) || plan.TrainingMs != 28*float64(day.Milliseconds()) || plan.ShortenedTraining {
			t.Errorf("fetch from %v (shortened %v)", plan.FetchFrom, plan.ShortenedTraining)
		}
	})
	t.Run("should refuse a range of millennia before laying out its pieces", func(t *testing.T) {
		q := models.Query{From: time.UnixMilli(math.MinInt64 / 2), To: time.UnixMilli(math.MaxInt64 / 2), Step: 5 * time.Minute, TrainingDays: 2}
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := NewPlan(q, 20000)
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if !errors.Is(err, models.ErrLimit) || !strings.Contains(err.Error(), "maxPointsPerSeries (20000)") {
			t.Fatalf("got %v", err)
		}
		// Laying the pieces out took gigabytes; the bound leaves room for whatever else the test binary allocates.
		if grown := after.TotalAlloc - before.TotalAlloc; grown > 64<<20 {
			t.Errorf("allocated %d bytes to refuse it", grown)
		}
	})
	t.Run("should keep to MaxPieces over millennia at a coarse step, beyond what a time.Duration holds", func(t *testing.T) {
		start := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
		q := models.Query{From: start, To: start.AddDate(8000, 0, 0), Step: 720 * time.Hour, TrainingDays: 366}
		plan, err := NewPlan(q, 200000)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Pieces) > MaxPieces+1 {
			t.Errorf("%d pieces", len(plan.Pieces))
		}
	})
	t.Run("should shorten training to stay within maxPointsPerSeries", func(t *testing.T) {
		plan, err := NewPlan(planQuery(from, day, time.Minute), 20000)
		if err != nil {
			t.Fatal(err)
		}
		points := (plan.RangeTo-plan.FetchFrom)/plan.StepMs + 1 // both ends are read
		if !plan.ShortenedTraining || points > 20000 || plan.TrainingMs < 12*float64(time.Hour.Milliseconds()) {
			t.Errorf("training %v ms, %v points, shortened %v", plan.TrainingMs, points, plan.ShortenedTraining)
		}
	})
	t.Run("should refuse a range that alone exceeds the points budget", func(t *testing.T) {
		_, err := NewPlan(planQuery(from, 30*day, time.Minute), 20000)
		if !errors.Is(err, models.ErrLimit) {
			t.Fatalf("want ErrLimit, got %v", err)
		}
	})
	t.Run("should say the step is too long for trainingDays, not blame maxPointsPerSeries", func(t *testing.T) {
		q := planQuery(from, day, 3*time.Hour)
		q.TrainingDays = 1
		_, err := NewPlan(q, 20000)
		want := "invalid query: a 3h0m0s step leaves fewer than 12 points in the training window of trainingDays (1); use a step of at most 2h0m0s or raise trainingDays"
		if !errors.Is(err, models.ErrInvalidQuery) || err.Error() != want {
			t.Fatalf("got %v, want %q", err, want)
		}
	})
	t.Run("should list step-aligned forecast times after the range", func(t *testing.T) {
		q := planQuery(from, day, time.Hour)
		q.ForecastHours = 3
		plan, err := NewPlan(q, 20000)
		if err != nil {
			t.Fatal(err)
		}
		times := plan.ForecastTimes()
		if len(times) != 3 || times[0] != float64(from.Add(day+30*time.Minute).UnixMilli()) {
			t.Errorf("forecast times = %v", times)
		}
	})
}
