package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
)

// Expectations are what judging a value needs at fixed times, for a model whose verdict on a point depends on
// that point's time and value alone: per judging member (one, or an ensemble's), the expectation, the extra
// variance past the end of training and the band (the inputs of the judge kernel), for an ensemble how its
// members' verdicts combine (the inputs of the combineVerdicts kernel), and for a model with a sustained score
// the scales that raise it (the inputs of the raiseSustained kernel). Judging from them is Go arithmetic with
// no call into the model, and gives what Predict gives, because Predict hands the same inputs to the same
// kernels. The sustained step alone reads the other points judged with a point (a running median of their
// residuals): Judge, like Predict, runs it over exactly the points it is given.
type Expectations struct {
	Times     []float64 // increasing
	members   []judgeInputs
	combine   *combination     // nil: the one member judges alone
	sustained *sustainedInputs // nil: no sustained score
}

// judgeInputs are one judge kernel call's inputs but the values.
type judgeInputs struct {
	yhat  []float64
	extra []float64 // nil: none
	band  JudgeBand
}

// combination is a combineVerdicts call's inputs but the members' judgements.
type combination struct {
	members int
	k       int
	alone   []int8 // nil: none
	lead    int
}

// sustainedInputs are a raiseSustained call's inputs but the values, expectations and scores.
type sustainedInputs struct {
	skip                            []int8 // nil: none left out
	k, scaleBelow, scaleAbove, half float64
}

// maxSustainedPoints is the longest window a model's sustained score reads (MAX_SUSTAINED_POINTS in
// src/model/sustained.ts).
const maxSustainedPoints = 288

// valid says whether the inputs are ones a model passes: a whole window of 1..maxSustainedPoints points and
// positive finite scales (readSustained in src/model/sustained.ts refuses any other), and a positive finite half
// (SCORE_HALF, a constant).
func (s sustainedInputs) valid() bool {
	positive := func(f float64) bool { return f > 0 && !math.IsInf(f, 1) }
	return s.k >= 1 && s.k <= maxSustainedPoints && s.k == math.Trunc(s.k) &&
		positive(s.scaleBelow) && positive(s.scaleAbove) && positive(s.half)
}

// judgeRecorder keeps the inputs of the judge, combineVerdicts and raiseSustained kernel calls made during one
// engine call (Expectations), in call order.
type judgeRecorder struct {
	judged    []judgeInputs
	combined  []combination
	sustained []sustainedInputs
}

type judgeRecorderKey struct{}

// judgeKernel is Judge as the model calls it; under Expectations it also keeps copies of its inputs (the
// runtime's arrays are read in place and reused).
func judgeKernel(ctx context.Context, yhat, values, extraVariance []float64, band JudgeBand, out Judgement) error {
	if rec, ok := ctx.Value(judgeRecorderKey{}).(*judgeRecorder); ok {
		in := judgeInputs{yhat: slices.Clone(yhat), band: band}
		if extraVariance != nil {
			in.extra = slices.Clone(extraVariance)
		}
		rec.judged = append(rec.judged, in)
	}
	return Judge(yhat, values, extraVariance, band, out)
}

// combineVerdictsKernel is CombineVerdicts as the model calls it; under Expectations it also keeps its inputs.
func combineVerdictsKernel(ctx context.Context, stacked Judgement, members, k int, alone []int8, lead int, out Judgement) error {
	if rec, ok := ctx.Value(judgeRecorderKey{}).(*judgeRecorder); ok {
		rec.combined = append(rec.combined, combination{members: members, k: k, alone: slices.Clone(alone), lead: lead})
	}
	return CombineVerdicts(ctx, stacked, members, k, alone, lead, out)
}

// raiseSustainedKernel is RaiseSustained as the model calls it; under Expectations it also keeps its inputs but
// the values, expectations and scores.
func raiseSustainedKernel(ctx context.Context, values, yhat, score []float64, skip []int8, k, scaleBelow, scaleAbove, half float64) error {
	if rec, ok := ctx.Value(judgeRecorderKey{}).(*judgeRecorder); ok {
		rec.sustained = append(rec.sustained, sustainedInputs{
			skip: slices.Clone(skip), k: k, scaleBelow: scaleBelow, scaleAbove: scaleAbove, half: half,
		})
	}
	return RaiseSustained(values, yhat, score, skip, k, scaleBelow, scaleAbove, half)
}

