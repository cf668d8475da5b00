package plugin

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// linearSeries rises slope per hour from base at the start of the fetch, with N(0, noise) around it.
func linearSeries(name string, plan forecast.Plan, base, slopePerHour, noise float64, seed uint64) models.Series {
	rng := rand.New(rand.NewPCG(seed, 1)) //nolint:gosec // reproducible test data
	s := models.Series{Name: name}
	for t := plan.FetchFrom; t <= plan.RangeTo; t += plan.StepMs {
		s.Times = append(s.Times, t)
		s.Values = append(s.Values, base+slopePerHour*(t-plan.FetchFrom)/3_600_000+noise*rng.NormFloat64())
	}
	return s
}

func TestRealEngineWarning(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the embedded model")
	}
	model, err := sharedEngine()
	if err != nil {
		t.Fatal(err)
	}
	end := time.Date(2025, 10, 20, 6, 0, 0, 0, time.UTC) // the range sits inside one daily fit, out of its sample
	q := models.Query{From: end.Add(-2 * time.Hour), To: end, Step: 5 * time.Minute, TrainingDays: 7}
	plan, err := forecast.NewPlan(q, 20_000)
	if err != nil {
		t.Fatal(err)
	}
	const slope = 0.5 // per hour: 84 over the week of training
	const hoursToGo = 3.0
	lineNow := 100 + slope*(plan.RangeTo-plan.FetchFrom)/3_600_000
	above := lineNow + slope*hoursToGo
	rising := linearSeries("rising", plan, 100, slope, 0.3, 1)
	flat := linearSeries("flat", plan, above-1.5, 0, 0.3, 2) // 5 sd under the threshold, all along
	// sagging is flat, then loses a third of its noise's sd every step over the range: 8 sd by its end.
	sagging := linearSeries("sagging", plan, 100, 0, 0.3, 3)
	for i, ts := range sagging.Times {
		if ts >= plan.RangeFrom {
			sagging.Values[i] -= 0.1 * (ts - plan.RangeFrom) / plan.StepMs
		}
	}
	req := forecast.Request{
		Plan: plan, SourceKey: "warning", Drift: true,
		Warning: &forecast.Warning{Thresholds: models.Thresholds{Above: &above}, LeadMs: float64((6 * time.Hour).Milliseconds())},
	}
	req.Params = []byte(`{"daily_seasonality":false,"weekly_seasonality":false}`) // a line: the closed form holds
	results, err := forecast.NewPipeline(model, forecast.NewFitCache(64<<20), 2).Run(context.Background(), req, []models.Series{rising, flat, sagging})
	if err != nil {
		t.Fatal(err)
	}
	r := results[0]
	last := len(r.Times) - 1
	if len(r.Notices) > 0 || len(results[1].Notices) > 0 {
		t.Fatalf("notices: %v %v", r.Notices, results[1].Notices)
	}
	// Closed form: the line reaches `above` hoursToGo after the latest point.
	eta := r.BreachETA[last]
	t.Logf("rising: breach_eta %.0f s (closed form %.0f s), probability %.3f", eta, hoursToGo*3600, r.BreachProbability[last])
	if math.Abs(eta-hoursToGo*3600) > 15*60 {
		t.Errorf("breach_eta %.0f s, want %.0f s ± 15 min", eta, hoursToGo*3600)
	}
	if r.BreachProbability[last] < 0.9 {
		t.Errorf("breach_probability %.3f for a line crossing halfway through the lead, want > 0.9", r.BreachProbability[last])
	}
	f := results[1]
	t.Logf("flat: breach_eta %v, probability %.4f", f.BreachETA[len(f.Times)-1], f.BreachProbability[len(f.Times)-1])
	if !math.IsNaN(f.BreachETA[len(f.Times)-1]) || f.BreachProbability[len(f.Times)-1] > 0.01 {
		t.Errorf("flat series 1.5 units under the threshold (5 sd): eta %v probability %v, want none", f.BreachETA[len(f.Times)-1], f.BreachProbability[len(f.Times)-1])
	}
	sag := results[2]
	first := slices.Index(sag.Drift, -1)
	t.Logf("sagging: drift from point %d of %d (%.1f sd down)", first, len(sag.Drift), float64(first)/3)
	if first < 0 || sag.Drift[len(sag.Drift)-1] != -1 || slices.Contains(sag.Drift, 1) {
		t.Errorf("sagging: drift %v, want -1 from some point to the end", sag.Drift)
	}
	for name, res := range map[string]forecast.SeriesResult{"rising": r, "flat": f} {
		for i, d := range res.Drift {
			if d != 0 {
				t.Errorf("%s: drift %v at point %d on a series the model follows", name, d, i)
				break
			}
		}
	}
}
