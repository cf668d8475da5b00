package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sync"

	"github.com/foresight-anomaly/foresight/pkg/engine"
	"github.com/foresight-anomaly/foresight/pkg/forecast"
)

// engineModel adapts *engine.Engine to the pipeline's Forecaster and Analyzer interfaces.
type engineModel struct {
	*engine.Engine
}

var (
	engineOnce sync.Once
	engineInst Model
	engineErr  error
)

// sharedEngine compiles the model bundle once per process; every datasource instance shares its runtime pool.
func sharedEngine() (Model, error) {
	engineOnce.Do(func() {
		e, err := engine.New(engine.Options{})
		if err != nil {
			engineErr = err
			return
		}
		engineInst = engineModel{Engine: e}
	})
	return engineInst, engineErr
}

func (m engineModel) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (forecast.Model, error) {
	fitted, err := m.Engine.Fit(ctx, ts, ys, params)
	return forecast.Model{Text: fitted.Text, State: fitted.State}, err
}

func (m engineModel) Update(ctx context.Context, model forecast.Model, c forecast.WindowChange, params json.RawMessage) (forecast.Model, error) {
	change := engine.Change{AddedTs: c.AddedTs, AddedYs: c.AddedYs, WindowStart: c.WindowStart, DroppedTs: c.DroppedTs, DroppedYs: c.DroppedYs}
	updated, err := m.Engine.Update(ctx, engine.Fitted{Text: model.Text, State: model.State}, change, params)
	return forecast.Model{Text: updated.Text, State: updated.State}, err
}

func (m engineModel) Predict(ctx context.Context, model forecast.Model, ts, ys []float64) (forecast.Prediction, error) {
	p, err := m.Engine.Predict(ctx, engine.Fitted{Text: model.Text}, ts, ys)
	return forecast.Prediction{Yhat: p.Yhat, Lower: p.Lower, Upper: p.Upper, Score: p.Score, Outlier: p.Outlier}, err
}

// Expectations serve the pipeline's judging without a model call (forecast.Expecter).
func (m engineModel) Expectations(ctx context.Context, model forecast.Model, ts []float64) (forecast.Expectations, bool, error) {
	x, ok, err := m.Engine.Expectations(ctx, engine.Fitted{Text: model.Text}, ts)
	if !ok || err != nil {
		return nil, ok, err
	}
	return engineExpectations{x}, true, nil
}

// engineExpectations adapts engine.Expectations to forecast.Expectations.
type engineExpectations struct{ engine.Expectations }

func (x engineExpectations) Judge(ts, ys []float64) (forecast.Prediction, bool, error) {
	p, ok, err := x.Expectations.Judge(ts, ys)
	return forecast.Prediction{Yhat: p.Yhat, Lower: p.Lower, Upper: p.Upper, Score: p.Score, Outlier: p.Outlier}, ok, err
}

// EncodeExpectations writes the engine's expectations for the model store (forecast.ExpectationCodec).
func (m engineModel) EncodeExpectations(x forecast.Expectations) ([]byte, error) {
	engineX, ok := x.(engineExpectations)
	if !ok {
		return nil, fmt.Errorf("expectations of type %T are not the engine's", x)
	}
	return engineX.AppendBinary(nil)
}

// DecodeExpectations reads what EncodeExpectations wrote.
func (m engineModel) DecodeExpectations(data []byte) (forecast.Expectations, error) {
	x, err := engine.DecodeExpectations(data)
	if err != nil {
		return nil, err
	}
	return engineExpectations{x}, nil
}

var (
	_ forecast.Expecter         = engineModel{}
	_ forecast.ExpectationCodec = engineModel{}
)

func (m engineModel) Components(ctx context.Context, model forecast.Model, ts []float64) (map[string][]float64, error) {
	return m.Engine.Components(ctx, engine.Fitted{Text: model.Text}, ts)
}

func (m engineModel) Outlook(ctx context.Context, model forecast.Model, r forecast.OutlookRequest) (forecast.Outlook, error) {
	encoded, err := json.Marshal(r.Thresholds)
	if err != nil {
		return forecast.Outlook{}, err
	}
	out, err := m.Engine.Outlook(ctx, engine.Fitted{Text: model.Text}, r.FromMs, r.StepMs, r.LeadMs, encoded, r.RecentTs, r.RecentYs)
	if err != nil {
		return forecast.Outlook{}, err
	}
	eta := math.NaN()
	if out.ETASeconds != nil {
		eta = *out.ETASeconds
	}
	probability := math.NaN()
	if out.Probability != nil {
		probability = *out.Probability
	}
	return forecast.Outlook{ETASeconds: eta, Probability: probability}, nil
}

func (m engineModel) Drift(ctx context.Context, model forecast.Model, ts, ys []float64) ([]float64, error) {
	drift, _, err := m.Engine.Drift(ctx, engine.Fitted{Text: model.Text}, ts, ys, nil)
	return drift, err
}

var _ forecast.Warner = engineModel{}
