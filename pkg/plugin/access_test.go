package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/foresight-anomaly/foresight/pkg/access"
	"github.com/foresight-anomaly/foresight/pkg/access/accesstest"
	"github.com/foresight-anomaly/foresight/pkg/frames"
	"github.com/foresight-anomaly/foresight/pkg/upstream"
)

// call is one request the fake Grafana received.
type call struct {
	path, org, datasource string
	body                  map[string]any
}

// recordingGrafana is a Grafana with two organisations that records every request: the managed service
// account ("glsa_managed") and a pasted token ("glsa_org2") belong to organisations 1 and 2, and, as Grafana
// does, a token used with another organisation's X-Grafana-Org-Id is refused. Users' grants, dashboards in
// folders, signing keys and annotations are set by the test; /api/ds/query answers as fakeGrafana does.
type recordingGrafana struct {
	*httptest.Server
	issuer      *accesstest.Issuer
	grants      map[string]map[string][]string // subject → action → scopes
	folders     map[string]string              // dashboard uid → folder uid
	annotations []map[string]any
	rules       map[string][]byte // alert rule uid → its provisioning API body

	mu    sync.Mutex
	calls []call
}

var tokenOrgs = map[string]int64{"Bearer glsa_managed": 1, "Bearer glsa_org2": 2}

func newRecordingGrafana(t *testing.T) *recordingGrafana {
	t.Helper()
	issuer, err := accesstest.NewIssuer("grafana-id-1")
	if err != nil {
		t.Fatal(err)
	}
	g := &recordingGrafana{issuer: issuer, grants: map[string]map[string][]string{}, folders: map[string]string{}}
	var seen atomic.Value
	data := fakeGrafanaHandler(&seen, http.StatusOK)
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		org, known := tokenOrgs[r.Header.Get("Authorization")]
		c := call{path: r.URL.Path, org: r.Header.Get(upstream.OrgHeader)}
		if r.URL.Path == "/api/ds/query" {
			_ = json.NewDecoder(r.Body).Decode(&c.body)
			if queries, ok := c.body["queries"].([]any); ok && len(queries) == 1 {
				c.datasource, _ = queries[0].(map[string]any)["datasource"].(map[string]any)["uid"].(string)
			}
			text, _ := json.Marshal(c.body)
			r.Body = io.NopCloser(strings.NewReader(string(text)))
		}
		g.mu.Lock()
		g.calls = append(g.calls, c)
		g.mu.Unlock()
		if !known || (c.org != "" && c.org != strconv.FormatInt(org, 10)) {
			http.Error(w, `{"message":"API key does not belong to the requested organization"}`, http.StatusUnauthorized)
			return
		}
		r.Header.Set("Authorization", "Bearer glsa_managed") // the data handler knows one token
		switch r.URL.Path {
		case "/api/org":
			_, _ = fmt.Fprintf(w, `{"id":%d}`, org)
		case access.SigningKeysPath:
			_, _ = w.Write(g.issuer.KeySet())
		case "/api/access-control/users/permissions/search":
			action, scope := r.URL.Query().Get("action"), r.URL.Query().Get("scope")
			var held []string
			for _, s := range g.grants[r.URL.Query().Get("namespacedId")][action] {
				if scope == "" || s == scope || s == "datasources:*" {
					held = append(held, s)
				}
			}
			_ = json.NewEncoder(w).Encode(map[string]map[string][]string{"7": {action: held}})
		case "/api/annotations":
			_ = json.NewEncoder(w).Encode(g.annotations)
		default:
			if uid, ok := strings.CutPrefix(r.URL.Path, "/api/dashboards/uid/"); ok {
				if folder, found := g.folders[uid]; found {
					_ = json.NewEncoder(w).Encode(map[string]any{"meta": map[string]any{"folderUid": folder}})
					return
				}
				http.NotFound(w, r)
				return
			}
			if uid, ok := strings.CutPrefix(r.URL.Path, "/api/v1/provisioning/alert-rules/"); ok {
				if rule, found := g.rules[uid]; found {
					_, _ = w.Write(rule)
					return
				}
				http.NotFound(w, r)
				return
			}
			if uid, ok := strings.CutPrefix(r.URL.Path, "/api/folders/"); ok {
				_ = json.NewEncoder(w).Encode(map[string]any{"uid": uid})
				return
			}
			data(w, r)
		}
	}))
	t.Cleanup(g.Close)
	return g
}

