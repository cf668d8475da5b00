package upstream

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// Demoer generates a named demo series (engine.Engine implements it with the CLI demo's generator).
type Demoer interface {
	Demo(ctx context.Context, name string, fromMs, toMs, stepMs float64, seed int64) (ts, ys []float64, err error)
}

// Demo is the built-in source: one generated series per query, the same for the same name and span.
type Demo struct {
	Generator Demoer
}

// Fetch generates the query's demoSeries over the span at the step.
func (d Demo) Fetch(ctx context.Context, req FetchRequest) ([]models.Series, error) {
	name := req.Query.DemoSeries
	stepMs := float64(req.Step.Milliseconds())
	fromMs, toMs := float64(req.From.UnixMilli()), float64(req.To.UnixMilli())
	if req.MaxPoints > 0 && (toMs-fromMs)/stepMs > float64(req.MaxPoints) {
		return nil, fmt.Errorf("%w: the demo span holds more than maxPointsPerSeries (%d) points", models.ErrLimit, req.MaxPoints)
	}
	// The generator's span is half-open; +1 ms keeps the range's last point.
	ts, ys, err := d.Generator.Demo(ctx, name, fromMs, toMs+1, stepMs, demoSeed(name))
	if err != nil {
		// The generator runs in the model's engine under the query's deadline: a slow machine is a timeout (504, try
		// again), and a cancelled request is the caller's doing; neither is a fault in the query (400).
		switch {
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			return nil, fmt.Errorf("%w: demo series %q was not generated before the query's deadline", models.ErrUpstreamTimeout, name)
		case ctx.Err() != nil:
			return nil, fmt.Errorf("%w: demo series %q: the query was cancelled", models.ErrUpstream, name)
		}
		return nil, fmt.Errorf("%w: demo series %q: %v", models.ErrInvalidQuery, name, err)
	}
	return []models.Series{{Name: name, Labels: map[string]string{"demo": name}, Times: ts, Values: ys}}, nil
}

// Check always succeeds: the generator is built in.
func (d Demo) Check(context.Context) (string, error) {
	return "the built-in demo source is serving generated series.", nil
}

// demoSeed ties the seed to the series name so refreshes draw the same series.
func demoSeed(name string) int64 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(name))
	return int64(h.Sum32())
}
