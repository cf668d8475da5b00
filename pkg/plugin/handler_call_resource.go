package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/engine"
	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/frames"
	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/selection"
)

// Series per resource call: cross-validation and tuning refit many times per series, so they take few.
const (
	maxComponentSeries = 20
	maxCVSeries        = 10
	maxTuneSeries      = 3
	maxResourceBody    = 1 << 20
)

// seriesReport is one series' answer; Error is set instead of the payload when the series failed.
type seriesReport struct {
	Name       string                `json:"name"`
	Labels     map[string]string     `json:"labels,omitempty"`
	Times      []float64             `json:"times,omitempty"`
	Components map[string][]*float64 `json:"components,omitempty"`
	Report     json.RawMessage       `json:"report,omitempty"`
	Error      string                `json:"error,omitempty"`
}

type resourceResponse struct {
	Series  []seriesReport `json:"series"`
	Notices []string       `json:"notices,omitempty"`
}

type resourceHandler func(ctx context.Context, p *prepared, options json.RawMessage) (resourceResponse, error)

// CallResource serves POST cv, tune and components for the query editor and the panel.
func (d *Datasource) CallResource(ctx context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) (err error) {
	sender = scrubbingSender{next: sender, secrets: d.secrets(ctx)}
	routes := map[string]resourceHandler{
		models.ResourceCrossValidation: d.crossValidate,
		models.ResourceTune:            d.tune,
		models.ResourceComponents:      d.components,
		models.ResourceSelection:       d.selectionReport,
	}
	path := strings.Trim(req.Path, "/")
	handler, ok := routes[path]
	if !ok {
		known := strings.Join(slices.Sorted(maps.Keys(routes)), ", ")
		return sendJSON(sender, http.StatusNotFound, map[string]string{"error": "unknown resource " + req.Path + " (known: " + known + ")"})
	}
	if req.Method != http.MethodPost {
		return sendJSON(sender, http.StatusMethodNotAllowed, map[string]string{"error": req.Path + " takes POST with a JSON body"})
	}
	select {
	case d.resourceCalls <- struct{}{}:
		defer func() { <-d.resourceCalls }()
	default:
		return sendJSON(sender, http.StatusTooManyRequests, map[string]string{"error": fmt.Sprintf(
			"%d model tool calls (cv, tune, components) are already running on this datasource, its maxResourceCalls; try again when one ends",
			cap(d.resourceCalls))})
	}
	defer func() {
		if r := recover(); r != nil {
			d.logger.Error("foresight: panic in resource call", "path", req.Path, "panic", scrubbedPanic(r, d.secrets(ctx)))
			err = sendJSON(sender, http.StatusInternalServerError, map[string]string{"error": panicError(r).Error()})
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, d.settings.QueryTimeout())
	defer cancel()
	// Everything the call runs on the model goes to the engine's analysis runtimes, never the queries'.
	ctx = engine.ForAnalysis(ctx)
	// Cross-validation and tuning read the whole history; components only need the fit of the last piece.
	p, options, err := d.prepareResource(ctx, req, path != models.ResourceComponents && path != models.ResourceSelection)
	if err != nil {
		return sendJSON(sender, httpStatus(err), map[string]string{"error": err.Error()})
	}
	out, err := handler(ctx, p, options)
	if err != nil {
		return sendJSON(sender, httpStatus(err), map[string]string{"error": err.Error()})
	}
	return sendJSON(sender, http.StatusOK, out)
}

func (d *Datasource) prepareResource(ctx context.Context, req *backend.CallResourceRequest, needHistory bool) (*prepared, json.RawMessage, error) {
	if len(req.Body) > maxResourceBody {
		return nil, nil, fmt.Errorf("%w: the request body is larger than %d bytes", models.ErrInvalidQuery, maxResourceBody)
	}
	var body models.ResourceRequest
	if err := json.Unmarshal(req.Body, &body); err != nil {
		return nil, nil, fmt.Errorf("%w: the body must be {query, from, to, intervalMs, options}: %v", models.ErrInvalidQuery, err)
	}
	q, err := models.LoadQuery(backend.DataQuery{
		RefID:     "resource",
		JSON:      body.Query,
		Interval:  time.Duration(body.IntervalMs) * time.Millisecond,
		TimeRange: backend.TimeRange{From: time.UnixMilli(body.From), To: time.UnixMilli(body.To)},
	}, d.settings)
	if err != nil {
		return nil, nil, err
	}
	p, err := d.prepare(ctx, q, resourceRequester(req.PluginContext, req.Headers), needHistory)
	if err != nil {
		return nil, nil, err
	}
	return p, body.Options, nil
}

func (d *Datasource) components(ctx context.Context, p *prepared, _ json.RawMessage) (resourceResponse, error) {
	return d.eachSeries(p, maxComponentSeries, func(s models.Series, report *seriesReport) error {
		model, result, err := d.pipeline.LastModel(ctx, p.request, s)
		if err != nil {
			return err
		}
		parts, err := d.model.Components(ctx, model, result.Times)
		if err != nil {
			return err
		}
		report.Times = result.Times
		report.Components = make(map[string][]*float64, len(parts))
		for name, values := range parts {
			report.Components[name] = frames.Nullable(values)
		}
		return nil
	})
}

// selectionReport says, per series of an auto query, which model serves it, since when, with what score and after
// which swaps; `serving` is null while the series has no selection yet (the default ensemble serves meanwhile).
func (d *Datasource) selectionReport(ctx context.Context, p *prepared, _ json.RawMessage) (resourceResponse, error) {
	return d.eachSeries(p, maxComponentSeries, func(s models.Series, report *seriesReport) error {
		sel, stale, ok, err := d.pipeline.SelectionOf(ctx, p.request, s)
		if err != nil {
			return err
		}
		type swap struct {
			At        int64   `json:"at"`
			From      string  `json:"from"`
			To        string  `json:"to"`
			FromScore float64 `json:"fromScore"`
			ToScore   float64 `json:"toScore"`
		}
		type serving struct {
			Family    string                     `json:"family"`
			Overrides map[string]json.RawMessage `json:"overrides"`
			Score     float64                    `json:"score"`
			At        int64                      `json:"at"`
			Due       bool                       `json:"due"`
			Trail     []swap                     `json:"trail"`
			// RankedAt is when every candidate was last ranked (absent: not yet); Shortlist the challengers the
			// re-evaluations until the next full ranking compare the serving model with.
			RankedAt  int64                 `json:"rankedAt,omitempty"`
			Shortlist []selection.Candidate `json:"shortlist"`
		}
		out := struct {
			Serving *serving `json:"serving"`
		}{}
		if ok {
			trail := make([]swap, 0, len(sel.Trail))
			for _, t := range sel.Trail {
				trail = append(trail, swap{At: t.At.UnixMilli(), From: t.From, To: t.To, FromScore: t.FromScore, ToScore: t.ToScore})
			}
			out.Serving = &serving{Family: sel.Family, Overrides: sel.Overrides, Score: sel.Score, At: sel.At.UnixMilli(), Due: stale, Trail: trail, Shortlist: sel.Shortlist}
			if out.Serving.Shortlist == nil {
				out.Serving.Shortlist = []selection.Candidate{}
			}
			if !sel.RankedAt.IsZero() {
				out.Serving.RankedAt = sel.RankedAt.UnixMilli()
			}
		}
		encoded, err := json.Marshal(out)
		if err != nil {
			return err
		}
		report.Report = encoded
		return nil
	})
}

func (d *Datasource) crossValidate(ctx context.Context, p *prepared, options json.RawMessage) (resourceResponse, error) {
	return d.evaluate(ctx, p, options, maxCVSeries, d.model.CrossValidate)
}

func (d *Datasource) tune(ctx context.Context, p *prepared, options json.RawMessage) (resourceResponse, error) {
	if err := d.checkGrid(ctx, p, options); err != nil {
		return resourceResponse{}, err
	}
	return d.evaluate(ctx, p, options, maxTuneSeries, d.model.Tune)
}

// checkGrid runs the query's parameter and design-size checks on every combination of a tune grid merged over
// the query's params, so a grid cannot widen a fit past what the same parameters are refused as a query
// (196 columns over 56 days of 5-minute points ran as a grid). A grid the engine will refuse anyway (malformed,
// or more combinations than maxEvaluationFits) is left to its message.
func (d *Datasource) checkGrid(ctx context.Context, p *prepared, options json.RawMessage) error {
	// Keys as the engine reads them, exactly: a struct would also take "GRID" for grid.
	fields := map[string]json.RawMessage{}
	if len(options) == 0 || json.Unmarshal(options, &fields) != nil {
		return nil // evaluationOptions refuses options that are no object
	}
	if _, ranking := fields["families"]; ranking {
		// Families are ranked over their own selection grids, the grid aside; a caller's incumbent or shortlist
		// would be fitted unchecked, and they are the selection service's, not this resource's.
		for _, name := range []string{"incumbent", "candidates"} {
			if _, ok := fields[name]; ok {
				return fmt.Errorf("%w: options.%s is not taken by the tune resource; it ranks the families over their own grids", models.ErrInvalidQuery, name)
			}
		}
		return nil
	}
	raw, ok := fields["grid"]
	if !ok {
		return nil
	}
	var grid map[string][]json.RawMessage
	if err := json.Unmarshal(raw, &grid); err != nil {
		return fmt.Errorf("%w: options.grid must be an object of value lists, e.g. {\"changepoint_prior_scale\": [0.01, 0.1]}", models.ErrInvalidQuery)
	}
	keys := slices.Sorted(maps.Keys(grid))
	count := 1
	for _, k := range keys {
		count *= len(grid[k])
		if count == 0 || count > d.settings.MaxEvaluationFits {
			return nil // the engine refuses it with its own message, before any fit
		}
	}
	base := map[string]json.RawMessage{}
	if len(p.request.Params) > 0 && json.Unmarshal(p.request.Params, &base) != nil {
		return nil
	}
	at := make([]int, len(keys))
	for {
		combination := maps.Clone(base)
		shown := make([]string, len(keys))
		for i, k := range keys {
			combination[k] = grid[k][at[i]]
			shown[i] = fmt.Sprintf("%s: %.40s", k, grid[k][at[i]])
		}
		params, err := json.Marshal(combination)
		if err != nil {
			return err
		}
		width, err := d.model.CheckParams(ctx, params)
		if err == nil {
			err = checkDesignSize(width, p.pointsPerFit, d.settings.MaxPointsPerSeries)
		}
		if err != nil {
			return fmt.Errorf("grid combination {%s}: %w", strings.Join(shown, ", "), err)
		}
		i := len(keys) - 1
		for ; i >= 0; i-- {
			if at[i]++; at[i] < len(grid[keys[i]]) {
				break
			}
			at[i] = 0
		}
		if i < 0 {
			return nil
		}
	}
}

type evaluation func(ctx context.Context, ts, ys []float64, params, opts json.RawMessage) (json.RawMessage, error)

// evaluate runs cross-validation or tuning over each series' whole fetched history (training plus range), with
// the labels there so the answer carries label_metrics.
func (d *Datasource) evaluate(ctx context.Context, p *prepared, options json.RawMessage, limit int, run evaluation) (resourceResponse, error) {
	plan := p.request.Plan
	params, labels, err := forecast.ParamsFor(p.request, plan.FetchFrom, plan.RangeTo+1)
	if err != nil {
		return resourceResponse{}, err
	}
	options, notice, err := evaluationOptions(options, d.settings.MaxEvaluationFits, labels)
	if err != nil {
		return resourceResponse{}, err
	}
	out, err := d.eachSeries(p, limit, func(s models.Series, report *seriesReport) error {
		s.Normalize()
		// The history from the training's read start, where the exclusions and labels above apply: a query with
		// vs_past may have read weeks before it.
		from := sort.SearchFloat64s(s.Times, plan.FetchFrom)
		result, err := run(ctx, s.Times[from:], s.Values[from:], params, options)
		report.Report = result
		return err
	})
	if notice != "" {
		out.Notices = append(out.Notices, notice)
	}
	return out, err
}

// eachSeries runs fn over at most limit series, one report each; a failing series reports its own error.
func (d *Datasource) eachSeries(p *prepared, limit int, fn func(models.Series, *seriesReport) error) (resourceResponse, error) {
	out := resourceResponse{Notices: p.notices, Series: []seriesReport{}}
	for i, s := range p.series {
		if i == limit {
			out.Notices = append(out.Notices, fmt.Sprintf("only the first %d of %d series were evaluated", limit, len(p.series)))
			break
		}
		report := seriesReport{Name: s.Name, Labels: s.Labels}
		if err := fn(s, &report); err != nil {
			report = seriesReport{Name: s.Name, Labels: s.Labels, Error: err.Error()}
		}
		out.Series = append(out.Series, report)
	}
	return out, nil
}

// defaultHorizonMs is the cross-validation horizon when the caller names none: one day.
const defaultHorizonMs = 86_400_000

// evaluationOptions fills options.horizon (epoch-ms span) when it is missing, options.labels from the series'
// labels unless the request brought its own, and holds maxFits and maxCutoffs to the datasource's
// maxEvaluationFits (maxFits defaults to it), saying so when a request asked for more.
func evaluationOptions(options json.RawMessage, maxFits int, labels selection.Labels) (json.RawMessage, string, error) {
	fields := map[string]json.RawMessage{}
	if len(options) > 0 && string(options) != "null" {
		if err := json.Unmarshal(options, &fields); err != nil {
			return nil, "", fmt.Errorf("%w: options must be a JSON object: %v", models.ErrInvalidQuery, err)
		}
	}
	if _, ok := fields["horizon"]; !ok {
		fields["horizon"] = json.RawMessage(strconv.Itoa(defaultHorizonMs))
	}
	if _, ok := fields["labels"]; !ok && !labels.Empty() {
		encoded, err := json.Marshal(labels)
		if err != nil {
			return nil, "", err
		}
		fields["labels"] = encoded
	}
	limit := json.RawMessage(strconv.Itoa(maxFits))
	notice := ""
	for _, name := range []string{"maxFits", "maxCutoffs"} {
		raw, asked := fields[name]
		if !asked {
			continue
		}
		// A pointer, so null is told from a number: decoded into a float64 it reads as 0 and would pass the cap
		// below while the engine reads it as absent and applies its own default.
		var value *float64
		if err := json.Unmarshal(raw, &value); err != nil || value == nil || !(*value >= 1) {
			return nil, "", fmt.Errorf("%w: options.%s must be a number of at least 1, got %.40s", models.ErrInvalidQuery, name, raw)
		}
		if *value > float64(maxFits) {
			fields[name] = limit
			notice = fmt.Sprintf("fits limited to %d, this datasource's maxEvaluationFits", maxFits)
		}
	}
	if _, asked := fields["maxFits"]; !asked {
		fields["maxFits"] = limit
	}
	encoded, err := json.Marshal(fields)
	return encoded, notice, err
}

func sendJSON(sender backend.CallResourceResponseSender, status int, body any) error {
	encoded, err := json.Marshal(body)
	if err != nil {
		status = http.StatusInternalServerError
		encoded = []byte(`{"error":"foresight: the answer could not be encoded"}`)
	}
	return sender.Send(&backend.CallResourceResponse{
		Status:  status,
		Headers: map[string][]string{"Content-Type": {"application/json"}},
		Body:    encoded,
	})
}
