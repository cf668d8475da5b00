package plugin

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// QueryData answers each refId on its own; until forecasting lands in the backend every query gets a
// clear plugin-sourced error instead of an empty frame.
func (d *Datasource) QueryData(_ context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	response := backend.NewQueryDataResponse()
	for _, q := range req.Queries {
		response.Responses[q.RefID] = notImplemented()
	}
	return response, nil
}

func notImplemented() backend.DataResponse {
	res := backend.ErrorResponseWithErrorSource(backend.PluginError(models.ErrNotImplemented))
	res.Status = backend.StatusNotImplemented
	return res
}
