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
