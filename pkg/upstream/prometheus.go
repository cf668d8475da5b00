package upstream

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// PrometheusMaxPointsPerRequest stays under Prometheus's 11,000-points-per-series query_range limit; longer
// spans are read in consecutive requests.
const PrometheusMaxPointsPerRequest = 10000

// Prometheus reads a Prometheus-compatible HTTP API (Prometheus, Mimir, Thanos, VictoriaMetrics).
type Prometheus struct {
	baseURL  string
	auth     string
	user     string
	password string
	token    string
	secrets  models.Secrets
	client   *http.Client
}

// NewPrometheus builds the source from the datasource settings; it fails when no URL is configured.
func NewPrometheus(settings models.Settings, client *http.Client) (*Prometheus, error) {
	if settings.PrometheusURL == "" {
		return nil, fmt.Errorf("%w: set prometheusUrl in the datasource settings to read Prometheus", models.ErrNotConfigured)
	}
	if client == nil {
		client = NewHTTPClient(settings.TLSSkipVerify)
	}
	return &Prometheus{
		baseURL:  settings.PrometheusURL,
		auth:     settings.PrometheusAuth,
		user:     settings.PrometheusUser,
		password: settings.PrometheusPassword,
		token:    settings.PrometheusBearerToken,
		secrets:  settings.Secrets(),
		client:   client,
	}, nil
}

// Fetch runs the query's expr as query_range over the request's span at its step.
func (p *Prometheus) Fetch(ctx context.Context, req FetchRequest) ([]models.Series, error) {
	step := max(req.Step, time.Second)
	// A request spans pointsPerRequest steps, or as much as a time.Duration holds (~292 years) where a coarse step
	// would pass it: the product wrapped round to a negative span and the read walked backwards from its start.
	chunk := time.Duration(math.MaxInt64)
	if points := time.Duration(pointsPerRequest(req.SeriesHint)); step <= chunk/points {
		chunk = step * points
	}
	spanPoints := int(req.To.Sub(req.From)/step) + 1
	if req.MaxPoints > 0 {
		spanPoints = min(spanPoints, req.MaxPoints)
	}
	limits := answerLimits{MaxSeries: req.MaxSeries, MaxPoints: req.MaxPoints}
	byIdentity := map[string]*models.Series{}
	dropped := map[string]bool{} // series left out for a sample value that is no number, in any request
	var order []string
	times := newSharedTimes(spanPoints)
	for start := req.From; start.Before(req.To) || start.Equal(req.To); start = start.Add(chunk) {
		end := start.Add(chunk - step)
		if end.After(req.To) {
			end = req.To
		}
		answer, err := p.queryRange(ctx, req.Query.Expr, start, end, step, limits)
		if err != nil {
			return nil, err
		}
		for _, text := range answer.Warnings {
			if req.Warn != nil {
				req.Warn("Prometheus warns: " + excerpt(p.secrets, text))
			}
		}
		for _, bad := range answer.Dropped {
			s := models.Series{Labels: bad.Metric, Name: seriesName(req.Query, bad.Metric)}
			if id := s.Identity(); !dropped[id] {
				dropped[id] = true
				delete(byIdentity, id)
				if req.Warn != nil {
					req.Warn(fmt.Sprintf("series %s left out: Prometheus sent the sample value %q at %s, which is not a number",
						excerpt(p.secrets, models.NameWithLabels(s.Name, s.Labels)), excerpt(p.secrets, bad.Value), time.UnixMilli(int64(bad.At)).UTC().Format(time.RFC3339)))
				}
			}
		}
		times.startRequest(answer.Series, int(end.Sub(start)/step)+1)
		for _, r := range answer.Series {
			s := models.Series{Labels: r.Metric, Name: seriesName(req.Query, r.Metric)}
			id := s.Identity()
			if dropped[id] {
				continue
			}
			into, seen := byIdentity[id]
			if !seen {
				if len(byIdentity) >= req.MaxSeries && req.MaxSeries > 0 {
					return nil, maxSeriesError(req.MaxSeries)
				}
				// The first answer's values are the series' own (exactly sized), so a span read in one
				// request is not copied again.
				s.Times, s.Values = times.times(id, nil, r.Times), r.Values
				byIdentity[id] = &s
				order = append(order, id)
				continue
			}
			into.Times = times.times(id, into.Times, r.Times)
			into.Values = appendWithin(into.Values, r.Values, spanPoints)
			if req.MaxPoints > 0 && len(into.Times) > req.MaxPoints {
				return nil, maxPointsError(req.MaxPoints)
			}
		}
	}
	out := make([]models.Series, 0, len(order))
	for _, id := range order {
		if !dropped[id] {
			out = append(out, *byIdentity[id])
		}
	}
	return out, nil
}

// pointsPerRequest is how many steps one request spans: at most PrometheusMaxPointsPerRequest, and few enough
// that an answer of the expected series (with a quarter more for series appearing meanwhile) stays within the
// answer bound at the bytes a point may take. 10,000 series allow about 600 points per request.
func pointsPerRequest(seriesHint int) int {
	if seriesHint <= 0 {
		return PrometheusMaxPointsPerRequest
	}
	series := int64(seriesHint) + int64(seriesHint)/4 + 1
	perSeries := (MaxAnswerBytes-answerOverheadBytes)/series - seriesOverheadBytes
	return int(max(1, min(perSeries/prometheusBytesPerPoint, PrometheusMaxPointsPerRequest)))
}

