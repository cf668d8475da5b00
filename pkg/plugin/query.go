package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/foresight-anomaly/foresight/pkg/access"
	"github.com/foresight-anomaly/foresight/pkg/annotations"
	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/frames"
	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/upstream"
)

// prepared is a query ready to run: its plan, the series read from its source and the labels.
type prepared struct {
	query   models.Query
	request forecast.Request
	series  []models.Series
	notices []string
	// pointsPerFit bounds the points one model call takes: the plan's steps, or what a source answered past them.
	pointsPerFit int
}

// prepare plans a query, collects its labels (annotation failures become notices) and reads its series. When
// every fit the range needs is cached (and needHistory is off), only the range is read; otherwise the
// training history too.
func (d *Datasource) prepare(ctx context.Context, q models.Query, who access.Requester, needHistory bool) (*prepared, error) {
	plan, err := forecast.NewPlan(q, d.settings.MaxPointsPerSeries)
	if err != nil {
		return nil, err
	}
	// Once per query, before any read: a bad parameter fails the query (so an alert rule errors) instead
	// of failing every series' fit, which leaves the rule without data.
	width, err := d.model.CheckParams(ctx, q.Params)
	if err != nil {
		return nil, fmt.Errorf("params: %w", err)
	}
	if err := checkDesignSize(width, plan.MostPointsPerFit(), d.settings.MaxPointsPerSeries); err != nil {
		return nil, err
	}
	// An alert rule on vs_past without the weeks it needs would get nulls only: no data, a rule that never fires.
	if notice := pastShortNotice(q, plan, d.settings.MaxPointsPerSeries); notice != "" && q.Mode == models.ModeAlert && q.AlertField == models.AlertFieldVsPast {
		return nil, fmt.Errorf("%w: %s; use a longer step or raise maxPointsPerSeries", models.ErrLimit, notice)
	}
	source, err := d.querySource(ctx, q, who)
	if err != nil {
		return nil, err
	}
	p := &prepared{query: q}
	var labels annotations.Labels
	var labelScope annotations.Scope
	if q.ReadsAnnotations() {
		var notices []string
		var scope annotations.Scope
		labels, scope, notices = d.annotationLabels(ctx, who, q, plan)
		p.notices = append(p.notices, notices...)
		labelScope = scope
	}
	p.request = forecast.Request{
		Plan: plan, Params: q.Params, SourceKey: sourceKey(q),
		Exclude:    annotations.Merge(append(append([]models.ExcludeRange(nil), q.Exclude...), labels.Excluded...)),
		Exclusions: annotations.Merge(append(append([]models.ExcludeRange(nil), q.Exclude...), labels.Exclusions...)),
		Incidents:  labels.Incidents, FalseAlarms: labels.FalseAlarms,
		Alerting: q.Alerting, ComparePast: q.ComparesPast(),
		LabelScope: labelScopeOf(labelScope, q.Exclude),
	}
	var warnings sourceWarnings
	seriesHint := 0 // the range's series, once read: they size the history's requests
	fetch := func(fromMs float64) ([]models.Series, error) {
		return source.Fetch(ctx, upstream.FetchRequest{
			Query:      q,
			From:       time.UnixMilli(int64(fromMs)),
			To:         time.UnixMilli(int64(plan.RangeTo)),
			Step:       q.Step,
			MaxSeries:  d.settings.MaxSeries,
			MaxPoints:  d.settings.MaxPointsPerSeries,
			SeriesHint: seriesHint,
			Warn:       warnings.add,
		})
	}
	if !needHistory {
		// The range alone, from its first step-aligned time, so its points match those of a full read.
		rangeOnly, err := fetch(rangeReadFrom(q, plan, d.settings.MaxPointsPerSeries))
		if err != nil {
			return nil, err
		}
		if pinned, ok := d.pipeline.CachedFits(ctx, p.request, rangeOnly); ok {
			p.series, p.request.Pinned = rangeOnly, pinned
		}
		seriesHint = len(rangeOnly)
	}
	if p.series == nil {
		if p.series, err = fetch(historyReadFrom(q, plan, d.settings.MaxPointsPerSeries)); err != nil {
			return nil, err
		}
	}
	if notice := pastShortNotice(q, plan, d.settings.MaxPointsPerSeries); notice != "" {
		p.notices = append(p.notices, notice)
	}
	p.notices = append(p.notices, warnings.notices()...)
	if len(p.series) > d.settings.MaxSeries {
		return nil, fmt.Errorf("%w: the source returned %d series, more than maxSeries (%d)", models.ErrLimit, len(p.series), d.settings.MaxSeries)
	}
	// The check above counted the plan's steps; a source may answer more points than that (a SQL table's raw rows
	// read without $__timeGroup), and the fits take them all.
	if p.pointsPerFit = mostPointsPerFit(plan, p.series); p.pointsPerFit > plan.MostPointsPerFit() {
		if err := checkDesignSize(width, p.pointsPerFit, d.settings.MaxPointsPerSeries); err != nil {
			return nil, fmt.Errorf("%w (the source answers up to %d points per series where the %v step makes %d; aggregate them to the step in its query)",
				err, p.pointsPerFit, q.Step, plan.MostPointsPerFit())
		}
	}
	if plan.ShortenedTraining {
		p.notices = append(p.notices, fmt.Sprintf("training shortened to %.1f days to stay within maxPointsPerSeries (%d)",
			plan.TrainingMs/86_400_000, d.settings.MaxPointsPerSeries))
	}
	if len(p.series) == 0 {
		p.notices = append(p.notices, "the source returned no series for this query and time range")
	}
	return p, nil
}

