package models

import (
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func TestSecrets(t *testing.T) {
	settings, err := LoadSettings(backend.DataSourceInstanceSettings{
		JSONData: []byte(`{"prometheusAuth":"basic","prometheusUser":"alice"}`),
		DecryptedSecureJSONData: map[string]string{
			SecurePrometheusPassword: "pa/ss", "someFutureSecret": "future-value",
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	secrets := settings.Secrets("managed-token")
	cases := map[string]string{
		"should scrub every secureJsonData value, named in Settings or not": "x future-value y",
		"should scrub the managed token given per request":                  "Bearer managed-token",
		"should scrub basic authentication's pair whole":                    "alice:pa/ss",
		"should scrub the pair's base64, as an Authorization header holds":  "Basic YWxpY2U6cGEvc3M=",
		"should scrub JSON- and URL-escaped forms":                          `"pa\/ss" pa%2Fss`,
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			got := secrets.Scrub(text)
			for _, secret := range []string{"future-value", "managed-token", "pa/ss", `pa\/ss`, "pa%2Fss", "YWxpY2U6cGEvc3M="} {
				if strings.Contains(got, secret) {
					t.Errorf("%q still shows %q", got, secret)
				}
			}
			if !strings.Contains(got, Redacted) {
				t.Errorf("%q: nothing scrubbed", got)
			}
		})
	}
	t.Run("should scrub the start of a secret that text cut at its end holds", func(t *testing.T) {
		for _, text := range []string{"Authorization: Bearer managed-to", "x future-value and futu", "Basic YWxpY2U6cGE"} {
			got := secrets.ScrubCut(text)
			if !strings.HasSuffix(got, Redacted) || strings.Contains(got, "managed-to") || strings.Contains(got, "futu") ||
				strings.Contains(got, "YWxpY2U") {
				t.Errorf("%q became %q", text, got)
			}
		}
		if got := secrets.ScrubCut("nothing secret here"); got != "nothing secret here" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("should leave text alone when nothing is configured", func(t *testing.T) {
		if got := (Settings{}).Secrets().Scrub("Bearer abc"); got != "Bearer abc" {
			t.Errorf("got %q", got)
		}
	})
}
