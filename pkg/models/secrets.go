package models

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Redacted replaces a configured secret wherever it would be shown or logged.
const Redacted = "[redacted]"

// Secrets scrubs configured secret values from text an upstream may have echoed (a proxy that repeats the
// request's Authorization header in its error page, say) before it reaches an error, notice, log line or health
// message. The zero value scrubs nothing.
type Secrets struct {
	replacer *strings.Replacer
	forms    []string // every form scrubbed, longest first
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
		// An HTML error page (a proxy's login page echoing credentials), JSON from encoders that escape every
		// non-ASCII rune, and percent-escapes in lower case.
		plainJSON := jsonWithoutHTMLEscapes(v) // & < > as they are, as Python, Jackson and PHP write them
		forms = append(forms, html.EscapeString(v), strings.ReplaceAll(html.EscapeString(v), "&#34;", "&quot;"),
			asciiJSON(inJSON, "%04x"), asciiJSON(inJSON, "%04X"), plainJSON,
			asciiJSON(plainJSON, "%04x"), asciiJSON(plainJSON, "%04X"), strings.ReplaceAll(plainJSON, "/", `\/`),
			lowerPercent(url.QueryEscape(v)), lowerPercent(url.PathEscape(v)))
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
	return Secrets{replacer: strings.NewReplacer(pairs...), forms: forms}
}

// jsonWithoutHTMLEscapes is the inside of v as a JSON string, with &, < and > left as they are.
func jsonWithoutHTMLEscapes(v string) string {
	var b strings.Builder
	encoder := json.NewEncoder(&b)
	encoder.SetEscapeHTML(false)
	_ = encoder.Encode(v) // a string always encodes
	quoted := strings.TrimSuffix(b.String(), "\n")
	return quoted[1 : len(quoted)-1]
}

// asciiJSON writes every non-ASCII rune of a JSON string's inside as \u escapes (UTF-16 pairs past the BMP).
func asciiJSON(inJSON, digits string) string {
	var b strings.Builder
	for _, r := range inJSON {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
			continue
		}
		for _, unit := range utf16.Encode([]rune{r}) {
			b.WriteString(`\u` + fmt.Sprintf(digits, unit))
		}
	}
	return b.String()
}

// lowerPercent writes a percent-escaped text's hex digits in lower case (%3c for %3C).
func lowerPercent(escaped string) string {
	b := []byte(escaped)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			for j := i + 1; j <= i+2; j++ {
				if b[j] >= 'A' && b[j] <= 'F' {
					b[j] += 'a' - 'A'
				}
			}
		}
	}
	return string(b)
}

// ScrubCut is Scrub for text cut at its end (the first bytes of a longer answer): a secret the cut split leaves
// its start there, which Scrub cannot recognise, so a trailing start of any secret is replaced by Redacted too.
func (s Secrets) ScrubCut(text string) string {
	text = s.Scrub(text)
	longest := 0
	for _, f := range s.forms {
		for k := min(len(f)-1, len(text)); k > longest; k-- {
			if strings.HasSuffix(text, f[:k]) {
				longest = k
				break
			}
		}
	}
	if longest == 0 {
		return text
	}
	return text[:len(text)-longest] + Redacted
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
