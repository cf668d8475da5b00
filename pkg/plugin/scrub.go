package plugin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/config"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// Everything the plugin shows or logs passes here on its way out, so a secret an upstream echoed (a proxy
// repeating the Authorization header in its error page) never reaches a panel, a health message or a log.

// secrets are what a request must not show: the instance's configured secrets and, when Grafana gives the
// plugin a managed service account, its token.
func (d *Datasource) secrets(ctx context.Context) models.Secrets {
	token, _ := config.GrafanaConfigFromContext(ctx).PluginAppClientSecret()
	return d.settings.Secrets(token)
}

// scrubbedError shows its cause's message without secrets; errors.Is still sees the cause, so classification
// is unchanged.
type scrubbedError struct {
	cause error
	text  string
}

func (e scrubbedError) Error() string { return e.text }
func (e scrubbedError) Unwrap() error { return e.cause }

// scrubResponse scrubs a query's error and the notices of its frames.
func scrubResponse(res backend.DataResponse, secrets models.Secrets) backend.DataResponse {
	if res.Error != nil {
		res.Error = scrubbedError{cause: res.Error, text: secrets.Scrub(res.Error.Error())}
	}
	for _, frame := range res.Frames {
		scrubNotices(frame, secrets)
	}
	return res
}

func scrubNotices(frame *data.Frame, secrets models.Secrets) {
	if frame == nil || frame.Meta == nil {
		return
	}
	for i := range frame.Meta.Notices {
		frame.Meta.Notices[i].Text = secrets.Scrub(frame.Meta.Notices[i].Text)
	}
}

// scrubbingSender scrubs the JSON body of every resource answer.
type scrubbingSender struct {
	next    backend.CallResourceResponseSender
	secrets models.Secrets
}

func (s scrubbingSender) Send(res *backend.CallResourceResponse) error {
	if res != nil && len(res.Body) > 0 {
		scrubbed := []byte(s.secrets.Scrub(string(res.Body)))
		if !bytes.Equal(scrubbed, res.Body) && !json.Valid(scrubbed) {
			res.Status = 500
			scrubbed = []byte(`{"error":"foresight: the answer held a configured secret and could not be cleaned of it"}`)
		}
		res.Body = scrubbed
	}
	return s.next.Send(res)
}

// scrubbedPanic is a recovered panic as log text without secrets.
func scrubbedPanic(recovered any, secrets models.Secrets) string {
	return secrets.Scrub(fmt.Sprint(recovered))
}
