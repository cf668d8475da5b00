package upstream

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// sourceRefID is the refId of the single query sent to /api/ds/query.
const sourceRefID = "A"

// Grafana reads any Grafana datasource through POST /api/ds/query.
type Grafana struct {
	API *GrafanaAPI
}

// Fetch sends the query's sourceQuery to its sourceDatasource over the span and converts the frames.
func (g Grafana) Fetch(ctx context.Context, req FetchRequest) ([]models.Series, error) {
	inner := map[string]any{}
	if err := json.Unmarshal(req.Query.SourceQuery, &inner); err != nil {
		return nil, fmt.Errorf("%w: sourceQuery: %v", models.ErrInvalidQuery, err)
	}
	spanPoints := int64(req.To.Sub(req.From) / max(req.Step, models.MinStep))
	inner["refId"] = sourceRefID
	inner["datasource"] = req.Query.SourceDatasource
	delete(inner, "datasourceId") // a legacy numeric id must not name another datasource than the checked uid
	inner["intervalMs"] = req.Step.Milliseconds()
	inner["maxDataPoints"] = spanPoints + 1
	body := map[string]any{
		"queries": []any{inner},
		"from":    strconv.FormatInt(req.From.UnixMilli(), 10),
		"to":      strconv.FormatInt(req.To.UnixMilli(), 10),
	}
	var parsed dsQueryResponse
	// The answer streams into frames; its size is bounded by what the settings let the query hold.
	limit := seriesAnswerLimit(req.MaxSeries, req.MaxPoints, framesBytesPerPoint, "maxPointsPerSeries")
	status, err := g.API.call(ctx, http.MethodPost, "/api/ds/query", nil, body, &parsed, func(status int) bool {
		return status == http.StatusBadRequest // per-refId errors arrive with 400 and a results body
	}, limit)
	if err != nil {
		if errors.Is(err, models.ErrPermission) {
			return nil, fmt.Errorf("%w: reading datasource %q: %s", models.ErrPermission, req.Query.SourceDatasource.UID, g.API.permissionHint("datasources:query"))
		}
		return nil, err
	}
	res, ok := parsed.Results[sourceRefID]
	if !ok {
		return nil, fmt.Errorf("%w: datasource %q answered (HTTP %d) without a result for the query", models.ErrUpstream, req.Query.SourceDatasource.UID, status)
	}
	if res.Error != "" {
		return nil, fmt.Errorf("%w: datasource %q: %s", models.ErrUpstream, req.Query.SourceDatasource.UID, excerpt(g.API.secrets, res.Error))
	}
	return FramesToSeries(res.Frames, req.MaxSeries, req.MaxPoints)
}

// Check proves the account may query datasources: an empty /api/ds/query answers 400 ("no queries") when
// allowed and 401/403 when not.
func (g Grafana) Check(ctx context.Context) (string, error) {
	_, err := g.API.call(ctx, http.MethodPost, "/api/ds/query", nil, map[string]any{"queries": []any{}}, nil, func(status int) bool {
		return status == http.StatusBadRequest
	}, answerLimit{Bytes: smallAnswerBytes, Why: "the most a health check reads"})
	if errors.Is(err, models.ErrPermission) {
		return "", fmt.Errorf("%w: %s", models.ErrPermission, g.API.permissionHint("datasources:query"))
	}
	if err != nil {
		return "", err
	}
	return "Grafana's query API answers with " + g.API.CredentialName() + ".", nil
}

// dsQueryResponse is the body of /api/ds/query; unknown keys are ignored so newer Grafana versions still parse.
type dsQueryResponse struct {
	Results map[string]struct {
		Status int           `json:"status"`
		Error  string        `json:"error"`
		Frames []*data.Frame `json:"frames"`
	} `json:"results"`
}
