// Package upstream reads the series a query models: from any Grafana datasource through Grafana's
// /api/ds/query, from a Prometheus-compatible HTTP API, or from the built-in demo generator. Every source
// returns labelled series; URLs and credentials come from the datasource settings only.
package upstream

import (
	"context"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// FetchRequest is what a source reads: the query, the span (training history plus the range) and the step.
type FetchRequest struct {
	Query     models.Query
	From, To  time.Time
	Step      time.Duration
	MaxSeries int
	MaxPoints int
	// SeriesHint is how many series the answer is expected to hold (0: unknown), from an earlier read of the
	// range: a long span of many series is then read in requests small enough for the answer bound.
	SeriesHint int
	// Warn receives the source's own warnings about an answer that still counts (Prometheus's "warnings",
	// e.g. a partial result from a federated store), which the query shows as notices; nil drops them.
	Warn func(text string)
}

// Source returns the labelled series of a query. Errors wrap the sentinels of pkg/models.
type Source interface {
	Fetch(ctx context.Context, req FetchRequest) ([]models.Series, error)
}

// HealthChecker answers whether a source can be read, in plain words.
type HealthChecker interface {
	Check(ctx context.Context) (string, error)
}
