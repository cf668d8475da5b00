package forecast

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/foresight-anomaly/foresight/pkg/alerting"
	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/selection"
)

var nan = math.NaN()

// maxNoticesPerSeries keeps a series' notice list readable.
const maxNoticesPerSeries = 5

// Pipeline judges series with cached fits. One Pipeline serves a datasource instance; Run is safe for
// concurrent use.
type Pipeline struct {
	forecaster Forecaster
	cache      *FitCache
	// slots bounds the fits and predictions running at once across every query of the instance.
	slots chan struct{}
	// selections serve `model: auto` (nil: the default family serves).
	selections Selections
	// backing keeps fits beyond the cache (WithStore; zero: the cache alone).
	backing backing
	// background runs the fits queries left when their time ran short.
	background *backgroundFits
	now        func() time.Time
	// expectations hold, per model, what judging its piece's points needs without a model call.
	expectations *expectationMemo
	// scrub cleans text of the datasource's secrets before it is logged (WithScrub; the identity by default).
	scrub func(string) string
	// logger takes the pipeline's logs (WithLogger; Grafana's global logger by default).
	logger log.Logger
}

// NewPipeline builds a pipeline; concurrency <= 0 means one fit per core.
func NewPipeline(forecaster Forecaster, cache *FitCache, concurrency int) *Pipeline {
	if concurrency <= 0 {
		concurrency = runtime.GOMAXPROCS(0)
	}
	return &Pipeline{forecaster: forecaster, cache: cache, slots: make(chan struct{}, concurrency),
		background: newBackgroundFits(concurrency), now: time.Now, expectations: newExpectationMemo(maxExpectationBytes),
		scrub: func(s string) string { return s }, logger: log.DefaultLogger}
}

// WithLogger sets where the pipeline and its background fits log, so a caller (or a test) need not swap the
// global logger; nil keeps the one set.
func (p *Pipeline) WithLogger(logger log.Logger) *Pipeline {
	if logger != nil {
		p.logger = logger
		p.background.logger = logger
	}
	return p
}

// WithScrub sets what cleans the pipeline's panic logs of secrets (a panic's text may quote what it was given).
func (p *Pipeline) WithScrub(scrub func(string) string) *Pipeline {
	p.scrub = scrub
	p.background.scrub = scrub
	return p
}

// Cache exposes the fit cache (for stats and resource calls).
func (p *Pipeline) Cache() *FitCache { return p.cache }

// Request is one query's work: the plan, the identity of its source query (for cache keys) and the labels from
// annotations and the query.
type Request struct {
	Plan      Plan
	Params    []byte
	SourceKey string
	// Exclude are the spans left out of training: exclusions and incidents.
	Exclude []models.ExcludeRange
	// Exclusions are Exclude without the incidents, for calls that take incidents as labels.
	Exclusions []models.ExcludeRange
	// Incidents are the spans labelled as real incidents (also in Exclude), for selection and evaluation.
	Incidents []models.ExcludeRange
	// FalseAlarms are the spans labelled as flagged but normal; they reach the fits as the `false_alarms` param.
	FalseAlarms []models.ExcludeRange
	// LabelScope names where the labels come from (the annotation scope and the query's own exclude ranges). A
	// `model: auto` selection is ranked with the asking query's labels, so each scope keeps its own: one
	// dashboard's labels (or a query's crafted ranges) never choose the model another dashboard or rule serves.
	LabelScope string
	// Pinned holds fits by cache key that the run uses whatever the cache does meanwhile (CachedFits).
	Pinned map[string]Model
	// Alerting is the query's alerting object (nil: the model's own outlier and score).
	Alerting *models.Alerting
	// ComparePast asks for vs_past, read from each series' history before the range.
	ComparePast bool
	// Warning asks for breach_eta and breach_probability (nil: none).
	Warning *Warning
	// Drift asks for the drift field.
	Drift bool
}

