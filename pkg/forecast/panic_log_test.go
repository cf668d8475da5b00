package forecast_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// recordingLogger keeps every line logged at error level.
type recordingLogger struct {
	log.Logger
	mu     sync.Mutex
	errors []string
}

func (r *recordingLogger) Error(msg string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprint(append([]any{msg}, args...)...))
}

// A panic's text may quote what the model was given; docs/backend.md promises panic logs without secrets. The
// pipeline is handed its logger, so the test leaves Grafana's global logger alone and may run beside others.
func TestPanicLogsAreScrubbed(t *testing.T) {
	t.Parallel()
	logger := &recordingLogger{Logger: log.New()}

	secrets := models.NewSecrets("engine") // a word of the fake's panic text stands in for a configured secret
	req := buildRequest(t, 0.5, 2, nil)
	panicky := noisy("panicky", req.Plan.FetchFrom, req.Plan.RangeTo)
	setValues(panicky, req.Plan.FetchFrom, req.Plan.RangeTo, 4242)
	p := forecast.NewPipeline(&forecasttest.Fake{Panic: 4242}, forecast.NewFitCache(1<<20), 1).WithScrub(secrets.Scrub).
		WithLogger(logger)
	if _, err := p.Run(context.Background(), req, []models.Series{panicky}); err != nil {
		t.Fatal(err)
	}
	logger.mu.Lock()
	defer logger.mu.Unlock()
	if len(logger.errors) == 0 {
		t.Fatal("the panic was not logged")
	}
	for _, line := range logger.errors {
		if strings.Contains(line, "engine") {
			t.Errorf("logged the secret: %s", line)
		}
	}
}