// pointwiseHead is what pointwiseModel reads of a model's text, and of each member of an ensemble, by the exact
// key names the model reads (encoding/json would also fill a field from "FAMILY" or "Members").
type pointwiseHead struct {
	Family *string
	// Labelled: false_alarm_marks holds any, or false_alarm_recent_peaks is there (src/model/families/recentRepeats.ts).
	Labelled bool
	Members  []pointwiseHead
}

func readPointwiseHead(data json.RawMessage) (pointwiseHead, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return pointwiseHead{}, err
	}
	var h pointwiseHead
	if raw, ok := fields["family"]; ok {
		if err := json.Unmarshal(raw, &h.Family); err != nil {
			return pointwiseHead{}, err
		}
	}
	if raw, ok := fields["false_alarm_marks"]; ok {
		var marks []json.RawMessage
		if err := json.Unmarshal(raw, &marks); err != nil {
			return pointwiseHead{}, err
		}
		h.Labelled = len(marks) > 0
	}
	if _, ok := fields["false_alarm_recent_peaks"]; ok {
		h.Labelled = true
	}
	if raw, ok := fields["members"]; ok {
		var members []json.RawMessage
		if err := json.Unmarshal(raw, &members); err != nil {
			return pointwiseHead{}, err
		}
		for _, m := range members {
			member, err := readPointwiseHead(m)
			if err != nil {
				return pointwiseHead{}, err
			}
			h.Members = append(h.Members, member)
		}
	}
	return h, nil
}

// judgesPointwise says whether a model judges each point by its time and value alone: a decomposition or a past
// comparison without false-alarm labels (marks re-judge points after the kernel, and the recent peaks cap a point
// by the ones judged before it, in the model), or an ensemble of such members. The other families run filters
// over the values.
func (h pointwiseHead) judgesPointwise() bool {
	if h.Labelled {
		return false
	}
	switch {
	case h.Family == nil || *h.Family == "decomposition" || *h.Family == "past":
		return true
	case *h.Family == "ensemble" && len(h.Members) > 0:
		for _, m := range h.Members {
			if m.Family == nil || *m.Family == "ensemble" || !m.judgesPointwise() {
				return false
			}
		}
		return true
	}
	return false
}

// pointwiseModel says whether a serialized model judges each point by its time and value alone, so that its
// judge inputs at a time do not depend on the other points judged with it (see judgesPointwise), and how many
// judge calls a prediction makes: one, or one per member of an ensemble (which then combines their verdicts).
func pointwiseModel(text string) (judges int, ensemble, ok bool) {
	head, err := readPointwiseHead(json.RawMessage(text))
	if err != nil || !head.judgesPointwise() {
		return 0, false, false
	}
	if head.Family != nil && *head.Family == "ensemble" {
		return len(head.Members), true, true
	}
	return 1, false, true
}

// Expectations evaluates a model at ts (increasing, all after its training) and keeps what judging a value there
// needs; ok is false for a model that does not judge points one by one (see pointwiseModel), which Predict serves.
func (e *Engine) Expectations(ctx context.Context, m Fitted, ts []float64) (x Expectations, ok bool, err error) {
	judges, ensemble, pointwise := pointwiseModel(m.Text)
	if !pointwise || !slices.IsSorted(ts) {
		return Expectations{}, false, nil
	}
	rec := &judgeRecorder{}
	// Values, even missing ones, make the model raise its sustained score (it does so only for a prediction with
	// values), so that call is recorded too; the judge kernel is the only other reader of the values.
	missing := make([]float64, len(ts))
	for i := range missing {
		missing[i] = math.NaN()
	}
	if _, err := e.Predict(context.WithValue(ctx, judgeRecorderKey{}, rec), m, ts, missing); err != nil {
		return Expectations{}, false, err
	}
	// A plain model judges once; an ensemble once per member, then combines once; either then raises its
	// sustained score once, or not at all.
	wantCombined := 0
	if ensemble {
		wantCombined = 1
	}
	if len(rec.judged) != judges || len(rec.combined) != wantCombined || len(rec.sustained) > 1 {
		return Expectations{}, false, nil
	}
	for _, in := range rec.judged {
		if len(in.yhat) != len(ts) || (in.extra != nil && len(in.extra) != len(ts)) {
			return Expectations{}, false, nil
		}
	}
	x = Expectations{Times: slices.Clone(ts), members: rec.judged}
	if wantCombined == 1 {
		c := rec.combined[0]
		if c.members != len(rec.judged) || (c.alone != nil && len(c.alone) != len(ts)) {
			return Expectations{}, false, nil
		}
		x.combine = &c
	}
	if len(rec.sustained) == 1 {
		s := rec.sustained[0]
		if !s.valid() || (s.skip != nil && len(s.skip) != len(ts)) {
			return Expectations{}, false, nil
		}
		x.sustained = &s
	}
	return x, true, nil
}

