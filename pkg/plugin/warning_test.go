package plugin

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
)

// ruleGrafana is a Grafana of one organisation serving one alert rule through the provisioning API (its
// shapes under pkg/upstream/testdata), refusing "forbidden" as a token without the permission is refused.
func ruleGrafana(t *testing.T) *labelGrafana {
	t.Helper()
	rule, err := os.ReadFile("../upstream/testdata/alert_rule_threshold.json")
	if err != nil {
		t.Fatal(err)
	}
	forbidden, err := os.ReadFile("../upstream/testdata/alert_rule_forbidden.json")
	if err != nil {
		t.Fatal(err)
	}
	g := &labelGrafana{}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.mu.Lock()
		g.paths = append(g.paths, r.URL.Path)
		g.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/org":
			_, _ = w.Write([]byte(`{"id":1}`))
		case "/api/annotations":
			_, _ = w.Write([]byte(`[]`))
		case "/api/v1/provisioning/alert-rules/disk-high":
			_, _ = w.Write(rule)
		case "/api/v1/provisioning/alert-rules/forbidden":
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write(forbidden)
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"message":"Not found"}`))
		}
	}))
	t.Cleanup(g.Close)
	return g
}

// warningQuery runs an alert-mode demo query on breach_probability with the given warning object. Whose rules a
// user may read is TestAlertRuleThresholdsTheUserMayRead's; here user checks are off.
func warningQuery(t *testing.T, ctx context.Context, warning string) (*data.Frame, string) {
	t.Helper()
	d := newDatasource(t, `{"userAccessCheck":"off"}`, testModel{&forecasttest.Fake{}})
	res, err := d.QueryData(ctx, &backend.QueryDataRequest{
		PluginContext: backend.PluginContext{Namespace: "default"},
		Queries: []backend.DataQuery{dataQuery("A",
			`{"trainingDays":2,"mode":"alert","alertField":"breach_probability","warning":`+warning+`}`, 2*time.Hour)},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Responses["A"]
	if r.Error != nil || len(r.Frames) != 1 {
		t.Fatalf("%v, %d frames", r.Error, len(r.Frames))
	}
	var notices []string
	if r.Frames[0].Meta != nil {
		for _, n := range r.Frames[0].Meta.Notices {
			notices = append(notices, n.Text)
		}
	}
	return r.Frames[0], strings.Join(notices, "; ")
}

func TestWarningFromRule(t *testing.T) {
	g := ruleGrafana(t)

	t.Run("should warn about the rule's threshold", func(t *testing.T) {
		frame, notices := warningQuery(t, g.context(), `{"rule":{"uid":"disk-high"}}`)
		last := frame.Rows() - 1
		// The fake model expects ~100 against the rule's gt 90: the expectation is already past it.
		if p, ok := fieldFloat(t, frame.Fields[1], last); !ok || p < 0.5 || notices != "" {
			t.Errorf("breach_probability %v (set %v), notices %q", p, ok, notices)
		}
	})

	cases := map[string]string{
		"forbidden": `no early warning (breach_eta, breach_probability): alert rule "forbidden" was not read: the plugin's service account lacks alert.provisioning:read`,
		"gone":      `no early warning (breach_eta, breach_probability): alert rule "gone" was not found, or you may not read it in Grafana (alert.rules:read on its folder; the alerting provisioning API came with Grafana 9)`,
	}
	for uid, want := range cases {
		t.Run("should give a notice naming rule "+uid+" and no values, not an error", func(t *testing.T) {
			frame, notices := warningQuery(t, g.context(), `{"rule":{"uid":"`+uid+`"}}`)
			if !strings.Contains(notices, want) || strings.Contains(notices, "glsa_managed") {
				t.Errorf("notices %q\nwant %q", notices, want)
			}
			for i := range frame.Rows() {
				if _, ok := fieldFloat(t, frame.Fields[1], i); ok {
					t.Fatalf("row %d has a breach_probability without thresholds", i)
				}
			}
		})
	}

	t.Run("should say a rule needs a service account when none is configured", func(t *testing.T) {
		_, notices := warningQuery(t, context.Background(), `{"rule":{"uid":"disk-high"}}`)
		if !strings.Contains(notices, `alert rule "disk-high" cannot be read without a service account`) {
			t.Errorf("notices %q", notices)
		}
	})

	t.Run("should not ask Grafana for thresholds the query gives", func(t *testing.T) {
		g.mu.Lock()
		g.paths = nil
		g.mu.Unlock()
		frame, notices := warningQuery(t, g.context(), `{"above":"1000","leadTime":"2h"}`)
		if p, ok := fieldFloat(t, frame.Fields[1], frame.Rows()-1); !ok || p > 0.01 || notices != "" {
			t.Errorf("breach_probability %v (set %v) for a threshold far above, notices %q", p, ok, notices)
		}
		g.mu.Lock()
		defer g.mu.Unlock()
		for _, path := range g.paths {
			if strings.HasPrefix(path, "/api/v1/provisioning/") {
				t.Errorf("asked Grafana for %s", path)
			}
		}
	})
}
