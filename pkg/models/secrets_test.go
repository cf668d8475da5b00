package models

import (
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func TestSecretsInOtherEscapes(t *testing.T) {
	secrets := NewSecrets(`s3cr<et>&"pw`, "tök€n-1234567890", "pässw&rd-42")
	// Each form reached an error message unscrubbed: an HTML page echoing the credentials, an encoder escaping
	// every non-ASCII rune, a redirect with lower-case percent-escapes.
	for _, echo := range []string{
		`<p>bad credentials for alice:s3cr&lt;et&gt;&amp;&#34;pw</p>`,
		`<p>s3cr&lt;et&gt;&amp;&quot;pw</p>`,
		`{"message":"Bearer t\u00f6k\u20acn-1234567890"}`,
		`{"message":"Bearer t\u00F6k\u20ACn-1234567890"}`,
		// Python's ensure_ascii, Jackson and PHP escape the non-ASCII runes only, leaving & as it is.
		`{"password":"p\u00e4ssw&rd-42"}`,
		`redirect_uri=/login?p=s3cr%3cet%3e%26%22pw`,
	} {
		got := secrets.Scrub(echo)
		if !strings.Contains(got, Redacted) || strings.Contains(got, "1234567890") || strings.Contains(got, "rd-42") || strings.Contains(got, "et&gt;") || strings.Contains(got, "et%3e") {
			t.Errorf("%q scrubbed to %q", echo, got)
		}
	}
}

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
