package models

import "encoding/json"

// Paths of the resources the datasource serves through CallResource, each a POST of a ResourceRequest.
const (
	// ResourceComponents decomposes each series' last fit into trend, seasonalities and holidays.
	ResourceComponents = "components"
	// ResourceCrossValidation cross-validates the model on each series' history.
	ResourceCrossValidation = "cv"
	// ResourceTune searches model settings on each series' history.
	ResourceTune = "tune"
	// ResourceSelection reports which model serves each series of a `model: auto` query, and its swaps.
	ResourceSelection = "selection"
)

// ResourceRequest is the body of a resource call: a Foresight query with its time range and step, and
// options passed to the model (cv: initial, horizon, period; tune: the grid).
type ResourceRequest struct {
	// The Foresight query, without Grafana's per-panel fields.
	Query json.RawMessage `json:"query"`
	// Start of the range, epoch ms.
	From int64 `json:"from"`
	// End of the range, epoch ms.
	To int64 `json:"to"`
	// The panel's step, so the series is fetched as the panel's query fetched it.
	IntervalMs int64 `json:"intervalMs"`
	// Options passed to the model.
	Options json.RawMessage `json:"options"`
}
