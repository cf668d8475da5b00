package plugin

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/access"
	"github.com/foresight-anomaly/foresight/pkg/annotations"
	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/upstream"
)

// healthTimeout bounds the whole health check.
const healthTimeout = 15 * time.Second

// CheckHealth says in plain words whether the default source answers and whether permissions are missing;
// configured secrets an upstream echoed are scrubbed from the message.
func (d *Datasource) CheckHealth(ctx context.Context, req *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	result := d.checkHealth(ctx, queryRequester(req.PluginContext, req.Headers))
	result.Message = d.secrets(ctx).Scrub(result.Message)
	return result, nil
}

func (d *Datasource) checkHealth(ctx context.Context, who access.Requester) *backend.CheckHealthResult {
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	source, err := d.sourceFor(ctx, d.settings.DefaultSource, who)
	if err != nil {
		return unhealthy(err)
	}
	checker, ok := source.(upstream.HealthChecker)
	if !ok {
		return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: "Foresight is ready. " + d.storeHealth(ctx)}
	}
	message, err := checker.Check(ctx)
	if err != nil {
		return unhealthy(err)
	}
	parts := []string{"Foresight is ready: " + message}
	if d.settings.DefaultSource == models.SourceGrafana {
		parts = append(parts, allowListHealth(d.settings))
	}
	if note := d.annotationHealth(ctx, who); note != "" {
		parts = append(parts, note)
	}
	parts = append(parts, d.storeHealth(ctx))
	return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: strings.Join(parts, " ")}
}

// allowListHealth says which Grafana datasources queries may read.
func allowListHealth(settings models.Settings) string {
	switch n := len(settings.AllowedDatasources); n {
	case 0:
		return "No Grafana datasource may be read yet: list those queries may read under Allowed datasources."
	case 1:
		return "Queries may read 1 Grafana datasource (Allowed datasources)."
	default:
		return fmt.Sprintf("Queries may read %d Grafana datasources (Allowed datasources).", n)
	}
}

// annotationHealth says whether the label annotations (exclusions, incidents, false alarms) can be read.
func (d *Datasource) annotationHealth(ctx context.Context, who access.Requester) string {
	api, err := d.grafanaAPI(ctx, who)
	if errors.Is(err, models.ErrNotConfigured) {
		return "Exclusion annotations are off: " + err.Error() + "."
	}
	if err != nil {
		return "Exclusion annotations cannot be read: " + err.Error() + "."
	}
	now := float64(time.Now().UnixMilli())
	if _, err := annotations.Read(ctx, api, annotations.Scope{}, now-3_600_000, now); err != nil && !errors.Is(err, annotations.ErrTruncated) {
		return "Warning: exclusion annotations cannot be read: " + err.Error() + "."
	}
	return fmt.Sprintf("Label annotations (%s, %s, %s) are readable.", annotations.ExcludeTag, annotations.IncidentTag, annotations.FalseAlarmTag)
}

func unhealthy(err error) *backend.CheckHealthResult {
	var message string
	switch {
	case errors.Is(err, models.ErrPermission):
		message = "The source refused the plugin: " + err.Error()
	case errors.Is(err, models.ErrAccessDenied):
		message = "Foresight may not use Grafana's API here: " + err.Error()
	case errors.Is(err, models.ErrUpstreamTimeout):
		message = "The source did not answer in time: " + err.Error()
	case errors.Is(err, models.ErrNotConfigured):
		message = "The default source is not configured: " + err.Error()
	default:
		message = "The source could not be read: " + err.Error()
	}
	return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: message}
}
