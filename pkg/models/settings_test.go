package models

import (
	"errors"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func TestLoadSettings(t *testing.T) {
	t.Run("should default to the demo source and the documented limits", func(t *testing.T) {
		got, err := LoadSettings(backend.DataSourceInstanceSettings{})
		if err != nil {
			t.Fatal(err)
		}
		if got.DefaultSource != SourceDemo || got.DefaultTrainingDays != 28 || got.MaxSeries != DefaultMaxSeries ||
			got.PrometheusAuth != AuthNone || got.CacheBytes() != 256<<20 || got.QueryTimeout().Seconds() != 60 {
			t.Errorf("unexpected defaults: %+v", got)
		}
	})
	t.Run("should keep secrets apart and out of JSON", func(t *testing.T) {
		got, err := LoadSettings(backend.DataSourceInstanceSettings{
			JSONData: []byte(`{"defaultSource":"prometheus","prometheusUrl":"http://prom:9090/","prometheusAuth":"bearer"}`),
			DecryptedSecureJSONData: map[string]string{
				"serviceAccountToken": "glsa_x", "prometheusPassword": "pw", "prometheusBearerToken": "tok",
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		if got.PrometheusURL != "http://prom:9090" || got.ServiceAccountToken != "glsa_x" ||
			got.PrometheusPassword != "pw" || got.PrometheusBearerToken != "tok" {
			t.Errorf("unexpected settings: %+v", got)
		}
	})
	t.Run("should clamp limits to their hard caps", func(t *testing.T) {
		got, err := LoadSettings(backend.DataSourceInstanceSettings{
			JSONData: []byte(`{"maxSeries":999999,"maxTrainingDays":5000,"defaultTrainingDays":9000,"cacheMegabytes":-3}`),
		})
		if err != nil {
			t.Fatal(err)
		}
		if got.MaxSeries != HardMaxSeries || got.MaxTrainingDays != HardMaxTrainingDays ||
			got.DefaultTrainingDays != HardMaxTrainingDays || got.CacheMegabytes != DefaultCacheMegabytes {
			t.Errorf("limits not clamped: %+v", got)
		}
	})
	t.Run("should allow no Grafana datasource and check users when it can, unless told otherwise", func(t *testing.T) {
		got, err := LoadSettings(backend.DataSourceInstanceSettings{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.AllowedDatasources) != 0 || got.AllowsDatasource("prom") || got.UserAccessCheck != UserCheckAuto {
			t.Errorf("unexpected access defaults: %+v", got)
		}
	})
	t.Run("should trim the allow-list and drop blanks and repeats", func(t *testing.T) {
		got, err := LoadSettings(backend.DataSourceInstanceSettings{JSONData: []byte(`{"allowedDatasources":[" prom","","prom","loki "]}`)})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got.AllowedDatasources, ",") != "prom,loki" || !got.AllowsDatasource("loki") || got.AllowsDatasource("") {
			t.Errorf("allow-list %q", got.AllowedDatasources)
		}
	})
	t.Run("should default and cap the resource-call limits", func(t *testing.T) {
		defaults, err := LoadSettings(backend.DataSourceInstanceSettings{})
		if err != nil {
			t.Fatal(err)
		}
		capped, err := LoadSettings(backend.DataSourceInstanceSettings{JSONData: []byte(`{"maxResourceCalls":100,"maxEvaluationFits":1000000}`)})
		if err != nil {
			t.Fatal(err)
		}
		if defaults.MaxResourceCalls != 2 || defaults.MaxEvaluationFits != 200 ||
			capped.MaxResourceCalls != HardMaxResourceCalls || capped.MaxEvaluationFits != HardMaxEvaluationFits {
			t.Errorf("defaults %d, %d; capped %d, %d", defaults.MaxResourceCalls, defaults.MaxEvaluationFits, capped.MaxResourceCalls, capped.MaxEvaluationFits)
		}
	})
	bad := []struct{ name, jsonData, field string }{
		{"should reject an unknown user access check", `{"userAccessCheck":"maybe"}`, "userAccessCheck"},
		{"should reject an allow-list that is not a list", `{"allowedDatasources":"prom"}`, "not valid JSON"},
		{"should reject an allow-list longer than its cap", `{"allowedDatasources":[` + strings.Repeat(`"x",`, MaxAllowedDatasources) + `"y"]}`, "allowedDatasources"},
		{"should reject malformed jsonData", `{"defaultSource":`, "not valid JSON"},
		{"should reject an unknown default source", `{"defaultSource":"influx"}`, "defaultSource"},
		{"should reject an unknown auth mode", `{"prometheusAuth":"oauth"}`, "prometheusAuth"},
		{"should reject a non-http prometheus URL", `{"prometheusUrl":"file:///etc/passwd"}`, "prometheusUrl"},
		{"should reject credentials inside a URL", `{"grafanaUrl":"http://admin:secret@grafana:3000"}`, "grafanaUrl"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadSettings(backend.DataSourceInstanceSettings{JSONData: []byte(tc.jsonData)})
			if !errors.Is(err, ErrInvalidSettings) || !strings.Contains(err.Error(), tc.field) {
				t.Fatalf("want ErrInvalidSettings naming %s, got %v", tc.field, err)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("error leaks the URL's password: %v", err)
			}
		})
	}
}