// job is one piece of one series.
type job struct {
	series int
	piece  int
}

// seriesWork is a series during a run.
type seriesWork struct {
	key    string
	times  []float64
	values []float64
	result *SeriesResult
	models []Model // per piece; empty Text when the piece was not fitted
	// params are the ones this series is fitted with (the query's, or its selection's for model auto).
	params  modelParams
	mu      sync.Mutex
	notices []string
	// deferred is set when a piece's fit was left to the background: the piece is not judged.
	deferred bool
}

func (w *seriesWork) notice(text string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, existing := range w.notices {
		if existing == text {
			return
		}
	}
	w.notices = append(w.notices, text)
}

// Run judges every series of a query. Errors returned concern the whole query (bad params); a series that
// fails gets notices on its result instead.
func (p *Pipeline) Run(ctx context.Context, req Request, series []models.Series) ([]SeriesResult, error) {
	params, err := parseParams(req.Params)
	if err != nil {
		return nil, err
	}
	req, params = withOwnExclusions(req, params)
	p.background.queryStarted()
	defer p.background.queryEnded()
	p.prefetchSelections(ctx, params, req, series)
	work := make([]*seriesWork, len(series))
	var jobs []job
	for i := range series {
		work[i] = p.prepare(req, series[i])
		serving, notice, _ := p.servingParams(params, req, work[i].key, work[i].times, work[i].values)
		work[i].params = serving
		if notice != "" {
			work[i].notice(notice)
		}
		for k := range req.Plan.Pieces {
			jobs = append(jobs, job{series: i, piece: k})
		}
	}
	run := &runState{cutoff: fitCutoff(ctx, p.now())}
	p.runPool(jobs, func(j job) {
		defer p.recoverInto(work[j.series])
		p.judgePiece(ctx, run, req, work[j.series].params, work[j.series], j.piece)
	})
	noticeDeferred(work)
	defer run.prepareLater(p)
	if forecastTimes := req.Plan.ForecastTimes(); len(forecastTimes) > 0 {
		p.runPool(everySeries(work), func(j job) {
			defer p.recoverInto(work[j.series])
			p.forecast(ctx, work[j.series], forecastTimes)
		})
	}
	if req.Warning != nil || req.Drift {
		p.runPool(everySeries(work), func(j job) {
			defer p.recoverInto(work[j.series])
			p.warn(ctx, req, work[j.series])
		})
	}
	controls := req.Alerting.Resolved()
	results := make([]SeriesResult, len(work))
	for i, w := range work {
		applyAlerting(w, controls, req)
		w.result.Notices = trimNotices(w.notices)
		results[i] = *w.result
	}
	return results, nil
}

// everySeries is one job per series.
func everySeries(work []*seriesWork) []job {
	jobs := make([]job, len(work))
	for i := range work {
		jobs[i] = job{series: i}
	}
	return jobs
}

// applyAlerting replaces a series' outlier and score by those the alerting controls keep and adds the alert
// fields.
func applyAlerting(w *seriesWork, controls models.Alerting, req Request) {
	res := w.result
	var history *alerting.History
	if req.ComparePast {
		history = &alerting.History{Times: w.times, Values: w.values, Exclude: req.Exclude, StepMs: req.Plan.StepMs}
	}
	out := alerting.Compute(alerting.Judged{Times: res.Times, Values: res.Values, Yhat: res.Yhat, Outlier: res.Outlier, Score: res.Score},
		controls, history)
	res.Outlier, res.Score = out.Outlier, out.Score
	res.Significance, res.Alert, res.Direction = out.Significance, out.Alert, out.Direction
	res.ThresholdBreach, res.VsPast = out.ThresholdBreach, out.VsPast
}

