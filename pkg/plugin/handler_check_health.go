package plugin

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/annotations"
	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/upstream"
)

// healthTimeout bounds the whole health check.
const healthTimeout = 15 * time.Second

// CheckHealth says in plain words whether the default source answers and whether permissions are missing;
// configured secrets an upstream echoed are scrubbed from the message.
func (d *Datasource) CheckHealth(ctx context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	result := d.checkHealth(ctx)
	result.Message = d.secrets(ctx).Scrub(result.Message)
	return result, nil
}

func (d *Datasource) checkHealth(ctx context.Context) *backend.CheckHealthResult {
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	source, err := d.sourceFor(ctx, d.settings.DefaultSource)
	if err != nil {
		return unhealthy(err)
	}
	checker, ok := source.(upstream.HealthChecker)
	if !ok {
		return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: "Foresight is ready."}
	}
	message, err := checker.Check(ctx)
	if err != nil {
		return unhealthy(err)
	}
	parts := []string{"Foresight is ready: " + message}
	if note := d.annotationHealth(ctx); note != "" {
		parts = append(parts, note)
	}
	return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: strings.Join(parts, " ")}
}

// annotationHealth says whether foresight:exclude annotations can be read (empty when all is well).
func (d *Datasource) annotationHealth(ctx context.Context) string {
	api, err := upstream.NewGrafanaAPI(ctx, d.settings, d.httpClient)
	if errors.Is(err, models.ErrNotConfigured) {
		return "Exclusion annotations are off: " + err.Error() + "."
	}
	if err != nil {
		return "Exclusion annotations cannot be read: " + err.Error() + "."
	}
	now := float64(time.Now().UnixMilli())
	if _, err := annotations.ExcludedRanges(ctx, api, annotations.Scope{}, now-3_600_000, now); err != nil && !errors.Is(err, annotations.ErrTruncated) {
		return "Warning: exclusion annotations cannot be read: " + err.Error() + "."
	}
	return "Exclusion annotations (foresight:exclude) are readable."
}

func unhealthy(err error) *backend.CheckHealthResult {
	var message string
	switch {
	case errors.Is(err, models.ErrPermission):
		message = "The source refused the plugin: " + err.Error()
	case errors.Is(err, models.ErrUpstreamTimeout):
		message = "The source did not answer in time: " + err.Error()
	case errors.Is(err, models.ErrNotConfigured):
		message = "The default source is not configured: " + err.Error()
	default:
		message = "The source could not be read: " + err.Error()
	}
	return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: message}
}
