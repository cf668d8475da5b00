package engine

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

const (
	fiveMinutesMs = 5 * 60_000.0
	dayMs         = 86_400_000.0
)

// trafficSeries is 5-minute traffic with daily and weekly cycles, noise and a spike every 1,000 points.
func trafficSeries(days int) (ts, ys []float64) {
	random := rand.New(rand.NewPCG(7, 13)) //nolint:gosec // reproducible test data
	start := 1_704_067_200_000.0           // 2024-01-01
	for i := range days * 288 {
		d := float64(i) / 288
		spike := 0.0
		if i%1000 == 500 {
			spike = 150
		}
		ts = append(ts, start+float64(i)*fiveMinutesMs)
		ys = append(ys, 100+0.2*d+20*math.Sin(2*math.Pi*d)+10*math.Cos(2*math.Pi*d/7)+3*random.NormFloat64()+spike)
	}
	return ts, ys
}

// updatedModel is the part of a serialized decomposition model this test reads.
type updatedModel struct {
	Layout      Layout  `json:"layout"`
	YScale      float64 `json:"y_scale"`
	HistoryEnd  float64 `json:"history_end"`
	Incremental struct {
		Gram         float64Text `json:"gram"`
		Xty          float64Text `json:"xty"`
		LightTimes   float64Text `json:"light_times"`
		LightWeights float64Text `json:"light_weights"`
		GrossCenter  float64     `json:"gross_center"`
		GrossLimit   *float64    `json:"gross_limit"`
	} `json:"-"` // from Fitted.State, apart from the model's text
}

// float64Text reads an array the state stores as float64 text (src/model/float64Text.ts).
type float64Text []float64

func (f *float64Text) UnmarshalJSON(data []byte) error {
	var text string
	if err := json.Unmarshal(data, &text); err != nil {
		return err
	}
	values, err := DecodeFloat64s(text)
	*f = values
	return err
}

func TestUpdateThroughTheEngineKeepsTheWindowsNormalEquations(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 1})
	ctx := context.Background()
	ts, ys := trafficSeries(29)
	day := 288
	model, err := e.Fit(ctx, ts[:28*day], ys[:28*day], json.RawMessage(`{"model":"decomposition"}`))
	if err != nil {
		t.Fatal(err)
	}
	change := Change{AddedTs: ts[28*day:], AddedYs: ys[28*day:], WindowStart: ts[day], DroppedTs: ts[:day], DroppedYs: ys[:day]}

	t.Run("should equal the normal equations built from scratch on the new window with the same weights", func(t *testing.T) {
		updated, err := e.Update(ctx, model, change, json.RawMessage(`{"model":"decomposition"}`))
		if err != nil {
			t.Fatal(err)
		}
		var m updatedModel
		if err := json.Unmarshal([]byte(updated.Text), &m); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(updated.Text, `"incremental"`) {
			t.Fatal("the update statistics are in the model's text, which every prediction reads")
		}
		if err := json.Unmarshal([]byte(updated.State), &m.Incremental); err != nil {
			t.Fatal(err)
		}
		if m.HistoryEnd != ts[len(ts)-1] {
			t.Fatalf("history ends at %v, want %v", m.HistoryEnd, ts[len(ts)-1])
		}
		limit := math.Inf(1)
		if m.Incremental.GrossLimit != nil {
			limit = *m.Incremental.GrossLimit
		}
		lightTimes, lightWeights := m.Incremental.LightTimes, m.Incremental.LightWeights
		weight := map[float64]float64{}
		for i, lt := range lightTimes {
			weight[lt] = lightWeights[i]
		}
		window, values := ts[day:], ys[day:]
		w := make([]float64, len(window))
		y := make([]float64, len(window))
		for i, v := range values {
			w[i], y[i] = 1, v/m.YScale
			if lw, ok := weight[window[i]]; ok {
				w[i] = lw
			}
			if !(limit-math.Abs(v-m.Incremental.GrossCenter) > 0) {
				w[i] = 0
			}
		}
		p := m.Layout.Width()
		X, err := DesignMatrix(ctx, window, &m.Layout, nil)
		if err != nil {
			t.Fatal(err)
		}
		scratch, err := WeightedGram(ctx, X, len(window), p, y, w)
		if err != nil {
			t.Fatal(err)
		}
		gram, xty := m.Incremental.Gram, m.Incremental.Xty
		worst, k := 0.0, 0
		for a := range p {
			for b := a; b < p; b++ {
				worst = max(worst, math.Abs(gram[k]-scratch.Matrix[a*p+b])/max(1, math.Abs(scratch.Matrix[a*p+b])))
				k++
			}
			worst = max(worst, math.Abs(xty[a]-scratch.Xty[a])/max(1, math.Abs(scratch.Xty[a])))
		}
		t.Logf("updated normal equations against the window's from scratch: worst relative difference %.2g", worst)
		if worst > 1e-9 {
			t.Fatalf("updated normal equations differ from the window's by %g (relative)", worst)
		}
	})

	t.Run("should refuse an update with other params as an input error saying so", func(t *testing.T) {
		_, err := e.Update(ctx, model, change, json.RawMessage(`{"interval_width":0.5}`))
		var input *InputError
		if !errors.As(err, &input) || !strings.Contains(input.Message, "cannot update") {
			t.Fatalf("got %v, want an InputError saying it cannot update", err)
		}
	})
}

