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

func TestModelStoreSettings(t *testing.T) {
	load := func(jsonData string, secure map[string]string) (Settings, error) {
		return LoadSettings(backend.DataSourceInstanceSettings{JSONData: []byte(jsonData), DecryptedSecureJSONData: secure})
	}
	t.Run("should default to the disk store, two gigabytes and a week", func(t *testing.T) {
		got, err := load(`{}`, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got.ModelStore != StoreDisk || got.ModelStoreDir != "" || got.ModelStoreBytes() != 2048<<20 ||
			got.ModelStoreTTL().Hours() != 168 || got.RedisDB != 0 {
			t.Errorf("unexpected defaults: %+v", got)
		}
	})
	t.Run("should take a Redis address and its password from secureJsonData only", func(t *testing.T) {
		got, err := load(`{"modelStore":"redis","redisAddress":" redis:6379 ","redisDB":3,"redisPassword":"ignored"}`,
			map[string]string{SecureRedisPassword: "r3dis-pw"})
		if err != nil {
			t.Fatal(err)
		}
		if got.RedisAddress != "redis:6379" || got.RedisDB != 3 || got.RedisPassword != "r3dis-pw" {
			t.Errorf("unexpected settings: %+v", got)
		}
		if scrubbed := got.Secrets().Scrub("WRONGPASS r3dis-pw"); strings.Contains(scrubbed, "r3dis-pw") {
			t.Errorf("password not scrubbed: %s", scrubbed)
		}
	})
	t.Run("should clamp the store's bounds", func(t *testing.T) {
		got, err := load(`{"modelStoreMegabytes":99999999,"modelStoreTTLHours":-1,"redisDB":9999}`, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got.ModelStoreMegabytes != HardMaxModelStoreMegabytes || got.ModelStoreTTLHours != DefaultModelStoreTTLHours || got.RedisDB != HardMaxRedisDB {
			t.Errorf("not clamped: %+v", got)
		}
	})
	for _, bad := range []struct{ name, jsonData, field string }{
		{"an unknown store", `{"modelStore":"s3"}`, "modelStore"},
		{"redis without an address", `{"modelStore":"redis"}`, "redisAddress"},
		{"an address with a scheme", `{"modelStore":"redis","redisAddress":"redis://u:p@redis:6379"}`, "redisAddress"},
		{"an address without a port", `{"modelStore":"redis","redisAddress":"redis"}`, "redisAddress"},
		{"a port out of range", `{"modelStore":"redis","redisAddress":"redis:70000"}`, "redisAddress"},
		{"a relative directory", `{"modelStoreDir":"models"}`, "modelStoreDir"},
	} {
		t.Run("should refuse "+bad.name+", naming the setting", func(t *testing.T) {
			_, err := load(bad.jsonData, nil)
			if !errors.Is(err, ErrInvalidSettings) || !strings.Contains(err.Error(), bad.field) {
				t.Fatalf("err %v", err)
			}
		})
	}
}
