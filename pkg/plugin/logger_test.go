package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
)

// errorLog keeps every line logged at error level.
type errorLog struct {
	log.Logger
	mu    sync.Mutex
	lines []string
}

func (l *errorLog) Error(msg string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprint(append([]any{msg}, args...)...))
}

// panickyModel panics in every fit.
type panickyModel struct{ testModel }

func (panickyModel) Fit(context.Context, []float64, []float64, json.RawMessage) (forecast.Model, error) {
	panic("the engine broke")
}

// The instance logs where its Deps say, pipeline included, so a test reads its logs without swapping Grafana's
// global logger (which would race with every test running beside it).
func TestInstanceLogsToItsLogger(t *testing.T) {
	t.Parallel()
	logger := &errorLog{Logger: log.New()}
	model := panickyModel{testModel{&forecasttest.Fake{}}}
	inst, err := NewDatasourceFactory(Deps{Model: func() (Model, error) { return model, nil }, Logger: logger})(context.Background(),
		backend.DataSourceInstanceSettings{UID: fmt.Sprintf("direct-%d", instanceCount.Add(1))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { inst.(instancemgmt.InstanceDisposer).Dispose() })
	q := dataQuery("A", `{"trainingDays":2}`, 6*time.Hour)
	if _, err := inst.(*Datasource).QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}}); err != nil {
		t.Fatal(err)
	}
	logger.mu.Lock()
	defer logger.mu.Unlock()
	if len(logger.lines) == 0 || !strings.Contains(strings.Join(logger.lines, "\n"), "the engine broke") {
		t.Errorf("the fit's panic did not reach the instance's logger: %q", logger.lines)
	}
}
