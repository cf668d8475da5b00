package access

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/access/accesstest"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// fakeAPI answers GetJSON from per-path handlers and counts the calls.
type fakeAPI struct {
	handlers map[string]func(query url.Values) (any, error)
	calls    map[string]int
}

func newFakeAPI() *fakeAPI {
	return &fakeAPI{handlers: map[string]func(url.Values) (any, error){}, calls: map[string]int{}}
}

func (f *fakeAPI) GetJSON(_ context.Context, path string, query url.Values, out any) error {
	f.calls[path]++
	handler, ok := f.handlers[path]
	if !ok {
		return fmt.Errorf("%w: HTTP 404 for %s", models.ErrUpstream, path)
	}
	answer, err := handler(query)
	if err != nil {
		return err
	}
	text, err := json.Marshal(answer)
	if err != nil {
		return err
	}
	return json.Unmarshal(text, out)
}

func (f *fakeAPI) PermissionHint(permission string) string { return "the account lacks " + permission }
func (f *fakeAPI) CredentialKey() string                   { return "key" }
func (f *fakeAPI) CredentialName() string                  { return "the test account" }

// clock is a settable time for the guard.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

var epoch = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func newIssuer(t *testing.T, kid string) *accesstest.Issuer {
	t.Helper()
	issuer, err := accesstest.NewIssuer(kid)
	if err != nil {
		t.Fatal(err)
	}
	return issuer
}