// Bytes approximates the memory the expectations hold.
func (x Expectations) Bytes() int {
	bytes := 8 * len(x.Times)
	for _, m := range x.members {
		bytes += 8 * (len(m.yhat) + len(m.extra))
	}
	if x.combine != nil {
		bytes += len(x.combine.alone)
	}
	if x.sustained != nil {
		bytes += len(x.sustained.skip)
	}
	return bytes
}

// Judge judges values ys at ts as Predict would; ok is false when a time is not among x.Times.
func (x Expectations) Judge(ts, ys []float64) (Prediction, bool, error) {
	if len(ys) != len(ts) {
		return Prediction{}, false, fmt.Errorf("%d timestamps but %d values", len(ts), len(ys))
	}
	n := len(ts)
	at := make([]int, n)
	for i, t := range ts {
		k, found := slices.BinarySearch(x.Times, t)
		if !found {
			return Prediction{}, false, nil
		}
		at[i] = k
	}
	m := len(x.members)
	if m == 0 {
		return Prediction{}, false, fmt.Errorf("expectations without a judging member")
	}
	// Each member judges into its own rows of the stacked judgements (the only rows with one member).
	stacked := newJudgement(m * n)
	for j, member := range x.members {
		yhat := make([]float64, n)
		var extra []float64
		if member.extra != nil {
			extra = make([]float64, n)
		}
		for i, k := range at {
			yhat[i] = member.yhat[k]
			if extra != nil {
				extra[i] = member.extra[k]
			}
		}
		rows := Judgement{
			Yhat: stacked.Yhat[j*n : (j+1)*n], Lower: stacked.Lower[j*n : (j+1)*n], Upper: stacked.Upper[j*n : (j+1)*n],
			Outlier: stacked.Outlier[j*n : (j+1)*n], Score: stacked.Score[j*n : (j+1)*n],
		}
		if err := Judge(yhat, ys, extra, member.band, rows); err != nil {
			return Prediction{}, false, err
		}
	}
	out := stacked
	if x.combine != nil {
		var alone []int8
		if x.combine.alone != nil {
			alone = make([]int8, n)
			for i, k := range at {
				alone[i] = x.combine.alone[k]
			}
		}
		out = newJudgement(n)
		if err := CombineVerdicts(context.Background(), stacked, m, x.combine.k, alone, x.combine.lead, out); err != nil {
			return Prediction{}, false, err
		}
	} else if m != 1 {
		return Prediction{}, false, fmt.Errorf("expectations of %d members without their combination", m)
	}
	if s := x.sustained; s != nil {
		var skip []int8
		if s.skip != nil {
			skip = make([]int8, n)
			for i, k := range at {
				skip[i] = s.skip[k]
			}
		}
		if err := RaiseSustained(ys, out.Yhat, out.Score, skip, s.k, s.scaleBelow, s.scaleAbove, s.half); err != nil {
			return Prediction{}, false, err
		}
	}
	return Prediction{Yhat: out.Yhat, Lower: out.Lower, Upper: out.Upper, Outlier: out.Outlier, Score: out.Score}, true, nil
}

func newJudgement(n int) Judgement {
	return Judgement{Yhat: make([]float64, n), Lower: make([]float64, n), Upper: make([]float64, n), Outlier: make([]int8, n), Score: make([]float64, n)}
}
