package models

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// Source kinds a query can read (SourceKind in src/shared/types.ts).
const (
	SourceGrafana    = "grafana"
	SourcePrometheus = "prometheus"
	SourceDemo       = "demo"
)

// Prometheus authentication modes.
const (
	AuthNone   = "none"
	AuthBasic  = "basic"
	AuthBearer = "bearer"
)

// Defaults applied when a setting is left out, and hard caps no setting can exceed. The caps bound memory and
// time per query whatever an administrator types: 1,000 series × 4 weeks of 5-minute points is the design load.
const (
	DefaultTrainingDays        = 28
	DefaultMaxTrainingDays     = 56
	HardMaxTrainingDays        = 366
	DefaultMaxSeries           = 1000
	HardMaxSeries              = 10000
	DefaultMaxPointsPerSeries  = 20000
	HardMaxPointsPerSeries     = 200000
	DefaultQueryTimeoutSeconds = 60
	HardMaxQueryTimeoutSeconds = 600
	DefaultCacheMegabytes      = 256
	HardMaxCacheMegabytes      = 8192
)

// Settings mirrors ForesightDataSourceOptions and ForesightSecureJsonData in src/shared/types.ts.
type Settings struct {
	DefaultSource       string `json:"defaultSource,omitempty"`
	PrometheusURL       string `json:"prometheusUrl,omitempty"`
	PrometheusAuth      string `json:"prometheusAuth,omitempty"`
	PrometheusUser      string `json:"prometheusUser,omitempty"`
	TLSSkipVerify       bool   `json:"tlsSkipVerify,omitempty"`
	GrafanaURL          string `json:"grafanaUrl,omitempty"`
	DefaultTrainingDays int    `json:"defaultTrainingDays,omitempty"`
	MaxTrainingDays     int    `json:"maxTrainingDays,omitempty"`
	MaxSeries           int    `json:"maxSeries,omitempty"`
	MaxPointsPerSeries  int    `json:"maxPointsPerSeries,omitempty"`
	QueryTimeoutSeconds int    `json:"queryTimeoutSeconds,omitempty"`
	CacheMegabytes      int    `json:"cacheMegabytes,omitempty"`

	// Secrets come from DecryptedSecureJSONData only and never round-trip through JSON.
	ServiceAccountToken   string `json:"-"`
	PrometheusPassword    string `json:"-"`
	PrometheusBearerToken string `json:"-"`

	// DatasourceUID identifies the instance in cache keys; it is not part of jsonData.
	DatasourceUID string `json:"-"`
}

// LoadSettings reads jsonData and the decrypted secrets of a datasource instance, fills defaults, clamps
// limits to their hard caps and rejects values that cannot work (naming the setting).
func LoadSettings(source backend.DataSourceInstanceSettings) (Settings, error) {
	settings := Settings{}
	if len(source.JSONData) > 0 {
		if err := json.Unmarshal(source.JSONData, &settings); err != nil {
			return Settings{}, fmt.Errorf("%w: jsonData is not valid JSON: %v", ErrInvalidSettings, err)
		}
	}
	settings.ServiceAccountToken = source.DecryptedSecureJSONData["serviceAccountToken"]
	settings.PrometheusPassword = source.DecryptedSecureJSONData["prometheusPassword"]
	settings.PrometheusBearerToken = source.DecryptedSecureJSONData["prometheusBearerToken"]
	settings.DatasourceUID = source.UID
	if err := settings.normalize(); err != nil {
		return Settings{}, err
	}
	return settings, nil
}

func (s *Settings) normalize() error {
	if s.DefaultSource == "" {
		s.DefaultSource = SourceDemo
	}
	if !validSource(s.DefaultSource) {
		return fmt.Errorf("%w: defaultSource %q is not one of grafana, prometheus, demo", ErrInvalidSettings, s.DefaultSource)
	}
	if s.PrometheusAuth == "" {
		s.PrometheusAuth = AuthNone
	}
	switch s.PrometheusAuth {
	case AuthNone, AuthBasic, AuthBearer:
	default:
		return fmt.Errorf("%w: prometheusAuth %q is not one of none, basic, bearer", ErrInvalidSettings, s.PrometheusAuth)
	}
	s.PrometheusURL = strings.TrimRight(strings.TrimSpace(s.PrometheusURL), "/")
	if err := checkHTTPURL("prometheusUrl", s.PrometheusURL); err != nil {
		return err
	}
	s.GrafanaURL = strings.TrimRight(strings.TrimSpace(s.GrafanaURL), "/")
	if err := checkHTTPURL("grafanaUrl", s.GrafanaURL); err != nil {
		return err
	}
	s.MaxTrainingDays = clampSetting(s.MaxTrainingDays, DefaultMaxTrainingDays, HardMaxTrainingDays)
	s.DefaultTrainingDays = clampSetting(s.DefaultTrainingDays, DefaultTrainingDays, s.MaxTrainingDays)
	s.MaxSeries = clampSetting(s.MaxSeries, DefaultMaxSeries, HardMaxSeries)
	s.MaxPointsPerSeries = clampSetting(s.MaxPointsPerSeries, DefaultMaxPointsPerSeries, HardMaxPointsPerSeries)
	s.QueryTimeoutSeconds = clampSetting(s.QueryTimeoutSeconds, DefaultQueryTimeoutSeconds, HardMaxQueryTimeoutSeconds)
	s.CacheMegabytes = clampSetting(s.CacheMegabytes, DefaultCacheMegabytes, HardMaxCacheMegabytes)
	return nil
}

// clampSetting turns zero or negative into the default and caps the value.
func clampSetting(value, fallback, hardMax int) int {
	if value <= 0 {
		value = fallback
	}
	return min(value, hardMax)
}

func checkHTTPURL(field, raw string) error {
	if raw == "" {
		return nil
	}
	parsed, err := url.Parse(raw)
	if err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" {
		return fmt.Errorf("%w: %s must be an http(s) URL with a host", ErrInvalidSettings, field)
	}
	if parsed.User != nil {
		return fmt.Errorf("%w: %s must not carry credentials; use the authentication settings", ErrInvalidSettings, field)
	}
	return nil
}

func validSource(kind string) bool {
	return kind == SourceGrafana || kind == SourcePrometheus || kind == SourceDemo
}

// QueryTimeout is the time bound of one query.
func (s Settings) QueryTimeout() time.Duration {
	return time.Duration(s.QueryTimeoutSeconds) * time.Second
}

// CacheBytes is the byte budget of the fit cache.
func (s Settings) CacheBytes() int64 {
	return int64(s.CacheMegabytes) << 20
}