func TestEnsembleUpdatesThroughTheEngineAsAFitOfTheNewWindowPredicts(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 1})
	ctx := context.Background()
	ts, ys := trafficSeries(30)
	day := 288
	params := json.RawMessage(`{"model":"ensemble","ensemble_members":["decomposition","past"]}`)
	model, err := e.Fit(ctx, ts[:28*day], ys[:28*day], params)
	if err != nil {
		t.Fatal(err)
	}
	if model.State == "" || strings.Contains(model.Text, `"incremental"`) {
		t.Fatalf("want the update statistics apart from the model text (state %d bytes)", len(model.State))
	}
	change := Change{AddedTs: ts[28*day : 29*day], AddedYs: ys[28*day : 29*day], WindowStart: ts[day], DroppedTs: ts[:day], DroppedYs: ys[:day]}
	updated, err := e.Update(ctx, model, change, params)
	if err != nil {
		t.Fatal(err)
	}
	if updated.State == "" || strings.Contains(updated.Text, `"incremental"`) {
		t.Fatalf("want the updated statistics apart from the model text (state %d bytes)", len(updated.State))
	}
	fresh, err := e.Fit(ctx, ts[day:29*day], ys[day:29*day], params)
	if err != nil {
		t.Fatal(err)
	}
	next, nextYs := ts[29*day:], ys[29*day:]
	a, err := e.Predict(ctx, updated, next, nextYs)
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.Predict(ctx, fresh, next, nextYs)
	if err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	for i := range next {
		worst = max(worst, math.Abs(a.Yhat[i]-b.Yhat[i]))
	}
	t.Logf("next day's yhat, updated against fitted from scratch: largest difference %.3g (noise sd 3)", worst)
	// The yhat drawn is the decomposition's, whose update keeps its last full fit's design (changepoints,
	// scaling): 0.20 here.
	if worst > 0.3 {
		t.Fatalf("the updated ensemble's yhat differs from a fresh fit's by up to %g, want under 10%% of the noise sd", worst)
	}
	spike := 8500 - 29*day // trafficSeries spikes by 150 at every i%1000 == 500
	if a.Outlier[spike] != 1 || b.Outlier[spike] != 1 {
		t.Fatalf("the spike is flagged %d by the updated ensemble and %d by the fresh one, want 1 by both", a.Outlier[spike], b.Outlier[spike])
	}
}
