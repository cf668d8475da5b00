package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/pprof/profile"
	"github.com/grafana/sobek"

	"github.com/foresight-anomaly/foresight/pkg/engine"
)

// share is one JavaScript function's part of the sampled time (its own code, not its callees).
type share struct {
	name    string
	percent float64
}

// profileScript samples the JavaScript side of fit + predict with sobek's profiler and returns the
// functions with the most time of their own; calls into the Go kernels count for the JS function
// that made them.
func profileScript(ts, ys []float64, params json.RawMessage, runs int) ([]share, error) {
	e, err := engine.New(engine.Options{PoolSize: 1, Timeout: time.Minute})
	if err != nil {
		return nil, err
	}
	defer e.Close()
	ctx := context.Background()
	var buf bytes.Buffer
	if err := sobek.StartProfile(&buf); err != nil {
		return nil, err
	}
	for i := 0; i < runs; i++ {
		fitted, err := e.Fit(ctx, ts, ys, params)
		if err == nil {
			_, err = e.Predict(ctx, fitted, ts, ys)
		}
		if err != nil {
			sobek.StopProfile()
			return nil, err
		}
	}
	sobek.StopProfile()
	p, err := profile.Parse(&buf)
	if err != nil {
		return nil, fmt.Errorf("reading the script profile: %w", err)
	}
	flat := map[string]int64{}
	var total int64
	for _, sample := range p.Sample {
		if len(sample.Location) == 0 || len(sample.Location[0].Line) == 0 || len(sample.Value) < 2 {
			continue
		}
		line := sample.Location[0].Line[0]
		name := line.Function.Name
		if strings.HasPrefix(name, "<anonymous>") {
			name = fmt.Sprintf("anonymous function, %s line %d", line.Function.Filename, line.Line)
		}
		flat[name] += sample.Value[1]
		total += sample.Value[1]
	}
	shares := make([]share, 0, len(flat))
	for name, v := range flat {
		shares = append(shares, share{name: name, percent: 100 * float64(v) / float64(max(total, 1))})
	}
	slices.SortFunc(shares, func(a, b share) int {
		if a.percent != b.percent {
			if a.percent > b.percent {
				return -1
			}
			return 1
		}
		return strings.Compare(a.name, b.name)
	})
	return shares, nil
}
