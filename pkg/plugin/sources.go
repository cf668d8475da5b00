package plugin

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/textproto"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/access"
	"github.com/foresight-anomaly/foresight/pkg/annotations"
	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/upstream"
)

// querySource builds the source a query reads; every URL and credential comes from the settings or from
// Grafana's own configuration, never from the query. A Grafana datasource is read only when the allow-list
// names it (checked before anything leaves the plugin), in the request's own organisation, and, when the
// user is identified, only if that user may query it in Grafana.
func (d *Datasource) querySource(ctx context.Context, q models.Query, who access.Requester) (upstream.Source, error) {
	if q.Source != models.SourceGrafana {
		if err := d.identifyForOwnSource(ctx, who); err != nil {
			return nil, err
		}
		return d.sourceFor(ctx, q.Source, who)
	}
	uid := q.SourceDatasource.UID
	if err := d.access.AllowDatasource(uid); err != nil {
		return nil, err
	}
	api, err := d.grafanaAPI(ctx, who)
	if err != nil {
		return nil, err
	}
	if err := d.access.RefuseOwnKind(ctx, api, uid, PluginID); err != nil {
		return nil, err
	}
	id, err := d.access.Identify(ctx, api, who)
	if err != nil {
		return nil, err
	}
	if id.Known() {
		if err := d.access.UserMayQuery(ctx, api, id, uid); err != nil {
			return nil, err
		}
	}
	return upstream.Grafana{API: api}, nil
}

// identifyForOwnSource applies userAccessCheck to a query of a source the settings name (Prometheus, the demo),
// which Grafana has no permission of its own for: `required` refuses a user without a token, and a token that
// fails verification is refused in any mode, as for a Grafana datasource. Without a Grafana API to verify against,
// `auto` serves as before (the allow-list alone) while `required` refuses.
func (d *Datasource) identifyForOwnSource(ctx context.Context, who access.Requester) error {
	mode := d.settings.UserAccessCheck
	if mode == models.UserCheckOff || who.IDToken == "" && (mode != models.UserCheckRequired || who.FromAlert) {
		return nil
	}
	if who.IDToken == "" {
		// Required and no token: refused for what it is (the guard needs no Grafana API to say so).
		_, err := d.access.Identify(ctx, nil, who)
		return err
	}
	api, err := d.grafanaAPI(ctx, who)
	if err != nil {
		if mode == models.UserCheckRequired {
			return fmt.Errorf("%w: userAccessCheck is required, and verifying the user's ID token needs the Grafana API (a managed or pasted service account): %v",
				models.ErrAccessDenied, err)
		}
		return nil
	}
	_, err = d.access.Identify(ctx, api, who)
	return err
}

// sourceFor builds the source of a kind (the health check's default source; Grafana without a datasource).
func (d *Datasource) sourceFor(ctx context.Context, kind string, who access.Requester) (upstream.Source, error) {
	switch kind {
	case models.SourcePrometheus:
		return upstream.NewPrometheus(d.settings, d.httpClient)
	case models.SourceGrafana:
		api, err := d.grafanaAPI(ctx, who)
		if err != nil {
			return nil, err
		}
		return upstream.Grafana{API: api}, nil
	default:
		return upstream.Demo{Generator: d.model}, nil
	}
}

// grafanaAPI is Grafana's API with the plugin's credentials, refused for a request of another organisation than
// theirs, and naming the request's organisation on every call.
func (d *Datasource) grafanaAPI(ctx context.Context, who access.Requester) (*upstream.GrafanaAPI, error) {
	api, err := upstream.NewGrafanaAPI(ctx, d.settings, d.httpClient)
	if err != nil {
		return nil, err
	}
	if err := d.access.CheckOrg(ctx, api, who); err != nil {
		return nil, err
	}
	return api.ForOrg(who.OrgID), nil
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

// exclusionScope is the dashboard (and panel) whose foresight:exclude annotations a query applies, with a
// notice when the one it asked for is set aside. The dashboard the request runs in (forwarded by Grafana) wins
// over the one the query names. When the user is identified, either applies only if the user can see that
// dashboard in Grafana; otherwise the dashboard the request runs in applies, and one the query names applies only
// for alert evaluation (the rule's own).
func (d *Datasource) exclusionScope(ctx context.Context, api *upstream.GrafanaAPI, who access.Requester, q models.Query) (annotations.Scope, string) {
	scope, inDashboard := annotations.Scope{DashboardUID: who.DashboardUID, PanelID: who.PanelID}, true
	if scope.DashboardUID == "" {
		scope, inDashboard = annotations.Scope{DashboardUID: q.DashboardUID, PanelID: q.PanelID}, false
	}
	if scope.DashboardUID == "" {
		return scope, ""
	}
	setAside := func(reason string) (annotations.Scope, string) {
		return annotations.Scope{}, fmt.Sprintf("exclusions of dashboard %q were not applied: %s", scope.DashboardUID, reason)
	}
	id, err := d.access.Identify(ctx, api, who)
	switch {
	case err != nil:
		return setAside(err.Error())
	case id.Known():
		if err := d.access.UserMayReadDashboard(ctx, api, id, scope.DashboardUID); err != nil {
			return setAside(err.Error())
		}
		return scope, ""
	case inDashboard || who.FromAlert:
		return scope, ""
	default:
		return setAside("outside that dashboard they apply only to alert rules, unless Grafana forwards the user's ID token (idForwarding) so Foresight can check the user may see it")
	}
}

// queryRequester reads who a QueryData (or health) request runs for.
func queryRequester(pc backend.PluginContext, headers map[string]string) access.Requester {
	return access.NewRequester(pc, headerLookup(headers))
}

// resourceRequester reads who a resource call runs for. Its headers come from the browser, so it never counts
// as alert evaluation (alert rules make no resource calls).
func resourceRequester(pc backend.PluginContext, headers map[string][]string) access.Requester {
	flat := map[string]string{}
	for k, v := range headers {
		if len(v) > 0 {
			flat[k] = v[0]
		}
	}
	who := access.NewRequester(pc, headerLookup(flat))
	who.FromAlert = false
	return who
}

// headerLookup finds a forwarded header by name, as Grafana sends it ("http_"-prefixed) or plain, in any case.
func headerLookup(headers map[string]string) func(string) string {
	forwarded := backend.QueryDataRequest{Headers: headers}
	return func(name string) string {
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
}