// weekMs is a week in epoch milliseconds.
const weekMs = float64(7 * 24 * time.Hour / time.Millisecond)

// historyReadFrom is where a read with the training history starts: the plan's start, or earlier when the query
// compares with the past and its pastWeeks reach further back than the training (a short trainingDays), as far as
// maxPointsPerSeries allows. Fits read only their own windows, so the extra weeks feed vs_past alone.
func historyReadFrom(q models.Query, plan forecast.Plan, maxPoints int) float64 {
	if !q.ComparesPast() {
		return plan.FetchFrom
	}
	past := plan.RangeFrom - float64(q.Controls().PastWeeks)*weekMs
	budget := plan.RangeTo - float64(maxPoints-1)*plan.StepMs
	return min(plan.FetchFrom, math.Ceil(max(past, budget)/plan.StepMs)*plan.StepMs)
}

// pastShortNotice says when the points budget leaves vs_past fewer weeks before the range than it needs to have
// a value at all (minPastWeeks of them): an alert rule on it would otherwise get no data without a word.
func pastShortNotice(q models.Query, plan forecast.Plan, maxPoints int) string {
	if !q.ComparesPast() {
		return ""
	}
	held := (plan.RangeFrom - historyReadFrom(q, plan, maxPoints)) / weekMs
	if held >= models.MinPastWeeks {
		return ""
	}
	return fmt.Sprintf("vs_past needs %d weeks before the range and maxPointsPerSeries (%d) allows %.1f days at this step: vs_past is null",
		models.MinPastWeeks, maxPoints, held*7)
}

// rangeReadFrom is where a read without the training history starts: the range's first step-aligned time, or
// pastWeeks earlier when the query compares with the past, or DriftHistory before the range's end for drift
// (never before the full read's start, so vs_past and drift read the same history either way).
func rangeReadFrom(q models.Query, plan forecast.Plan, maxPoints int) float64 {
	from := plan.RangeFrom
	if q.ComparesPast() {
		from -= float64(q.Controls().PastWeeks) * weekMs
	}
	if q.DetectsDrift() {
		from = min(from, plan.RangeTo-float64(models.DriftHistory.Milliseconds()))
	}
	return max(historyReadFrom(q, plan, maxPoints), math.Ceil(from/plan.StepMs)*plan.StepMs)
}

