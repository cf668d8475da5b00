package plugin

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/frames"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// readRecorder remembers where the last demo read started.
type readRecorder struct {
	testModel
	from atomic.Int64
}

func (m *readRecorder) Demo(ctx context.Context, name string, fromMs, toMs, stepMs float64, seed int64) ([]float64, []float64, error) {
	m.from.Store(int64(fromMs))
	return m.testModel.Demo(ctx, name, fromMs, toMs, stepMs, seed)
}

func TestPastComparisonReads(t *testing.T) {
	const span = 6 * time.Hour
	run := func(t *testing.T, d *Datasource, body string) *data.Frame {
		t.Helper()
		res, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("A", body, span)}})
		if err != nil || res.Responses["A"].Error != nil || len(res.Responses["A"].Frames) != 1 {
			t.Fatalf("%v %v", err, res.Responses["A"].Error)
		}
		return res.Responses["A"].Frames[0]
	}
	field := func(frame *data.Frame, name string) *data.Field {
		for _, f := range frame.Fields {
			if f.Name == name {
				return f
			}
		}
		return nil
	}
	t.Run("should read pastWeeks before the range when every fit is cached, and give the same vs_past", func(t *testing.T) {
		model := &readRecorder{testModel: testModel{&forecasttest.Fake{}}}
		d := newDatasource(t, `{}`, model)
		body := `{"trainingDays":28,"alerting":{"pastWeeks":2}}`
		cold := field(run(t, d, body), frames.FieldVsPast)
		warm := field(run(t, d, body), frames.FieldVsPast)
		if want := rangeEnd.Add(-span - 14*24*time.Hour).UnixMilli(); model.from.Load() != want {
			t.Errorf("the warm read started at %d, want two weeks before the range (%d)", model.from.Load(), want)
		}
		if cold == nil || warm == nil || cold.Len() != warm.Len() {
			t.Fatalf("vs_past fields: cold %v warm %v", cold, warm)
		}
		for i := range cold.Len() {
			a, _ := cold.ConcreteAt(i)
			b, _ := warm.ConcreteAt(i)
			if a != b || a == nil {
				t.Fatalf("vs_past[%d]: cold %v, warm %v", i, a, b)
			}
		}
	})
	t.Run("should read pastWeeks before the range even when the training is shorter, and give vs_past", func(t *testing.T) {
		model := &readRecorder{testModel: testModel{&forecasttest.Fake{}}}
		d := newDatasource(t, `{}`, model)
		vsPast := field(run(t, d, `{"trainingDays":3,"alerting":{"pastWeeks":4}}`), frames.FieldVsPast)
		if want := rangeEnd.Add(-span - 28*24*time.Hour).UnixMilli(); model.from.Load() != want {
			t.Errorf("the read started at %d, want four weeks before the range (%d)", model.from.Load(), want)
		}
		if vsPast == nil {
			t.Fatal("no vs_past field")
		}
		for i := range vsPast.Len() {
			if v, _ := vsPast.ConcreteAt(i); v == nil {
				t.Fatalf("vs_past[%d] is null with four weeks read", i)
			}
		}
	})
	t.Run("should read the labels over the weeks before a short training, which vs_past skips", func(t *testing.T) {
		g := newLabelGrafana(t)
		model := &readRecorder{testModel: testModel{&forecasttest.Fake{}}}
		d := newDatasource(t, `{}`, model)
		res, err := d.QueryData(g.context(), &backend.QueryDataRequest{
			PluginContext: backend.PluginContext{Namespace: "default"},
			Queries:       []backend.DataQuery{dataQuery("A", `{"trainingDays":3,"alerting":{"pastWeeks":4}}`, span)},
		})
		if err != nil || res.Responses["A"].Error != nil {
			t.Fatal(err, res.Responses["A"].Error)
		}
		g.mu.Lock()
		defer g.mu.Unlock()
		want := strconv.FormatInt(model.from.Load(), 10)
		if len(g.queries) == 0 || g.queries[0].Get("from") != want {
			t.Errorf("annotations read %v, want from the series' read start %s", g.queries, want)
		}
	})
	t.Run("should cross-validate on the training's history, where its labels apply, not the weeks read for vs_past", func(t *testing.T) {
		model := newFitRecorder()
		d := newDatasource(t, `{}`, model)
		from, to := rangeEnd.Add(-span).UnixMilli(), rangeEnd.UnixMilli()
		sender := &collectSender{}
		err := d.CallResource(context.Background(), &backend.CallResourceRequest{
			PluginContext: backend.PluginContext{Namespace: "default"}, Path: "cv", Method: http.MethodPost,
			Body: []byte(fmt.Sprintf(`{"query":{"trainingDays":3,"alerting":{"pastWeeks":4}},"from":%d,"to":%d,"intervalMs":300000}`, from, to)),
		}, sender)
		if err != nil || len(sender.responses) != 1 || sender.responses[0].Status != http.StatusOK {
			t.Fatalf("%v %+v", err, sender.responses)
		}
		model.mu.Lock()
		defer model.mu.Unlock()
		weekBefore := float64(rangeEnd.Add(-7 * 24 * time.Hour).UnixMilli())
		if len(model.firstTime) != 1 || model.firstTime[0] < weekBefore {
			t.Errorf("cross-validation's history starts at %v, more than a week before the range's end", model.firstTime)
		}
	})
	t.Run("should say so when the points budget holds fewer than two weeks before the range", func(t *testing.T) {
		model := &readRecorder{testModel: testModel{&forecasttest.Fake{}}}
		d := newDatasource(t, `{"maxPointsPerSeries":2000}`, model)
		frame := run(t, d, `{"trainingDays":3,"alerting":{"pastWeeks":4}}`)
		said := false
		for _, n := range frame.Meta.Notices {
			said = said || strings.Contains(n.Text, "vs_past needs 2 weeks before the range")
		}
		if !said {
			t.Errorf("notices %v", frame.Meta.Notices)
		}
	})
	t.Run("should keep reading the range alone without an alerting object", func(t *testing.T) {
		model := &readRecorder{testModel: testModel{&forecasttest.Fake{}}}
		d := newDatasource(t, `{}`, model)
		run(t, d, `{"trainingDays":28}`)
		frame := run(t, d, `{"trainingDays":28}`)
		if want := rangeEnd.Add(-span).UnixMilli(); model.from.Load() != want {
			t.Errorf("the warm read started at %d, want the range start %d", model.from.Load(), want)
		}
		if field(frame, frames.FieldVsPast) != nil || field(frame, frames.FieldAlert) == nil {
			t.Error("a full frame without an alerting object carries alert but not vs_past")
		}
	})
	t.Run("should read DriftHistory before the range's end for drift when every fit is cached, and give the same drift", func(t *testing.T) {
		model := &readRecorder{testModel: testModel{&forecasttest.Fake{}}}
		d := newDatasource(t, `{}`, model)
		body := `{"trainingDays":28,"warning":{"above":1000}}`
		cold := field(run(t, d, body), frames.FieldDrift)
		warm := field(run(t, d, body), frames.FieldDrift)
		if want := rangeEnd.Add(-models.DriftHistory).UnixMilli(); model.from.Load() != want {
			t.Errorf("the warm read started at %d, want DriftHistory before the range's end (%d)", model.from.Load(), want)
		}
		if cold == nil || warm == nil || cold.Len() != warm.Len() {
			t.Fatalf("drift fields: cold %v warm %v", cold, warm)
		}
		for i := range cold.Len() {
			a, _ := cold.ConcreteAt(i)
			b, _ := warm.ConcreteAt(i)
			if a != b {
				t.Fatalf("drift[%d]: cold %v, warm %v", i, a, b)
			}
		}
	})
}

// An alert rule on vs_past whose points budget holds fewer than two weeks before its range gets null everywhere:
// no data, which a rule's default No data -> OK turns into a rule that never fires. It must fail instead.
func TestPastComparisonTooShortFailsAlertRule(t *testing.T) {
	model := &readRecorder{testModel: testModel{&forecasttest.Fake{}}}
	d := newDatasource(t, `{"maxPointsPerSeries":2000}`, model)
	body := `{"mode":"alert","alertField":"vs_past","trainingDays":3,"alerting":{"pastWeeks":4}}`
	res, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("A", body, 6*time.Hour)}})
	if err != nil {
		t.Fatal(err)
	}
	if e := res.Responses["A"].Error; e == nil || !strings.Contains(e.Error(), "vs_past needs 2 weeks before the range") {
		t.Fatalf("error %v, want the query to fail saying vs_past needs 2 weeks", e)
	}
	// Full mode still answers, with the notice (a dashboard shows the other fields).
	body = `{"trainingDays":3,"alerting":{"pastWeeks":4}}`
	res, err = d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("A", body, 6*time.Hour)}})
	if err != nil || res.Responses["A"].Error != nil {
		t.Fatalf("full mode: %v %v", err, res.Responses["A"].Error)
	}
}
