package forecast

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// MaxOutlookSteps bounds the forecast behind one series' outlook: a long lead at a fine step is read at a
// coarser step (a week of 5-minute steps).
const MaxOutlookSteps = 2016

// Outlook is a series' early warning from its latest point: seconds until the expectation crosses a
// threshold (NaN: not within the lead time) and the chance it crosses within the lead time.
type Outlook struct {
	ETASeconds  float64
	Probability float64
}

// OutlookRequest is one series' outlook: forecast every StepMs after FromMs up to FromMs+LeadMs against the
// thresholds, anchored to the series' values over the lead time up to FromMs (RecentTs/RecentYs, ascending, NaN
// where left out), which a model fitted hours ago has not seen.
type OutlookRequest struct {
	FromMs, StepMs, LeadMs float64
	Thresholds             models.Thresholds
	RecentTs, RecentYs     []float64
}

// Warner is the part of the engine behind early warnings (src/model/earlyWarning).
type Warner interface {
	// Outlook forecasts m as r asks.
	Outlook(ctx context.Context, m Model, r OutlookRequest) (Outlook, error)
	// Drift marks each value -1/0/+1 for a sustained departure below or above m's expectation.
	Drift(ctx context.Context, m Model, ts, ys []float64) ([]float64, error)
}

// Warning is what a query's early warning needs from the pipeline: the thresholds (none when they could not
// be read: only drift then) and the lead time.
type Warning struct {
	Thresholds models.Thresholds
	LeadMs     float64
}

// outlookStepMs is the forecast step of an outlook: the query's step, coarser when the lead holds more than
// MaxOutlookSteps of them, never longer than the lead itself.
// minAnchorSteps is the fewest recent points the outlook's anchor line reads, whatever the lead time.
const minAnchorSteps = 12

func outlookStepMs(stepMs, leadMs float64) float64 {
	return min(max(stepMs, math.Ceil(leadMs/MaxOutlookSteps)), leadMs)
}

// servingModel is the model of the last fitted piece: the one that serves the series' latest points.
func (w *seriesWork) servingModel() Model {
	for k := len(w.models) - 1; k >= 0; k-- {
		if w.models[k].Text != "" {
			return w.models[k]
		}
	}
	return Model{}
}

// warn adds a series' early-warning fields: the outlook on its latest point (one forecast per series) and
// drift over the range (read against the days before it), both with the serving model. A failure is a notice on this series alone.
func (p *Pipeline) warn(ctx context.Context, req Request, w *seriesWork) {
	res := w.result
	n := len(res.Times)
	if n == 0 {
		return
	}
	warner, ok := p.forecaster.(Warner)
	model := w.servingModel()
	switch {
	case !ok:
		w.notice("no early warning: the model engine does not provide it")
		return
	case model.Text == "":
		w.notice("no early warning: no piece of the range could be fitted")
		return
	}
	if req.Warning != nil && req.Warning.Thresholds.Any() {
		res.BreachETA, res.BreachProbability, res.Warned = nanSlice(n), nanSlice(n), req.Warning
		from := res.Times[n-1]
		// The anchor line reads at least minAnchorSteps points: over a lead of a step or two it had too few to
		// estimate a spread and was dropped, and the bare forecast, fitted hours before, missed a jump since.
		recentTs, recentYs := w.recent(from-max(req.Warning.LeadMs, minAnchorSteps*req.Plan.StepMs), from, req.Exclude)
		r := OutlookRequest{FromMs: from, StepMs: outlookStepMs(req.Plan.StepMs, req.Warning.LeadMs), LeadMs: req.Warning.LeadMs,
			Thresholds: req.Warning.Thresholds, RecentTs: recentTs, RecentYs: recentYs}
		var out Outlook
		var err error
		if !p.inSlot(ctx, func() { out, err = warner.Outlook(ctx, model, r) }) {
			w.notice(timeUpNotice(ctx))
			return
		}
		if err != nil {
			w.notice(fmt.Sprintf("no early warning from %s: %v", formatMs(from), err))
		} else if latest := res.Values[n-1]; req.Warning.Thresholds.Breached(latest) {
			// Already past: the breach is now, whatever the forecast's line through the last hours says.
			res.BreachETA[n-1], res.BreachProbability[n-1] = 0, 1
		} else if !math.IsNaN(latest) { // a missing latest point gets null fields, as every field does
			res.BreachETA[n-1] = finiteOrNaN(out.ETASeconds)
			res.BreachProbability[n-1] = finiteOrNaN(out.Probability)
		}
	}
	if req.Drift {
		p.drift(ctx, req, w, warner, model)
	}
}

// recent is the series' points in (from, to], values in excluded ranges NaN (the outlook's anchor skips them).
func (w *seriesWork) recent(from, to float64, exclude []models.ExcludeRange) (ts, ys []float64) {
	lo := sort.Search(len(w.times), func(i int) bool { return w.times[i] > from })
	hi := sort.Search(len(w.times), func(i int) bool { return w.times[i] > to })
	ts = w.times[lo:hi]
	ys = make([]float64, len(ts))
	for i, t := range ts {
		ys[i] = w.values[lo+i]
		if inRanges(t, exclude) {
			ys[i] = nan
		}
	}
	return ts, ys
}

// drift judges the series from DriftHistory before the range's end (as much of it as was read) up to that end,
// with values in excluded ranges left out, and keeps the flags of the range's points: the sums behind them have
// seen the days before the range, and the model compares each time of day with the days before.
func (p *Pipeline) drift(ctx context.Context, req Request, w *seriesWork, warner Warner, model Model) {
	res := w.result
	from := sort.SearchFloat64s(w.times, min(req.Plan.RangeFrom, req.Plan.RangeTo-float64(models.DriftHistory.Milliseconds())))
	to := sort.Search(len(w.times), func(i int) bool { return w.times[i] > req.Plan.RangeTo })
	ts := w.times[from:to]
	ys := make([]float64, len(ts))
	for i, t := range ts {
		ys[i] = w.values[from+i]
		if inRanges(t, req.Exclude) {
			ys[i] = nan
		}
	}
	var drift []float64
	var err error
	if !p.inSlot(ctx, func() { drift, err = warner.Drift(ctx, model, ts, ys) }) {
		w.notice(timeUpNotice(ctx))
		return
	}
	if err == nil && len(drift) != len(ts) {
		err = fmt.Errorf("the model returned %d values for %d points", len(drift), len(ts))
	}
	if err != nil {
		w.notice("no drift: " + err.Error())
		return
	}
	// The range's points are the last of those judged (prepare cut them from the same times).
	res.Drift = mapFinite(drift[len(drift)-len(res.Times):])
	// Null where a point is excluded or missing: a series that stopped reporting must not keep its last drift.
	for i, excluded := range res.Excluded {
		if excluded || math.IsNaN(res.Values[i]) {
			res.Drift[i] = nan
		}
	}
}