// prepare sorts a series and sets up its range outputs.
func (p *Pipeline) prepare(req Request, s models.Series) *seriesWork {
	s.Normalize()
	lo := sort.SearchFloat64s(s.Times, req.Plan.RangeFrom)
	hi := sort.Search(len(s.Times), func(i int) bool { return s.Times[i] > req.Plan.RangeTo })
	w := &seriesWork{
		key:    seriesKeyOf(req, s),
		times:  s.Times,
		values: s.Values,
		result: newSeriesResult(s.Name, s.Labels, s.Times[lo:hi], s.Values[lo:hi]),
		models: make([]Model, len(req.Plan.Pieces)),
	}
	for i, t := range w.result.Times {
		w.result.Excluded[i] = inRanges(t, req.Exclude)
	}
	if hi == lo {
		w.notice("no points in the time range")
	}
	return w
}

// runPool runs fn over jobs with one worker per slot.
func (p *Pipeline) runPool(jobs []job, fn func(job)) {
	runWorkers(cap(p.slots), jobs, fn)
}

// runWorkers runs fn over items on up to workers goroutines and returns when all are done.
func runWorkers[T any](workers int, items []T, fn func(T)) {
	queue := make(chan T)
	var wg sync.WaitGroup
	for range min(workers, len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for item := range queue {
				fn(item)
			}
		}()
	}
	for _, item := range items {
		queue <- item
	}
	close(queue)
	wg.Wait()
}

// recoverInto turns a panic while judging a series into a notice on that series alone.
func (p *Pipeline) recoverInto(w *seriesWork) {
	if r := recover(); r != nil {
		p.logger.Error("foresight: panic while judging a series", "panic", p.scrub(fmt.Sprint(r)))
		w.notice("internal error while judging this series (please report it)")
	}
}

// judgePiece fits the model for one piece (or takes it from the cache; after the cutoff, leaves the fit to the
// background) and judges the piece's points.
func (p *Pipeline) judgePiece(ctx context.Context, run *runState, req Request, params modelParams, w *seriesWork, k int) {
	piece := req.Plan.Pieces[k]
	res := w.result
	a := sort.SearchFloat64s(res.Times, piece.Start)
	b := sort.SearchFloat64s(res.Times, piece.End)
	if a >= b {
		return
	}
	model, key, deferred, err := p.fitOrDefer(ctx, run.cutoff, req, params, w, k)
	if deferred {
		w.mu.Lock()
		w.deferred = true
		w.mu.Unlock()
		return
	}
	if err != nil {
		w.notice(err.Error())
		return
	}
	w.models[k] = model
	pred, judged := p.judgeFromExpectations(ctx, run, key, model, piece, req.Plan.StepMs, res.Times[a:b], res.Values[a:b])
	if !judged && !p.inSlot(ctx, func() { pred, err = p.forecaster.Predict(ctx, model, res.Times[a:b], res.Values[a:b]) }) {
		w.notice(timeUpNotice(ctx))
		return
	}
	if err != nil {
		w.notice(describeFailure("prediction", piece.Start, err))
		return
	}
	if err := checkLengths(pred, b-a, true); err != nil {
		w.notice(describeFailure("prediction", piece.Start, err))
		return
	}
	for i := a; i < b; i++ {
		j := i - a
		res.Yhat[i], res.Lower[i], res.Upper[i] = finiteOrNaN(pred.Yhat[j]), finiteOrNaN(pred.Lower[j]), finiteOrNaN(pred.Upper[j])
		// A missing value has an expectation but no verdict: the model answers 0 for it, which a rule would read
		// as "normal" where it should see no data.
		if math.IsNaN(finiteOrNaN(res.Values[i])) {
			res.Score[i], res.Outlier[i] = math.NaN(), math.NaN()
			continue
		}
		res.Score[i] = finiteOrNaN(pred.Score[j])
		res.Outlier[i] = float64(pred.Outlier[j])
	}
}

// errNotice is a failure already phrased for the series' notice list.
type errNotice string

func (e errNotice) Error() string { return string(e) }

