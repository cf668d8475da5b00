package forecast

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/selection"
)

// modelParams holds the query's params as a key → raw value map, with its own label ranges read out: they are
// merged with the annotations' ranges per fit window.
type modelParams struct {
	fields      map[string]json.RawMessage
	exclude     []models.ExcludeRange
	falseAlarms []models.ExcludeRange
}

// Params that hold ranges: rendered per fit window, and never part of a selection's key.
const (
	paramExclude     = "exclude"
	paramFalseAlarms = "false_alarms"
)

// parseParams reads the query's params object; an `exclude` or `false_alarms` inside it must be
// [[from, to], ...] in epoch ms.
func parseParams(raw json.RawMessage) (modelParams, error) {
	p := modelParams{fields: map[string]json.RawMessage{}}
	if len(raw) == 0 {
		return p, nil
	}
	if err := json.Unmarshal(raw, &p.fields); err != nil {
		return p, fmt.Errorf("%w: params must be a JSON object: %v", models.ErrInvalidQuery, err)
	}
	var err error
	if p.exclude, err = p.takeRanges(paramExclude); err != nil {
		return p, err
	}
	p.falseAlarms, err = p.takeRanges(paramFalseAlarms)
	return p, err
}

// takeRanges reads a list of [from, to] pairs out of the fields.
func (p modelParams) takeRanges(name string) ([]models.ExcludeRange, error) {
	own, ok := p.fields[name]
	if !ok {
		return nil, nil
	}
	delete(p.fields, name)
	var pairs [][2]float64
	if err := json.Unmarshal(own, &pairs); err != nil {
		return nil, fmt.Errorf("%w: params.%s must be [[from_ms, to_ms], ...]: %v", models.ErrInvalidQuery, name, err)
	}
	ranges := make([]models.ExcludeRange, len(pairs))
	for i, pair := range pairs {
		ranges[i] = models.ExcludeRange{From: pair[0], To: pair[1]}
	}
	return ranges, nil
}

// windowRanges are the ranges of one list (the query's own and a request's) touching [from, to), as pairs (never
// nil, so an empty list encodes as [] in the engine's options).
func windowRanges(own, extra []models.ExcludeRange, from, to float64) [][2]float64 {
	pairs := [][2]float64{}
	for _, list := range [][]models.ExcludeRange{own, extra} {
		for _, r := range list {
			if r.To >= from && r.From < to {
				pairs = append(pairs, [2]float64{r.From, r.To})
			}
		}
	}
	return pairs
}

// forWindow renders the params for a call over [from, to) with the given exclusions and false alarms merged
// with the query's own: ranges that do not touch the window are left out, so adding a label later only changes
// the fits it concerns. It returns the JSON and a hash of it for cache keys.
func (p modelParams) forWindow(exclude, falseAlarms []models.ExcludeRange, from, to float64) (json.RawMessage, string, error) {
	fields := make(map[string]any, len(p.fields)+2)
	for k, v := range p.fields {
		fields[k] = v
	}
	if ranges := windowRanges(p.exclude, exclude, from, to); len(ranges) > 0 {
		fields[paramExclude] = ranges
	}
	if ranges := windowRanges(p.falseAlarms, falseAlarms, from, to); len(ranges) > 0 {
		fields[paramFalseAlarms] = ranges
	}
	encoded, err := json.Marshal(fields) // map keys are sorted, so equal params hash equally
	if err != nil {
		return nil, "", fmt.Errorf("%w: params cannot be encoded: %v", models.ErrInvalidQuery, err)
	}
	sum := sha256.Sum256(encoded)
	return encoded, hex.EncodeToString(sum[:12]), nil
}

// withOwnExclusions moves the params' own `exclude` ranges into the request's exclusions, where every step reads
// them (the training minimum, the excluded flags, the past comparison), and leaves the params without them.
// Rendered for a call, the ranges come out as before (the params' own first), so cache keys do not change.
func withOwnExclusions(req Request, p modelParams) (Request, modelParams) {
	if len(p.exclude) == 0 {
		return req, p
	}
	req.Exclude = append(slices.Clone(p.exclude), req.Exclude...)
	req.Exclusions = append(slices.Clone(p.exclude), req.Exclusions...)
	p.exclude = nil
	return req, p
}

// forFit renders the params of a fit trained on [from, to): incidents left out like exclusions, false alarms
// as `false_alarms`.
func (p modelParams) forFit(req Request, from, to float64) (json.RawMessage, string, error) {
	return p.forWindow(req.Exclude, req.FalseAlarms, from, to)
}

// forLabelledCall renders the params and the labels of a call that takes the engine's `labels` option (cross-
// validation, tuning, selection) over [from, to): the params hold the exclusions alone, and the incidents and
// false alarms go as labels, which the engine applies to its fits itself and scores the held-out alarms by (an
// incident among the exclusions would never be judged).
func (p modelParams) forLabelledCall(req Request, from, to float64) (json.RawMessage, selection.Labels, error) {
	own := modelParams{fields: p.fields, exclude: p.exclude}
	encoded, _, err := own.forWindow(req.Exclusions, nil, from, to)
	labels := selection.Labels{
		Incidents:   windowRanges(nil, req.Incidents, from, to),
		FalseAlarms: windowRanges(p.falseAlarms, req.FalseAlarms, from, to),
	}
	return encoded, labels, err
}
