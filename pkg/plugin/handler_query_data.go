package plugin

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/access"
	"github.com/foresight-anomaly/foresight/pkg/engine"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// QueryData answers every refId on its own, concurrently, each within the configured time bound; a panic or
// error in one query becomes that refId's error response. A refId shared by several queries answers with an
// error instead of one answer silently replacing another.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	response := backend.NewQueryDataResponse()
	who := queryRequester(req.PluginContext, req.Headers)
	var mu sync.Mutex
	var wg sync.WaitGroup
	duplicates := duplicateRefIDs(req.Queries, response)
	for _, dq := range req.Queries {
		if duplicates[dq.RefID] {
			continue
		}
		wg.Add(1)
		go func(dq backend.DataQuery) {
			defer wg.Done()
			res := scrubResponse(d.answer(ctx, dq, who), d.secrets(ctx))
			mu.Lock()
			response.Responses[dq.RefID] = res
			mu.Unlock()
		}(dq)
	}
	wg.Wait()
	return response, nil
}

func (d *Datasource) answer(ctx context.Context, dq backend.DataQuery, who access.Requester) (res backend.DataResponse) {
	defer func() {
		if r := recover(); r != nil {
			d.logger.Error("foresight: panic in query", "refId", dq.RefID, "panic", scrubbedPanic(r, d.secrets(ctx)))
			res = backend.ErrorResponseWithErrorSource(backend.PluginError(panicError(r)))
			res.Status = backend.StatusInternal
		}
	}()
	q, err := models.LoadQuery(dq, d.settings)
	if err != nil {
		return errorResponse(err)
	}
	ctx, cancel := context.WithTimeout(ctx, d.settings.QueryTimeout())
	defer cancel()
	// Waiting for a slot counts towards the query's time bound. Alert evaluations do not wait: a rule must not
	// fail because dashboards hold the slots (Grafana bounds its concurrent evaluations itself).
	if !who.FromAlert {
		select {
		case d.querySlots <- struct{}{}:
			defer func() { <-d.querySlots }()
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.Canceled) {
				return errorResponse(fmt.Errorf("the query was cancelled while it waited for one of this datasource's %d query slots (maxConcurrentQueries)", cap(d.querySlots)))
			}
			return errorResponse(fmt.Errorf("%w: the query waited its whole time bound for one of this datasource's %d query slots (maxConcurrentQueries)",
				engine.ErrTimeout, cap(d.querySlots)))
		}
	}
	frames, err := d.runQuery(ctx, q, who)
	if err != nil {
		return errorResponse(err)
	}
	return backend.DataResponse{Frames: frames}
}

// duplicateRefIDs answers each refId that names more than one query with an error and returns those refIds.
func duplicateRefIDs(queries []backend.DataQuery, response *backend.QueryDataResponse) map[string]bool {
	counts := map[string]int{}
	for _, dq := range queries {
		counts[dq.RefID]++
	}
	duplicates := map[string]bool{}
	for refID, n := range counts {
		if n > 1 {
			duplicates[refID] = true
			response.Responses[refID] = errorResponse(fmt.Errorf("%w: refId %q names %d queries of this request; give each query its own refId", models.ErrInvalidQuery, refID, n))
		}
	}
	return duplicates
}
