package upstream

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"sort"
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
		client:   client,
	}, nil
}

type promResponse struct {
	Status    string `json:"status"`
	ErrorType string `json:"errorType"`
	Error     string `json:"error"`
	Data      struct {
		ResultType string `json:"resultType"`
		Result     []struct {
			Metric map[string]string `json:"metric"`
			Values []promSample      `json:"values"`
		} `json:"result"`
	} `json:"data"`
}

// Fetch runs the query's expr as query_range over the request's span at its step.
func (p *Prometheus) Fetch(ctx context.Context, req FetchRequest) ([]models.Series, error) {
	step := max(req.Step, time.Second)
	chunk := step * PrometheusMaxPointsPerRequest
	byIdentity := map[string]*models.Series{}
	var order []string
	for start := req.From; start.Before(req.To) || start.Equal(req.To); start = start.Add(chunk) {
		end := start.Add(chunk - step)
		if end.After(req.To) {
			end = req.To
		}
		parsed, err := p.queryRange(ctx, req.Query.Expr, start, end, step)
		if err != nil {
			return nil, err
		}
		for _, r := range parsed.Data.Result {
			s := models.Series{Labels: r.Metric, Name: seriesName(req.Query, r.Metric)}
			id := s.Identity()
			into, seen := byIdentity[id]
			if !seen {
				if len(byIdentity) >= req.MaxSeries && req.MaxSeries > 0 {
					return nil, fmt.Errorf("%w: the Prometheus query returns more than maxSeries (%d) series; narrow it (e.g. with topk or a label filter)", models.ErrLimit, req.MaxSeries)
				}
				into = &s
				byIdentity[id] = into
				order = append(order, id)
			}
			for _, sample := range r.Values {
				into.Times = append(into.Times, sample.T)
				into.Values = append(into.Values, sample.V)
			}
			if req.MaxPoints > 0 && len(into.Times) > req.MaxPoints {
				return nil, fmt.Errorf("%w: a series holds more than maxPointsPerSeries (%d) points", models.ErrLimit, req.MaxPoints)
			}
		}
	}
	out := make([]models.Series, 0, len(order))
	for _, id := range order {
		out = append(out, *byIdentity[id])
	}
	return out, nil
}

func (p *Prometheus) queryRange(ctx context.Context, expr string, start, end time.Time, step time.Duration) (*promResponse, error) {
	form := url.Values{}
	form.Set("query", expr)
	form.Set("start", formatSeconds(start))
	form.Set("end", formatSeconds(end))
	form.Set("step", strconv.FormatFloat(step.Seconds(), 'f', -1, 64))
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost, p.baseURL+"/api/v1/query_range", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("%w: cannot build the Prometheus request: %v", models.ErrUpstream, err)
	}
	httpReq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	p.authorize(httpReq)
	var parsed promResponse
	// Prometheus answers bad PromQL with 400 and a JSON body that says why: read that body rather than the status.
	_, err = doJSON(p.client, httpReq, "Prometheus query_range", &parsed, func(status int) bool {
		return status == http.StatusBadRequest || status == http.StatusUnprocessableEntity
	})
	if err != nil {
		return nil, err
	}
	if parsed.Status != "success" {
		return nil, fmt.Errorf("%w: Prometheus refused the query (%s): %s", models.ErrUpstream, parsed.ErrorType, parsed.Error)
	}
	if parsed.Data.ResultType != "matrix" {
		return nil, fmt.Errorf("%w: Prometheus returned a %q result; Foresight needs a range vector (matrix)", models.ErrUpstream, parsed.Data.ResultType)
	}
	return &parsed, nil
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
	if _, err := doJSON(p.client, httpReq, "Prometheus", &parsed, nil); err != nil {
		return "", err
	}
	if parsed.Status != "success" {
		return "", fmt.Errorf("%w: Prometheus answered %q: %s", models.ErrUpstream, parsed.Status, parsed.Error)
	}
	return "Prometheus answers at the configured URL.", nil
}

func formatSeconds(t time.Time) string {
	return strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', -1, 64)
}

// promSample is one [seconds, "value"] pair of a matrix, read without boxing every number: a large answer
// (1,000 series × 4 weeks) holds millions of them.
type promSample struct {
	T float64 // epoch ms
	V float64 // NaN for "NaN" and infinities (missing)
}

// UnmarshalJSON reads `[1700000000.123,"42.5"]`.
func (s *promSample) UnmarshalJSON(raw []byte) error {
	text := strings.TrimSpace(string(raw))
	inner, ok := strings.CutPrefix(text, "[")
	if ok {
		inner, ok = strings.CutSuffix(inner, "]")
	}
	seconds, quoted, found := strings.Cut(inner, ",")
	if !ok || !found {
		return fmt.Errorf("sample %.40q is not [time, \"value\"]", text)
	}
	t, err := strconv.ParseFloat(strings.TrimSpace(seconds), 64)
	if err != nil {
		return fmt.Errorf("sample time %.40q is not a number", seconds)
	}
	value, err := strconv.Unquote(strings.TrimSpace(quoted))
	if err != nil {
		return fmt.Errorf("sample value %.40q is not a string", quoted)
	}
	v, err := strconv.ParseFloat(value, 64)
	if err != nil {
		return fmt.Errorf("sample value %.40q is not a number", value)
	}
	if math.IsInf(v, 0) {
		v = math.NaN()
	}
	s.T, s.V = math.Round(t*1000), v
	return nil
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
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + strconv.Quote(labels[k])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
