package access

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// SigningKeysPath is where Grafana publishes the public keys of the ID tokens it signs (unauthenticated).
const SigningKeysPath = "/api/signing-keys/keys"

// Key sets are fetched again when a token names a key not seen yet, at most this often.
const keyRefetchInterval = time.Minute

// tokenLeeway tolerates clock differences between Grafana and the plugin host.
const tokenLeeway = time.Minute

// Identity is the user a verified ID token names.
type Identity struct {
	// Subject is Grafana's typed id of the identity, e.g. "user:7" or "service-account:3".
	Subject string
	// Login is the user's login, when the token carries one.
	Login string
}

// Known says whether a user was identified.
func (i Identity) Known() bool { return i.Subject != "" }

// idClaims are the Grafana-specific claims of an ID token Foresight reads.
type idClaims struct {
	Namespace string `json:"namespace"`
	Username  string `json:"username"`
}

// keySet caches one Grafana's signing keys.
type keySet struct {
	mu        sync.Mutex
	keys      jose.JSONWebKeySet
	fetchedAt time.Time
	fetched   bool
}

// key returns the public key named kid, fetching the set when kid is new (at most once per keyRefetchInterval).
func (s *keySet) key(ctx context.Context, api API, kid string, now time.Time) (*jose.JSONWebKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if found := s.keys.Key(kid); len(found) > 0 {
		return &found[0], nil
	}
	if s.fetched && now.Sub(s.fetchedAt) < keyRefetchInterval {
		return nil, fmt.Errorf("no signing key %q among those Grafana publishes at %s", kid, SigningKeysPath)
	}
	var fresh jose.JSONWebKeySet
	if err := api.GetJSON(ctx, SigningKeysPath, nil, &fresh); err != nil {
		return nil, fmt.Errorf("the signing keys of Grafana could not be read: %w", err)
	}
	s.keys, s.fetchedAt, s.fetched = fresh, now, true
	if found := s.keys.Key(kid); len(found) > 0 {
		return &found[0], nil
	}
	if len(s.keys.Keys) == 0 {
		return nil, errors.New("no signing keys are published at " + SigningKeysPath +
			" (Grafana Cloud signs ID tokens elsewhere: set userAccessCheck to off there)")
	}
	return nil, fmt.Errorf("no signing key %q among those Grafana publishes at %s", kid, SigningKeysPath)
}

// verifyIDToken checks an ID token's signature (ES256, by a key Grafana publishes), its type, its validity in
// time, and that it was issued for the request's organisation and, when Grafana names one, the same user.
func verifyIDToken(ctx context.Context, api API, keys *keySet, raw string, who Requester, now time.Time) (Identity, error) {
	token, err := jwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.ES256})
	if err != nil {
		return Identity{}, fmt.Errorf("it is not a signed token: %w", err)
	}
	if len(token.Headers) != 1 {
		return Identity{}, errors.New("it carries more than one signature")
	}
	header := token.Headers[0]
	if typ, _ := header.ExtraHeaders[jose.HeaderType].(string); !strings.EqualFold(typ, "jwt") {
		return Identity{}, fmt.Errorf("its type is %q, not an ID token's", typ)
	}
	key, err := keys.key(ctx, api, header.KeyID, now)
	if err != nil {
		return Identity{}, err
	}
	var std jwt.Claims
	var extra idClaims
	if err := token.Claims(key.Key, &std, &extra); err != nil {
		return Identity{}, fmt.Errorf("its signature does not check out: %w", err)
	}
	if std.Expiry == nil {
		return Identity{}, errors.New("it has no expiry")
	}
	audience := fmt.Sprintf("org:%d", who.OrgID)
	if err := std.ValidateWithLeeway(jwt.Expected{AnyAudience: jwt.Audience{audience}, Time: now}, tokenLeeway); err != nil {
		return Identity{}, fmt.Errorf("it is not valid now for %s: %w", audience, err)
	}
	namespace := who.Namespace
	if namespace == "" {
		namespace = namespaceOf(who.OrgID)
	}
	if extra.Namespace != namespace {
		return Identity{}, fmt.Errorf("it was issued for namespace %q, not %q", extra.Namespace, namespace)
	}
	if who.Login != "" && extra.Username != "" && extra.Username != who.Login {
		return Identity{}, errors.New("it names another user than Grafana's request does")
	}
	if std.Subject == "" {
		return Identity{}, errors.New("it names no subject")
	}
	return Identity{Subject: std.Subject, Login: extra.Username}, nil
}
