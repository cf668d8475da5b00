package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"

	"github.com/foresight-anomaly/foresight/pkg/engine"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
)

// newDatasource builds an instance on the given model, outside the gRPC harness, so a test can reach it.
func newDatasource(t *testing.T, jsonData string, model Model) *Datasource {
	t.Helper()
	inst, err := NewDatasourceFactory(Deps{Model: func() (Model, error) { return model, nil }})(context.Background(),
		backend.DataSourceInstanceSettings{UID: fmt.Sprintf("direct-%d", instanceCount.Add(1)), JSONData: []byte(jsonData)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { inst.(instancemgmt.InstanceDisposer).Dispose() })
	return inst.(*Datasource)
}

// blockingModel holds every cross-validation until the test releases it, and counts the calls inside at once.
type blockingModel struct {
	testModel
	inside   chan struct{} // one send per call that entered
	release  chan struct{}
	running  atomic.Int64
	most     atomic.Int64
	unmarked atomic.Int64 // calls whose context was not marked for the engine's analysis runtimes
	options  atomic.Value // the last call's options
}

func newBlockingModel() *blockingModel {
	return &blockingModel{testModel: testModel{&forecasttest.Fake{}}, inside: make(chan struct{}, 16), release: make(chan struct{})}
}

func (m *blockingModel) CrossValidate(ctx context.Context, ts, _ []float64, _, opts json.RawMessage) (json.RawMessage, error) {
	now := m.running.Add(1)
	defer m.running.Add(-1)
	for most := m.most.Load(); now > most && !m.most.CompareAndSwap(most, now); most = m.most.Load() {
	}
	if !engine.IsAnalysis(ctx) {
		m.unmarked.Add(1)
	}
	m.options.Store(string(opts))
	m.inside <- struct{}{}
	<-m.release
	return json.RawMessage(fmt.Sprintf(`{"points":%d}`, len(ts))), nil
}

func limitedResourceCall(t *testing.T, d *Datasource, path, options string) *backend.CallResourceResponse {
	t.Helper()
	from, to := rangeEnd.Add(-6*time.Hour).UnixMilli(), rangeEnd.UnixMilli()
	body := fmt.Sprintf(`{"query":{"trainingDays":2},"from":%d,"to":%d,"intervalMs":300000,"options":%s}`, from, to, options)
	sender := &collectSender{}
	err := d.CallResource(context.Background(), &backend.CallResourceRequest{Path: path, Method: http.MethodPost, Body: []byte(body)}, sender)
	if err != nil || len(sender.responses) != 1 {
		t.Errorf("CallResource: %v (%d responses)", err, len(sender.responses))
		return &backend.CallResourceResponse{}
	}
	return sender.responses[0]
}

func TestResourceCallLimits(t *testing.T) {
	t.Run("should run at most maxResourceCalls at once and refuse the next, while queries still answer", func(t *testing.T) {
		model := newBlockingModel()
		d := newDatasource(t, `{"maxResourceCalls":2}`, model)
		statuses := make(chan int, 2)
		for range 2 {
			go func() { statuses <- limitedResourceCall(t, d, "cv", `{}`).Status }()
		}
		<-model.inside
		<-model.inside // both calls hold their slot, stopped inside the model

		refused := limitedResourceCall(t, d, "cv", `{}`)
		if refused.Status != http.StatusTooManyRequests || !strings.Contains(string(refused.Body), "maxResourceCalls") {
			t.Errorf("third call: %d %s", refused.Status, refused.Body)
		}
		res, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("A", `{"trainingDays":2}`, time.Hour)}})
		if err != nil || res.Responses["A"].Error != nil {
			t.Errorf("a query beside two resource calls: %v %v", err, res.Responses["A"].Error)
		}

		close(model.release)
		for range 2 {
			if status := <-statuses; status != http.StatusOK {
				t.Errorf("status %d", status)
			}
		}
		if most := model.most.Load(); most != 2 {
			t.Errorf("%d calls inside the model at once, want 2", most)
		}
		if model.unmarked.Load() != 0 {
			t.Errorf("%d calls reached the model outside the engine's analysis runtimes", model.unmarked.Load())
		}
		if again := limitedResourceCall(t, d, "cv", `{}`); again.Status != http.StatusOK {
			t.Errorf("a call after the others ended: %d %s", again.Status, again.Body)
		}
	})

	t.Run("should hold maxFits and maxCutoffs to the datasource's maxEvaluationFits", func(t *testing.T) {
		model := newBlockingModel()
		close(model.release)
		d := newDatasource(t, `{"maxEvaluationFits":50}`, model)
		for _, c := range []struct{ options, want, notice string }{
			{`{"maxFits":5000,"maxCutoffs":5000}`, `"maxCutoffs":50,"maxFits":50`, "fits limited to 50, this datasource's maxEvaluationFits"},
			{`{}`, `"maxFits":50`, ""},
			{`{"maxFits":10,"maxCutoffs":3}`, `"maxCutoffs":3,"maxFits":10`, ""},
		} {
			res := limitedResourceCall(t, d, "cv", c.options)
			<-model.inside
			sent := model.options.Load().(string)
			if res.Status != http.StatusOK || !strings.Contains(sent, c.want) {
				t.Errorf("options %s: status %d, sent %s, want %s", c.options, res.Status, sent, c.want)
			}
			var out resourceResponse
			if err := json.Unmarshal(res.Body, &out); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(out.Notices, "; "); (c.notice == "") != (got == "") || !strings.Contains(got, c.notice) {
				t.Errorf("options %s: notices %q, want %q", c.options, got, c.notice)
			}
		}
		if bad := limitedResourceCall(t, d, "tune", `{"maxFits":"all"}`); bad.Status != http.StatusBadRequest {
			t.Errorf("maxFits that is not a number: %d %s", bad.Status, bad.Body)
		}
	})
}

