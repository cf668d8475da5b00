package upstream

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/config"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// GrafanaAPI calls Grafana's HTTP API as the plugin: with the managed service account's token when Grafana
// provides one (externalServiceAccounts), else with the token and URL from the datasource settings.
type GrafanaAPI struct {
	baseURL string
	token   string
	// Managed says whether the managed service account is in use (health messages name the right fix).
	Managed bool
	client  *http.Client
	// orgID, when set, is sent as X-Grafana-Org-Id on every call (see ForOrg).
	orgID int64
	// secrets are scrubbed from excerpts of Grafana's answers (the token in use and the settings' secrets).
	secrets models.Secrets
}

// OrgHeader names the organisation a call to Grafana's API acts in.
const OrgHeader = "X-Grafana-Org-Id"

// ForOrg is a copy of the API that names the organisation on every call; Grafana then refuses a token of
// another organisation instead of answering for the token's own.
func (g *GrafanaAPI) ForOrg(orgID int64) *GrafanaAPI {
	scoped := *g
	scoped.orgID = orgID
	return &scoped
}

// CredentialKey identifies the credentials in use without revealing them (a cache key).
func (g *GrafanaAPI) CredentialKey() string {
	sum := sha256.Sum256([]byte(g.baseURL + "\x00" + g.token))
	return hex.EncodeToString(sum[:8])
}

// CredentialName says in words whose credentials the API uses.
func (g *GrafanaAPI) CredentialName() string {
	if g.Managed {
		return "the plugin's managed service account"
	}
	return "the service-account token in the datasource settings"
}

// NewGrafanaAPI resolves where and how to call Grafana for the request in ctx.
func NewGrafanaAPI(ctx context.Context, settings models.Settings, client *http.Client) (*GrafanaAPI, error) {
	if client == nil {
		client = NewHTTPClient(settings.TLSSkipVerify)
	}
	cfg := config.GrafanaConfigFromContext(ctx)
	appURL, urlErr := cfg.AppURL()
	secret, secretErr := cfg.PluginAppClientSecret()
	if urlErr == nil && secretErr == nil && appURL != "" && secret != "" {
		return &GrafanaAPI{baseURL: strings.TrimRight(appURL, "/"), token: secret, Managed: true, client: client, secrets: settings.Secrets(secret)}, nil
	}
	if settings.ServiceAccountToken == "" {
		return nil, fmt.Errorf("%w: Grafana did not give the plugin a managed service account (enable the externalServiceAccounts feature) and no service-account token is set in the datasource settings", models.ErrNotConfigured)
	}
	base := settings.GrafanaURL
	if base == "" {
		base = strings.TrimRight(appURL, "/")
	}
	if base == "" {
		return nil, fmt.Errorf("%w: set grafanaUrl in the datasource settings (Grafana did not tell the plugin its URL)", models.ErrNotConfigured)
	}
	return &GrafanaAPI{baseURL: base, token: settings.ServiceAccountToken, client: client, secrets: settings.Secrets()}, nil
}

// call sends one request to path (with query values and an optional JSON body) and decodes the answer, which
// may hold at most limit.
func (g *GrafanaAPI) call(ctx context.Context, method, path string, query url.Values, body any, out any, accept func(int) bool, limit answerLimit) (int, error) {
	var reader io.Reader
	if body != nil {
		encoded, err := json.Marshal(body)
		if err != nil {
			return 0, fmt.Errorf("%w: cannot encode the request to Grafana: %v", models.ErrInvalidQuery, err)
		}
		reader = bytes.NewReader(encoded)
	}
	target := g.baseURL + path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, target, reader)
	if err != nil {
		return 0, fmt.Errorf("%w: cannot build the request to Grafana: %v", models.ErrUpstream, err)
	}
	req.Header.Set("Authorization", "Bearer "+g.token)
	req.Header.Set("Accept", "application/json")
	if g.orgID > 0 {
		req.Header.Set(OrgHeader, strconv.FormatInt(g.orgID, 10))
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return doJSON(g.client, req, exchange{what: "Grafana " + path, secrets: g.secrets, accept: accept, limit: limit}, out)
}

// permissionHint turns a refused call into the permission the plugin's account lacks.
func (g *GrafanaAPI) permissionHint(permission string) string {
	if g.Managed {
		return fmt.Sprintf("the plugin's service account lacks %s (check the iam block of plugin.json and that the plugin is up to date)", permission)
	}
	return fmt.Sprintf("the service-account token in the datasource settings is invalid or lacks %s", permission)
}

// GetJSON calls a GET endpoint of Grafana's API and decodes its JSON answer.
func (g *GrafanaAPI) GetJSON(ctx context.Context, path string, query url.Values, out any) error {
	_, err := g.call(ctx, http.MethodGet, path, query, nil, out, nil, answerLimit{Bytes: smallAnswerBytes, Why: "the most Foresight reads from Grafana's API outside queries"})
	return err
}

// PermissionHint is the plain-words fix for a refused call that needed permission.
func (g *GrafanaAPI) PermissionHint(permission string) string {
	return g.permissionHint(permission)
}