// fitPiece returns the model for piece k of a series, trained on the window before the piece, and its cache key:
// pinned by the request, or from the cache or the model store, else fitted once across the store's processes (run
// by slot, which says false when the time is up) and stored.
func (p *Pipeline) fitPiece(ctx context.Context, req Request, params modelParams, w *seriesWork, k int, slot func(context.Context, func()) bool) (Model, string, error) {
	piece := req.Plan.Pieces[k]
	trainFrom := piece.Start - req.Plan.TrainingMs
	paramsJSON, key, err := fitKey(req, params, w.key, piece)
	if err != nil {
		return Model{}, "", err
	}
	if model, ok := req.Pinned[key]; ok {
		return model, key, nil
	}
	if model, ok := p.cache.Get(key); ok {
		return model, key, nil
	}
	if model, ok := p.storedModel(ctx, key); ok {
		return model, key, nil
	}
	ta := sort.SearchFloat64s(w.times, trainFrom)
	tb := sort.SearchFloat64s(w.times, piece.Start)
	if usable := countUsable(w.times[ta:tb], w.values[ta:tb], req.Exclude); usable < MinTrainingPoints {
		return Model{}, key, errNotice(fmt.Sprintf("points from %s not judged: %d usable values in the training window before them, %d needed",
			formatMs(piece.Start), usable, MinTrainingPoints))
	}
	// One slot holds the update or the fit: updatedFit runs unslotted inside it.
	model, ran, err := p.fitOnce(ctx, key, slot, func() (Model, error) {
		if model, ok := p.updatedFit(ctx, req, params, w, k, paramsJSON, unslotted); ok {
			return model, nil
		}
		return p.forecaster.Fit(ctx, w.times[ta:tb], w.values[ta:tb], paramsJSON)
	})
	if !ran {
		return Model{}, key, errNotice(timeUpNotice(ctx))
	}
	if err != nil {
		return Model{}, key, errNotice(describeFailure("fit", piece.Start, err))
	}
	return model, key, nil
}

// updatedFit makes piece k's model from the previous piece's, when the cache holds it, by an incremental update
// (Updater): the points between the two piece starts are added and those of the old window before the new one's
// start dropped. ok is false, and the caller fits from scratch, when the forecaster cannot update, the previous
// model is not at hand, the fetched points do not reach back to the old window's start (its dropped points must
// be the ones it was fitted on), or the update is refused (a full refit is due, or the model cannot take it).
func (p *Pipeline) updatedFit(ctx context.Context, req Request, params modelParams, w *seriesWork, k int, paramsJSON []byte, slot func(context.Context, func()) bool) (Model, bool) {
	updater, can := p.forecaster.(Updater)
	piece := req.Plan.Pieces[k]
	previous := Piece{Start: piece.Start - req.Plan.RefitMs, End: piece.Start}
	oldFrom, newFrom := previous.Start-req.Plan.TrainingMs, piece.Start-req.Plan.TrainingMs
	if !can || req.Plan.RefitMs <= 0 || oldFrom < req.Plan.FetchFrom {
		return Model{}, false
	}
	_, previousKey, err := fitKey(req, params, w.key, previous)
	if err != nil {
		return Model{}, false
	}
	prior, ok := req.Pinned[previousKey]
	if !ok {
		prior, ok = p.cache.Get(previousKey)
	}
	if !ok {
		if prior, ok = p.storedModel(ctx, previousKey); !ok { // a restarted process finds it in the store
			return Model{}, false
		}
	}
	if prior.State == "" { // with a store, the fit cache keeps models without their update statistics
		if prior.State = p.backing.state(ctx, previousKey); prior.State == "" {
			return Model{}, false
		}
	}
	span := func(from, to float64) ([]float64, []float64) {
		a, b := sort.SearchFloat64s(w.times, from), sort.SearchFloat64s(w.times, to)
		return w.times[a:b], w.values[a:b]
	}
	change := WindowChange{WindowStart: newFrom}
	change.AddedTs, change.AddedYs = span(previous.Start, piece.Start)
	change.DroppedTs, change.DroppedYs = span(oldFrom, newFrom)
	var model Model
	if !slot(ctx, func() { model, err = updater.Update(ctx, prior, change, paramsJSON) }) || err != nil {
		return Model{}, false
	}
	return model, true
}

