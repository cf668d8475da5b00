package models

import (
	"encoding/json"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// SourceDemo is the built-in synthetic source used when no upstream datasource is configured.
const SourceDemo = "demo"

// Settings mirrors ForesightDataSourceOptions / ForesightSecureJsonData in src/shared/types.ts.
type Settings struct {
	// UpstreamUID is the datasource whose series Foresight reads; empty means the demo source.
	UpstreamUID string `json:"upstreamUid,omitempty"`

	// Secrets never round-trip through JSON.
	ServiceAccountToken string `json:"-"`
}

// Source names where the series come from: the upstream datasource UID or SourceDemo.
func (s Settings) Source() string {
	if s.UpstreamUID == "" {
		return SourceDemo
	}
	return s.UpstreamUID
}

// LoadSettings reads jsonData and the decrypted secrets of a datasource instance.
func LoadSettings(source backend.DataSourceInstanceSettings) (Settings, error) {
	settings := Settings{}
	if len(source.JSONData) > 0 {
		if err := json.Unmarshal(source.JSONData, &settings); err != nil {
			return Settings{}, fmt.Errorf("%w: %v", ErrInvalidSettings, err)
		}
	}
	settings.ServiceAccountToken = source.DecryptedSecureJSONData["serviceAccountToken"]
	return settings, nil
}