// appendWithin appends more to a series' slice, growing it once to the whole span's points (at least) instead of
// doubling per request, so a span read in many requests keeps no spare capacity.
func appendWithin(into, more []float64, spanPoints int) []float64 {
	if need := len(into) + len(more); need > cap(into) {
		grown := make([]float64, len(into), max(need, spanPoints))
		copy(grown, into)
		into = grown
	}
	return append(into, more...)
}

func (p *Prometheus) queryRange(ctx context.Context, expr string, start, end time.Time, step time.Duration, limits answerLimits) (queryRangeAnswer, error) {
	const what = "Prometheus query_range"
	form := url.Values{}
	form.Set("query", expr)
	form.Set("start", formatSeconds(start))
	form.Set("end", formatSeconds(end))
	form.Set("step", strconv.FormatFloat(step.Seconds(), 'f', -1, 64))
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost, p.baseURL+"/api/v1/query_range", strings.NewReader(form.Encode()))
	if err != nil {
		return queryRangeAnswer{}, fmt.Errorf("%w: cannot build the Prometheus request: %v", models.ErrUpstream, err)
	}
	httpReq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	p.authorize(httpReq)
	points := min(int(end.Sub(start)/step)+1, limits.MaxPoints)
	if limits.MaxPoints <= 0 {
		points = int(end.Sub(start)/step) + 1
	}
	x := exchange{
		what:    what,
		secrets: p.secrets,
		// Prometheus answers bad PromQL with 400 and a JSON body that says why: read that body rather than the status.
		accept: func(status int) bool {
			return status == http.StatusBadRequest || status == http.StatusUnprocessableEntity
		},
		limit: seriesAnswerLimit(limits.MaxSeries, points, prometheusBytesPerPoint, "maxPointsPerSeries, or this request's steps if fewer"),
	}
	res, err := send(p.client, httpReq, x)
	if err != nil {
		return queryRangeAnswer{}, err
	}
	defer res.Body.Close() //nolint:errcheck
	answer, err := decodeQueryRange(newAnswerReader(res.Body, what, x.limit), limits)
	switch {
	case errors.Is(err, errJSONSyntax):
		return queryRangeAnswer{}, fmt.Errorf("%w: %s answered with JSON it could not read: %s", models.ErrUpstream, what, excerpt(p.secrets, err.Error()))
	case errors.Is(err, models.ErrLimit):
		return queryRangeAnswer{}, err
	case err != nil:
		return queryRangeAnswer{}, bodyError(ctx, what, err)
	}
	if answer.Status != "success" {
		return queryRangeAnswer{}, fmt.Errorf("%w: Prometheus refused the query (%s): %s", models.ErrUpstream, excerpt(p.secrets, answer.ErrorType), excerpt(p.secrets, answer.Error))
	}
	if answer.ResultType != "matrix" {
		return queryRangeAnswer{}, fmt.Errorf("%w: Prometheus returned a %q result; Foresight needs a range vector (matrix)", models.ErrUpstream, excerpt(p.secrets, answer.ResultType))
	}
	return answer, nil
}

func (p *Prometheus) authorize(req *http.Request) {
	switch p.auth {
	case models.AuthBasic:
		req.SetBasicAuth(p.user, p.password)
	case models.AuthBearer:
		req.Header.Set("Authorization", "Bearer "+p.token)
	}
}

// Check asks Prometheus for a trivial instant query.
func (p *Prometheus) Check(ctx context.Context) (string, error) {
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodGet, p.baseURL+"/api/v1/query?query=1", nil)
	if err != nil {
		return "", fmt.Errorf("%w: cannot build the Prometheus request: %v", models.ErrUpstream, err)
	}
	p.authorize(httpReq)
	var parsed struct {
		Status string `json:"status"`
		Error  string `json:"error"`
	}
	x := exchange{what: "Prometheus", secrets: p.secrets, limit: answerLimit{Bytes: smallAnswerBytes, Why: "the most a health check reads"}}
	if _, err := doJSON(p.client, httpReq, x, &parsed); err != nil {
		return "", err
	}
	if parsed.Status != "success" {
		return "", fmt.Errorf("%w: Prometheus answered %q: %s", models.ErrUpstream, excerpt(p.secrets, parsed.Status), excerpt(p.secrets, parsed.Error))
	}
	return "Prometheus answers at the configured URL.", nil
}

func formatSeconds(t time.Time) string {
	return strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', -1, 64)
}

var legendTemplate = regexp.MustCompile(`\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}`)

// seriesName applies the query's legendFormat, else the metric name, else the whole label set.
func seriesName(q models.Query, labels map[string]string) string {
	if q.LegendFormat != "" {
		return legendTemplate.ReplaceAllStringFunc(q.LegendFormat, func(m string) string {
			return labels[legendTemplate.FindStringSubmatch(m)[1]]
		})
	}
	if name := labels["__name__"]; name != "" {
		return name
	}
	if len(labels) == 0 {
		return q.Expr
	}
	keys := slices.Sorted(maps.Keys(labels))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + strconv.Quote(labels[k])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
