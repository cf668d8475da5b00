package forecast_test

import (
	"context"
	"strings"
	"testing"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// A panic's text may quote what the model was given; docs/backend.md promises panic logs without secrets. The
// pipeline is handed its logger, so the test leaves Grafana's global logger alone and may run beside others.
func TestPanicLogsAreScrubbed(t *testing.T) {
	t.Parallel()
	logger := forecasttest.NewErrorLog()

	secrets := models.NewSecrets("engine") // a word of the fake's panic text stands in for a configured secret
	req := buildRequest(t, 0.5, 2, nil)
	panicky := noisy("panicky", req.Plan.FetchFrom, req.Plan.RangeTo)
	setValues(panicky, req.Plan.FetchFrom, req.Plan.RangeTo, 4242)
	p := forecast.NewPipeline(&forecasttest.Fake{Panic: 4242}, forecast.NewFitCache(1<<20), 1).WithScrub(secrets.Scrub).
		WithLogger(logger)
	if _, err := p.Run(context.Background(), req, []models.Series{panicky}); err != nil {
		t.Fatal(err)
	}
	lines := logger.Lines()
	if len(lines) == 0 {
		t.Fatal("the panic was not logged")
	}
	for _, line := range lines {
		if strings.Contains(line, "engine") {
			t.Errorf("logged the secret: %s", line)
		}
	}
}
