package plugin

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/engine"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// classify maps an error to its HTTP-like status and error source: the user's input and the upstream's
// failures are downstream errors; anything unrecognised is the plugin's own.
func classify(err error) (backend.Status, backend.ErrorSource) {
	switch {
	case errors.Is(err, models.ErrInvalidQuery), errors.Is(err, models.ErrNotConfigured),
		errors.Is(err, models.ErrLimit), errors.Is(err, engine.ErrInput), errors.Is(err, models.ErrInvalidSettings):
		return backend.StatusBadRequest, backend.ErrorSourceDownstream
	case errors.Is(err, models.ErrPermission), errors.Is(err, models.ErrAccessDenied):
		return backend.StatusForbidden, backend.ErrorSourceDownstream
	case errors.Is(err, models.ErrUpstreamTimeout), errors.Is(err, engine.ErrTimeout):
		return backend.StatusTimeout, backend.ErrorSourceDownstream
	case errors.Is(err, models.ErrUpstream):
		return backend.StatusBadGateway, backend.ErrorSourceDownstream
	default:
		return backend.StatusInternal, backend.ErrorSourcePlugin
	}
}

// errorResponse is the one place an error becomes a query's response.
func errorResponse(err error) backend.DataResponse {
	status, source := classify(err)
	res := backend.ErrorResponseWithErrorSource(withSource(err, source))
	res.Status = status
	return res
}

func withSource(err error, source backend.ErrorSource) error {
	if source == backend.ErrorSourceDownstream {
		return backend.DownstreamError(err)
	}
	return backend.PluginError(err)
}

// panicError turns a recovered panic into a plugin error.
func panicError(recovered any) error {
	return fmt.Errorf("foresight: internal error (please report it): %v", recovered)
}

// httpStatus is classify's status as an int for resource responses.
func httpStatus(err error) int {
	status, _ := classify(err)
	if status == 0 {
		return http.StatusInternalServerError
	}
	return int(status)
}
