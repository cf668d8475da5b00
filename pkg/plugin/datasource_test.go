package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/config"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/experimental/datasourcetest"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
)

// rangeEnd is the end of every test query; the demo incident sits in its last hour.
var (
	rangeEnd      = time.Date(2025, 10, 20, 12, 0, 0, 0, time.UTC)
	incidentFrom  = float64(rangeEnd.Add(-60 * time.Minute).UnixMilli())
	incidentTo    = float64(rangeEnd.Add(-30 * time.Minute).UnixMilli())
	testFits      atomic.Int64
	instanceCount atomic.Int64
)

// testModel is the fake model plus a demo generator: 100 with a ±10 wiggle, 500 during the incident.
type testModel struct {
	*forecasttest.Fake
}

func wiggle(t float64) float64 {
	return 100 + 10*math.Sin(t/3_600_000)
}

func (testModel) Demo(_ context.Context, name string, fromMs, toMs, stepMs float64, _ int64) ([]float64, []float64, error) {
	if name != "messaging" {
		return nil, nil, fmt.Errorf("unknown demo series %q", name)
	}
	var ts, ys []float64
	for t := fromMs; t < toMs; t += stepMs {
		ts = append(ts, t)
		y := wiggle(t)
		if t >= incidentFrom && t <= incidentTo {
			y = 500
		}
		ys = append(ys, y)
	}
	return ts, ys, nil
}

// countingFake counts fits across every instance the factory builds.
type countingFake struct{ testModel }

func (c countingFake) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (forecast.Model, error) {
	testFits.Add(1)
	return c.testModel.Fit(ctx, ts, ys, params)
}

func testDeps() Deps {
	return Deps{Model: func() (Model, error) { return countingFake{testModel{&forecasttest.Fake{}}}, nil }}
}

// sharedClient talks to the one plugin server of this test binary (the SDK's metrics allow one per process).
var sharedClient *datasourcetest.TestPluginClient

// TestMain serves the datasource over real plugin gRPC on a free loopback port, the way Grafana talks to it.
func TestMain(m *testing.M) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "no free port:", err)
		os.Exit(1)
	}
	addr := listener.Addr().String()
	_ = listener.Close()
	// The disk model store (the default) lives under GF_PATHS_DATA: a fresh directory per run, so fits stored by
	// an earlier run never answer this one's queries.
	storeDir, err := os.MkdirTemp("", "foresight-plugin-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "no temporary directory:", err)
		os.Exit(1)
	}
	_ = os.Setenv("GF_PATHS_DATA", storeDir)
	served, err := datasourcetest.Manage(NewDatasourceFactory(testDeps()), datasourcetest.ManageOpts{Address: addr})
	if err != nil {
		fmt.Fprintln(os.Stderr, "start plugin:", err)
		os.Exit(1)
	}
	sharedClient = served.Client
	code := m.Run()
	if err := served.Shutdown(); err != nil {
		fmt.Fprintln(os.Stderr, "shutdown:", err)
	}
	_ = os.RemoveAll(storeDir)
	os.Exit(code)
}

func startPlugin(t *testing.T) *datasourcetest.TestPluginClient {
	t.Helper()
	return sharedClient
}

// pluginContext makes a fresh instance (unique UID) with the given settings; grafana, when set, is the URL
// Grafana reports for itself along with a managed service-account token.
func pluginContext(jsonData string, secrets map[string]string, grafana string) backend.PluginContext {
	pc := backend.PluginContext{
		PluginID:  PluginID,
		Namespace: "default",
		DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{
			UID:                     fmt.Sprintf("foresight-%d", instanceCount.Add(1)),
			JSONData:                []byte(jsonData),
			DecryptedSecureJSONData: secrets,
			Updated:                 time.Unix(1_700_000_000, 0),
		},
	}
	if grafana != "" {
		pc.GrafanaConfig = config.NewGrafanaCfg(map[string]string{config.AppURL: grafana, config.AppClientSecret: "glsa_managed"})
	}
	return pc
}

func dataQuery(refID, body string, span time.Duration) backend.DataQuery {
	return backend.DataQuery{
		RefID: refID, JSON: []byte(body), Interval: 5 * time.Minute, MaxDataPoints: 1000,
		TimeRange: backend.TimeRange{From: rangeEnd.Add(-span), To: rangeEnd},
	}
}

