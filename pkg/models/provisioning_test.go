package models_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"go.yaml.in/yaml/v3"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// provisionedRules is provisioning/alerting's file as the tests read it.
type provisionedRules struct {
	Groups []struct {
		Rules []struct {
			UID       string `yaml:"uid"`
			Condition string `yaml:"condition"`
			Data      []struct {
				RefID             string `yaml:"refId"`
				RelativeTimeRange struct {
					From int `yaml:"from"`
				} `yaml:"relativeTimeRange"`
				DatasourceUID string         `yaml:"datasourceUid"`
				Model         map[string]any `yaml:"model"`
			} `yaml:"data"`
		} `yaml:"rules"`
	} `yaml:"groups"`
}

// The provisioned alert rules' Foresight queries must load as Grafana would send them (over each rule's own time
// range), the dashboard whose exclusions they honour must be the provisioned one, and every expression must
// read refIds the rule defines.
func TestProvisionedAlertRuleQueryLoads(t *testing.T) {
	var rules provisionedRules
	readYAML(t, "../../provisioning/alerting/foresight-alerts.yaml", &rules)
	var dashboard struct {
		UID string `json:"uid"`
	}
	text, err := os.ReadFile("../../provisioning/dashboards/foresight-demo.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(text, &dashboard); err != nil {
		t.Fatal(err)
	}
	// The provisioned datasource's settings: the defaults.
	settings, err := models.LoadSettings(backend.DataSourceInstanceSettings{JSONData: []byte(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	fieldsUsed := map[string]bool{}
	uids := map[string]bool{}
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			uids[r.UID] = true
			refIDs := map[string]bool{}
			for _, d := range r.Data {
				refIDs[d.RefID] = true
			}
			if !refIDs[r.Condition] {
				t.Errorf("rule %s: condition %q is none of its refIds", r.UID, r.Condition)
			}
			for _, d := range r.Data {
				if d.DatasourceUID == "__expr__" {
					checkExpressionInputs(t, r.UID, d.Model, refIDs)
					continue
				}
				body, err := json.Marshal(d.Model)
				if err != nil {
					t.Fatal(err)
				}
				end := time.Date(2025, 10, 20, 12, 0, 0, 0, time.UTC)
				span := time.Duration(d.RelativeTimeRange.From) * time.Second
				q, err := models.LoadQuery(backend.DataQuery{RefID: d.RefID, JSON: body, Interval: 5 * time.Minute,
					MaxDataPoints: 1000, TimeRange: backend.TimeRange{From: end.Add(-span), To: end}}, settings)
				if err != nil {
					t.Fatalf("rule %s: %v", r.UID, err)
				}
				if q.Mode != models.ModeAlert || q.DashboardUID != dashboard.UID {
					t.Errorf("rule %s: mode %q, exclusions of dashboard %q (provisioned dashboard %q)", r.UID, q.Mode, q.DashboardUID, dashboard.UID)
				}
				fieldsUsed[q.AlertField] = true
			}
		}
	}
	// The recipes of docs/backend.md: the outlier flag (plain and persistent), the band with a static
	// threshold, and the clean past.
	for _, uid := range []string{"foresight-demo-outlier", "foresight-demo-persistent", "foresight-demo-band-and-threshold", "foresight-demo-below-past"} {
		if !uids[uid] {
			t.Errorf("rule %s is not provisioned", uid)
		}
	}
	for _, field := range []string{models.AlertFieldOutlier, models.AlertFieldThresholdBreach, models.AlertFieldVsPast} {
		if !fieldsUsed[field] {
			t.Errorf("no provisioned rule reads alertField %s", field)
		}
	}
}

// checkExpressionInputs fails when a server-side expression reads a refId its rule does not define.
func checkExpressionInputs(t *testing.T, uid string, model map[string]any, refIDs map[string]bool) {
	t.Helper()
	expression, _ := model["expression"].(string)
	if model["type"] != "math" {
		if !refIDs[expression] {
			t.Errorf("rule %s: expression %v reads %q, which the rule does not define", uid, model["refId"], expression)
		}
		return
	}
	for _, part := range strings.Fields(expression) {
		if ref, ok := strings.CutPrefix(strings.Trim(part, "()"), "$"); ok && !refIDs[ref] {
			t.Errorf("rule %s: math %q reads $%s, which the rule does not define", uid, expression, ref)
		}
	}
}

func readYAML(t *testing.T, path string, into any) {
	t.Helper()
	text, err := os.ReadFile(path) //nolint:gosec // a provisioning file of this repository, named by the test
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(text, into); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// Every Grafana datasource a provisioned dashboard panel wraps must be on the allow-list of the provisioned
// Foresight datasource the panel uses, or the demo dashboard would show refusals.
func TestProvisionedDatasourcesAllowWhatTheDemoDashboardWraps(t *testing.T) {
	var provisioned struct {
		Datasources []struct {
			UID      string         `yaml:"uid"`
			Type     string         `yaml:"type"`
			JSONData map[string]any `yaml:"jsonData"`
		} `yaml:"datasources"`
	}
	readYAML(t, "../../provisioning/datasources/foresight.yaml", &provisioned)
	settings := map[string]models.Settings{}
	for _, ds := range provisioned.Datasources {
		if ds.Type != "foresight-anomaly-datasource" {
			continue
		}
		jsonData, err := json.Marshal(ds.JSONData)
		if err != nil {
			t.Fatal(err)
		}
		if settings[ds.UID], err = models.LoadSettings(backend.DataSourceInstanceSettings{UID: ds.UID, JSONData: jsonData}); err != nil {
			t.Fatalf("datasource %s: %v", ds.UID, err)
		}
	}
	type ref struct {
		UID string `json:"uid"`
	}
	var dashboard struct {
		Panels []struct {
			Title      string `json:"title"`
			Datasource *ref   `json:"datasource"`
			Targets    []struct {
				Datasource       *ref   `json:"datasource"`
				Source           string `json:"source"`
				SourceDatasource *ref   `json:"sourceDatasource"`
			} `json:"targets"`
		} `json:"panels"`
	}
	text, err := os.ReadFile("../../provisioning/dashboards/foresight-demo.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(text, &dashboard); err != nil {
		t.Fatal(err)
	}
	wrapped := 0
	for _, panel := range dashboard.Panels {
		for _, target := range panel.Targets {
			if target.Source != models.SourceGrafana || target.SourceDatasource == nil {
				continue
			}
			ds := target.Datasource
			if ds == nil {
				ds = panel.Datasource
			}
			wrapped++
			if s, ok := settings[ds.UID]; !ok || !s.AllowsDatasource(target.SourceDatasource.UID) {
				t.Errorf("panel %q wraps %q, which Foresight datasource %q does not allow", panel.Title, target.SourceDatasource.UID, ds.UID)
			}
		}
	}
	if wrapped == 0 {
		t.Fatal("the demo dashboard wraps no Grafana datasource: this test checks nothing")
	}
}
