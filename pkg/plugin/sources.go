package plugin

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/textproto"
	"strconv"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/annotations"
	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/upstream"
)

// sourceFor builds the source a query reads; every URL and credential comes from the settings or from
// Grafana's own configuration, never from the query.
func (d *Datasource) sourceFor(ctx context.Context, kind string) (upstream.Source, error) {
	switch kind {
	case models.SourcePrometheus:
		return upstream.NewPrometheus(d.settings, d.httpClient)
	case models.SourceGrafana:
		api, err := upstream.NewGrafanaAPI(ctx, d.settings, d.httpClient)
		if err != nil {
			return nil, err
		}
		return upstream.Grafana{API: api}, nil
	default:
		return upstream.Demo{Generator: d.model}, nil
	}
}

// sourceKey identifies a query's source query in cache keys (the datasource instance owns the cache).
func sourceKey(q models.Query) string {
	h := sha256.New()
	for _, part := range []string{q.Source, q.Expr, q.LegendFormat, q.DemoSeries, string(q.SourceQuery)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	if q.SourceDatasource != nil {
		h.Write([]byte(q.SourceDatasource.UID))
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// exclusionScope reads the dashboard and panel a request comes from, when Grafana forwarded them (as plain
// or "http_"-prefixed headers, depending on the version); without them only organisation-wide exclusions apply.
func exclusionScope(headers map[string]string) annotations.Scope {
	forwarded := backend.QueryDataRequest{Headers: headers}
	lookup := func(name string) string {
		if v := forwarded.GetHTTPHeader(name); v != "" {
			return v
		}
		for k, v := range headers {
			if textproto.CanonicalMIMEHeaderKey(k) == textproto.CanonicalMIMEHeaderKey(name) {
				return v
			}
		}
		return ""
	}
	scope := annotations.Scope{DashboardUID: lookup("X-Dashboard-Uid")}
	if panel, err := strconv.ParseInt(lookup("X-Panel-Id"), 10, 64); err == nil {
		scope.PanelID = panel
	}
	return scope
}

// queryScope is the dashboard and panel a query names (the frontend stamps them), else what Grafana forwarded.
func queryScope(q models.Query, headers map[string]string) annotations.Scope {
	if q.DashboardUID != "" {
		return annotations.Scope{DashboardUID: q.DashboardUID, PanelID: q.PanelID}
	}
	return exclusionScope(headers)
}

// resourceScope reads the dashboard and panel from a resource call's headers (the panel sends them).
func resourceScope(headers map[string][]string) annotations.Scope {
	flat := map[string]string{}
	for k, v := range headers {
		if len(v) > 0 {
			flat[k] = v[0]
		}
	}
	return exclusionScope(flat)
}
