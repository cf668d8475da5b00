package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
)

// Expectations are what judging a value needs at fixed times, for a model whose verdict on a point depends on
// that point's time and value alone: the expectation, the extra variance past the end of training, and the band
// (the inputs of the judge kernel). Judging from them is Go arithmetic with no call into the model, and gives
// what Predict gives, because Predict hands the same inputs to the same kernel.
type Expectations struct {
	Times []float64 // increasing
	yhat  []float64
	extra []float64 // nil: none
	band  JudgeBand
}

// judgeRecorder keeps the inputs of the judge kernel calls made during one engine call (Expectations).
type judgeRecorder struct {
	calls int
	yhat  []float64
	extra []float64
	band  JudgeBand
}

type judgeRecorderKey struct{}

// judgeKernel is Judge as the model calls it; under Expectations it also keeps copies of its inputs (the
// runtime's arrays are read in place and reused).
func judgeKernel(ctx context.Context, yhat, values, extraVariance []float64, band JudgeBand, out Judgement) error {
	if rec, ok := ctx.Value(judgeRecorderKey{}).(*judgeRecorder); ok {
		rec.calls++
		rec.yhat, rec.band = slices.Clone(yhat), band
		rec.extra = nil
		if extraVariance != nil {
			rec.extra = slices.Clone(extraVariance)
		}
	}
	return Judge(yhat, values, extraVariance, band, out)
}

// pointwiseModel says whether a serialized model judges each point by its time and value alone, so that its
// judge inputs at a time do not depend on the other points judged with it: a decomposition without false-alarm
// marks (marks re-judge points after the kernel, in the model). Other families run filters over the values.
func pointwiseModel(text string) bool {
	var head struct {
		Family *string           `json:"family"`
		Marks  []json.RawMessage `json:"false_alarm_marks"`
	}
	if err := json.Unmarshal([]byte(text), &head); err != nil {
		return false
	}
	return (head.Family == nil || *head.Family == "decomposition") && len(head.Marks) == 0
}

// Expectations evaluates a model at ts (increasing, all after its training) and keeps what judging a value there
// needs; ok is false for a model that does not judge points one by one (see pointwiseModel), which Predict serves.
func (e *Engine) Expectations(ctx context.Context, m Fitted, ts []float64) (x Expectations, ok bool, err error) {
	if !pointwiseModel(m.Text) || !slices.IsSorted(ts) {
		return Expectations{}, false, nil
	}
	rec := &judgeRecorder{}
	if _, err := e.Predict(context.WithValue(ctx, judgeRecorderKey{}, rec), m, ts, nil); err != nil {
		return Expectations{}, false, err
	}
	if rec.calls != 1 || len(rec.yhat) != len(ts) || (rec.extra != nil && len(rec.extra) != len(ts)) {
		return Expectations{}, false, nil
	}
	return Expectations{Times: slices.Clone(ts), yhat: rec.yhat, extra: rec.extra, band: rec.band}, true, nil
}

// Bytes approximates the memory the expectations hold.
func (x Expectations) Bytes() int {
	return 8 * (len(x.Times) + len(x.yhat) + len(x.extra))
}

// Judge judges values ys at ts as Predict would; ok is false when a time is not among x.Times.
func (x Expectations) Judge(ts, ys []float64) (Prediction, bool, error) {
	if len(ys) != len(ts) {
		return Prediction{}, false, fmt.Errorf("%d timestamps but %d values", len(ts), len(ys))
	}
	n := len(ts)
	yhat := make([]float64, n)
	var extra []float64
	if x.extra != nil {
		extra = make([]float64, n)
	}
	for i, t := range ts {
		k, found := slices.BinarySearch(x.Times, t)
		if !found {
			return Prediction{}, false, nil
		}
		yhat[i] = x.yhat[k]
		if extra != nil {
			extra[i] = x.extra[k]
		}
	}
	out := Prediction{Yhat: make([]float64, n), Lower: make([]float64, n), Upper: make([]float64, n), Score: make([]float64, n), Outlier: make([]int8, n)}
	err := Judge(yhat, ys, extra, x.band, Judgement{Yhat: out.Yhat, Lower: out.Lower, Upper: out.Upper, Outlier: out.Outlier, Score: out.Score})
	return out, err == nil, err
}
