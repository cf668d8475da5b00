// Package forecasttest holds a small, exact stand-in for the model engine: a constant expectation (mean of the
// training values left after exclusions) with a band of ±3 standard deviations. It makes pipeline and handler
// tests fast and their expected outputs computable by hand.
package forecasttest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sync/atomic"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
)

// Fake implements forecast.Forecaster and forecast.Analyzer, and checks params as the engine does (CheckParams).
type Fake struct {
	// Fits counts calls to Fit.
	Fits atomic.Int64
	// FitDelay makes each fit take this long (or until the context ends).
	FitDelay time.Duration
	// FailFit, when set, is asked before each fit; a non-nil answer fails it.
	FailFit func(ts, ys []float64) error
	// Panic makes Fit panic when the training values contain it.
	Panic float64
	// RejectParams, when set, is asked by CheckParams; a non-nil answer refuses the params.
	RejectParams func(params json.RawMessage) error
	// Width is the design width CheckParams reports for any params it accepts.
	Width int
	// FailWarning, when set, is asked with the model's mean before each outlook and drift; a non-nil answer
	// fails them.
	FailWarning func(mean float64) error
	// Outlooks counts calls to Outlook.
	Outlooks atomic.Int64
}

// CheckParams accepts any params unless RejectParams says otherwise, and reports Width.
func (f *Fake) CheckParams(_ context.Context, params json.RawMessage) (int, error) {
	if f.RejectParams != nil {
		if err := f.RejectParams(params); err != nil {
			return 0, err
		}
	}
	return f.Width, nil
}

type fakeModel struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
}

// Fit averages the finite training values outside params.exclude.
func (f *Fake) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (forecast.Model, error) {
	f.Fits.Add(1)
	if f.FitDelay > 0 {
		select {
		case <-time.After(f.FitDelay):
		case <-ctx.Done():
			return forecast.Model{}, ctx.Err()
		}
	}
	if f.FailFit != nil {
		if err := f.FailFit(ts, ys); err != nil {
			return forecast.Model{}, err
		}
	}
	var p struct {
		Exclude [][2]float64 `json:"exclude"`
	}
	if len(params) > 0 {
		if err := json.Unmarshal(params, &p); err != nil {
			return forecast.Model{}, fmt.Errorf("bad params: %w", err)
		}
	}
	sum, sumSq, n := 0.0, 0.0, 0.0
	for i, y := range ys {
		if f.Panic != 0 && y == f.Panic {
			panic("fake engine panic")
		}
		if math.IsNaN(y) || excluded(ts[i], p.Exclude) {
			continue
		}
		sum += y
		sumSq += y * y
		n++
	}
	if n == 0 {
		return forecast.Model{}, errors.New("no finite values")
	}
	mean := sum / n
	sd := math.Sqrt(math.Max(sumSq/n-mean*mean, 0))
	text, _ := json.Marshal(fakeModel{Mean: mean, SD: math.Max(sd, 1e-9)})
	return forecast.Model{Text: string(text)}, nil
}

func excluded(t float64, ranges [][2]float64) bool {
	for _, r := range ranges {
		if t >= r[0] && t <= r[1] {
			return true
		}
	}
	return false
}

func decode(m forecast.Model) (fakeModel, error) {
	var fm fakeModel
	err := json.Unmarshal([]byte(m.Text), &fm)
	return fm, err
}

