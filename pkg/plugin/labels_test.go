package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/config"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/foresight-anomaly/foresight/pkg/annotations"
	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/selection"
)

// labelGrafana is a Grafana of one organisation whose annotations the test sets; it records the queries of the
// annotation requests.
type labelGrafana struct {
	*httptest.Server
	mu      sync.Mutex
	items   []map[string]any
	queries []url.Values
	refuse  bool     // answer annotation requests 403, as Grafana does without annotations:read
	paths   []string // every path asked for (ruleGrafana)
}

func newLabelGrafana(t *testing.T) *labelGrafana {
	t.Helper()
	g := &labelGrafana{}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.mu.Lock()
		defer g.mu.Unlock()
		switch r.URL.Path {
		case "/api/org":
			_, _ = w.Write([]byte(`{"id":1}`))
		case "/api/annotations":
			g.queries = append(g.queries, r.URL.Query())
			if g.refuse {
				http.Error(w, `{"message":"You'll need additional permissions to perform this action."}`, http.StatusForbidden)
				return
			}
			_ = json.NewEncoder(w).Encode(g.items)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(g.Close)
	return g
}

func (g *labelGrafana) set(items ...map[string]any) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.items = items
}

// context is what the SDK hands a request of an instance Grafana gave a managed service account.
func (g *labelGrafana) context() context.Context {
	cfg := config.NewGrafanaCfg(map[string]string{config.AppURL: g.URL, config.AppClientSecret: "glsa_managed"})
	return config.WithGrafanaConfig(context.Background(), cfg)
}

// label is a region annotation with one tag, of a dashboard ("" for the organisation).
func label(tag, dashboard string, from, to float64) map[string]any {
	return map[string]any{"dashboardUID": dashboard, "time": from, "timeEnd": to, "tags": []string{tag}}
}

// fitRecorder is the fake model recording the params of each fit and the options of each evaluation.
type fitRecorder struct {
	testModel
	mu        sync.Mutex
	fits      []string
	evaluated []string // params of each evaluation
	options   []string
	firstTime []float64 // the first time of each evaluation's history
}

func newFitRecorder() *fitRecorder { return &fitRecorder{testModel: testModel{&forecasttest.Fake{}}} }

func (m *fitRecorder) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (forecast.Model, error) {
	m.mu.Lock()
	m.fits = append(m.fits, string(params))
	m.mu.Unlock()
	return m.testModel.Fit(ctx, ts, ys, params)
}

func (m *fitRecorder) CrossValidate(_ context.Context, ts, _ []float64, params, opts json.RawMessage) (json.RawMessage, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.firstTime = append(m.firstTime, ts[0])
	m.evaluated = append(m.evaluated, string(params))
	m.options = append(m.options, string(opts))
	return json.RawMessage(`{}`), nil
}

// takeFits returns the params of the fits since the last call.
func (m *fitRecorder) takeFits() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := m.fits
	m.fits = nil
	return out
}

