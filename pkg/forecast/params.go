package forecast

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// modelParams holds the query's params as a key → raw value map, with its own exclude ranges read out.
type modelParams struct {
	fields  map[string]json.RawMessage
	exclude []models.ExcludeRange
}

// parseParams reads the query's params object; an `exclude` inside it must be [[from, to], ...] in epoch ms.
func parseParams(raw json.RawMessage) (modelParams, error) {
	p := modelParams{fields: map[string]json.RawMessage{}}
	if len(raw) == 0 {
		return p, nil
	}
	if err := json.Unmarshal(raw, &p.fields); err != nil {
		return p, fmt.Errorf("%w: params must be a JSON object: %v", models.ErrInvalidQuery, err)
	}
	if own, ok := p.fields["exclude"]; ok {
		var pairs [][2]float64
		if err := json.Unmarshal(own, &pairs); err != nil {
			return p, fmt.Errorf("%w: params.exclude must be [[from_ms, to_ms], ...]: %v", models.ErrInvalidQuery, err)
		}
		for _, pair := range pairs {
			p.exclude = append(p.exclude, models.ExcludeRange{From: pair[0], To: pair[1]})
		}
		delete(p.fields, "exclude")
	}
	return p, nil
}

// forWindow renders the params for a fit whose training covers [from, to): exclusions that do not touch the
// window are left out, so adding an exclusion later only changes the fits it concerns. It returns the JSON and
// a hash of it for cache keys.
func (p modelParams) forWindow(extra []models.ExcludeRange, from, to float64) (json.RawMessage, string, error) {
	fields := make(map[string]any, len(p.fields)+1)
	for k, v := range p.fields {
		fields[k] = v
	}
	var ranges [][2]float64
	for _, list := range [][]models.ExcludeRange{p.exclude, extra} {
		for _, r := range list {
			if r.To >= from && r.From < to {
				ranges = append(ranges, [2]float64{r.From, r.To})
			}
		}
	}
	if len(ranges) > 0 {
		fields["exclude"] = ranges
	}
	encoded, err := json.Marshal(fields) // map keys are sorted, so equal params hash equally
	if err != nil {
		return nil, "", fmt.Errorf("%w: params cannot be encoded: %v", models.ErrInvalidQuery, err)
	}
	sum := sha256.Sum256(encoded)
	return encoded, hex.EncodeToString(sum[:12]), nil
}