func token(t *testing.T, issuer *accesstest.Issuer, c accesstest.Claims) string {
	t.Helper()
	raw, err := issuer.Token(c)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func guardWith(t *testing.T, settingsJSON string, c *clock) *Guard {
	t.Helper()
	settings, err := models.LoadSettings(backend.DataSourceInstanceSettings{JSONData: []byte(settingsJSON)})
	if err != nil {
		t.Fatal(err)
	}
	return NewGuard(settings, c.now)
}

func TestOrgOfPluginContext(t *testing.T) {
	older := func(namespace string, orgID int64) backend.PluginContext {
		pc := backend.PluginContext{Namespace: namespace}
		pc.OrgID = orgID //nolint:staticcheck // the field older Grafana versions send instead of a namespace
		return pc
	}
	cases := []struct {
		name string
		pc   backend.PluginContext
		want int64
	}{
		{"should read the default namespace as organisation 1", backend.PluginContext{Namespace: "default"}, 1},
		{"should read org-N as organisation N", backend.PluginContext{Namespace: "org-42"}, 42},
		{"should read a cloud stack as its one organisation", backend.PluginContext{Namespace: "stacks-9"}, 1},
		{"should prefer the namespace to the older field", older("org-3", 5), 3},
		{"should fall back to the older field without a namespace", older("", 5), 5},
		{"should know no organisation from a namespace it cannot read", older("org-x", 5), 0},
		{"should know no organisation when Grafana says nothing", backend.PluginContext{}, 0},
	}
	for _, c := range cases {
		if got := orgOf(c.pc); got != c.want {
			t.Errorf("%s: got %d, want %d", c.name, got, c.want)
		}
	}
}

func TestAllowDatasource(t *testing.T) {
	c := &clock{epoch}
	t.Run("should allow none when the list is empty, naming the setting", func(t *testing.T) {
		err := guardWith(t, `{}`, c).AllowDatasource("prom")
		if !errors.Is(err, models.ErrAccessDenied) || !strings.Contains(err.Error(), "allowedDatasources") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("should allow exactly the listed uids", func(t *testing.T) {
		g := guardWith(t, `{"allowedDatasources":[" prom ","loki",""]}`, c)
		if err := g.AllowDatasource("prom"); err != nil {
			t.Errorf("prom: %v", err)
		}
		for _, uid := range []string{"Prom", "secret", "", "prom "} {
			if err := g.AllowDatasource(uid); !errors.Is(err, models.ErrAccessDenied) {
				t.Errorf("%q: got %v", uid, err)
			}
		}
	})
}

func TestCheckOrg(t *testing.T) {
	c := &clock{epoch}
	api := newFakeAPI()
	api.handlers["/api/org"] = func(url.Values) (any, error) { return map[string]any{"id": 1, "name": "Main Org."}, nil }
	g := guardWith(t, `{}`, c)
	t.Run("should refuse a request whose organisation Grafana did not name", func(t *testing.T) {
		if err := g.CheckOrg(context.Background(), api, Requester{}); !errors.Is(err, models.ErrAccessDenied) {
			t.Fatalf("got %v", err)
		}
		if api.calls["/api/org"] != 0 {
			t.Errorf("asked Grafana %d times", api.calls["/api/org"])
		}
	})
	t.Run("should ask once which organisation the credentials belong to", func(t *testing.T) {
		for range 3 {
			if err := g.CheckOrg(context.Background(), api, Requester{OrgID: 1}); err != nil {
				t.Fatal(err)
			}
		}
		if api.calls["/api/org"] != 1 {
			t.Errorf("asked Grafana %d times", api.calls["/api/org"])
		}
	})
	t.Run("should refuse another organisation without asking again, naming both", func(t *testing.T) {
		err := g.CheckOrg(context.Background(), api, Requester{OrgID: 2})
		if !errors.Is(err, models.ErrAccessDenied) || !strings.Contains(err.Error(), "organisation 2") || !strings.Contains(err.Error(), "organisation 1") {
			t.Fatalf("got %v", err)
		}
		if api.calls["/api/org"] != 1 {
			t.Errorf("asked Grafana %d times", api.calls["/api/org"])
		}
	})
	t.Run("should name the permission when the account may not read its organisation", func(t *testing.T) {
		refusing := newFakeAPI()
		refusing.handlers["/api/org"] = func(url.Values) (any, error) { return nil, fmt.Errorf("%w: HTTP 403", models.ErrPermission) }
		err := guardWith(t, `{}`, c).CheckOrg(context.Background(), refusing, Requester{OrgID: 1})
		if !errors.Is(err, models.ErrPermission) || !strings.Contains(err.Error(), "orgs:read") {
			t.Fatalf("got %v", err)
		}
	})
}

func TestIdentify(t *testing.T) {
	c := &clock{epoch}
	issuer := newIssuer(t, "id-1")
	api := newFakeAPI()
	api.handlers[SigningKeysPath] = func(url.Values) (any, error) { return json.RawMessage(issuer.KeySet()), nil }
	alice := accesstest.Claims{Subject: "user:7", OrgID: 1, Namespace: "default", Username: "alice", Expiry: epoch.Add(10 * time.Minute)}
	who := Requester{OrgID: 1, Namespace: "default", Login: "alice", IDToken: token(t, issuer, alice)}
	ctx := context.Background()

	t.Run("should identify the user of a token Grafana signed", func(t *testing.T) {
		id, err := guardWith(t, `{}`, c).Identify(ctx, api, who)
		if err != nil || id.Subject != "user:7" || id.Login != "alice" {
			t.Fatalf("got %+v, %v", id, err)
		}
	})
	refused := func(name string, edit func(*accesstest.Claims, *Requester), wantText string) {
		t.Run(name, func(t *testing.T) {
			claims, w := alice, who
			edit(&claims, &w)
			if w.IDToken == who.IDToken {
				w.IDToken = token(t, issuer, claims)
			}
			_, err := guardWith(t, `{}`, c).Identify(ctx, api, w)
			if !errors.Is(err, models.ErrAccessDenied) || !strings.Contains(err.Error(), wantText) {
				t.Fatalf("got %v, want an access error saying %q", err, wantText)
			}
		})
	}
	refused("should refuse an expired token", func(cl *accesstest.Claims, _ *Requester) { cl.Expiry = epoch.Add(-2 * time.Minute) }, "expired")
	refused("should refuse a token without expiry", func(cl *accesstest.Claims, _ *Requester) { cl.Expiry = time.Time{} }, "no expiry")
	refused("should refuse a token of another organisation", func(cl *accesstest.Claims, _ *Requester) { cl.OrgID = 2 }, "org:1")
	refused("should refuse a token of another namespace", func(cl *accesstest.Claims, _ *Requester) { cl.Namespace = "org-2" }, "namespace")
	refused("should refuse a token of another user than Grafana names", func(_ *accesstest.Claims, w *Requester) { w.Login = "bob" }, "another user")
	refused("should refuse what is not an ID token", func(cl *accesstest.Claims, _ *Requester) { cl.Type = "at+jwt" }, "type")
	refused("should refuse text that is not a token", func(_ *accesstest.Claims, w *Requester) { w.IDToken = "not.a.token" }, "not a signed token")
	refused("should refuse a token signed by another key under the same id", func(_ *accesstest.Claims, w *Requester) {
		w.IDToken = token(t, newIssuer(t, "id-1"), alice)
	}, "signature")

	t.Run("should fetch the key set again for a new key, at most once a minute", func(t *testing.T) {
		counting := newFakeAPI()
		counting.handlers[SigningKeysPath] = api.handlers[SigningKeysPath]
		g := guardWith(t, `{}`, c)
		stranger := Requester{OrgID: 1, Namespace: "default", IDToken: token(t, newIssuer(t, "id-2"), alice)}
		for range 3 {
			if _, err := g.Identify(ctx, counting, stranger); err == nil {
				t.Fatal("a token of an unknown key was accepted")
			}
		}
		if counting.calls[SigningKeysPath] != 1 {
			t.Errorf("fetched the key set %d times within a minute", counting.calls[SigningKeysPath])
		}
		later := &clock{epoch.Add(keyRefetchInterval)}
		g.now = later.now
		_, _ = g.Identify(ctx, counting, stranger)
		if counting.calls[SigningKeysPath] != 2 {
			t.Errorf("fetched the key set %d times after a minute, want 2", counting.calls[SigningKeysPath])
		}
	})
	t.Run("should say when Grafana publishes no keys, as Grafana Cloud does", func(t *testing.T) {
		empty := newFakeAPI()
		empty.handlers[SigningKeysPath] = func(url.Values) (any, error) { return map[string]any{"keys": nil}, nil }
		_, err := guardWith(t, `{}`, c).Identify(ctx, empty, who)
		if !errors.Is(err, models.ErrAccessDenied) || !strings.Contains(err.Error(), "userAccessCheck to off") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("should follow userAccessCheck when no token is forwarded", func(t *testing.T) {
		bare := Requester{OrgID: 1, Namespace: "default", Login: "alice"}
		if id, err := guardWith(t, `{}`, c).Identify(ctx, api, bare); err != nil || id.Known() {
			t.Errorf("auto: %+v %v", id, err)
		}
		if _, err := guardWith(t, `{"userAccessCheck":"required"}`, c).Identify(ctx, api, bare); !errors.Is(err, models.ErrAccessDenied) || !strings.Contains(err.Error(), "idForwarding") {
			t.Errorf("required: %v", err)
		}
		alert := Requester{OrgID: 1, Namespace: "default", FromAlert: true}
		if id, err := guardWith(t, `{"userAccessCheck":"required"}`, c).Identify(ctx, api, alert); err != nil || id.Known() {
			t.Errorf("required, alert evaluation: %+v %v", id, err)
		}
		if id, err := guardWith(t, `{"userAccessCheck":"off"}`, c).Identify(ctx, api, who); err != nil || id.Known() {
			t.Errorf("off: %+v %v", id, err)
		}
	})
}

func TestUserPermissions(t *testing.T) {
	c := &clock{epoch}
	ctx := context.Background()
	alice := Identity{Subject: "user:7", Login: "alice"}
	// alice's grants, by action; the search returns the scopes covering the one asked for, as Grafana does.
	grants := map[string][]string{
		ActionDatasourcesQuery: {"datasources:uid:prom"},
		ActionDashboardsRead:   {"folders:uid:team", "dashboards:uid:loose"},
	}
	api := newFakeAPI()
	api.handlers[permissionSearchPath] = func(q url.Values) (any, error) {
		if q.Get("namespacedId") != "user:7" {
			return map[string]any{}, nil
		}
		var held []string
		for _, scope := range grants[q.Get("action")] {
			if q.Get("scope") == "" || q.Get("scope") == scope {
				held = append(held, scope)
			}
		}
		return map[string]map[string][]string{"7": {q.Get("action"): held}}, nil
	}
	api.handlers["/api/dashboards/uid/nested"] = func(url.Values) (any, error) {
		return map[string]any{"meta": map[string]any{"folderUid": "child"}}, nil
	}
	api.handlers["/api/dashboards/uid/secret"] = func(url.Values) (any, error) {
		return map[string]any{"meta": map[string]any{"folderUid": "private"}}, nil
	}
	api.handlers["/api/dashboards/uid/loose"] = func(url.Values) (any, error) { return map[string]any{"meta": map[string]any{}}, nil }
	api.handlers["/api/folders/child"] = func(url.Values) (any, error) {
		return map[string]any{"uid": "child", "parents": []any{map[string]any{"uid": "team"}}}, nil
	}
	api.handlers["/api/folders/private"] = func(url.Values) (any, error) { return map[string]any{"uid": "private"}, nil }

	t.Run("should let a user query a datasource they may query, and no other", func(t *testing.T) {
		g := guardWith(t, `{}`, c)
		if err := g.UserMayQuery(ctx, api, alice, "prom"); err != nil {
			t.Errorf("prom: %v", err)
		}
		err := g.UserMayQuery(ctx, api, alice, "secret")
		if !errors.Is(err, models.ErrAccessDenied) || !strings.Contains(err.Error(), "alice") || !strings.Contains(err.Error(), "datasources:query") {
			t.Errorf("secret: %v", err)
		}
		if err := g.UserMayQuery(ctx, api, Identity{Subject: "user:8"}, "prom"); !errors.Is(err, models.ErrAccessDenied) {
			t.Errorf("another user: %v", err)
		}
	})
	t.Run("should let a user see a dashboard through a folder above it", func(t *testing.T) {
		g := guardWith(t, `{}`, c)
		if err := g.UserMayReadDashboard(ctx, api, alice, "nested"); err != nil {
			t.Errorf("nested: %v", err)
		}
		if err := g.UserMayReadDashboard(ctx, api, alice, "loose"); err != nil {
			t.Errorf("loose: %v", err)
		}
		if err := g.UserMayReadDashboard(ctx, api, alice, "secret"); !errors.Is(err, models.ErrAccessDenied) {
			t.Errorf("secret: %v", err)
		}
		if err := g.UserMayReadDashboard(ctx, api, alice, "gone"); err == nil || errors.Is(err, models.ErrAccessDenied) {
			t.Errorf("a dashboard Grafana cannot find must fail without a cached refusal: %v", err)
		}
	})
	t.Run("should keep a decision for its time to live, then ask again", func(t *testing.T) {
		g := guardWith(t, `{}`, c)
		before := api.calls[permissionSearchPath]
		for range 5 {
			if err := g.UserMayQuery(ctx, api, alice, "prom"); err != nil {
				t.Fatal(err)
			}
		}
		if asked := api.calls[permissionSearchPath] - before; asked != 1 {
			t.Fatalf("asked Grafana %d times for one decision", asked)
		}
		grants[ActionDatasourcesQuery] = nil // revoked in Grafana
		defer func() { grants[ActionDatasourcesQuery] = []string{"datasources:uid:prom"} }()
		if err := g.UserMayQuery(ctx, api, alice, "prom"); err != nil {
			t.Fatalf("within the time to live: %v", err)
		}
		c.t = epoch.Add(decisionTTL)
		defer func() { c.t = epoch }()
		if err := g.UserMayQuery(ctx, api, alice, "prom"); !errors.Is(err, models.ErrAccessDenied) {
			t.Fatalf("after the time to live a revoked permission still passes: %v", err)
		}
	})
	t.Run("should name the permission the plugin's account lacks to look users up", func(t *testing.T) {
		refusing := newFakeAPI()
		refusing.handlers[permissionSearchPath] = func(url.Values) (any, error) { return nil, fmt.Errorf("%w: HTTP 403", models.ErrPermission) }
		err := guardWith(t, `{}`, c).UserMayQuery(ctx, refusing, alice, "prom")
		if !errors.Is(err, models.ErrPermission) || !strings.Contains(err.Error(), ActionPermissionsRead) {
			t.Fatalf("got %v", err)
		}
	})
}
