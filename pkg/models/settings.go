package models

import (
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// Source kinds a query can read: any Grafana datasource, a Prometheus-compatible API, or the built-in demo.
const (
	SourceGrafana    = "grafana"
	SourcePrometheus = "prometheus"
	SourceDemo       = "demo"
)

// SourceKinds lists the sources a query or the datasource's default may name.
var SourceKinds = []string{SourceGrafana, SourcePrometheus, SourceDemo}

// Prometheus authentication modes.
const (
	AuthNone   = "none"
	AuthBasic  = "basic"
	AuthBearer = "bearer"
)

// PrometheusAuthModes lists the accepted prometheusAuth values.
var PrometheusAuthModes = []string{AuthNone, AuthBasic, AuthBearer}

// How a request is checked against the Grafana permissions of the user it runs for (userAccessCheck).
const (
	// UserCheckAuto checks the user whenever Grafana forwards their ID token, else the allow-list alone applies.
	UserCheckAuto = "auto"
	// UserCheckRequired refuses a user's request that carries no verifiable ID token (alert evaluation aside).
	UserCheckRequired = "required"
	// UserCheckOff applies the allow-list alone (Grafana Cloud, whose ID tokens the plugin cannot verify).
	UserCheckOff = "off"
)

// UserAccessChecks lists the accepted userAccessCheck values.
var UserAccessChecks = []string{UserCheckAuto, UserCheckRequired, UserCheckOff}

// Where fitted models and selections are kept beyond the fit cache (modelStore).
const (
	// StoreMemory keeps them in the fit cache alone: a restart refits.
	StoreMemory = "memory"
	// StoreDisk keeps them in a file in modelStoreDir, for a single Grafana.
	StoreDisk = "disk"
	// StoreRedis keeps them in Redis at redisAddress, shared by Grafana replicas.
	StoreRedis = "redis"
)

// ModelStores lists the accepted modelStore values.
var ModelStores = []string{StoreMemory, StoreDisk, StoreRedis}

// MaxAllowedDatasources bounds the allow-list an administrator can type.
const MaxAllowedDatasources = 1000

// Keys of the datasource's secureJsonData, write-only from the browser.
const (
	// SecureServiceAccountToken is a Grafana service-account token, used when the plugin's managed service
	// account is unavailable.
	SecureServiceAccountToken = "serviceAccountToken"
	// SecurePrometheusPassword is the password of basic authentication to Prometheus.
	SecurePrometheusPassword = "prometheusPassword"
	// SecurePrometheusBearerToken is the token of bearer authentication to Prometheus.
	SecurePrometheusBearerToken = "prometheusBearerToken"
	// SecureRedisPassword is the password of the Redis model store (AUTH).
	SecureRedisPassword = "redisPassword"
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

// Model store bounds: about 10,000 series of models up to 100 KiB each fit the default; an entry lives a week
// (a dashboard's week of daily refits) unless used again.
const (
	DefaultModelStoreMegabytes = 2048
	HardMaxModelStoreMegabytes = 65536
	DefaultModelStoreTTLHours  = 168
	HardMaxModelStoreTTLHours  = 2160
	HardMaxRedisDB             = 255
)

// Limits of resource calls (cv, tune, components), apart from queries' so that the query editor's and the panel's
// model tools never crowd out dashboards and alert rules. The fit limit is the model's own default
// (DEFAULT_MAX_FITS in src/model/evaluation/crossValidation.ts).
const (
	DefaultMaxResourceCalls  = 2
	HardMaxResourceCalls     = 16
	DefaultMaxEvaluationFits = 200
	HardMaxEvaluationFits    = 2000
)

// Queries (refIds) answered at once per datasource: each holds up to maxSeries × maxPointsPerSeries points while
// it runs, so without a bound one request of many refIds (or many panels at once) held that many times the
// per-query memory. Fits are bounded by the engine's runtimes already; this bounds what is read and held.
const (
	DefaultMaxConcurrentQueries = 8
	HardMaxConcurrentQueries    = 64
)

// Settings are a datasource instance's jsonData and decrypted secrets. The jsonData shape is the frontend's
// ForesightDataSourceOptions (src/shared/contract.gen.ts, generated from this struct by TestContract).
type Settings struct {
	// Source used when a query names none.
	DefaultSource string `json:"defaultSource,omitempty"`
	// Prometheus-compatible API (Prometheus, Mimir, Thanos, VictoriaMetrics) for source = prometheus.
	PrometheusURL string `json:"prometheusUrl,omitempty"`
	// How to authenticate to prometheusUrl.
	PrometheusAuth string `json:"prometheusAuth,omitempty"`
	// User of basic authentication to prometheusUrl.
	PrometheusUser string `json:"prometheusUser,omitempty"`
	// Skip TLS certificate verification when calling prometheusUrl.
	TLSSkipVerify bool `json:"tlsSkipVerify,omitempty"`
	// Grafana's URL for the service-account-token fallback when the managed service account is off.
	GrafanaURL string `json:"grafanaUrl,omitempty"`
	// Days of training history for a query that sets none.
	DefaultTrainingDays int `json:"defaultTrainingDays,omitempty"`
	// Upper bound on a query's training window, in days.
	MaxTrainingDays int `json:"maxTrainingDays,omitempty"`
	// Series per query; the rest are dropped with a notice.
	MaxSeries int `json:"maxSeries,omitempty"`
	// Points per series; longer series are refused.
	MaxPointsPerSeries int `json:"maxPointsPerSeries,omitempty"`
	// Time bound of one query (fetch plus fit), in seconds.
	QueryTimeoutSeconds int `json:"queryTimeoutSeconds,omitempty"`
	// Memory for fitted models kept between refreshes, in megabytes.
	CacheMegabytes int `json:"cacheMegabytes,omitempty"`
	// Queries (refIds) answered at once on this datasource; more wait their turn within their time bound.
	MaxConcurrentQueries int `json:"maxConcurrentQueries,omitempty"`

	// Access: what a query may read through Grafana's API (source = grafana, exclusion annotations).
	// Only administrators edit datasource settings, so only they can widen it.

	// UIDs of the Grafana datasources a query may read with source = grafana; empty allows none.
	AllowedDatasources []string `json:"allowedDatasources,omitempty"`
	// Whether requests are also checked against the Grafana permissions of the user they run for.
	UserAccessCheck string `json:"userAccessCheck,omitempty"`

	// Resource calls (cv, tune, components) running at once on this datasource; more are refused until one ends.
	MaxResourceCalls int `json:"maxResourceCalls,omitempty"`
	// Model fits one cross-validation or tuning call may run (its maxFits and maxCutoffs are capped to it).
	MaxEvaluationFits int `json:"maxEvaluationFits,omitempty"`

	// Model store: where fitted models and selections outlive the process and are shared by replicas.

	// Where fitted models are kept beyond the fit cache: disk (one Grafana), redis (replicas) or memory.
	ModelStore string `json:"modelStore,omitempty"`
	// Directory of the disk store; empty: $GF_PATHS_DATA/foresight, else the user cache directory.
	ModelStoreDir string `json:"modelStoreDir,omitempty"`
	// Redis host:port of the redis store (the one Grafana's remote cache uses, say).
	RedisAddress string `json:"redisAddress,omitempty"`
	// Redis database number of the redis store.
	RedisDB int `json:"redisDB,omitempty"`
	// Bytes the disk store may hold, in megabytes (Redis is bounded by its own maxmemory).
	ModelStoreMegabytes int `json:"modelStoreMegabytes,omitempty"`
	// Hours a stored model is kept after it was written.
	ModelStoreTTLHours int `json:"modelStoreTTLHours,omitempty"`

	// Secrets come from DecryptedSecureJSONData only and never round-trip through JSON.
	ServiceAccountToken   string `json:"-"`
	PrometheusPassword    string `json:"-"`
	PrometheusBearerToken string `json:"-"`
	RedisPassword         string `json:"-"`

	// DatasourceUID identifies the instance in cache keys; it is not part of jsonData.
	DatasourceUID string `json:"-"`
	// secureValues are all of secureJsonData's values, named above or not, for Secrets to scrub.
	secureValues []string
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
	settings.ServiceAccountToken = source.DecryptedSecureJSONData[SecureServiceAccountToken]
	settings.PrometheusPassword = source.DecryptedSecureJSONData[SecurePrometheusPassword]
	settings.PrometheusBearerToken = source.DecryptedSecureJSONData[SecurePrometheusBearerToken]
	settings.RedisPassword = source.DecryptedSecureJSONData[SecureRedisPassword]
	settings.DatasourceUID = source.UID
	for _, value := range source.DecryptedSecureJSONData {
		settings.secureValues = append(settings.secureValues, value)
	}
	if err := settings.normalize(); err != nil {
		return Settings{}, err
	}
	return settings, nil
}

func (s *Settings) normalize() error {
	if s.DefaultSource == "" {
		s.DefaultSource = SourceDemo
	}
	if !slices.Contains(SourceKinds, s.DefaultSource) {
		return fmt.Errorf("%w: defaultSource %q is not one of %s", ErrInvalidSettings, s.DefaultSource, strings.Join(SourceKinds, ", "))
	}
	if s.PrometheusAuth == "" {
		s.PrometheusAuth = AuthNone
	}
	if !slices.Contains(PrometheusAuthModes, s.PrometheusAuth) {
		return fmt.Errorf("%w: prometheusAuth %q is not one of %s", ErrInvalidSettings, s.PrometheusAuth, strings.Join(PrometheusAuthModes, ", "))
	}
	s.PrometheusURL = strings.TrimRight(strings.TrimSpace(s.PrometheusURL), "/")
	if err := checkHTTPURL("prometheusUrl", s.PrometheusURL); err != nil {
		return err
	}
	s.GrafanaURL = strings.TrimRight(strings.TrimSpace(s.GrafanaURL), "/")
	if err := checkHTTPURL("grafanaUrl", s.GrafanaURL); err != nil {
		return err
	}
	if err := s.normalizeAccess(); err != nil {
		return err
	}
	if err := s.normalizeStore(); err != nil {
		return err
	}
	s.MaxTrainingDays = clampSetting(s.MaxTrainingDays, DefaultMaxTrainingDays, HardMaxTrainingDays)
	s.DefaultTrainingDays = clampSetting(s.DefaultTrainingDays, DefaultTrainingDays, s.MaxTrainingDays)
	s.MaxSeries = clampSetting(s.MaxSeries, DefaultMaxSeries, HardMaxSeries)
	s.MaxPointsPerSeries = clampSetting(s.MaxPointsPerSeries, DefaultMaxPointsPerSeries, HardMaxPointsPerSeries)
	s.QueryTimeoutSeconds = clampSetting(s.QueryTimeoutSeconds, DefaultQueryTimeoutSeconds, HardMaxQueryTimeoutSeconds)
	s.CacheMegabytes = clampSetting(s.CacheMegabytes, DefaultCacheMegabytes, HardMaxCacheMegabytes)
	s.MaxResourceCalls = clampSetting(s.MaxResourceCalls, DefaultMaxResourceCalls, HardMaxResourceCalls)
	s.MaxConcurrentQueries = clampSetting(s.MaxConcurrentQueries, DefaultMaxConcurrentQueries, HardMaxConcurrentQueries)
	s.MaxEvaluationFits = clampSetting(s.MaxEvaluationFits, DefaultMaxEvaluationFits, HardMaxEvaluationFits)
	return nil
}

func (s *Settings) normalizeAccess() error {
	if s.UserAccessCheck == "" {
		s.UserAccessCheck = UserCheckAuto
	}
	if !slices.Contains(UserAccessChecks, s.UserAccessCheck) {
		return fmt.Errorf("%w: userAccessCheck %q is not one of %s", ErrInvalidSettings, s.UserAccessCheck, strings.Join(UserAccessChecks, ", "))
	}
	if len(s.AllowedDatasources) > MaxAllowedDatasources {
		return fmt.Errorf("%w: allowedDatasources lists %d datasources, more than %d", ErrInvalidSettings, len(s.AllowedDatasources), MaxAllowedDatasources)
	}
	uids := make([]string, 0, len(s.AllowedDatasources))
	for _, uid := range s.AllowedDatasources {
		if uid = strings.TrimSpace(uid); uid != "" && !slices.Contains(uids, uid) {
			uids = append(uids, uid)
		}
	}
	s.AllowedDatasources = uids
	return nil
}

func (s *Settings) normalizeStore() error {
	if s.ModelStore == "" {
		s.ModelStore = StoreDisk
	}
	if !slices.Contains(ModelStores, s.ModelStore) {
		return fmt.Errorf("%w: modelStore %q is not one of %s", ErrInvalidSettings, s.ModelStore, strings.Join(ModelStores, ", "))
	}
	s.ModelStoreDir = strings.TrimSpace(s.ModelStoreDir)
	if s.ModelStoreDir != "" && !filepath.IsAbs(s.ModelStoreDir) {
		return fmt.Errorf("%w: modelStoreDir must be an absolute path", ErrInvalidSettings)
	}
	s.RedisAddress = strings.TrimSpace(s.RedisAddress)
	if s.ModelStore == StoreRedis || s.RedisAddress != "" {
		if err := checkHostPort("redisAddress", s.RedisAddress); err != nil {
			return err
		}
	}
	s.RedisDB = clampSetting(s.RedisDB, 0, HardMaxRedisDB)
	s.ModelStoreMegabytes = clampSetting(s.ModelStoreMegabytes, DefaultModelStoreMegabytes, HardMaxModelStoreMegabytes)
	s.ModelStoreTTLHours = clampSetting(s.ModelStoreTTLHours, DefaultModelStoreTTLHours, HardMaxModelStoreTTLHours)
	return nil
}

// checkHostPort accepts host:port with a port in 1..65535 and nothing else (no scheme, user or path).
func checkHostPort(field, raw string) error {
	host, port, err := net.SplitHostPort(raw)
	n, portErr := strconv.Atoi(port)
	if err != nil || host == "" || portErr != nil || n < 1 || n > 65535 || strings.ContainsAny(host, "/@ ") {
		return fmt.Errorf("%w: %s must be host:port (for example redis:6379)", ErrInvalidSettings, field)
	}
	return nil
}

// ModelStoreBytes is the byte budget of the disk store.
func (s Settings) ModelStoreBytes() int64 {
	return int64(s.ModelStoreMegabytes) << 20
}

// ModelStoreTTL is how long a stored entry is kept.
func (s Settings) ModelStoreTTL() time.Duration {
	return time.Duration(s.ModelStoreTTLHours) * time.Hour
}

// AllowsDatasource says whether the allow-list names the Grafana datasource uid.
func (s Settings) AllowsDatasource(uid string) bool {
	return uid != "" && slices.Contains(s.AllowedDatasources, uid)
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

// QueryTimeout is the time bound of one query.
func (s Settings) QueryTimeout() time.Duration {
	return time.Duration(s.QueryTimeoutSeconds) * time.Second
}

// CacheBytes is the byte budget of the fit cache.
func (s Settings) CacheBytes() int64 {
	return int64(s.CacheMegabytes) << 20
}