// mostPointsPerFit is the most points a model call of the query takes: the plan's steps over the span the fits
// read, or as many as a series holds there when its source answered more (points off the step grid).
func mostPointsPerFit(plan forecast.Plan, series []models.Series) int {
	most := plan.MostPointsPerFit()
	for _, s := range series {
		n := 0
		for _, t := range s.Times {
			if t >= plan.FetchFrom && t <= plan.RangeTo {
				n++
			}
		}
		most = max(most, n)
	}
	return most
}

// designColumnsPerPoint bounds the memory of one fit, its design matrix of points × columns doubles: at most this
// many columns per point maxPointsPerSeries allows (1.28 million values, 10 MiB, under default settings; one fit
// runs per core). A model as wide as Prophet's defaults (61 columns) takes every point the settings allow; the
// widest the model takes (200) about a third of them.
const designColumnsPerPoint = 64

// checkDesignSize refuses a query whose widest model over its longest read would pass that bound.
func checkDesignSize(width, points, maxPointsPerSeries int) error {
	if budget := designColumnsPerPoint * maxPointsPerSeries; width*points > budget {
		return fmt.Errorf("%w: a model of up to %d columns over %d points needs %d design values per fit, more than %d (%d × maxPointsPerSeries); use fewer training days, a coarser step or fewer columns",
			models.ErrLimit, width, points, width*points, budget, designColumnsPerPoint)
	}
	return nil
}

// annotationLabels reads the exclusion, incident and false-alarm annotations of the request's organisation,
// those of a dashboard only as exclusionScope allows. Without any way to call Grafana (demo or Prometheus setups
// without a token) it quietly reads none; other failures become notices, not errors.
func (d *Datasource) annotationLabels(ctx context.Context, who access.Requester, q models.Query, plan forecast.Plan) (annotations.Labels, annotations.Scope, []string) {
	api, err := d.grafanaAPI(ctx, who)
	if errors.Is(err, models.ErrNotConfigured) {
		return annotations.Labels{}, annotations.Scope{}, nil
	}
	if err != nil {
		return annotations.Labels{}, annotations.Scope{}, []string{"exclusion annotations were not read: " + err.Error()}
	}
	scope, notice := d.exclusionScope(ctx, api, who, q)
	var notices []string
	if notice != "" {
		notices = append(notices, notice)
	}
	// Over all the query reads: vs_past's weeks before a short training skip labelled ranges too.
	labels, err := annotations.Read(ctx, api, scope, historyReadFrom(q, plan, d.settings.MaxPointsPerSeries), plan.RangeTo)
	if errors.Is(err, annotations.ErrTruncated) {
		return labels, scope, append(notices, err.Error())
	}
	if err != nil {
		return annotations.Labels{}, scope, append(notices, "exclusion annotations were not read, so incidents marked foresight:exclude or foresight:incident may have been learned: "+err.Error())
	}
	return labels, scope, notices
}

// labelScopeOf names where a query's labels come from, for its `model: auto` selections (forecast.Request's
// LabelScope): the dashboard and panel whose annotations apply, and the query's own exclude ranges. Empty for a
// query with neither, which shares the selections of every such query on the series.
func labelScopeOf(scope annotations.Scope, exclude []models.ExcludeRange) string {
	if scope.DashboardUID == "" && len(exclude) == 0 {
		return ""
	}
	ranges, _ := json.Marshal(exclude)
	return scope.DashboardUID + "\x00" + strconv.FormatInt(scope.PanelID, 10) + "\x00" + string(ranges)
}

// runQuery answers one query with frames.
func (d *Datasource) runQuery(ctx context.Context, q models.Query, who access.Requester) (data.Frames, error) {
	storeFailures := d.storeFailures()
	p, err := d.prepare(ctx, q, who, false)
	if err != nil {
		return nil, err
	}
	warning, notice := d.earlyWarning(ctx, q, who)
	if notice != "" {
		p.notices = append(p.notices, notice)
	}
	p.request.Warning, p.request.Drift = warning, q.DetectsDrift()
	results, err := d.pipeline.Run(ctx, p.request, p.series)
	if err != nil {
		return nil, err
	}
	if notice := d.storeNotice(storeFailures); notice != "" {
		p.notices = append(p.notices, notice)
	}
	return frames.Build(q, results, p.notices), nil
}
