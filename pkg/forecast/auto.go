package forecast

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"sort"

	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/selection"
)

// Selections is what the pipeline needs from the background selection service (pkg/selection).
type Selections interface {
	Lookup(key string) (sel selection.Selection, stale bool, ok bool)
	Request(key string, ts, ys []float64, params json.RawMessage, labels selection.Labels) bool
}

// WithSelections lets `model: auto` queries use per-series selections; without it they use the default family.
func (p *Pipeline) WithSelections(s Selections) *Pipeline {
	p.selections = s
	return p
}

// DefaultFamily serves a series whose selection is not known yet: the ensemble, the model a query without
// `auto` gets (of the query's ensemble_members) and, with the default members, what the selection's first
// incumbent (the decomposition's defaults) serves as.
const DefaultFamily = "ensemble"

const (
	noticeAwaitingSelection = "model auto: no selection for this series yet, so the " + DefaultFamily +
		" serves it meanwhile; selection runs in the background"
	noticeSelectionOff = "model auto: background selection is off on this datasource, so the " + DefaultFamily + " serves"
)

func (m modelParams) isAuto() bool {
	return bytes.Equal(bytes.TrimSpace(m.fields["model"]), []byte(`"auto"`))
}

// with returns a copy with some fields replaced.
func (m modelParams) with(overrides map[string]json.RawMessage) modelParams {
	fields := make(map[string]json.RawMessage, len(m.fields)+len(overrides))
	for k, v := range m.fields {
		fields[k] = v
	}
	for k, v := range overrides {
		fields[k] = v
	}
	return modelParams{fields: fields, exclude: m.exclude, falseAlarms: m.falseAlarms}
}

// selectionKey names a series' selection: the series, the scope its labels come from, and every parameter but
// the label ranges (exclusions and false alarms). Changing the query's model settings asks for a new selection;
// labels added in the same scope feed the same selection at its next ranking.
func selectionKey(seriesKey string, m modelParams, labelScope string) string {
	encoded, _ := json.Marshal(m.fields) // sorted keys; RawMessage values always encode
	// No scope keeps the keys stored before scopes were.
	if labelScope != "" {
		encoded = append(append(encoded, 0), labelScope...)
	}
	sum := sha256.Sum256(encoded)
	return seriesKey + "\x00" + hex.EncodeToString(sum[:12])
}

// selectionPrefetcher is a selection service that keeps its selections in a store (pkg/selection with a
// Persister): Prefetch reads the ones missing from its memory in one batch, before the per-series lookups.
type selectionPrefetcher interface {
	Prefetch(ctx context.Context, keys []string)
}

// prefetchSelections loads the selections of an auto query's series from the store, so a restarted process
// serves them without asking for them again.
func (p *Pipeline) prefetchSelections(ctx context.Context, params modelParams, req Request, series []models.Series) {
	prefetcher, ok := p.selections.(selectionPrefetcher)
	if !ok || !params.isAuto() {
		return
	}
	keys := make([]string, len(series))
	for i, s := range series {
		keys[i] = selectionKey(seriesKeyOf(req, s), params, req.LabelScope)
	}
	prefetcher.Prefetch(ctx, keys)
}

var defaultFamilyOverride = map[string]json.RawMessage{"model": json.RawMessage(`"` + DefaultFamily + `"`)}

// seriesKeyOf names a series of a request's source query (fit cache keys and selections start with it).
func seriesKeyOf(req Request, s models.Series) string {
	return req.SourceKey + "\x00" + s.Identity()
}

// servingParams returns the params a series is fitted with. For `model: auto` that is the series'
// selection, or the default family and a notice while none exists; `settled` is false when the selection
// is missing or due for re-evaluation, which needs the series' sorted history (ts empty: a range-only read,
// so no selection can be asked for). A selection asked for gets the request's labels over that history.
func (p *Pipeline) servingParams(params modelParams, req Request, seriesKey string, ts, ys []float64) (serving modelParams, notice string, settled bool) {
	if !params.isAuto() {
		return params, "", true
	}
	if p.selections == nil {
		return params.with(defaultFamilyOverride), noticeSelectionOff, true
	}
	key := selectionKey(seriesKey, params, req.LabelScope)
	sel, stale, ok := p.selections.Lookup(key)
	// Selection ranks on the history the fits train on, not the weeks before it a query may read for vs_past.
	from := sort.SearchFloat64s(ts, req.Plan.FetchFrom)
	ts, ys = ts[from:], ys[from:]
	if (!ok || stale) && len(ts) > 0 {
		if raw, labels, err := params.forLabelledCall(req, ts[0], ts[len(ts)-1]+1); err == nil {
			p.selections.Request(key, ts, ys, raw, labels)
		}
	}
	if !ok {
		return params.with(defaultFamilyOverride), noticeAwaitingSelection, false
	}
	return params.with(sel.Overrides), "", !stale
}

// ErrNotAuto is SelectionOf's answer for a query whose params name a family instead of `model: auto`.
var ErrNotAuto = errors.New("the query names its model; only `model: auto` queries have a selection")

// SelectionOf returns the background selection serving a series of an auto query (ok false while there is none).
func (p *Pipeline) SelectionOf(ctx context.Context, req Request, s models.Series) (sel selection.Selection, stale, ok bool, err error) {
	params, err := parseParams(req.Params)
	if err != nil {
		return selection.Selection{}, false, false, err
	}
	if !params.isAuto() {
		return selection.Selection{}, false, false, ErrNotAuto
	}
	if p.selections == nil {
		return selection.Selection{}, false, false, nil
	}
	p.prefetchSelections(ctx, params, req, []models.Series{s})
	sel, stale, ok = p.selections.Lookup(selectionKey(seriesKeyOf(req, s), params, req.LabelScope))
	return sel, stale, ok, nil
}
