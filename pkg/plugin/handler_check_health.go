package plugin

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// CheckHealth reports which source the instance reads. Only the built-in demo source exists so far.
func (d *Datasource) CheckHealth(_ context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	if d.settings.Source() == models.SourceDemo {
		return &backend.CheckHealthResult{
			Status:  backend.HealthStatusOk,
			Message: "Foresight is ready: the built-in demo source is serving synthetic series.",
		}, nil
	}
	return &backend.CheckHealthResult{
		Status: backend.HealthStatusError,
		Message: fmt.Sprintf(
			"Upstream datasource %q is configured, but reading upstream series is not implemented yet; clear it to use the demo source.",
			d.settings.UpstreamUID,
		),
	}, nil
}
