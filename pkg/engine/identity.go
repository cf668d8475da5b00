package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

var bundleID = sync.OnceValue(func() string {
	sum := sha256.Sum256([]byte(bundleSource))
	return "bundle-" + hex.EncodeToString(sum[:12])
})

// BundleID names the embedded model bundle by its digest. A model store keys what it keeps with it, so a model
// fitted by another build of the model is refit rather than read with code that may lay it out differently.
func BundleID() string { return bundleID() }