// labelledQuery runs the demo query as a panel of dashboard would, and returns its one frame.
func labelledQuery(t *testing.T, g *labelGrafana, d *Datasource, dashboard string) *data.Frame {
	t.Helper()
	res, err := d.QueryData(g.context(), &backend.QueryDataRequest{
		PluginContext: backend.PluginContext{Namespace: "default"},
		Headers:       map[string]string{"http_X-Dashboard-Uid": dashboard},
		Queries:       []backend.DataQuery{dataQuery("A", `{"trainingDays":2}`, 6*time.Hour)},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Responses["A"]
	if r.Error != nil || len(r.Frames) != 1 {
		t.Fatalf("%v, %d frames", r.Error, len(r.Frames))
	}
	if r.Frames[0].Meta != nil && len(r.Frames[0].Meta.Notices) > 0 {
		t.Fatalf("notices: %v", r.Frames[0].Meta.Notices)
	}
	return r.Frames[0]
}

func frameJSON(t *testing.T, f *data.Frame) string {
	t.Helper()
	encoded, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(encoded)
}

// Labels in the training window of a six-hour range's fit: a dashboard's labels reach that dashboard's
// fits only, so another dashboard keeps its models (the same cache keys); an organisation-wide one reaches both.
func TestLabelScopes(t *testing.T) {
	g := newLabelGrafana(t)
	model := newFitRecorder()
	d := newDatasource(t, `{}`, model)
	before := rangeEnd.Add(-20 * time.Hour) // in the training window of the range's one (daily) piece
	incident := [2]float64{float64(before.UnixMilli()), float64(before.Add(30 * time.Minute).UnixMilli())}
	falseAlarm := [2]float64{float64(before.Add(time.Hour).UnixMilli()), float64(before.Add(90 * time.Minute).UnixMilli())}
	orgFalseAlarm := [2]float64{float64(before.Add(-time.Hour).UnixMilli()), float64(before.Add(-50 * time.Minute).UnixMilli())}

	unlabelledB := labelledQuery(t, g, d, "b")
	if fits := model.takeFits(); len(fits) == 0 || strings.Contains(fits[0], "false_alarms") {
		t.Fatalf("setup: unlabelled fits %v", fits)
	}
	g.set(label(annotations.IncidentTag, "a", incident[0], incident[1]), label(annotations.FalseAlarmTag, "a", falseAlarm[0], falseAlarm[1]))

	t.Run("should leave another dashboard's models and cache keys alone", func(t *testing.T) {
		again := labelledQuery(t, g, d, "b")
		if fits := model.takeFits(); len(fits) != 0 {
			t.Errorf("dashboard b refitted %d models for dashboard a's labels", len(fits))
		}
		if frameJSON(t, again) != frameJSON(t, unlabelledB) {
			t.Error("dashboard b's answer changed with dashboard a's labels")
		}
	})
	t.Run("should fit the dashboard's own models with its incident excluded and its false alarm passed", func(t *testing.T) {
		labelledQuery(t, g, d, "a")
		fits := model.takeFits()
		if len(fits) == 0 {
			t.Fatal("dashboard a's labels should give its fits new cache keys")
		}
		for _, params := range fits {
			var p struct {
				Exclude     [][2]float64 `json:"exclude"`
				FalseAlarms [][2]float64 `json:"false_alarms"`
			}
			if err := json.Unmarshal([]byte(params), &p); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p.Exclude, [][2]float64{incident}) || !reflect.DeepEqual(p.FalseAlarms, [][2]float64{falseAlarm}) {
				t.Errorf("fit params %s", params)
			}
		}
	})
	t.Run("should reach both dashboards with an organisation-wide label", func(t *testing.T) {
		g.set(label(annotations.IncidentTag, "a", incident[0], incident[1]), label(annotations.FalseAlarmTag, "a", falseAlarm[0], falseAlarm[1]),
			label(annotations.FalseAlarmTag, "", orgFalseAlarm[0], orgFalseAlarm[1]))
		for dashboard, want := range map[string]string{
			"b": fmt.Sprintf(`"false_alarms":[[%.0f,%.0f]]`, orgFalseAlarm[0], orgFalseAlarm[1]),
			"a": fmt.Sprintf(`"false_alarms":[[%.0f,%.0f],[%.0f,%.0f]]`, orgFalseAlarm[0], orgFalseAlarm[1], falseAlarm[0], falseAlarm[1]),
		} {
			labelledQuery(t, g, d, dashboard)
			fits := model.takeFits()
			if len(fits) == 0 {
				t.Fatalf("dashboard %s should refit for the organisation-wide label", dashboard)
			}
			for _, params := range fits {
				if !strings.Contains(params, want) {
					t.Errorf("dashboard %s fit params %s, want %s", dashboard, params, want)
				}
			}
		}
	})
	t.Run("should read the three tags in one request per query", func(t *testing.T) {
		g.mu.Lock()
		defer g.mu.Unlock()
		for _, q := range g.queries {
			if !reflect.DeepEqual(q["tags"], []string{annotations.ExcludeTag, annotations.IncidentTag, annotations.FalseAlarmTag}) || q.Get("matchAny") != "true" {
				t.Fatalf("annotation query %v", q)
			}
		}
	})
	t.Run("should give cross-validation the labels of the request's dashboard as its labels option", func(t *testing.T) {
		from, to := rangeEnd.Add(-6*time.Hour).UnixMilli(), rangeEnd.UnixMilli()
		sender := &collectSender{}
		err := d.CallResource(g.context(), &backend.CallResourceRequest{
			PluginContext: backend.PluginContext{Namespace: "default"}, Path: "cv", Method: http.MethodPost,
			Headers: map[string][]string{"X-Dashboard-Uid": {"a"}},
			Body:    []byte(fmt.Sprintf(`{"query":{"trainingDays":2},"from":%d,"to":%d,"intervalMs":300000}`, from, to)),
		}, sender)
		if err != nil || len(sender.responses) != 1 || sender.responses[0].Status != http.StatusOK {
			t.Fatalf("%v %+v", err, sender.responses)
		}
		model.mu.Lock()
		defer model.mu.Unlock()
		var opts struct {
			Labels selection.Labels `json:"labels"`
		}
		if len(model.options) != 1 || json.Unmarshal([]byte(model.options[0]), &opts) != nil {
			t.Fatalf("options %v", model.options)
		}
		want := selection.Labels{Incidents: [][2]float64{incident}, FalseAlarms: [][2]float64{orgFalseAlarm, falseAlarm}}
		if !reflect.DeepEqual(opts.Labels, want) {
			t.Errorf("options.labels %+v, want %+v", opts.Labels, want)
		}
		if strings.Contains(model.evaluated[0], "exclude") || strings.Contains(model.evaluated[0], "false_alarms") {
			t.Errorf("the params should leave the labels to options.labels, or the engine never judges the incident: %s", model.evaluated[0])
		}
	})
}

func TestLabelsRefused(t *testing.T) {
	g := newLabelGrafana(t)
	g.refuse = true
	d := newDatasource(t, `{}`, newFitRecorder())
	res, err := d.QueryData(g.context(), &backend.QueryDataRequest{
		PluginContext: backend.PluginContext{Namespace: "default"},
		Queries:       []backend.DataQuery{dataQuery("A", `{"trainingDays":2}`, 6*time.Hour)},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Responses["A"]
	t.Run("should still answer, with a notice naming the permission to grant", func(t *testing.T) {
		if r.Error != nil || len(r.Frames) != 1 || r.Frames[0].Meta == nil {
			t.Fatalf("%v, %d frames", r.Error, len(r.Frames))
		}
		notices := fmt.Sprint(r.Frames[0].Meta.Notices)
		if !strings.Contains(notices, "exclusion annotations were not read") || !strings.Contains(notices, "annotations:read") {
			t.Errorf("notices: %s", notices)
		}
	})
}

func TestEvaluationOptionsLabels(t *testing.T) {
	labels := selection.Labels{Incidents: [][2]float64{{1, 2}}, FalseAlarms: [][2]float64{}}
	t.Run("should add the series' labels, an empty list as []", func(t *testing.T) {
		got, _, err := evaluationOptions(nil, 10, labels)
		if err != nil || !strings.Contains(string(got), `"labels":{"incidents":[[1,2]],"false_alarms":[]}`) {
			t.Fatalf("%s %v", got, err)
		}
	})
	t.Run("should keep labels the caller sent", func(t *testing.T) {
		got, _, err := evaluationOptions(json.RawMessage(`{"labels":{"incidents":[]}}`), 10, labels)
		if err != nil || !strings.Contains(string(got), `"labels":{"incidents":[]}`) {
			t.Fatalf("%s %v", got, err)
		}
	})
	t.Run("should add no labels to a series without any", func(t *testing.T) {
		got, _, err := evaluationOptions(nil, 10, selection.Labels{})
		if err != nil || strings.Contains(string(got), "labels") {
			t.Fatalf("%s %v", got, err)
		}
	})
	t.Run("should refuse a fit cap that is null or under 1, which would pass this datasource's cap", func(t *testing.T) {
		for _, options := range []string{`{"maxFits":null}`, `{"maxCutoffs":null}`, `{"maxFits":0}`, `{"maxCutoffs":"5"}`} {
			if _, _, err := evaluationOptions(json.RawMessage(options), 3, selection.Labels{}); !errors.Is(err, models.ErrInvalidQuery) {
				t.Errorf("%s: got %v", options, err)
			}
		}
		got, notice, err := evaluationOptions(json.RawMessage(`{"maxFits":5000}`), 3, selection.Labels{})
		if err != nil || !strings.Contains(string(got), `"maxFits":3`) || notice == "" {
			t.Errorf("%s %q %v", got, notice, err)
		}
	})
}

// selectRecorder answers select with a fixed winner and records the options it was given.
type selectRecorder struct {
	testModel
	options string
}

func (m *selectRecorder) Select(_ context.Context, _, _ []float64, _, opts json.RawMessage) (json.RawMessage, error) {
	m.options = string(opts)
	return json.RawMessage(`{"winner":{"family":"past"},"overrides":{"model":"past"}}`), nil
}

func TestEngineSelectPassesLabels(t *testing.T) {
	model := &selectRecorder{testModel: testModel{&forecasttest.Fake{}}}
	labels := selection.Labels{Incidents: [][2]float64{{1, 2}}, FalseAlarms: [][2]float64{{3, 4}}}
	if _, err := engineSelect(model, 7)(context.Background(), nil, nil, nil, labels, nil); err != nil {
		t.Fatal(err)
	}
	if want := `{"labels":{"incidents":[[1,2]],"false_alarms":[[3,4]]},"maxFits":7}`; model.options != want {
		t.Errorf("select options %s, want %s", model.options, want)
	}
	if _, err := engineSelect(model, 7)(context.Background(), nil, nil, nil, selection.Labels{}, nil); err != nil {
		t.Fatal(err)
	}
	if want := `{"maxFits":7}`; model.options != want {
		t.Errorf("select options without labels %s, want %s", model.options, want)
	}
}
