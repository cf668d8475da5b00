// Package access decides what a request may read through Grafana's API: only datasources on the
// administrator's allow-list, only in the organisation the request comes from, and, where Grafana forwards the
// user's signed ID token, only what that user may read in Grafana. docs/backend.md ("Access") describes the model.
package access

import (
	"strconv"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// Requester is what Grafana says about the request a query runs for. Only OrgID, Namespace and Login come from
// Grafana itself (the plugin context); the headers were forwarded from the browser or set by Grafana, so the ID
// token is trusted only once its signature checks out, and the dashboard only as far as docs/backend.md says.
type Requester struct {
	// OrgID is the organisation of the request; 0 when Grafana did not say.
	OrgID int64
	// Namespace is Grafana's name for that organisation ("default", "org-2", "stacks-5").
	Namespace string
	// Login is the signed-in user Grafana names in the plugin context, if any.
	Login string
	// IDToken is the user's signed ID token (X-Grafana-Id, with Grafana's idForwarding feature).
	IDToken string
	// FromAlert is set on requests from Grafana's own alert evaluation, which run for a rule, not for a user.
	FromAlert bool
	// DashboardUID and PanelID are the dashboard and panel the request runs in (X-Dashboard-Uid, X-Panel-Id).
	DashboardUID string
	PanelID      int64
}

// SchedulerLogin is the identity Grafana's alert scheduler evaluates rules as (the plugin context's user).
const SchedulerLogin = "grafana_scheduler"

// Header names Grafana uses for what a Requester holds.
const (
	HeaderDashboardUID = "X-Dashboard-Uid"
	HeaderPanelID      = "X-Panel-Id"
)

// NewRequester reads a request's plugin context and its forwarded headers (header looks one up by name).
func NewRequester(pc backend.PluginContext, header func(name string) string) Requester {
	r := Requester{
		OrgID:        orgOf(pc),
		Namespace:    pc.Namespace,
		IDToken:      header(backend.GrafanaUserSignInTokenHeaderName),
		DashboardUID: header(HeaderDashboardUID),
	}
	if pc.User != nil {
		r.Login = pc.User.Login
	}
	// Grafana's query API forwards a FromAlert header from any HTTP client, so the header alone proves nothing;
	// its own rule evaluations also run as the scheduler identity, which no signed-in user is.
	r.FromAlert = header(backend.FromAlertHeaderName) != "" && r.Login == SchedulerLogin
	if panel, err := strconv.ParseInt(header(HeaderPanelID), 10, 64); err == nil && panel > 0 {
		r.PanelID = panel
	}
	return r
}

// orgOf is the request's organisation: from its namespace ("default" is organisation 1, "org-N" is N, and a
// Grafana Cloud stack, "stacks-N", has the one organisation 1), else from the older OrgID field.
func orgOf(pc backend.PluginContext) int64 {
	switch ns := pc.Namespace; {
	case ns == "default":
		return 1
	case strings.HasPrefix(ns, "org-"):
		if id, err := strconv.ParseInt(strings.TrimPrefix(ns, "org-"), 10, 64); err == nil && id > 0 {
			return id
		}
		return 0
	case strings.HasPrefix(ns, "stacks-"):
		return 1
	case ns != "":
		return 0
	}
	return pc.OrgID //nolint:staticcheck // Grafana versions that send no namespace still send the organisation id
}

// namespaceOf is Grafana's on-premises namespace of an organisation, for requests that carried only OrgID.
func namespaceOf(orgID int64) string {
	if orgID == 1 {
		return "default"
	}
	return "org-" + strconv.FormatInt(orgID, 10)
}
