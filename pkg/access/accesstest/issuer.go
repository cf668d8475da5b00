// Package accesstest signs ID tokens the way Grafana does (ES256, a key id, typ "jwt") and serves the matching
// key set, for tests of the access checks against a fake Grafana.
package accesstest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// Issuer holds one signing key.
type Issuer struct {
	KeyID string
	key   *ecdsa.PrivateKey
}

// NewIssuer makes an issuer with a fresh P-256 key.
func NewIssuer(keyID string) (*Issuer, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	return &Issuer{KeyID: keyID, key: key}, nil
}

// KeySet is the JSON Grafana serves at /api/signing-keys/keys for this issuer's key.
func (i *Issuer) KeySet() []byte {
	set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: i.key.Public(), KeyID: i.KeyID, Algorithm: string(jose.ES256), Use: "sig"}}}
	text, err := json.Marshal(set)
	if err != nil {
		panic(err) // a public EC key always encodes
	}
	return text
}

// Claims are what a Grafana ID token says; zero fields are left out.
type Claims struct {
	Subject   string
	OrgID     int64
	Namespace string
	Username  string
	Expiry    time.Time
	Type      string // the typ header; "jwt" when empty
}

// Token signs claims as Grafana would.
func (i *Issuer) Token(c Claims) (string, error) {
	typ := c.Type
	if typ == "" {
		typ = "jwt"
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: i.key},
		(&jose.SignerOptions{}).WithType(jose.ContentType(typ)).WithHeader("kid", i.KeyID))
	if err != nil {
		return "", err
	}
	std := jwt.Claims{Subject: c.Subject, Audience: jwt.Audience{fmt.Sprintf("org:%d", c.OrgID)}, IssuedAt: jwt.NewNumericDate(c.Expiry.Add(-10 * time.Minute))}
	if !c.Expiry.IsZero() {
		std.Expiry = jwt.NewNumericDate(c.Expiry)
	}
	extra := map[string]any{"namespace": c.Namespace}
	if c.Username != "" {
		extra["username"] = c.Username
	}
	return jwt.Signed(signer).Claims(std).Claims(extra).Serialize()
}
