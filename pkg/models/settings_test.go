package models

import (
	"errors"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func TestLoadSettings(t *testing.T) {
	cases := []struct {
		name        string
		jsonData    string
		secrets     map[string]string
		wantSource  string
		wantToken   string
		wantInvalid bool
	}{
		{name: "should default to the demo source when jsonData is empty", jsonData: "", wantSource: SourceDemo},
		{name: "should default to the demo source when no upstream is set", jsonData: `{}`, wantSource: SourceDemo},
		{
			name:       "should read the upstream uid and keep the token apart",
			jsonData:   `{"upstreamUid":"prom-1"}`,
			secrets:    map[string]string{"serviceAccountToken": "glsa_x"},
			wantSource: "prom-1",
			wantToken:  "glsa_x",
		},
		{name: "should reject malformed jsonData", jsonData: `{"upstreamUid":`, wantInvalid: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := LoadSettings(backend.DataSourceInstanceSettings{
				JSONData:                []byte(tc.jsonData),
				DecryptedSecureJSONData: tc.secrets,
			})
			if tc.wantInvalid {
				if !errors.Is(err, ErrInvalidSettings) {
					t.Fatalf("want ErrInvalidSettings, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if got.Source() != tc.wantSource {
				t.Errorf("source = %q, want %q", got.Source(), tc.wantSource)
			}
			if got.ServiceAccountToken != tc.wantToken {
				t.Errorf("token = %q, want %q", got.ServiceAccountToken, tc.wantToken)
			}
		})
	}
}