// A tune grid is held to the design-size bound its parameters meet as a query: a combination of 100 changepoints over
// 56 days of 5-minute points ran as a grid (1.9 million design values against the 1.28 million allowed).
func TestTuneGridDesignSize(t *testing.T) {
	d := realDatasource(t, `{"maxTrainingDays":56}`)
	end := time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC)
	from := end.Add(-24 * time.Hour)
	call := func(grid string) *backend.CallResourceResponse {
		body := fmt.Sprintf(`{"query":{"trainingDays":56},"from":%d,"to":%d,"intervalMs":300000,"options":{"maxFits":2,"grid":%s}}`,
			from.UnixMilli(), end.UnixMilli(), grid)
		sender := &collectSender{}
		if err := d.CallResource(context.Background(), &backend.CallResourceRequest{Path: "tune", Method: http.MethodPost, Body: []byte(body)}, sender); err != nil {
			t.Fatal(err)
		}
		return sender.responses[0]
	}
	wide := call(`{"n_changepoints":[25,100]}`)
	if wide.Status != http.StatusBadRequest || !strings.Contains(string(wide.Body), `grid combination {n_changepoints: 100}`) ||
		!strings.Contains(string(wide.Body), "design values per fit") {
		t.Errorf("a grid past the design bound: %d %s", wide.Status, wide.Body)
	}
	bad := call(`{"interval_width":[0.8,5]}`)
	if bad.Status != http.StatusBadRequest || !strings.Contains(string(bad.Body), "grid combination {interval_width: 5}") {
		t.Errorf("a grid with a bad value: %d %s", bad.Status, bad.Body)
	}
	// A differently-cased key beside it made the check's decode fail, and the grid ran unchecked.
	if cased := call(`{"n_changepoints":[100]},"GRID":5`); cased.Status != http.StatusBadRequest || !strings.Contains(string(cased.Body), "grid combination {n_changepoints: 100}") {
		t.Errorf("a grid beside a GRID key: %d %s", cased.Status, cased.Body)
	}
	if notLists := call(`{"n_changepoints":100}`); notLists.Status != http.StatusBadRequest || !strings.Contains(string(notLists.Body), "options.grid must be an object of value lists") {
		t.Errorf("a grid of no lists: %d %s", notLists.Status, notLists.Body)
	}
	// With families, the caller's incumbent was fitted unchecked (100 changepoints over 56 days).
	incumbent := call(`{},"families":["decomposition"],"incumbent":{"family":"decomposition","combination":{"n_changepoints":100}}`)
	if incumbent.Status != http.StatusBadRequest || !strings.Contains(string(incumbent.Body), "options.incumbent is not taken by the tune resource") {
		t.Errorf("an incumbent with families: %d %s", incumbent.Status, incumbent.Body)
	}
}

// paramsBlockingModel holds each query at its parameter check (inside its query slot) until released.
type paramsBlockingModel struct {
	testModel
	inside  chan struct{}
	release chan struct{}
}

func (m *paramsBlockingModel) CheckParams(ctx context.Context, params json.RawMessage) (int, error) {
	m.inside <- struct{}{}
	<-m.release
	return m.testModel.CheckParams(ctx, params)
}

// One request of many refIds (or many panels at once) held that many queries' reads at once: every refId read its
// whole history concurrently, with nothing bounding how many.
func TestQuerySlots(t *testing.T) {
	model := &paramsBlockingModel{testModel: testModel{&forecasttest.Fake{}}, inside: make(chan struct{}, 4), release: make(chan struct{})}
	d := newDatasource(t, `{"maxConcurrentQueries":1,"queryTimeoutSeconds":1}`, model)
	first := make(chan *backend.QueryDataResponse, 1)
	go func() {
		res, _ := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("A", `{"trainingDays":2}`, time.Hour)}})
		first <- res
	}()
	<-model.inside // A holds the only slot

	waited := d.answer(context.Background(), dataQuery("B", `{"trainingDays":2}`, time.Hour), queryRequester(backend.PluginContext{}, nil))
	if waited.Error == nil || !strings.Contains(waited.Error.Error(), "query slots (maxConcurrentQueries)") || waited.Status != backend.StatusTimeout {
		t.Errorf("a query past the slots: %d %v", waited.Status, waited.Error)
	}
	if len(model.inside) != 0 {
		t.Error("the waiting query ran while the other held the only slot")
	}
	// An alert evaluation does not wait behind dashboards: it runs beside the query holding the slot.
	alert := make(chan backend.DataResponse, 1)
	go func() {
		who := queryRequester(asScheduler(backend.PluginContext{}), map[string]string{backend.FromAlertHeaderName: "true"})
		alert <- d.answer(context.Background(), dataQuery("D", `{"trainingDays":2}`, time.Hour), who)
	}()
	<-model.inside // the alert's query reached the model while A still holds the slot

	close(model.release)
	if res := <-alert; res.Error != nil {
		t.Errorf("the alert evaluation: %v", res.Error)
	}
	if res := <-first; res.Responses["A"].Error != nil {
		t.Errorf("the query holding the slot: %v", res.Responses["A"].Error)
	}
	if res := d.answer(context.Background(), dataQuery("C", `{"trainingDays":2}`, time.Hour), queryRequester(backend.PluginContext{}, nil)); res.Error != nil {
		t.Errorf("a query after the slot was freed: %v", res.Error)
	}
}
