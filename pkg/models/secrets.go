package models

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
)

// Redacted replaces a configured secret wherever it would be shown or logged.
const Redacted = "[redacted]"

// Secrets scrubs configured secret values from text an upstream may have echoed (a proxy that repeats the
// request's Authorization header in its error page, say) before it reaches an error, notice, log line or health
// message. The zero value scrubs nothing.
type Secrets struct {
	replacer *strings.Replacer
}

// NewSecrets scrubs each non-empty value as written and in the escaped forms an echo may use (JSON strings,
// URL query and path escaping).
func NewSecrets(values ...string) Secrets {
	var forms []string
	for _, v := range values {
		if v == "" {
			continue
		}
		quoted, _ := json.Marshal(v) // a string always marshals
		inJSON := string(quoted[1 : len(quoted)-1])
		forms = append(forms, v, inJSON, strings.ReplaceAll(inJSON, "/", `\/`), url.QueryEscape(v), url.PathEscape(v))
	}
	if len(forms) == 0 {
		return Secrets{}
	}
	// Longest first, so "user:password" goes whole before "password" alone.
	slices.SortFunc(forms, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	forms = slices.Compact(forms)
	pairs := make([]string, 0, 2*len(forms))
	for _, f := range forms {
		pairs = append(pairs, f, Redacted)
	}
	return Secrets{replacer: strings.NewReplacer(pairs...)}
}

// Scrub returns text with every configured secret replaced by Redacted.
func (s Secrets) Scrub(text string) string {
	if s.replacer == nil {
		return text
	}
	return s.replacer.Replace(text)
}

// Secrets are every secureJsonData value of the instance plus, for basic authentication, the "user:password"
// pair and its base64 form as an Authorization header carries it; extra adds secrets known only per request
// (the managed service account's token).
func (s Settings) Secrets(extra ...string) Secrets {
	values := append([]string{s.ServiceAccountToken, s.PrometheusPassword, s.PrometheusBearerToken, s.RedisPassword}, s.secureValues...)
	if s.PrometheusPassword != "" {
		pair := s.PrometheusUser + ":" + s.PrometheusPassword
		values = append(values, pair, base64.StdEncoding.EncodeToString([]byte(pair)))
	}
	return NewSecrets(append(values, extra...)...)
}
