package upstream

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/config"
	"github.com/grafana/grafana-plugin-sdk-go/data"

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
	at := func(i int) time.Time { return time.UnixMilli(1_700_000_000_000 + int64(i)*300_000).UTC() }
	ms := func(i int) float64 { return float64(1_700_000_000_000 + int64(i)*300_000) }
	t.Run("should give each label set of a long frame only its own rows, never a filled 0", func(t *testing.T) {
		// Host b reports only at the last time; widening the frame filled its two earlier cells with 0.
		long := data.NewFrame("",
			data.NewField("time", nil, []time.Time{at(0), at(1), at(2), at(2)}),
			data.NewField("host", nil, []string{"a", "a", "a", "b"}),
			data.NewField("value", data.Labels{"job": "api"}, []float64{5, 6, 7, 100}),
		)
		series, err := FramesToSeries([]*data.Frame{long}, 10, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(series) != 2 {
			t.Fatalf("%d series, want 2", len(series))
		}
		a, b := series[0], series[1]
		if a.Labels["host"] != "a" || a.Labels["job"] != "api" || fmt.Sprint(a.Values) != "[5 6 7]" {
			t.Errorf("host a: %v %v", a.Labels, a.Values)
		}
		if b.Labels["host"] != "b" || fmt.Sprint(b.Times) != fmt.Sprint([]float64{ms(2)}) || fmt.Sprint(b.Values) != "[100]" {
			t.Errorf("host b: %v %v %v, want its one point and the value field's job label", b.Labels, b.Times, b.Values)
		}
	})
	t.Run("should take a wide frame with a status column as labels without inventing points", func(t *testing.T) {
		frame := data.NewFrame("",
			data.NewField("time", nil, []time.Time{at(0), at(1), at(2)}),
			data.NewField("latency", nil, []float64{10, 50, 12}),
			data.NewField("status", nil, []string{"ok", "slow", "ok"}),
		)
		series, err := FramesToSeries([]*data.Frame{frame}, 10, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(series) != 2 || fmt.Sprint(series[0].Values) != "[10 12]" || fmt.Sprint(series[1].Values) != "[50]" {
			t.Fatalf("series = %+v", series)
		}
	})
	t.Run("should keep the other frames when a long frame is empty or has rows without a time", func(t *testing.T) {
		wide := data.NewFrame("", data.NewField("time", nil, []time.Time{at(0), at(1)}), data.NewField("cpu", nil, []float64{1, 2}))
		empty := data.NewFrame("",
			data.NewField("time", nil, []time.Time{}),
			data.NewField("host", nil, []string{}),
			data.NewField("value", nil, []float64{}),
		)
		t1 := at(1)
		untimed := data.NewFrame("",
			data.NewField("time", nil, []*time.Time{nil, &t1}),
			data.NewField("host", nil, []string{"a", "a"}),
			data.NewField("value", nil, []float64{7, 8}),
		)
		series, err := FramesToSeries([]*data.Frame{wide, empty, untimed}, 10, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(series) != 2 || series[0].Name != "cpu" || fmt.Sprint(series[1].Values) != "[8]" {
			t.Fatalf("series = %+v", series)
		}
	})
	t.Run("should refuse a long frame of too many label sets as it reads, not after widening", func(t *testing.T) {
		// 3,000 hosts at 3,000 times: widened, 9 million cells; read row by row, refused at the 1,001st series.
		n := 3000
		times, hosts, values := make([]time.Time, n), make([]string, n), make([]float64, n)
		for i := range n {
			times[i], hosts[i], values[i] = at(i), fmt.Sprintf("h%d", i), float64(i)
		}
		long := data.NewFrame("", data.NewField("time", nil, times), data.NewField("host", nil, hosts), data.NewField("value", nil, values))
		_, err := FramesToSeries([]*data.Frame{long}, 1000, 20000)
		if !errors.Is(err, models.ErrLimit) || !strings.Contains(err.Error(), "maxSeries (1000)") {
			t.Fatalf("got %v", err)
		}
		repeated := data.NewFrame("",
			data.NewField("time", nil, times),
			data.NewField("host", nil, make([]string, n)),
			data.NewField("value", nil, values),
		)
		if _, err := FramesToSeries([]*data.Frame{repeated}, 10, 100); !errors.Is(err, models.ErrLimit) || !strings.Contains(err.Error(), "maxPointsPerSeries (100)") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("should order a long frame's series by name and label values, not by row order", func(t *testing.T) {
		// A GROUP BY leaves the row order within one time open: the series must not swap between refreshes.
		frame := func(hosts ...string) *data.Frame {
			return data.NewFrame("",
				data.NewField("time", nil, []time.Time{at(0), at(0), at(1), at(1)}),
				data.NewField("host", nil, hosts),
				data.NewField("mem", nil, []float64{1, 2, 3, 4}),
				data.NewField("cpu", nil, []float64{5, 6, 7, 8}),
			)
		}
		for _, rows := range [][]string{{"b", "a", "a", "b"}, {"a", "b", "b", "a"}} {
			series, err := FramesToSeries([]*data.Frame{frame(rows...)}, 10, 100)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range series {
				got = append(got, s.Name+"/"+s.Labels["host"])
			}
			if want := "[cpu/a cpu/b mem/a mem/b]"; fmt.Sprint(got) != want {
				t.Errorf("rows %v: series %v, want %s", rows, got, want)
			}
		}
	})
	t.Run("should number a thousand series of one name apart", func(t *testing.T) {
		fields := []*data.Field{data.NewField("time", nil, []time.Time{at(0)})}
		for range 1000 {
			fields = append(fields, data.NewField("cpu", nil, []float64{1}))
		}
		fields = append(fields, data.NewField("cpu #3", nil, []float64{1}))
		series, err := FramesToSeries([]*data.Frame{data.NewFrame("", fields...)}, 2000, 100)
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, s := range series {
			if ids[s.Identity()] {
				t.Fatalf("two series share the identity %s", s.Identity())
			}
			ids[s.Identity()] = true
		}
		if series[1].Name != "cpu #2" || series[2].Name != "cpu #4" || series[1000].Name != "cpu #3" {
			t.Errorf("names %q %q %q", series[1].Name, series[2].Name, series[1000].Name)
		}
	})
	t.Run("should not name a series as another already is", func(t *testing.T) {
		frame := data.NewFrame("",
			data.NewField("time", nil, []time.Time{at(0), at(1)}),
			data.NewField("cpu", nil, []float64{1, 2}),
			data.NewField("cpu", nil, []float64{3, 4}),
			data.NewField("cpu #2", nil, []float64{5, 6}),
		)
		series, err := FramesToSeries([]*data.Frame{frame}, 10, 100)
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, s := range series {
			if ids[s.Identity()] {
				t.Fatalf("two series share the identity %s: %+v", s.Identity(), series)
			}
			ids[s.Identity()] = true
		}
		if series[2].Name != "cpu #2" {
			t.Errorf("the field named cpu #2 was renamed: %+v", series)
		}
	})
}
