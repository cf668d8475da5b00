package upstream

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// fakePrometheus answers query_range with one point per step for two series, "NaN" at the first step.
func fakePrometheus(t *testing.T, requests *atomic.Int64, wantAuth string) *httptest.Server {
	t.Helper()
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.Header.Get("Authorization") != wantAuth {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte("Unauthorized"))
			return
		}
		if err := r.ParseForm(); err != nil {
			t.Errorf("form: %v", err)
		}
		if r.URL.Path == "/api/v1/query" {
			_, _ = w.Write([]byte(`{"status":"success","data":{"resultType":"scalar","result":[0,"1"]}}`))
			return
		}
		if r.Form.Get("query") == "partial" {
			_, _ = w.Write([]byte(`{"status":"success","warnings":["store eu-1 did not answer"],"data":{"resultType":"matrix","result":[]}}`))
			return
		}
		if r.Form.Get("query") == "bad(" {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"status":"error","errorType":"bad_data","error":"1:5: parse error: unclosed left parenthesis"}`))
			return
		}
		start, _ := strconv.ParseFloat(r.Form.Get("start"), 64)
		end, _ := strconv.ParseFloat(r.Form.Get("end"), 64)
		step, _ := strconv.ParseFloat(r.Form.Get("step"), 64)
		var values []string
		for ts := start; ts <= end; ts += step {
			v := fmt.Sprintf("%g", ts)
			if ts == start {
				v = "NaN"
			}
			values = append(values, fmt.Sprintf(`[%g,"%s"]`, ts, v))
		}
		points := strings.Join(values, ",")
		_, _ = fmt.Fprintf(w, `{"status":"success","data":{"resultType":"matrix","result":[
			{"metric":{"__name__":"rps","instance":"a"},"values":[%s]},
			{"metric":{"__name__":"rps","instance":"b"},"values":[%s]}]}}`, points, points)
	}))
	t.Cleanup(server.Close)
	return server
}

func promRequest(expr string, span, step time.Duration) FetchRequest {
	from := time.Unix(1_700_000_000, 0)
	return FetchRequest{
		Query: models.Query{Source: models.SourcePrometheus, Expr: expr, LegendFormat: "{{instance}} rps"},
		From:  from, To: from.Add(span), Step: step, MaxSeries: 10, MaxPoints: 100_000,
	}
}

func TestPrometheusSource(t *testing.T) {
	var requests atomic.Int64
	server := fakePrometheus(t, &requests, "Bearer prom-token")
	settings := models.Settings{PrometheusURL: server.URL, PrometheusAuth: models.AuthBearer, PrometheusBearerToken: "prom-token"}
	prom, err := NewPrometheus(settings, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	t.Run("should read query_range in chunks under Prometheus's points limit", func(t *testing.T) {
		requests.Store(0)
		series, err := prom.Fetch(ctx, promRequest("rate(x[5m])", 25_000*time.Second, time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if requests.Load() != 3 {
			t.Errorf("%d requests, want 3", requests.Load())
		}
		if len(series) != 2 || series[0].Name != "a rps" || series[1].Labels["instance"] != "b" {
			t.Fatalf("series = %v %v", series[0].Name, series[1].Labels)
		}
		s := series[0]
		s.Normalize()
		if len(s.Times) != 25_001 || s.Values[0] == s.Values[0] || s.Values[1] != 1_700_000_001 {
			t.Errorf("%d points, first values %v %v", len(s.Times), s.Values[0], s.Values[1])
		}
	})
	t.Run("should read a span of many series in requests each answer bound allows", func(t *testing.T) {
		requests.Store(0)
		req := promRequest("rate(x[5m])", 28*24*time.Hour, 5*time.Minute)
		req.SeriesHint = 10_000
		series, err := prom.Fetch(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		perRequest := pointsPerRequest(10_000)
		if perRequest < 100 || seriesAnswerLimit(12_501, perRequest, prometheusBytesPerPoint, "").Bytes >= MaxAnswerBytes {
			t.Fatalf("%d points per request for 10,000 series", perRequest)
		}
		if want := int64((8065 + perRequest - 1) / perRequest); requests.Load() != want {
			t.Errorf("%d requests, want %d", requests.Load(), want)
		}
		if s := series[1]; len(s.Times) != 8065 || cap(s.Times) != 8065 || s.Values[8064] != s.Times[8064]/1000 {
			t.Errorf("%d points (capacity %d), last %v at %v", len(s.Times), cap(s.Times), s.Values[8064], s.Times[8064])
		}
		if &series[0].Times[0] != &series[1].Times[0] || &series[0].Values[0] == &series[1].Values[0] {
			t.Error("two series with a point at every step do not share their times, or share their values")
		}
	})
	t.Run("should pass on Prometheus's reason for a bad query", func(t *testing.T) {
		_, err := prom.Fetch(ctx, promRequest("bad(", time.Hour, time.Minute))
		if !errors.Is(err, models.ErrUpstream) || !strings.Contains(err.Error(), "unclosed left parenthesis") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("should hand Prometheus's warnings to the request's Warn", func(t *testing.T) {
		var warnings []string
		req := promRequest("partial", time.Hour, time.Minute)
		req.Warn = func(text string) { warnings = append(warnings, text) }
		if _, err := prom.Fetch(ctx, req); err != nil {
			t.Fatal(err)
		}
		if len(warnings) != 1 || !strings.Contains(warnings[0], "store eu-1 did not answer") {
			t.Fatalf("warnings %q", warnings)
		}
	})
	t.Run("should refuse more series than maxSeries", func(t *testing.T) {
		req := promRequest("rps", time.Hour, time.Minute)
		req.MaxSeries = 1
		if _, err := prom.Fetch(ctx, req); !errors.Is(err, models.ErrLimit) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("should report refused credentials without the secret", func(t *testing.T) {
		wrong, _ := NewPrometheus(models.Settings{PrometheusURL: server.URL, PrometheusAuth: models.AuthBearer, PrometheusBearerToken: "wrong-secret"}, nil)
		_, err := wrong.Fetch(ctx, promRequest("rps", time.Hour, time.Minute))
		if !errors.Is(err, models.ErrPermission) || strings.Contains(err.Error(), "wrong-secret") {
			t.Fatalf("got %v", err)
		}
		if _, err := wrong.Check(ctx); !errors.Is(err, models.ErrPermission) {
			t.Fatalf("health got %v", err)
		}
	})
	t.Run("should pass the health check", func(t *testing.T) {
		if msg, err := prom.Check(ctx); err != nil || !strings.Contains(msg, "Prometheus answers") {
			t.Fatalf("got %q %v", msg, err)
		}
	})
	t.Run("should report a 500 with its status", func(t *testing.T) {
		failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "storage is on fire", http.StatusInternalServerError)
		}))
		defer failing.Close()
		p, _ := NewPrometheus(models.Settings{PrometheusURL: failing.URL}, nil)
		_, err := p.Fetch(ctx, promRequest("rps", time.Hour, time.Minute))
		if !errors.Is(err, models.ErrUpstream) || !strings.Contains(err.Error(), "HTTP 500") || !strings.Contains(err.Error(), "on fire") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("should read an answer with warnings and say clearly when one is malformed", func(t *testing.T) {
		answers := map[string]string{
			"warned": `{"status":"success","warnings":["too many samples?"],"infos":["x"],"data":{"resultType":"matrix",` +
				`"result":[{"metric":{"instance":"a"},"values":[[1700000000,"+Inf"],[1700000060,"2"]]}]},"stats":{"samples":{}}}`,
			"malformed": `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"instance":"a"},"values":[[1700000000,"x"]]},` +
				`{"metric":{"instance":"b"},"values":[[1700000000,"1"]]}]}}`,
			"vector": `{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"1"]}]}}`,
			// Two label sets that print alike without quoting: neither may take the other's points.
			"lookalike": `{"status":"success","data":{"resultType":"matrix","result":[` +
				`{"metric":{"a":"1,b=2"},"values":[[1700000000,"100"]]},` +
				`{"metric":{"a":"1","b":"2"},"values":[[1700000000,"1100"]]}]}}`,
		}
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_ = r.ParseForm()
			_, _ = w.Write([]byte(answers[r.Form.Get("query")]))
		}))
		defer server.Close()
		p, _ := NewPrometheus(models.Settings{PrometheusURL: server.URL}, nil)
		series, err := p.Fetch(ctx, promRequest("warned", time.Minute, time.Minute))
		if err != nil || len(series) != 1 || len(series[0].Values) != 2 || series[0].Values[0] == series[0].Values[0] || series[0].Values[1] != 2 {
			t.Fatalf("series = %+v, err = %v", series, err)
		}
		var notices []string
		req := promRequest("malformed", time.Minute, time.Minute)
		req.Warn = func(text string) { notices = append(notices, text) }
		series, err = p.Fetch(ctx, req)
		if err != nil || len(series) != 1 || series[0].Labels["instance"] != "b" {
			t.Fatalf("a sample value that is no number must cost only its series: %+v, %v", series, err)
		}
		// Named with its labels: every series of a query without a legend shares the metric's name.
		want := `series a rps{instance="a"} left out: Prometheus sent the sample value "x" at 2023-11-14T22:13:20Z, which is not a number`
		if len(notices) != 1 || notices[0] != want {
			t.Errorf("notices %q, want %q", notices, want)
		}
		series, err = p.Fetch(ctx, promRequest("lookalike", time.Minute, time.Minute))
		if err != nil || len(series) != 2 || series[0].Values[0] != 100 || series[1].Values[0] != 1100 || series[1].Labels["b"] != "2" {
			t.Fatalf("two series whose labels print alike must stay two: %+v, %v", series, err)
		}
		_, err = p.Fetch(ctx, promRequest("vector", time.Minute, time.Minute))
		if !errors.Is(err, models.ErrUpstream) || !strings.Contains(err.Error(), `"vector" result`) {
			t.Fatalf("vector: got %v", err)
		}
	})
	t.Run("should show no part of a secret an error page or a malformed answer echoes where the read cuts it", func(t *testing.T) {
		const token = "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0" //nolint:gosec // a made-up token the fake upstream echoes
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_ = r.ParseForm()
			header := r.Header.Get("Authorization") // "Bearer tok_..."
			if r.URL.Path == "/api/v1/query" {      // the health check's general decoder, with the same echo
				_, _ = w.Write([]byte(`{"status":"success","error":"` + header + `" oops}`)) //nolint:gosec // the test's own echo
				return
			}
			if r.Form.Get("query") == "echo-json" { // a JSON error placed so the decoder's excerpt starts inside the token
				_, _ = w.Write([]byte(`{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"x":"` + header + `" x}}]}}`)) //nolint:gosec // the test's own echo
				return
			}
			prefix := "upstream connect error; request headers: Authorization: "
			pad := 4096 - len(prefix) - len("Bearer ") - 20 // the 4 KiB read ends 20 bytes into the token
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			_, _ = w.Write([]byte(strings.Repeat(" ", pad) + prefix + header + " end")) //nolint:gosec // the test's own echo
		}))
		defer server.Close()
		p, _ := NewPrometheus(models.Settings{PrometheusURL: server.URL, PrometheusAuth: models.AuthBearer, PrometheusBearerToken: token}, nil)
		for _, query := range []string{"echo-page", "echo-json", "health"} {
			var err error
			if query == "health" {
				_, err = p.Check(ctx)
			} else {
				_, err = p.Fetch(ctx, promRequest(query, time.Hour, time.Minute))
			}
			if err == nil {
				t.Fatalf("%s: no error", query)
			}
			for k := 0; k+6 <= len(token); k++ {
				if strings.Contains(err.Error(), token[k:k+6]) {
					t.Fatalf("%s: the error shows part of the token (%q): %v", query, token[k:k+6], err)
				}
			}
		}
	})
	t.Run("should show a short error page whole, even when it ends as a secret begins", func(t *testing.T) {
		failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "invalid token, please authenticate", http.StatusUnauthorized)
		}))
		defer failing.Close()
		p, _ := NewPrometheus(models.Settings{PrometheusURL: failing.URL, PrometheusAuth: models.AuthBearer, PrometheusBearerToken: "eyJhbGciOi.x"}, nil) //nolint:gosec // a made-up token
		_, err := p.Fetch(ctx, promRequest("rps", time.Hour, time.Minute))
		if err == nil || !strings.Contains(err.Error(), "please authenticate") || strings.Contains(err.Error(), models.Redacted) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("should say so when no URL is configured", func(t *testing.T) {
		if _, err := NewPrometheus(models.Settings{}, nil); !errors.Is(err, models.ErrNotConfigured) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("should report an unreachable host", func(t *testing.T) {
		p, _ := NewPrometheus(models.Settings{PrometheusURL: "http://127.0.0.1:1"}, nil)
		if _, err := p.Fetch(ctx, promRequest("rps", time.Hour, time.Minute)); !errors.Is(err, models.ErrUpstream) {
			t.Fatalf("got %v", err)
		}
	})
}

type sineDemo struct{}

func (sineDemo) Demo(ctx context.Context, name string, fromMs, toMs, stepMs float64, _ int64) ([]float64, []float64, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, errors.New("model run passed its deadline")
	}
	if name != "messaging" {
		return nil, nil, errors.New("unknown demo series " + strconv.Quote(name))
	}
	var ts, ys []float64
	for t := fromMs; t < toMs; t += stepMs {
		ts = append(ts, t)
		ys = append(ys, 1)
	}
	return ts, ys, nil
}

func TestDemoSource(t *testing.T) {
	req := FetchRequest{Query: models.Query{DemoSeries: "messaging"}, From: time.UnixMilli(0), To: time.UnixMilli(3_600_000), Step: 5 * time.Minute, MaxPoints: 1000}
	t.Run("should include the range's last point", func(t *testing.T) {
		series, err := Demo{Generator: sineDemo{}}.Fetch(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if len(series) != 1 || len(series[0].Times) != 13 || series[0].Labels["demo"] != "messaging" {
			t.Fatalf("series = %+v", series)
		}
	})
	t.Run("should turn an unknown demo name into a query error", func(t *testing.T) {
		bad := req
		bad.Query.DemoSeries = "nope"
		if _, err := (Demo{Generator: sineDemo{}}).Fetch(context.Background(), bad); !errors.Is(err, models.ErrInvalidQuery) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("should report a generator stopped by the query's deadline as a timeout, not a bad query", func(t *testing.T) {
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		_, err := Demo{Generator: sineDemo{}}.Fetch(ctx, req)
		if !errors.Is(err, models.ErrUpstreamTimeout) || errors.Is(err, models.ErrInvalidQuery) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("should report a cancelled request as cancelled, neither a timeout nor a bad query", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Demo{Generator: sineDemo{}}.Fetch(ctx, req)
		if !errors.Is(err, models.ErrUpstream) || errors.Is(err, models.ErrUpstreamTimeout) || errors.Is(err, models.ErrInvalidQuery) ||
			!strings.Contains(err.Error(), "cancelled") {
			t.Fatalf("got %v", err)
		}
	})
}
