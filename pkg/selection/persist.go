package selection

import (
	"context"
	"encoding/json"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/store"
)

// selectionKeyPrefix sets selections apart from the other values a datasource keeps in its store (fits).
const selectionKeyPrefix = "sel\x00"

// StorePersister keeps selections in s as JSON for ttl. Failures are dropped here: s reports them (see
// store.Guard), and a selection that cannot be read is made again in the background.
func StorePersister(s store.Store, ttl time.Duration) Persister {
	return storePersister{store: s, ttl: ttl}
}

type storePersister struct {
	store store.Store
	ttl   time.Duration
}

func (p storePersister) LoadMany(ctx context.Context, keys []string) map[string]Selection {
	names := make([]string, len(keys))
	for i, key := range keys {
		names[i] = selectionKeyPrefix + key
	}
	found, err := p.store.GetMany(ctx, names)
	if err != nil {
		return nil
	}
	loaded := make(map[string]Selection, len(found))
	for name, value := range found {
		var sel Selection
		if json.Unmarshal(value, &sel) == nil && sel.Family != "" {
			loaded[name[len(selectionKeyPrefix):]] = sel
		}
	}
	return loaded
}

func (p storePersister) Save(ctx context.Context, key string, sel Selection) {
	encoded, err := json.Marshal(sel)
	if err != nil { // a score that is not finite: kept in memory only
		return
	}
	_ = p.store.Put(ctx, selectionKeyPrefix+key, encoded, p.ttl)
}