// since returns the calls made after the first n.
func (g *recordingGrafana) since(n int) []call {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.calls[n:])
}

func (g *recordingGrafana) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.calls)
}

// idToken is the ID token Grafana forwards for a user of organisation 1 (the managed account's, namespace
// "default").
func (g *recordingGrafana) idToken(t *testing.T, subject, login string) string {
	t.Helper()
	raw, err := g.issuer.Token(accesstest.Claims{Subject: subject, Username: login, OrgID: 1, Namespace: "default", Expiry: time.Now().Add(10 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// managedIn is an instance using the managed service account (organisation 1), asked from namespace.
func (g *recordingGrafana) managedIn(jsonData, namespace string) backend.PluginContext {
	pc := pluginContext(jsonData, nil, g.URL)
	pc.Namespace = namespace
	return pc
}

func grafanaQuery(uid string) backend.DataQuery {
	return dataQuery("A", fmt.Sprintf(`{"source":"grafana","sourceDatasource":{"uid":%q},"sourceQuery":{"expr":"up","datasourceId":99},"trainingDays":2}`, uid), time.Hour)
}

// asScheduler is pc as Grafana's alert scheduler sends it: its rule evaluations run as that identity.
func asScheduler(pc backend.PluginContext) backend.PluginContext {
	pc.User = &backend.User{Login: access.SchedulerLogin, Name: access.SchedulerLogin, Role: "Admin"}
	return pc
}

func queryWith(t *testing.T, pc backend.PluginContext, headers map[string]string, q backend.DataQuery) backend.DataResponse {
	t.Helper()
	res, err := startPlugin(t).QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pc, Headers: headers, Queries: []backend.DataQuery{q}})
	if err != nil {
		t.Fatal(err)
	}
	return res.Responses[q.RefID]
}

// resourceCall posts q's query to a resource and decodes the answer.
func resourceCall(t *testing.T, pc backend.PluginContext, headers map[string][]string, path string, q backend.DataQuery) (int, map[string]any) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": json.RawMessage(q.JSON), "from": q.TimeRange.From.UnixMilli(), "to": q.TimeRange.To.UnixMilli(), "intervalMs": 300_000})
	if err != nil {
		t.Fatal(err)
	}
	sender := &collectSender{}
	req := &backend.CallResourceRequest{PluginContext: pc, Path: path, Method: http.MethodPost, Headers: headers, Body: body}
	if err := startPlugin(t).CallResource(context.Background(), req, sender); err != nil || len(sender.responses) != 1 {
		t.Fatalf("CallResource: %v (%d responses)", err, len(sender.responses))
	}
	var out map[string]any
	if err := json.Unmarshal(sender.responses[0].Body, &out); err != nil {
		t.Fatal(err)
	}
	return sender.responses[0].Status, out
}

func wantRefusal(t *testing.T, r backend.DataResponse, texts ...string) {
	t.Helper()
	if r.Error == nil || r.Status != backend.StatusForbidden {
		t.Fatalf("want a refusal, got status %d, error %v", r.Status, r.Error)
	}
	for _, text := range texts {
		if !strings.Contains(r.Error.Error(), text) {
			t.Errorf("the refusal %q does not say %q", r.Error, text)
		}
	}
}

func TestGrafanaDatasourceAccess(t *testing.T) {
	g := newRecordingGrafana(t)
	allowed := g.managedIn(`{"allowedDatasources":["prom","other"]}`, "default")

	t.Run("should never query a datasource outside the allow-list", func(t *testing.T) {
		start := g.count()
		for _, uid := range []string{"prom", "secret", "PROM", "prom "} {
			r := queryWith(t, allowed, nil, grafanaQuery(uid))
			if uid == "prom" {
				if r.Error != nil {
					t.Fatalf("prom: %v", r.Error)
				}
				continue
			}
			wantRefusal(t, r, "allowedDatasources", strconv.Quote(uid))
		}
		status, out := resourceCall(t, allowed, nil, "cv", grafanaQuery("secret"))
		if status != http.StatusForbidden || !strings.Contains(fmt.Sprint(out), "allowedDatasources") {
			t.Errorf("resource call: %d %v", status, out)
		}
		queried := 0
		for _, c := range g.since(start) {
			if c.path != "/api/ds/query" {
				continue
			}
			queried++
			if c.datasource != "prom" {
				t.Errorf("queried datasource %q", c.datasource)
			}
			if _, legacy := c.body["queries"].([]any)[0].(map[string]any)["datasourceId"]; legacy {
				t.Error("a datasourceId from the query reached Grafana")
			}
		}
		if queried == 0 {
			t.Fatal("the allowed datasource was never queried")
		}
	})
	t.Run("should send nothing at all for a datasource an empty allow-list leaves out", func(t *testing.T) {
		start := g.count()
		wantRefusal(t, queryWith(t, g.managedIn(`{}`, "default"), nil, grafanaQuery("prom")), "may read no Grafana datasource yet")
		if calls := g.since(start); len(calls) != 0 {
			t.Errorf("refused query still called Grafana: %v", calls)
		}
	})
	t.Run("should refuse a request from another organisation before any data or annotation call", func(t *testing.T) {
		crossOrg := g.managedIn(`{"allowedDatasources":["prom"]}`, "org-2")
		start := g.count()
		wantRefusal(t, queryWith(t, crossOrg, nil, grafanaQuery("prom")), "organisation 2", "organisation 1", "managed service account")
		for _, c := range g.since(start) {
			if c.path != "/api/org" || c.org != "" {
				t.Errorf("a cross-organisation request called %s (org header %q)", c.path, c.org)
			}
		}
		again := g.count()
		wantRefusal(t, queryWith(t, crossOrg, nil, grafanaQuery("prom")), "organisation 2")
		if calls := g.since(again); len(calls) != 0 {
			t.Errorf("the credentials' organisation was asked again: %v", calls)
		}
	})
	t.Run("should read another organisation's datasources with a token of that organisation", func(t *testing.T) {
		org2 := pluginContext(fmt.Sprintf(`{"allowedDatasources":["prom"],"grafanaUrl":%q}`, g.URL), map[string]string{"serviceAccountToken": "glsa_org2"}, "") //nolint:gosec // the fake Grafana's token of organisation 2
		org2.Namespace = "org-2"
		if r := queryWith(t, org2, nil, grafanaQuery("prom")); r.Error != nil {
			t.Fatalf("org 2 with its own token: %v", r.Error)
		}
	})
	t.Run("should name the request's organisation on every call", func(t *testing.T) {
		calls := g.since(0)
		for _, c := range calls {
			if c.path == "/api/org" {
				if c.org != "" {
					t.Errorf("the credentials' organisation was asked for organisation %q", c.org)
				}
				continue
			}
			if c.org != "1" && c.org != "2" {
				t.Errorf("%s sent with organisation %q", c.path, c.org)
			}
		}
		if !slices.ContainsFunc(calls, func(c call) bool { return c.org == "2" && c.path == "/api/ds/query" }) {
			t.Error("no query ran for organisation 2")
		}
	})
}

// forgedAliceToken is alice's ID token signed by a key Grafana never published.
func forgedAliceToken(t *testing.T) string {
	t.Helper()
	forger, err := accesstest.NewIssuer("grafana-id-1")
	if err != nil {
		t.Fatal(err)
	}
	forged, err := forger.Token(accesstest.Claims{Subject: "user:7", Username: "alice", OrgID: 1, Namespace: "default", Expiry: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return forged
}

func TestGrafanaDatasourceAccessAsTheUser(t *testing.T) {
	g := newRecordingGrafana(t)
	g.grants["user:7"] = map[string][]string{"datasources:query": {"datasources:uid:prom"}}
	instance := func(jsonData, login string) backend.PluginContext {
		pc := g.managedIn(jsonData, "default")
		pc.User = &backend.User{Login: login}
		return pc
	}
	alice := instance(`{"allowedDatasources":["prom","secret"]}`, "alice")
	aliceToken := map[string]string{"http_X-Grafana-Id": g.idToken(t, "user:7", "alice")}
	queriedSince := func(start int) []string {
		var uids []string
		for _, c := range g.since(start) {
			if c.path == "/api/ds/query" {
				uids = append(uids, c.datasource)
			}
		}
		return uids
	}

	t.Run("should let a user read an allowed datasource they may query", func(t *testing.T) {
		start := g.count()
		if r := queryWith(t, alice, aliceToken, grafanaQuery("prom")); r.Error != nil {
			t.Fatal(r.Error)
		}
		if got := queriedSince(start); len(got) == 0 || slices.ContainsFunc(got, func(uid string) bool { return uid != "prom" }) {
			t.Errorf("queried %v", got)
		}
	})
	t.Run("should refuse an allowed datasource the user may not query, before querying it", func(t *testing.T) {
		start := g.count()
		wantRefusal(t, queryWith(t, alice, aliceToken, grafanaQuery("secret")), "alice", "may not query", "secret")
		bob := instance(`{"allowedDatasources":["prom"]}`, "bob")
		wantRefusal(t, queryWith(t, bob, map[string]string{"http_X-Grafana-Id": g.idToken(t, "user:8", "bob")}, grafanaQuery("prom")), "bob", "may not query")
		if got := queriedSince(start); len(got) != 0 {
			t.Errorf("queried %v for users without the permission", got)
		}
	})
	t.Run("should refuse a forged or borrowed token", func(t *testing.T) {
		forged := forgedAliceToken(t)
		start := g.count()
		wantRefusal(t, queryWith(t, alice, map[string]string{"http_X-Grafana-Id": forged}, grafanaQuery("prom")), "ID token", "signature")
		wantRefusal(t, queryWith(t, instance(`{"allowedDatasources":["prom"]}`, "mallory"), aliceToken, grafanaQuery("prom")), "another user")
		if got := queriedSince(start); len(got) != 0 {
			t.Errorf("queried %v with a token that is not the user's", got)
		}
	})
	t.Run("should check the user for a source the settings name too: no token under required, a forged one always", func(t *testing.T) {
		demo := dataQuery("A", `{"source":"demo","trainingDays":2}`, time.Hour)
		forged := forgedAliceToken(t)
		required := instance(`{"userAccessCheck":"required"}`, "alice")
		start := g.count()
		wantRefusal(t, queryWith(t, required, nil, demo), "idForwarding")
		wantRefusal(t, queryWith(t, alice, map[string]string{"http_X-Grafana-Id": forged}, demo), "ID token", "signature")
		for _, c := range g.since(start) {
			if c.path == "/api/annotations" {
				t.Errorf("annotations read for a refused request")
			}
		}
		for name, r := range map[string]backend.DataResponse{
			"required, with the user's token": queryWith(t, required, aliceToken, demo),
			"required, alert evaluation":      queryWith(t, asScheduler(required), map[string]string{backend.FromAlertHeaderName: "true"}, demo),
			"auto, without a token":           queryWith(t, alice, nil, demo),
		} {
			if r.Error != nil {
				t.Errorf("%s: %v", name, r.Error)
			}
		}
	})
	t.Run("should say what is missing when required mode has no Grafana API to verify a user against", func(t *testing.T) {
		demo := dataQuery("A", `{"source":"demo","trainingDays":2}`, time.Hour)
		noAPI := pluginContext(`{"userAccessCheck":"required"}`, nil, "")
		noAPI.User = &backend.User{Login: "alice"}
		wantRefusal(t, queryWith(t, noAPI, nil, demo), "idForwarding")
		wantRefusal(t, queryWith(t, noAPI, aliceToken, demo), "userAccessCheck is required", "service account")
		if r := queryWith(t, asScheduler(noAPI), map[string]string{backend.FromAlertHeaderName: "true"}, demo); r.Error != nil {
			t.Errorf("alert evaluation: %v", r.Error)
		}
	})
	t.Run("should run alert evaluation on the allow-list when a user is required elsewhere", func(t *testing.T) {
		required := instance(`{"allowedDatasources":["prom"],"userAccessCheck":"required"}`, "")
		wantRefusal(t, queryWith(t, required, nil, grafanaQuery("prom")), "idForwarding")
		if r := queryWith(t, asScheduler(required), map[string]string{backend.FromAlertHeaderName: "true"}, grafanaQuery("prom")); r.Error != nil {
			t.Errorf("alert evaluation: %v", r.Error)
		}
		// Grafana's query API forwards FromAlert from any client: from a signed-in user it is no alert evaluation.
		forger := instance(`{"allowedDatasources":["prom"],"userAccessCheck":"required"}`, "mallory")
		wantRefusal(t, queryWith(t, forger, map[string]string{backend.FromAlertHeaderName: "true"}, grafanaQuery("prom")), "idForwarding")
		if r := queryWith(t, required, aliceToken, grafanaQuery("prom")); r.Error != nil {
			t.Errorf("a user who may query it: %v", r.Error)
		}
	})
}

// Exclusion annotations over the demo range: organisation-wide, of dashboard "team" (in a folder alice may
// see) and of dashboard "secret" (in one she may not), each half an hour long, at different times.
func TestExclusionsOfDashboardsTheUserMaySee(t *testing.T) {
	g := newRecordingGrafana(t)
	g.folders = map[string]string{"team": "team-folder", "secret": "private"}
	g.grants["user:7"] = map[string][]string{"dashboards:read": {"folders:uid:team-folder"}}
	span := func(hoursBeforeEnd float64, dashboard string) map[string]any {
		from := rangeEnd.Add(-time.Duration(hoursBeforeEnd * float64(time.Hour)))
		return map[string]any{"dashboardUID": dashboard, "time": from.UnixMilli(), "timeEnd": from.Add(30 * time.Minute).UnixMilli(), "tags": []string{"foresight:exclude"}}
	}
	g.annotations = []map[string]any{span(5, ""), span(4, "team"), span(3, "secret")}
	excludedIn := func(t *testing.T, frame *data.Frame) []string {
		t.Helper()
		field, _ := frame.FieldByName(frames.FieldExcluded)
		var spans []string
		for _, s := range []struct {
			name  string
			hours float64
		}{{"org", 5}, {"team", 4}, {"secret", 3}} {
			at := rangeEnd.Add(-time.Duration(s.hours*float64(time.Hour)) + 10*time.Minute)
			for i := 0; i < frame.Rows(); i++ {
				if frame.Fields[0].At(i).(time.Time).Equal(at) {
					if v, _ := fieldFloat(t, field, i); v == 1 {
						spans = append(spans, s.name)
					}
				}
			}
		}
		return spans
	}
	demo := func(body string) backend.DataQuery { return dataQuery("A", body, 6*time.Hour) }
	cases := []struct {
		name    string
		user    bool
		headers map[string]string
		query   string
		want    string
		notice  string
	}{
		{"should apply only organisation-wide exclusions when a query outside a dashboard names one", false, nil,
			`{"trainingDays":2,"dashboardUID":"secret"}`, "org", "apply only to alert rules"},
		{"should apply the exclusions of the dashboard a request runs in", false, map[string]string{"http_X-Dashboard-Uid": "team"},
			`{"trainingDays":2,"dashboardUID":"secret"}`, "org,team", ""},
		{"should apply the exclusions of the dashboard an alert rule names", false, map[string]string{backend.FromAlertHeaderName: "true"},
			`{"trainingDays":2,"mode":"full","dashboardUID":"team"}`, "org,team", ""},
		{"should refuse a user the exclusions of a dashboard they cannot see", true, map[string]string{"http_X-Dashboard-Uid": "secret"},
			`{"trainingDays":2}`, "org", "cannot see dashboard"},
		{"should give a user the exclusions of a dashboard they see through its folder", true, map[string]string{"http_X-Dashboard-Uid": "team"},
			`{"trainingDays":2}`, "org,team", ""},
		{"should give a user outside a dashboard the exclusions of one they may see", true, nil,
			`{"trainingDays":2,"dashboardUID":"team"}`, "org,team", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pc := g.managedIn(`{}`, "default")
			headers := map[string]string{}
			for k, v := range c.headers {
				headers[k] = v
			}
			if c.user {
				pc.User = &backend.User{Login: "alice"}
				headers["http_X-Grafana-Id"] = g.idToken(t, "user:7", "alice")
			} else if _, alert := headers[backend.FromAlertHeaderName]; alert {
				pc = asScheduler(pc)
			}
			r := queryWith(t, pc, headers, demo(c.query))
			if r.Error != nil || len(r.Frames) != 1 {
				t.Fatalf("%v, %d frames", r.Error, len(r.Frames))
			}
			if got := strings.Join(excludedIn(t, r.Frames[0]), ","); got != c.want {
				t.Errorf("excluded spans %q, want %q", got, c.want)
			}
			notices := fmt.Sprint(r.Frames[0].Meta.Notices)
			if c.notice == "" && strings.Contains(notices, "were not applied") || !strings.Contains(notices, c.notice) {
				t.Errorf("notices %s, want one saying %q", notices, c.notice)
			}
		})
	}
}

func TestAlertRuleThresholdsTheUserMayRead(t *testing.T) {
	g := newRecordingGrafana(t)
	rule, err := os.ReadFile("../upstream/testdata/alert_rule_threshold.json") // in folder "ops", gt 90
	if err != nil {
		t.Fatal(err)
	}
	g.rules = map[string][]byte{"disk-high": rule}
	g.grants["user:7"] = map[string][]string{access.ActionAlertRulesRead: {"folders:uid:ops"}}
	g.grants["user:8"] = map[string][]string{access.ActionAlertRulesRead: {"folders:uid:other"}}
	query := dataQuery("A", `{"trainingDays":2,"mode":"alert","alertField":"breach_probability","warning":{"rule":{"uid":"disk-high"}}}`, 2*time.Hour)
	cases := []struct {
		name, jsonData, user string
		headers              map[string]string
		notice               string // empty: the rule's threshold is used
	}{
		{"should use the rule of a folder the user may read", `{}`, "user:7", nil, ""},
		{"should refuse a user the rule of a folder they cannot read, in the words for a missing rule", `{}`, "user:8", nil, `alert rule "disk-high" was not found, or you may not read it`},
		{"should refuse an unidentified user outside alert evaluation", `{}`, "", nil, "idForwarding"},
		{"should use the rule in alert evaluation", `{}`, "", map[string]string{backend.FromAlertHeaderName: "true"}, ""},
		{"should use the rule when the admin turned user checks off", `{"userAccessCheck":"off"}`, "", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pc := g.managedIn(c.jsonData, "default")
			headers := map[string]string{}
			for k, v := range c.headers {
				headers[k] = v
			}
			if c.user != "" {
				pc.User = &backend.User{Login: "alice"}
				headers["http_X-Grafana-Id"] = g.idToken(t, c.user, "alice")
			} else if _, alert := headers[backend.FromAlertHeaderName]; alert {
				pc = asScheduler(pc)
			}
			r := queryWith(t, pc, headers, query)
			if r.Error != nil || len(r.Frames) != 1 {
				t.Fatalf("%v, %d frames", r.Error, len(r.Frames))
			}
			frame := r.Frames[0]
			_, used := fieldFloat(t, frame.Fields[1], frame.Rows()-1)
			notices := fmt.Sprint(frame.Meta.Notices)
			if c.notice == "" && (!used || strings.Contains(notices, "no early warning")) {
				t.Errorf("the rule's threshold was not used: notices %s", notices)
			}
			if c.notice != "" && (used || !strings.Contains(notices, c.notice)) {
				t.Errorf("breach_probability set %v, notices %s; want none and a notice saying %q", used, notices, c.notice)
			}
		})
	}
}

func TestResourceCallsNeverCountAsAlertEvaluation(t *testing.T) {
	who := resourceRequester(backend.PluginContext{Namespace: "default"}, map[string][]string{
		backend.FromAlertHeaderName: {"true"}, "X-Dashboard-Uid": {"team"}, "X-Panel-Id": {"4"},
	})
	if who.FromAlert || who.DashboardUID != "team" || who.PanelID != 4 || who.OrgID != 1 {
		t.Errorf("got %+v", who)
	}
}