func fieldFloat(t *testing.T, f *data.Field, i int) (float64, bool) {
	t.Helper()
	v, err := f.NullableFloatAt(i)
	if err != nil {
		t.Fatal(err)
	}
	if v == nil {
		return 0, false
	}
	return *v, true
}

func TestCheckHealth(t *testing.T) {
	client := startPlugin(t)
	ctx := context.Background()
	check := func(pc backend.PluginContext) *backend.CheckHealthResult {
		t.Helper()
		res, err := client.CheckHealth(ctx, &backend.CheckHealthRequest{PluginContext: pc})
		if err != nil {
			t.Fatalf("CheckHealth: %v", err)
		}
		return res
	}
	t.Run("should report the demo source as ready", func(t *testing.T) {
		res := check(pluginContext(`{}`, nil, ""))
		if res.Status != backend.HealthStatusOk || !strings.Contains(res.Message, "demo source") {
			t.Fatalf("got %v %q", res.Status, res.Message)
		}
	})
	t.Run("should say when Prometheus refuses the credentials", func(t *testing.T) {
		prom := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusUnauthorized)
		}))
		defer prom.Close()
		res := check(pluginContext(fmt.Sprintf(`{"defaultSource":"prometheus","prometheusUrl":%q,"prometheusAuth":"basic","prometheusUser":"u"}`, prom.URL),
			map[string]string{"prometheusPassword": "hunter2"}, ""))
		if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "refused") || strings.Contains(res.Message, "hunter2") {
			t.Fatalf("got %v %q", res.Status, res.Message)
		}
	})
	t.Run("should say which permission the managed service account lacks", func(t *testing.T) {
		grafana := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/api/org" {
				_, _ = w.Write([]byte(`{"id":1}`))
				return
			}
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"message":"You'll need additional permissions to perform this action. Permissions needed: datasources:query"}`))
		}))
		defer grafana.Close()
		res := check(pluginContext(`{"defaultSource":"grafana"}`, nil, grafana.URL))
		if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "service account lacks datasources:query") {
			t.Fatalf("got %v %q", res.Status, res.Message)
		}
	})
	t.Run("should say what to configure for the Grafana source without an account", func(t *testing.T) {
		res := check(pluginContext(`{"defaultSource":"grafana"}`, nil, ""))
		if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "service-account token") {
			t.Fatalf("got %v %q", res.Status, res.Message)
		}
	})
	t.Run("should refuse an instance whose settings are malformed", func(t *testing.T) {
		res := check(pluginContext(`{"defaultSource":`, nil, ""))
		if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "invalid datasource settings") {
			t.Fatalf("got %v %q", res.Status, res.Message)
		}
	})
}

func TestQueryData(t *testing.T) {
	client := startPlugin(t)
	ctx := context.Background()
	query := func(pc backend.PluginContext, queries ...backend.DataQuery) *backend.QueryDataResponse {
		t.Helper()
		res, err := client.QueryData(ctx, &backend.QueryDataRequest{PluginContext: pc, Queries: queries})
		if err != nil {
			t.Fatalf("QueryData: %v", err)
		}
		return res
	}

	t.Run("should flag the demo incident in full mode and reuse fits on refresh", func(t *testing.T) {
		pc := pluginContext(`{}`, nil, "")
		before := testFits.Load()
		res := query(pc, dataQuery("A", `{"trainingDays":2,"forecastHours":1}`, 6*time.Hour))
		r := res.Responses["A"]
		if r.Error != nil || len(r.Frames) != 1 {
			t.Fatalf("error %v, %d frames", r.Error, len(r.Frames))
		}
		frame := r.Frames[0]
		names := []string{}
		for _, f := range frame.Fields {
			names = append(names, f.Name)
		}
		if strings.Join(names, ",") != "time,value,yhat,yhat_upper,yhat_lower,outlier,score,excluded,anomaly,significance,alert,direction" {
			t.Fatalf("fields = %v", names)
		}
		if frame.Meta.Type != data.FrameTypeTimeSeriesMulti {
			t.Errorf("meta type %q", frame.Meta.Type)
		}
		rows := frame.Rows()
		if rows != 73+12 {
			t.Fatalf("%d rows, want 73 on screen + 12 forecast", rows)
		}
		flagged := 0
		for i := 0; i < 73; i++ {
			tm := float64(frame.Fields[0].At(i).(time.Time).UnixMilli())
			outlier, ok := fieldFloat(t, frame.Fields[5], i)
			if !ok {
				t.Fatalf("row %d not judged", i)
			}
			inIncident := tm >= incidentFrom && tm <= incidentTo
			if (outlier == 1) != inIncident {
				t.Errorf("row %d: outlier %v, in incident %v", i, outlier, inIncident)
			}
			if inIncident {
				flagged++
			}
		}
		if flagged != 7 {
			t.Errorf("flagged %d, want 7", flagged)
		}
		if _, ok := fieldFloat(t, frame.Fields[1], rows-1); ok {
			t.Error("forecast rows must have a null value")
		}
		if _, ok := fieldFloat(t, frame.Fields[2], rows-1); !ok {
			t.Error("forecast rows must have an expectation")
		}
		fits := testFits.Load() - before
		if fits == 0 {
			t.Fatal("no fits")
		}
		query(pc, dataQuery("A", `{"trainingDays":2,"forecastHours":1}`, 6*time.Hour))
		if again := testFits.Load() - before - fits; again != 0 {
			t.Errorf("refresh fitted %d more models, want 0", again)
		}
	})

	t.Run("should answer alert mode with outlier first and keep each refId's error to itself", func(t *testing.T) {
		res := query(pluginContext(`{}`, nil, ""),
			dataQuery("A", `{"mode":"alert","trainingDays":2}`, 40*time.Minute),
			dataQuery("B", `{"mode":"table"}`, time.Hour),
			dataQuery("C", `{"source":"prometheus","expr":"up"}`, time.Hour))
		a := res.Responses["A"]
		if a.Error != nil || len(a.Frames) != 1 || a.Frames[0].Fields[1].Name != "outlier" {
			t.Fatalf("A: %v %v", a.Error, a.Frames)
		}
		outliers := a.Frames[0].Fields[1]
		for i := 0; i < 3; i++ { // 11:20, 11:25, 11:30 lie in the incident
			if v, _ := fieldFloat(t, outliers, i); v != 1 {
				t.Errorf("incident point %d reads %v in alert mode, want 1", i, v)
			}
		}
		if v, _ := fieldFloat(t, outliers, outliers.Len()-1); v != 0 {
			t.Errorf("last point (after the incident) reads %v, want 0", v)
		}
		b := res.Responses["B"]
		if b.Error == nil || !strings.Contains(b.Error.Error(), "mode") || b.ErrorSource != backend.ErrorSourceDownstream || b.Status != backend.StatusBadRequest {
			t.Errorf("B: %v %q %d", b.Error, b.ErrorSource, b.Status)
		}
		c := res.Responses["C"]
		if c.Error == nil || !strings.Contains(c.Error.Error(), "prometheusUrl") || c.ErrorSource != backend.ErrorSourceDownstream {
			t.Errorf("C: %v %q", c.Error, c.ErrorSource)
		}
	})

	t.Run("should report a failing Prometheus with its cause", func(t *testing.T) {
		prom := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "out of memory", http.StatusInternalServerError)
		}))
		defer prom.Close()
		pc := pluginContext(fmt.Sprintf(`{"prometheusUrl":%q}`, prom.URL), nil, "")
		a := query(pc, dataQuery("A", `{"source":"prometheus","expr":"up"}`, time.Hour)).Responses["A"]
		if a.Error == nil || !strings.Contains(a.Error.Error(), "HTTP 500") || a.Status != backend.StatusBadGateway || a.ErrorSource != backend.ErrorSourceDownstream {
			t.Errorf("A: %v %d %q", a.Error, a.Status, a.ErrorSource)
		}
	})

	// Alone in its request: a failing query beside it would have to be answered within the same 1 s deadline,
	// which a loaded machine can miss.
	t.Run("should report a hanging Prometheus as a timeout at the query's deadline", func(t *testing.T) {
		release := make(chan struct{})
		prom := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}))
		defer prom.Close()
		defer close(release)
		pc := pluginContext(fmt.Sprintf(`{"prometheusUrl":%q,"queryTimeoutSeconds":1}`, prom.URL), nil, "")
		b := query(pc, dataQuery("B", `{"source":"prometheus","expr":"hang"}`, time.Hour)).Responses["B"]
		if b.Error == nil || !strings.Contains(b.Error.Error(), "did not answer") || b.Status != backend.StatusTimeout {
			t.Errorf("B: %v %d", b.Error, b.Status)
		}
	})

	t.Run("should pass Prometheus's warnings on as one notice each", func(t *testing.T) {
		prom := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`{"status":"success","warnings":["store eu-1 did not answer"],"data":{"resultType":"matrix","result":[]}}`))
		}))
		defer prom.Close()
		pc := pluginContext(fmt.Sprintf(`{"prometheusUrl":%q}`, prom.URL), nil, "")
		r := query(pc, dataQuery("A", `{"source":"prometheus","expr":"up"}`, time.Hour)).Responses["A"]
		if r.Error != nil || len(r.Frames) == 0 || r.Frames[0].Meta == nil {
			t.Fatalf("response: %v, %d frames", r.Error, len(r.Frames))
		}
		notices := fmt.Sprint(r.Frames[0].Meta.Notices)
		if strings.Count(notices, "store eu-1 did not answer") != 1 {
			t.Errorf("notices: %s", notices)
		}
	})
}

// fakeGrafana answers /api/ds/query with two labelled series over the requested span (an incident on one)
// and /api/annotations with an organisation-wide exclusion inside the range.
func fakeGrafana(t *testing.T, seen *atomic.Value, annotationsStatus int) *httptest.Server {
	t.Helper()
	server := httptest.NewServer(fakeGrafanaHandler(seen, annotationsStatus))
	t.Cleanup(server.Close)
	return server
}

// fakeGrafanaHandler is fakeGrafana's handler, for fakes that answer some paths themselves.
func fakeGrafanaHandler(seen *atomic.Value, annotationsStatus int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer glsa_managed" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		switch r.URL.Path {
		case "/api/org":
			_, _ = w.Write([]byte(`{"id":1,"name":"Main Org."}`))
		case "/api/datasources/uid/chained":
			_, _ = w.Write([]byte(`{"uid":"chained","type":"` + PluginID + `"}`))
		case "/api/datasources/uid/prom":
			_, _ = w.Write([]byte(`{"uid":"prom","type":"prometheus"}`))
		case "/api/annotations":
			if annotationsStatus != http.StatusOK {
				http.Error(w, `{"message":"annotations are down"}`, annotationsStatus)
				return
			}
			_, _ = fmt.Fprintf(w, `[{"id":1,"dashboardId":0,"dashboardUID":"","panelId":0,"time":%d,"timeEnd":%d,"text":"maintenance","tags":["foresight:exclude"]}]`,
				rangeEnd.Add(-2*time.Hour).UnixMilli(), rangeEnd.Add(-90*time.Minute).UnixMilli())
		case "/api/ds/query":
			var body struct {
				Queries []map[string]any `json:"queries"`
				From    string           `json:"from"`
				To      string           `json:"to"`
			}
			if err := json.NewDecoder(r.Body).Decode(&body); err != nil || len(body.Queries) != 1 {
				http.Error(w, "bad body", http.StatusBadRequest)
				return
			}
			body.Queries[0]["from"] = body.From
			seen.Store(body.Queries[0])
			var from, to int64
			_, _ = fmt.Sscan(body.From, &from)
			_, _ = fmt.Sscan(body.To, &to)
			step := int64(body.Queries[0]["intervalMs"].(float64))
			var times []int64
			var a, b []any
			for ts := from; ts <= to; ts += step {
				times = append(times, ts)
				a = append(a, wiggle(float64(ts)))
				vb := wiggle(float64(ts)) * 2
				if float64(ts) >= incidentFrom && float64(ts) <= incidentTo {
					vb = 5000
				}
				b = append(b, vb)
			}
			a[len(a)-1] = nil // a missing last point
			// Grafana writes "schema" before "data", and the SDK's reader relies on that order.
			type wireFrame struct {
				Schema map[string]any `json:"schema"`
				Data   map[string]any `json:"data"`
			}
			frame := func(host string, values []any) wireFrame {
				return wireFrame{
					Schema: map[string]any{"name": "requests", "refId": "A",
						"meta": map[string]any{"type": "timeseries-multi", "typeVersion": []int{0, 1}},
						"fields": []any{map[string]any{"name": "Time", "type": "time", "typeInfo": map[string]any{"frame": "time.Time"}},
							map[string]any{"name": "Value", "type": "number", "typeInfo": map[string]any{"frame": "float64", "nullable": true}, "labels": map[string]string{"host": host}}}},
					Data: map[string]any{"values": []any{times, values}},
				}
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"results": map[string]any{"A": map[string]any{"status": 200, "frames": []any{frame("a", a), frame("b", b)}}}})
		default:
			http.NotFound(w, r)
		}
	}
}

func TestGrafanaSourceQuery(t *testing.T) {
	client := startPlugin(t)
	var seen atomic.Value
	grafana := fakeGrafana(t, &seen, http.StatusOK)
	pc := pluginContext(`{"allowedDatasources":["prom"]}`, nil, grafana.URL)
	res, err := client.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pc, Queries: []backend.DataQuery{
		dataQuery("A", `{"source":"grafana","sourceDatasource":{"uid":"prom"},"sourceQuery":{"expr":"sum by (host) (rate(req[5m]))"},"trainingDays":2}`, 6*time.Hour),
	}})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Responses["A"]
	if r.Error != nil || len(r.Frames) != 2 {
		t.Fatalf("error %v, %d frames", r.Error, len(r.Frames))
	}
	t.Run("should send the source query with its datasource", func(t *testing.T) {
		sent := seen.Load().(map[string]any)
		if sent["expr"] != "sum by (host) (rate(req[5m]))" || sent["datasource"].(map[string]any)["uid"] != "prom" {
			t.Errorf("sent %v", sent)
		}
	})
	t.Run("should read only the range once every fit is cached", func(t *testing.T) {
		if from := seen.Load().(map[string]any)["from"]; from == fmt.Sprint(rangeEnd.Add(-6*time.Hour).UnixMilli()) {
			t.Fatalf("a cold query must read the training history, read from %v", from)
		}
		again, err := client.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pc, Queries: []backend.DataQuery{
			dataQuery("A", `{"source":"grafana","sourceDatasource":{"uid":"prom"},"sourceQuery":{"expr":"sum by (host) (rate(req[5m]))"},"trainingDays":2}`, 6*time.Hour),
		}})
		if err != nil || again.Responses["A"].Error != nil {
			t.Fatalf("%v %v", err, again.Responses["A"].Error)
		}
		if from := seen.Load().(map[string]any)["from"]; from != fmt.Sprint(rangeEnd.Add(-6*time.Hour).UnixMilli()) {
			t.Errorf("a warm query read from %v, want the range start", from)
		}
		if got, want := again.Responses["A"].Frames[1].Rows(), r.Frames[1].Rows(); got != want {
			t.Errorf("warm query has %d rows, cold %d", got, want)
		}
	})
	t.Run("should keep labels, mark excluded points and flag only the incident series", func(t *testing.T) {
		for _, frame := range r.Frames {
			host := frame.Fields[1].Labels["host"]
			excluded, flagged := 0, 0
			for i := 0; i < frame.Rows(); i++ {
				if v, _ := fieldFloat(t, frame.Fields[7], i); v == 1 {
					excluded++
				}
				if v, _ := fieldFloat(t, frame.Fields[5], i); v != 0 {
					flagged++
				}
			}
			if excluded != 7 {
				t.Errorf("%s: %d excluded points, want 7 (the annotation's half hour)", host, excluded)
			}
			want := map[string]int{"a": 0, "b": 7}[host]
			if flagged != want {
				t.Errorf("%s: %d flagged, want %d", host, flagged, want)
			}
		}
		if _, ok := fieldFloat(t, r.Frames[0].Fields[1], r.Frames[0].Rows()-1); ok {
			t.Error("a missing source value must stay null")
		}
	})
}

// A Foresight query whose source is a Foresight datasource would wait on the inner query in its own slot; it is
// refused by the type Grafana gives for the uid, before the source is asked.
func TestForesightSourceRefused(t *testing.T) {
	client := startPlugin(t)
	var seen atomic.Value
	grafana := fakeGrafana(t, &seen, http.StatusOK)
	pc := pluginContext(`{"allowedDatasources":["chained","prom"]}`, nil, grafana.URL)
	query := func(uid string) backend.DataResponse {
		t.Helper()
		res, err := client.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pc, Queries: []backend.DataQuery{
			dataQuery("A", `{"source":"grafana","sourceDatasource":{"uid":"`+uid+`","type":"prometheus"},"sourceQuery":{"expr":"up"},"trainingDays":2}`, 6*time.Hour),
		}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Responses["A"]
	}
	r := query("chained")
	if r.Error == nil || !strings.Contains(r.Error.Error(), `datasource "chained" is a Foresight datasource`) {
		t.Fatalf("want the chained source refused, got error %v and %d frames", r.Error, len(r.Frames))
	}
	if seen.Load() != nil {
		t.Error("the refused source was queried")
	}
	if r := query("prom"); r.Error != nil || len(r.Frames) != 2 {
		t.Fatalf("a Prometheus source must still be read: error %v, %d frames", r.Error, len(r.Frames))
	}
}

type collectSender struct {
	responses []*backend.CallResourceResponse
}

func (c *collectSender) Send(r *backend.CallResourceResponse) error {
	c.responses = append(c.responses, r)
	return nil
}

func TestCallResource(t *testing.T) {
	client := startPlugin(t)
	pc := pluginContext(`{}`, nil, "")
	call := func(path, body string) (int, map[string]any) {
		t.Helper()
		sender := &collectSender{}
		err := client.CallResource(context.Background(), &backend.CallResourceRequest{PluginContext: pc, Path: path, Method: http.MethodPost, Body: []byte(body)}, sender)
		if err != nil || len(sender.responses) != 1 {
			t.Fatalf("CallResource: %v (%d responses)", err, len(sender.responses))
		}
		var decoded map[string]any
		if err := json.Unmarshal(sender.responses[0].Body, &decoded); err != nil {
			t.Fatalf("body %s: %v", sender.responses[0].Body, err)
		}
		return sender.responses[0].Status, decoded
	}
	from, to := rangeEnd.Add(-6*time.Hour).UnixMilli(), rangeEnd.UnixMilli()
	body := fmt.Sprintf(`{"query":{"trainingDays":2},"from":%d,"to":%d,"intervalMs":300000,"options":{"horizon":"1d"}}`, from, to)
	t.Run("should return the fitted components over the range", func(t *testing.T) {
		status, out := call("components", body)
		series := out["series"].([]any)
		if status != 200 || len(series) != 1 {
			t.Fatalf("%d %v", status, out)
		}
		first := series[0].(map[string]any)
		trend := first["components"].(map[string]any)["trend"].([]any)
		if len(trend) != 73 || len(first["times"].([]any)) != 73 {
			t.Errorf("%d trend values", len(trend))
		}
	})
	t.Run("should cross-validate and tune over the whole fetched history", func(t *testing.T) {
		for _, path := range []string{"cv", "tune"} {
			status, out := call(path, body)
			report := out["series"].([]any)[0].(map[string]any)["report"].(map[string]any)
			// two training days before the first piece (midnight), the day before them (read for incremental updates)
			// and the range: 3 days + 12 h of 5-minute points
			if status != 200 || report["points"].(float64) != 3*288+144+1 {
				t.Errorf("%s: %d %v", path, status, out)
			}
		}
	})
	t.Run("should refuse unknown paths and bad bodies", func(t *testing.T) {
		if status, _ := call("nope", body); status != 404 {
			t.Errorf("unknown path: %d", status)
		}
		if status, out := call("cv", `{"query":{"mode":"x"},"from":1,"to":2}`); status != 400 || !strings.Contains(out["error"].(string), "mode") {
			t.Errorf("bad query: %d %v", status, out)
		}
		bad := strings.Replace(body, `{"horizon":"1d"}`, `[1]`, 1)
		if status, out := call("tune", bad); status != 400 || !strings.Contains(out["error"].(string), "options") {
			t.Errorf("bad options: %d %v", status, out)
		}
	})
}

func TestAnnotationFailure(t *testing.T) {
	client := startPlugin(t)
	var seen atomic.Value
	grafana := fakeGrafana(t, &seen, http.StatusInternalServerError)
	res, err := client.QueryData(context.Background(), &backend.QueryDataRequest{
		PluginContext: pluginContext(`{"allowedDatasources":["prom"]}`, nil, grafana.URL),
		Queries: []backend.DataQuery{
			dataQuery("A", `{"source":"grafana","sourceDatasource":{"uid":"prom"},"sourceQuery":{"expr":"x"},"trainingDays":2}`, time.Hour),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Responses["A"]
	t.Run("should still answer, with a notice saying exclusions were not read", func(t *testing.T) {
		if r.Error != nil || len(r.Frames) != 2 {
			t.Fatalf("%v, %d frames", r.Error, len(r.Frames))
		}
		notices := fmt.Sprint(r.Frames[0].Meta.Notices)
		if !strings.Contains(notices, "exclusion annotations were not read") || !strings.Contains(notices, "HTTP 500") {
			t.Errorf("notices: %s", notices)
		}
	})
}
