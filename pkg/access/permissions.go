package access

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// Grafana's actions Foresight checks on the user's behalf.
const (
	ActionDatasourcesQuery = "datasources:query"
	ActionDashboardsRead   = "dashboards:read"
	ActionAlertRulesRead   = "alert.rules:read"
	// ActionPermissionsRead is what the plugin's own account needs to look a user's permissions up.
	ActionPermissionsRead = "users.permissions:read"
)

// permissionSearchPath answers which scopes of an action a user holds (Grafana ≥ 11; the plugin's account
// needs users.permissions:read on users:*).
const permissionSearchPath = "/api/access-control/users/permissions/search"

// UserMayQuery refuses a datasource the user may not query in Grafana (datasources:query on its uid).
func (g *Guard) UserMayQuery(ctx context.Context, api API, id Identity, uid string) error {
	return g.cached(api.CredentialKey()+"|"+id.Subject+"|ds|"+uid, func() error {
		scopes, err := userScopes(ctx, api, id, ActionDatasourcesQuery, "datasources:uid:"+uid)
		if err != nil {
			return err
		}
		if len(scopes) == 0 {
			return fmt.Errorf("%w: %s may not query datasource %q in Grafana (%s)", models.ErrAccessDenied, who(id), uid, ActionDatasourcesQuery)
		}
		return nil
	})
}

// UserMayReadDashboard refuses a dashboard the user cannot see in Grafana: dashboards:read on the dashboard,
// on any folder above it, or on all of them.
func (g *Guard) UserMayReadDashboard(ctx context.Context, api API, id Identity, uid string) error {
	return g.cached(api.CredentialKey()+"|"+id.Subject+"|dash|"+uid, func() error {
		covering, err := dashboardScopes(ctx, api, uid)
		if err != nil {
			return err
		}
		held, err := userScopes(ctx, api, id, ActionDashboardsRead, "")
		if err != nil {
			return err
		}
		for _, scope := range held {
			if slices.Contains(covering, scope) {
				return nil
			}
		}
		return fmt.Errorf("%w: %s cannot see dashboard %q in Grafana (%s)", models.ErrAccessDenied, who(id), uid, ActionDashboardsRead)
	})
}

// UserMayReadAlertRules refuses the alert rules of a folder the user cannot read in Grafana: alert.rules:read on
// the folder, on any folder above it, or on all of them (Grafana scopes rule permissions by folder).
func (g *Guard) UserMayReadAlertRules(ctx context.Context, api API, id Identity, folderUID string) error {
	return g.cached(api.CredentialKey()+"|"+id.Subject+"|rules|"+folderUID, func() error {
		covering, err := folderScopes(ctx, api, folderUID)
		if err != nil {
			return fmt.Errorf("the folder of the alert rule could not be looked up: %w", err)
		}
		held, err := userScopes(ctx, api, id, ActionAlertRulesRead, "")
		if err != nil {
			return err
		}
		for _, scope := range held {
			if slices.Contains(covering, scope) {
				return nil
			}
		}
		return fmt.Errorf("%w: %s cannot read the alert rules of folder %q in Grafana (%s)", models.ErrAccessDenied, who(id), folderUID, ActionAlertRulesRead)
	})
}

// ChecksUsers says whether requests are checked against their user's Grafana permissions at all: false only when
// the admin turned userAccessCheck off.
func (g *Guard) ChecksUsers() bool {
	return g.settings.UserAccessCheck != models.UserCheckOff
}

func who(id Identity) string {
	if id.Login != "" {
		return "user " + id.Login
	}
	return id.Subject
}

// userScopes lists the scopes of action the user holds (those covering scope, when one is given).
func userScopes(ctx context.Context, api API, id Identity, action, scope string) ([]string, error) {
	query := url.Values{}
	query.Set("namespacedId", id.Subject)
	query.Set("action", action)
	if scope != "" {
		query.Set("scope", scope)
	}
	// {"<user id>": {"<action>": ["<scope>", …]}}
	var found map[string]map[string][]string
	if err := api.GetJSON(ctx, permissionSearchPath, query, &found); err != nil {
		if errors.Is(err, models.ErrPermission) {
			return nil, fmt.Errorf("%w: cannot check the user's permissions: %s", models.ErrPermission, api.PermissionHint(ActionPermissionsRead))
		}
		return nil, fmt.Errorf("cannot check the user's permissions: %w", err)
	}
	var scopes []string
	for _, actions := range found {
		scopes = append(scopes, actions[action]...)
	}
	return scopes, nil
}

// dashboardScopes lists the scopes that grant dashboards:read on a dashboard: its own, its folder's and every
// folder above (Grafana's nested folders), and the wildcards.
func dashboardScopes(ctx context.Context, api API, uid string) ([]string, error) {
	var dashboard struct {
		Meta struct {
			FolderUID string `json:"folderUid"`
		} `json:"meta"`
	}
	if err := api.GetJSON(ctx, "/api/dashboards/uid/"+url.PathEscape(uid), nil, &dashboard); err != nil {
		return nil, fmt.Errorf("dashboard %q could not be looked up: %w", uid, err)
	}
	folders, err := folderScopes(ctx, api, dashboard.Meta.FolderUID)
	if err != nil {
		return nil, fmt.Errorf("the folder of dashboard %q could not be looked up: %w", uid, err)
	}
	return append([]string{"dashboards:*", "dashboards:uid:*", "dashboards:uid:" + uid}, folders...), nil
}

// folderScopes lists the scopes that cover a folder: its own, every folder above it (Grafana's nested folders)
// and the wildcards. An empty uid is the General folder.
func folderScopes(ctx context.Context, api API, folder string) ([]string, error) {
	scopes := []string{"*", "folders:*", "folders:uid:*"}
	if folder == "" {
		return append(scopes, "folders:uid:general"), nil
	}
	scopes = append(scopes, "folders:uid:"+folder)
	var parents struct {
		Parents []struct {
			UID string `json:"uid"`
		} `json:"parents"`
	}
	if err := api.GetJSON(ctx, "/api/folders/"+url.PathEscape(folder), nil, &parents); err != nil {
		return nil, err
	}
	for _, p := range parents.Parents {
		scopes = append(scopes, "folders:uid:"+p.UID)
	}
	return scopes, nil
}

// RefuseOwnKind refuses a source datasource of the plugin's own type (pluginID): a Foresight query reading
// another Foresight query would hold a query slot while it waits for the inner one, which waits for its own
// source, so a chain of them ends only in timeouts. The type is Grafana's answer for the uid, not the query's
// claim. When Grafana does not say (no datasources:read, an unknown uid), the query goes on: /api/ds/query
// then answers for the datasource itself.
func (g *Guard) RefuseOwnKind(ctx context.Context, api API, uid, pluginID string) error {
	return g.cached(api.CredentialKey()+"|kind|"+uid, func() error {
		var ds struct {
			Type string `json:"type"`
		}
		if err := api.GetJSON(ctx, "/api/datasources/uid/"+url.PathEscape(uid), nil, &ds); err != nil {
			return nil
		}
		if ds.Type == pluginID {
			return fmt.Errorf("%w: datasource %q is a Foresight datasource; a Foresight query reads the datasource the metric comes from (Prometheus, Loki, ...), not another Foresight query",
				models.ErrAccessDenied, uid)
		}
		return nil
	})
}