// fitKey renders the params of a piece's fit and its cache key: series identity, params (with the exclusions
// and false alarms touching the training window), step, training length and training end.
func fitKey(req Request, params modelParams, seriesKey string, piece Piece) ([]byte, string, error) {
	paramsJSON, hash, err := params.forFit(req, piece.Start-req.Plan.TrainingMs, piece.Start)
	if err != nil {
		return nil, "", err
	}
	return paramsJSON, fmt.Sprintf("%s\x00%s\x00%.0f\x00%.0f\x00%.0f", seriesKey, hash, req.Plan.StepMs, req.Plan.TrainingMs, piece.Start), nil
}

// CachedFits returns every fit the range needs (each piece of each series with points in it) when the cache
// and the model store hold them all, so the query can be answered from the range's points alone, without
// fetching the training history; the fits missing from the cache are read from the store in one batch (a
// restarted process answers from a filled store without refitting). The fits are the query's from then on: put
// in Request.Pinned, they hold for the run even if other queries evict them meanwhile (a range-only read has
// no history to refit them from).
func (p *Pipeline) CachedFits(ctx context.Context, req Request, series []models.Series) (map[string]Model, bool) {
	params, err := parseParams(req.Params)
	if err != nil || len(series) == 0 {
		return nil, false
	}
	req, params = withOwnExclusions(req, params)
	p.prefetchSelections(ctx, params, req, series)
	pinned := map[string]Model{}
	var missing []string
	for _, s := range series {
		seriesKey := seriesKeyOf(req, s)
		serving, _, settled := p.servingParams(params, req, seriesKey, nil, nil)
		if !settled {
			return nil, false // a selection is missing or due: the query must read the history to ask for it
		}
		for _, piece := range req.Plan.Pieces {
			if !hasPointIn(s.Times, piece.Start, min(piece.End, req.Plan.RangeTo+1)) {
				continue
			}
			_, key, err := fitKey(req, serving, seriesKey, piece)
			if err != nil {
				return nil, false
			}
			if model, ok := p.cache.Get(key); ok {
				pinned[key] = model
				continue
			}
			if p.backing.store == nil {
				return nil, false
			}
			missing = append(missing, key)
		}
	}
	stored := p.storedModels(ctx, missing)
	for _, key := range missing {
		model, ok := stored[key]
		if !ok {
			return nil, false
		}
		pinned[key] = model
	}
	p.loadStoredExpectations(ctx, stored)
	return pinned, true
}

func hasPointIn(times []float64, from, to float64) bool {
	for _, t := range times {
		if t >= from && t < to {
			return true
		}
	}
	return false
}

// LastModel returns, for one series of a query, the model that judges the last piece of the range (the one a
// forecast uses), with the series' times and values inside the range. It serves resource calls, which have
// limits of their own, so its fit takes none of the fit slots the instance's queries share.
func (p *Pipeline) LastModel(ctx context.Context, req Request, s models.Series) (Model, *SeriesResult, error) {
	params, err := parseParams(req.Params)
	if err != nil {
		return Model{}, nil, err
	}
	req, params = withOwnExclusions(req, params)
	w := p.prepare(req, s)
	p.prefetchSelections(ctx, params, req, []models.Series{s})
	serving, _, _ := p.servingParams(params, req, w.key, w.times, w.values)
	model, _, err := p.fitPiece(ctx, req, serving, w, len(req.Plan.Pieces)-1, unslotted)
	return model, w.result, err
}

