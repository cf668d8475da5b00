package models_test

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"go.yaml.in/yaml/v3"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// The provisioned alert rule's Foresight query must load as Grafana would send it, and the dashboard whose
// exclusions it honours must be the provisioned one.
func TestProvisionedAlertRuleQueryLoads(t *testing.T) {
	var rules struct {
		Groups []struct {
			Rules []struct {
				UID  string `yaml:"uid"`
				Data []struct {
					DatasourceUID string         `yaml:"datasourceUid"`
					Model         map[string]any `yaml:"model"`
				} `yaml:"data"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
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
	loaded := 0
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			for _, d := range r.Data {
				if d.DatasourceUID == "__expr__" {
					continue
				}
				body, err := json.Marshal(d.Model)
				if err != nil {
					t.Fatal(err)
				}
				end := time.Date(2025, 10, 20, 12, 0, 0, 0, time.UTC)
				q, err := models.LoadQuery(backend.DataQuery{RefID: "A", JSON: body, Interval: 5 * time.Minute,
					MaxDataPoints: 1000, TimeRange: backend.TimeRange{From: end.Add(-15 * time.Minute), To: end}}, settings)
				if err != nil {
					t.Fatalf("rule %s: %v", r.UID, err)
				}
				if q.Mode != models.ModeAlert || q.DashboardUID != dashboard.UID {
					t.Errorf("rule %s: mode %q, exclusions of dashboard %q (provisioned dashboard %q)", r.UID, q.Mode, q.DashboardUID, dashboard.UID)
				}
				loaded++
			}
		}
	}
	if loaded == 0 {
		t.Fatal("no Foresight query found in the provisioned alert rules")
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
