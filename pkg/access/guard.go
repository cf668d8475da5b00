package access

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// API is the slice of Grafana's HTTP API the guard calls (upstream.GrafanaAPI implements it).
type API interface {
	GetJSON(ctx context.Context, path string, query url.Values, out any) error
	PermissionHint(permission string) string
	// CredentialKey identifies the credentials without revealing them; CredentialName says whose they are.
	CredentialKey() string
	CredentialName() string
}

// Permission decisions are kept this long, so a dashboard's panels and refreshes do not ask Grafana each time;
// a permission revoked in Grafana takes effect here within this delay.
const decisionTTL = 30 * time.Second

// maxDecisions bounds the decision cache; past it, the cache starts over.
const maxDecisions = 10_000

// Guard holds one datasource instance's access settings and what it learnt from Grafana: the organisation
// of its credentials, Grafana's signing keys and recent permission decisions.
type Guard struct {
	settings models.Settings
	now      func() time.Time

	mu        sync.Mutex
	orgs      map[string]int64 // credential key → organisation of those credentials
	keys      map[string]*keySet
	decisions map[string]decision
}

type decision struct {
	err     error // nil when allowed
	expires time.Time
}

// NewGuard builds the guard of a datasource instance; now is the clock (time.Now outside tests).
func NewGuard(settings models.Settings, now func() time.Time) *Guard {
	return &Guard{settings: settings, now: now, orgs: map[string]int64{}, keys: map[string]*keySet{}, decisions: map[string]decision{}}
}

// AllowDatasource refuses, before anything leaves the plugin, a datasource the administrator has not listed.
func (g *Guard) AllowDatasource(uid string) error {
	if g.settings.AllowsDatasource(uid) {
		return nil
	}
	if len(g.settings.AllowedDatasources) == 0 {
		return fmt.Errorf("%w: this Foresight datasource may read no Grafana datasource yet: an administrator lists those it may read in its settings (Allowed datasources, allowedDatasources); %q is not listed", models.ErrAccessDenied, uid)
	}
	return fmt.Errorf("%w: datasource %q is not among those this Foresight datasource may read (Allowed datasources, allowedDatasources, in its settings; only an administrator can change them)", models.ErrAccessDenied, uid)
}

// CheckOrg refuses a request from another organisation than the one the credentials belong to. api must not
// name an organisation itself: Grafana then answers for the credentials' own. The answer is kept per credentials.
func (g *Guard) CheckOrg(ctx context.Context, api API, who Requester) error {
	if who.OrgID <= 0 {
		return fmt.Errorf("%w: Grafana did not say which organisation this request comes from, so Foresight reads nothing through Grafana's API", models.ErrAccessDenied)
	}
	key := api.CredentialKey()
	g.mu.Lock()
	org, known := g.orgs[key]
	g.mu.Unlock()
	if !known {
		var current struct {
			ID int64 `json:"id"`
		}
		if err := api.GetJSON(ctx, "/api/org", nil, &current); err != nil {
			if errors.Is(err, models.ErrPermission) {
				return fmt.Errorf("%w: cannot tell which organisation Foresight's credentials belong to: %s", models.ErrPermission, api.PermissionHint("orgs:read"))
			}
			return fmt.Errorf("cannot tell which organisation Foresight's credentials belong to: %w", err)
		}
		if current.ID <= 0 {
			return fmt.Errorf("%w: Grafana's /api/org named no organisation for Foresight's credentials", models.ErrUpstream)
		}
		org = current.ID
		g.mu.Lock()
		g.orgs[key] = org
		g.mu.Unlock()
	}
	if org != who.OrgID {
		return fmt.Errorf("%w: this request comes from organisation %d, but %s belongs to organisation %d; a managed service account serves one organisation only, so in this organisation paste a service-account token of it into the datasource settings", models.ErrAccessDenied, who.OrgID, api.CredentialName(), org)
	}
	return nil
}

// Identify verifies the user's forwarded ID token, as userAccessCheck asks. A zero Identity means the request
// runs on the allow-list alone: the check is off, or (in auto mode) Grafana forwarded no token, or (in any mode)
// the request comes from alert evaluation without one. A token that fails verification is always refused.
func (g *Guard) Identify(ctx context.Context, api API, who Requester) (Identity, error) {
	mode := g.settings.UserAccessCheck
	if mode == models.UserCheckOff {
		return Identity{}, nil
	}
	if who.IDToken == "" {
		if mode == models.UserCheckRequired && !who.FromAlert {
			return Identity{}, fmt.Errorf("%w: userAccessCheck is required, but Grafana forwarded no ID token for this request (turn on Grafana's idForwarding feature toggle)", models.ErrAccessDenied)
		}
		return Identity{}, nil
	}
	g.mu.Lock()
	keys, ok := g.keys[api.CredentialKey()]
	if !ok {
		keys = &keySet{}
		g.keys[api.CredentialKey()] = keys
	}
	g.mu.Unlock()
	id, err := verifyIDToken(ctx, api, keys, who.IDToken, who, g.now())
	if err != nil {
		return Identity{}, fmt.Errorf("%w: the user's ID token forwarded by Grafana was refused: %w", models.ErrAccessDenied, err)
	}
	return id, nil
}

// cached runs check for key unless a decision younger than decisionTTL exists. Errors other than a refusal
// (Grafana unreachable, say) are not kept.
func (g *Guard) cached(key string, check func() error) error {
	now := g.now()
	g.mu.Lock()
	d, ok := g.decisions[key]
	g.mu.Unlock()
	if ok && now.Before(d.expires) {
		return d.err
	}
	err := check()
	if err != nil && !errors.Is(err, models.ErrAccessDenied) {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.decisions) >= maxDecisions {
		g.decisions = map[string]decision{}
	}
	g.decisions[key] = decision{err: err, expires: now.Add(decisionTTL)}
	return err
}
