package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
)

// panickyModel panics in every fit.
type panickyModel struct{ testModel }

func (panickyModel) Fit(context.Context, []float64, []float64, json.RawMessage) (forecast.Model, error) {
	panic("the engine broke")
}

// The instance logs where its Deps say, pipeline included, so a test reads its logs without swapping Grafana's
// global logger (which would race with every test running beside it).
func TestInstanceLogsToItsLogger(t *testing.T) {
	t.Parallel()
	logger := forecasttest.NewErrorLog()
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
	if lines := logger.Lines(); len(lines) == 0 || !strings.Contains(strings.Join(lines, "\n"), "the engine broke") {
		t.Errorf("the fit's panic did not reach the instance's logger: %q", lines)
	}
}
