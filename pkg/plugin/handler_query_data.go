package plugin

import (
	"context"
	"sync"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// QueryData answers every refId on its own, concurrently, each within the configured time bound; a panic or
// error in one query becomes that refId's error response.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	response := backend.NewQueryDataResponse()
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, dq := range req.Queries {
		wg.Add(1)
		go func(dq backend.DataQuery) {
			defer wg.Done()
			res := scrubResponse(d.answer(ctx, dq, req.Headers), d.secrets(ctx))
			mu.Lock()
			response.Responses[dq.RefID] = res
			mu.Unlock()
		}(dq)
	}
	wg.Wait()
	return response, nil
}

func (d *Datasource) answer(ctx context.Context, dq backend.DataQuery, headers map[string]string) (res backend.DataResponse) {
	defer func() {
		if r := recover(); r != nil {
			log.DefaultLogger.Error("foresight: panic in query", "refId", dq.RefID, "panic", scrubbedPanic(r, d.secrets(ctx)))
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
	frames, err := d.runQuery(ctx, q, queryScope(q, headers))
	if err != nil {
		return errorResponse(err)
	}
	return backend.DataResponse{Frames: frames}
}