// Predict gives mean ± 3 sd; with values, outlier is ±1 outside the band and score is min(1, |z| / 6).
func (f *Fake) Predict(_ context.Context, m forecast.Model, ts, ys []float64) (forecast.Prediction, error) {
	fm, err := decode(m)
	if err != nil {
		return forecast.Prediction{}, err
	}
	n := len(ts)
	p := forecast.Prediction{Yhat: make([]float64, n), Lower: make([]float64, n), Upper: make([]float64, n)}
	if ys != nil {
		p.Score = make([]float64, n)
		p.Outlier = make([]int8, n)
	}
	for i := range ts {
		p.Yhat[i], p.Lower[i], p.Upper[i] = fm.Mean, fm.Mean-3*fm.SD, fm.Mean+3*fm.SD
		if ys == nil || math.IsNaN(ys[i]) {
			continue
		}
		z := (ys[i] - fm.Mean) / fm.SD
		p.Score[i] = math.Min(1, math.Abs(z)/6)
		switch {
		case ys[i] > p.Upper[i]:
			p.Outlier[i] = 1
		case ys[i] < p.Lower[i]:
			p.Outlier[i] = -1
		}
	}
	return p, nil
}

// Components returns the constant expectation as a "trend" component.
func (f *Fake) Components(_ context.Context, m forecast.Model, ts []float64) (map[string][]float64, error) {
	fm, err := decode(m)
	if err != nil {
		return nil, err
	}
	trend := make([]float64, len(ts))
	for i := range trend {
		trend[i] = fm.Mean
	}
	return map[string][]float64{"trend": trend}, nil
}

// CrossValidate reports the number of points it saw.
func (f *Fake) CrossValidate(_ context.Context, ts, _ []float64, _, _ json.RawMessage) (json.RawMessage, error) {
	return json.RawMessage(fmt.Sprintf(`{"points":%d}`, len(ts))), nil
}

// Tune reports the number of points it saw.
func (f *Fake) Tune(_ context.Context, ts, _ []float64, _, _ json.RawMessage) (json.RawMessage, error) {
	return json.RawMessage(fmt.Sprintf(`{"best":{},"points":%d}`, len(ts))), nil
}

// Select answers like the engine's select with the decomposition as the winner.
func (f *Fake) Select(_ context.Context, ts, _ []float64, _, _ json.RawMessage) (json.RawMessage, error) {
	return json.RawMessage(fmt.Sprintf(`{"winner":{"family":"decomposition","combination":{},"scores":{"objective":1}},`+
		`"overrides":{"model":"decomposition"},"ranking":[],"points":%d}`, len(ts))), nil
}

// Outlook of the constant expectation: it crosses at the first step when the mean is already past a
// threshold (else never), with probability P(Z > margin / sd) for the nearer side.
func (f *Fake) Outlook(_ context.Context, m forecast.Model, r forecast.OutlookRequest) (forecast.Outlook, error) {
	stepMs, thresholds := r.StepMs, r.Thresholds
	f.Outlooks.Add(1)
	fm, err := f.warningModel(m)
	if err != nil {
		return forecast.Outlook{}, err
	}
	margin := math.Inf(1)
	if thresholds.Above != nil {
		margin = *thresholds.Above - fm.Mean
	}
	if thresholds.Below != nil {
		margin = math.Min(margin, fm.Mean-*thresholds.Below)
	}
	out := forecast.Outlook{ETASeconds: math.NaN(), Probability: 0.5 * math.Erfc(margin/fm.SD/math.Sqrt2)}
	if margin <= 0 {
		out.ETASeconds = stepMs / 1000
	}
	return out, nil
}

// Drift is +1 (or -1) where a value is more than two sd above (below) the mean, else 0 (NaN for a missing value).
func (f *Fake) Drift(_ context.Context, m forecast.Model, _, ys []float64) ([]float64, error) {
	fm, err := f.warningModel(m)
	if err != nil {
		return nil, err
	}
	drift := make([]float64, len(ys))
	for i, y := range ys {
		switch {
		case math.IsNaN(y):
			drift[i] = y
		case y > fm.Mean+2*fm.SD:
			drift[i] = 1
		case y < fm.Mean-2*fm.SD:
			drift[i] = -1
		}
	}
	return drift, nil
}

func (f *Fake) warningModel(m forecast.Model) (fakeModel, error) {
	fm, err := decode(m)
	if err == nil && f.FailWarning != nil {
		err = f.FailWarning(fm.Mean)
	}
	return fm, err
}
