package upstream

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/config"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

const testSecret = "glsa_managed_secret" //nolint:gosec // a made-up token for the test's fake Grafana

// managedContext is a request context in which Grafana offers its URL and the managed service account token.
func managedContext(appURL string) context.Context {
	cfg := config.NewGrafanaCfg(map[string]string{config.AppURL: appURL, config.AppClientSecret: testSecret})
	return config.WithGrafanaConfig(context.Background(), cfg)
}

func grafanaRequest(uid string) FetchRequest {
	return FetchRequest{
		Query: models.Query{
			Source:           models.SourceGrafana,
			SourceDatasource: &models.DatasourceRef{UID: uid, Type: "prometheus"},
			SourceQuery:      json.RawMessage(`{"expr":"up","legendFormat":"{{instance}}"}`),
		},
		From: time.UnixMilli(1_700_000_000_000), To: time.UnixMilli(1_700_000_600_000), Step: 5 * time.Minute,
		MaxSeries: 100, MaxPoints: 1000,
	}
}

func serveFile(t *testing.T, status int, path string, check func(*http.Request, map[string]any)) *httptest.Server {
	t.Helper()
	body, err := os.ReadFile(path) //nolint:gosec // a file under testdata, named by the test
	if err != nil {
		t.Fatal(err)
	}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var sent map[string]any
		raw, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(raw, &sent)
		if check != nil {
			check(r, sent)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	t.Cleanup(server.Close)
	return server
}

func TestGrafanaSource(t *testing.T) {
	t.Run("should send the source query with the managed token and convert wide frames", func(t *testing.T) {
		var gotAuth string
		var gotBody map[string]any
		server := serveFile(t, 200, "testdata/ds_query_prometheus.json", func(r *http.Request, body map[string]any) {
			gotAuth = r.Header.Get("Authorization")
			gotBody = body
		})
		ctx := managedContext(server.URL + "/")
		api, err := NewGrafanaAPI(ctx, models.Settings{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		series, err := Grafana{API: api}.Fetch(ctx, grafanaRequest("prom-uid"))
		if err != nil {
			t.Fatal(err)
		}
		if gotAuth != "Bearer "+testSecret || !api.Managed {
			t.Errorf("authorization = %q", gotAuth)
		}
		query := gotBody["queries"].([]any)[0].(map[string]any)
		if query["expr"] != "up" || query["datasource"].(map[string]any)["uid"] != "prom-uid" || query["intervalMs"].(float64) != 300000 ||
			gotBody["from"] != "1700000000000" || gotBody["to"] != "1700000600000" {
			t.Errorf("sent %v", gotBody)
		}
		if len(series) != 2 {
			t.Fatalf("got %d series, want 2 (string-only and time-less frames skipped)", len(series))
		}
		first := series[0]
		if first.Name != "web-1" || first.Labels["instance"] != "web-1:9100" {
			t.Errorf("first series %q %v", first.Name, first.Labels)
		}
		wantTimes := []float64{1_700_000_000_000, 1_700_000_300_000, 1_700_000_600_000}
		wantValues := []float64{1, 2, 3}
		for i := range wantTimes {
			if first.Times[i] != wantTimes[i] || first.Values[i] != wantValues[i] {
				t.Fatalf("sorted, deduplicated points = %v %v", first.Times, first.Values)
			}
		}
		if series[1].Name != "up" || series[1].Labels["instance"] != "web-2:9100" {
			t.Errorf("second series %q %v", series[1].Name, series[1].Labels)
		}
	})
	t.Run("should split long frames into one series per label value", func(t *testing.T) {
		server := serveFile(t, 200, "testdata/ds_query_long.json", nil)
		ctx := managedContext(server.URL)
		api, _ := NewGrafanaAPI(ctx, models.Settings{}, nil)
		series, err := Grafana{API: api}.Fetch(ctx, grafanaRequest("sql"))
		if err != nil {
			t.Fatal(err)
		}
		if len(series) != 2 || series[0].Labels["host"] != "a" || series[0].Values[0] != 10 || series[1].Values[1] != 21 {
			t.Fatalf("series = %+v", series)
		}
	})
	t.Run("should report the source's own error for a failed query", func(t *testing.T) {
		server := serveFile(t, 400, "testdata/ds_query_error.json", nil)
		ctx := managedContext(server.URL)
		api, _ := NewGrafanaAPI(ctx, models.Settings{}, nil)
		_, err := Grafana{API: api}.Fetch(ctx, grafanaRequest("prom-uid"))
		if !errors.Is(err, models.ErrUpstream) || !strings.Contains(err.Error(), "parse error") {
			t.Fatalf("want the upstream's parse error, got %v", err)
		}
	})
	t.Run("should name the missing permission on 403 without leaking the token", func(t *testing.T) {
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"message":"You'll need additional permissions to perform this action."}`))
		}))
		defer server.Close()
		ctx := managedContext(server.URL)
		api, _ := NewGrafanaAPI(ctx, models.Settings{}, nil)
		_, err := Grafana{API: api}.Fetch(ctx, grafanaRequest("prom-uid"))
		if !errors.Is(err, models.ErrPermission) || !strings.Contains(err.Error(), "datasources:query") || strings.Contains(err.Error(), testSecret) {
			t.Fatalf("got %v", err)
		}
		if _, err := (Grafana{API: api}).Check(ctx); !errors.Is(err, models.ErrPermission) || !strings.Contains(err.Error(), "lacks datasources:query") {
			t.Fatalf("health got %v", err)
		}
	})
	t.Run("should fall back to the token and URL from the settings", func(t *testing.T) {
		var gotAuth string
		server := serveFile(t, 400, "testdata/ds_query_error.json", func(r *http.Request, _ map[string]any) { gotAuth = r.Header.Get("Authorization") })
		api, err := NewGrafanaAPI(context.Background(), models.Settings{GrafanaURL: server.URL, ServiceAccountToken: "glsa_fallback"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := (Grafana{API: api}).Check(context.Background()); err != nil {
			t.Fatalf("an empty query answered 400 means allowed, got %v", err)
		}
		if gotAuth != "Bearer glsa_fallback" || api.Managed {
			t.Errorf("authorization %q managed %v", gotAuth, api.Managed)
		}
	})
	t.Run("should explain what to configure when no account is available", func(t *testing.T) {
		_, err := NewGrafanaAPI(context.Background(), models.Settings{}, nil)
		if !errors.Is(err, models.ErrNotConfigured) || !strings.Contains(err.Error(), "externalServiceAccounts") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("should give up on a hanging Grafana at the deadline", func(t *testing.T) {
		release := make(chan struct{})
		server := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}))
		defer server.Close()
		defer close(release)
		ctx, cancel := context.WithTimeout(managedContext(server.URL), 200*time.Millisecond)
		defer cancel()
		api, _ := NewGrafanaAPI(ctx, models.Settings{}, nil)
		// Grafana never answers, so only the deadline can end the call (a call that ignored it would hang the
		// test); whether it passes before or during the request, the answer must be the timeout.
		_, err := Grafana{API: api}.Fetch(ctx, grafanaRequest("prom-uid"))
		if !errors.Is(err, models.ErrUpstreamTimeout) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestFramesToSeries(t *testing.T) {
	t.Run("should refuse more series than maxSeries", func(t *testing.T) {
		var parsed dsQueryResponse
		raw, _ := os.ReadFile("testdata/ds_query_prometheus.json")
		if err := json.Unmarshal(raw, &parsed); err != nil {
			t.Fatal(err)
		}
		_, err := FramesToSeries(parsed.Results["A"].Frames, 1, 100)
		if !errors.Is(err, models.ErrLimit) || !strings.Contains(err.Error(), "maxSeries") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("should read nulls as NaN and skip empty frames", func(t *testing.T) {
		var parsed dsQueryResponse
		raw, _ := os.ReadFile("testdata/ds_query_prometheus.json")
		_ = json.Unmarshal(raw, &parsed)
		frames := append(parsed.Results["A"].Frames, nil)
		series, err := FramesToSeries(frames, 10, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(series) != 2 {
			t.Fatalf("%d series", len(series))
		}
		for _, v := range series[0].Values {
			if math.IsInf(v, 0) {
				t.Errorf("infinite value kept")
			}
		}
	})
}