// ParamsFor renders a request's params with the exclusions touching [from, to) merged in, and the labels there
// for the engine's `labels` option (for whole-history calls such as cross-validation).
func ParamsFor(req Request, from, to float64) ([]byte, selection.Labels, error) {
	params, err := parseParams(req.Params)
	if err != nil {
		return nil, selection.Labels{}, err
	}
	return params.forLabelledCall(req, from, to)
}

// forecast extends a series beyond the range with the model of its last fitted piece.
func (p *Pipeline) forecast(ctx context.Context, w *seriesWork, times []float64) {
	model := w.servingModel()
	if model.Text == "" {
		w.notice("no forecast: no piece of the range could be fitted")
		return
	}
	var pred Prediction
	var err error
	if !p.inSlot(ctx, func() { pred, err = p.forecaster.Predict(ctx, model, times, nil) }) {
		w.notice(timeUpNotice(ctx))
		return
	}
	if err == nil {
		err = checkLengths(pred, len(times), false)
	}
	if err != nil {
		w.notice("no forecast: " + err.Error())
		return
	}
	res := w.result
	res.ForecastTimes = times
	res.ForecastYhat, res.ForecastLower, res.ForecastUpper = mapFinite(pred.Yhat), mapFinite(pred.Lower), mapFinite(pred.Upper)
}

// inSlot runs fn holding one of the instance's fit slots, and returns the slot even when fn panics. It gives up
// (false, fn not run) when the query's time is up before a slot frees.
func (p *Pipeline) inSlot(ctx context.Context, fn func()) bool {
	if ctx.Err() != nil {
		return false
	}
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	defer func() { <-p.slots }()
	fn()
	return true
}

// unslotted runs fn at once unless the time is up.
func unslotted(ctx context.Context, fn func()) bool {
	if ctx.Err() != nil {
		return false
	}
	fn()
	return true
}

func timeUpNotice(ctx context.Context) string {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return "not fully judged: the query passed its time limit (raise queryTimeoutSeconds or query fewer series)"
	}
	return "not fully judged: the query was cancelled"
}

func describeFailure(what string, pieceStart float64, err error) string {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return fmt.Sprintf("%s for points from %s stopped: %v", what, formatMs(pieceStart), err)
	}
	return fmt.Sprintf("%s for points from %s failed: %v", what, formatMs(pieceStart), err)
}

func checkLengths(pred Prediction, n int, judged bool) error {
	ok := len(pred.Yhat) == n && len(pred.Lower) == n && len(pred.Upper) == n
	if judged {
		ok = ok && len(pred.Score) == n && len(pred.Outlier) == n
	}
	if !ok {
		return fmt.Errorf("the model returned %d values for %d points", len(pred.Yhat), n)
	}
	return nil
}

// countUsable counts finite values outside the excluded ranges.
func countUsable(times, values []float64, exclude []models.ExcludeRange) int {
	n := 0
	for i, v := range values {
		if !math.IsNaN(v) && !math.IsInf(v, 0) && !inRanges(times[i], exclude) {
			n++
		}
	}
	return n
}

func inRanges(t float64, ranges []models.ExcludeRange) bool {
	for _, r := range ranges {
		if t >= r.From && t <= r.To {
			return true
		}
	}
	return false
}

func finiteOrNaN(v float64) float64 {
	if math.IsInf(v, 0) {
		return nan
	}
	return v
}

func mapFinite(values []float64) []float64 {
	out := make([]float64, len(values))
	for i, v := range values {
		out[i] = finiteOrNaN(v)
	}
	return out
}

func trimNotices(notices []string) []string {
	if len(notices) <= maxNoticesPerSeries {
		return notices
	}
	extra := len(notices) - maxNoticesPerSeries
	return append(notices[:maxNoticesPerSeries:maxNoticesPerSeries], fmt.Sprintf("… and %d more", extra))
}

func formatMs(ms float64) string {
	return strings.Replace(time.UnixMilli(int64(ms)).UTC().Format(time.RFC3339), "T", " ", 1)
}
