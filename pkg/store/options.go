package store

import (
	"crypto/sha256"
	"time"
)

// Defaults of Options: a gibibyte of entries kept for a week, none over 16 MiB.
const (
	DefaultMaxBytes      = 1 << 30
	DefaultMaxEntryBytes = 16 << 20
	DefaultTTL           = 7 * 24 * time.Hour
)

// Options bound a store. Zero values take the defaults.
type Options struct {
	// MaxBytes bounds the stored keys and values (memory and disk; Redis is bounded by its own maxmemory).
	MaxBytes int64
	// MaxEntryBytes bounds one value; a larger one is not stored.
	MaxEntryBytes int64
	// DefaultTTL is the expiry of a Put with ttl 0.
	DefaultTTL time.Duration
	// Now is the clock of expiry and in-process leases (tests move it; Redis keeps its own).
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxEntryBytes <= 0 {
		o.MaxEntryBytes = DefaultMaxEntryBytes
	}
	o.MaxEntryBytes = min(o.MaxEntryBytes, o.MaxBytes)
	if o.DefaultTTL <= 0 {
		o.DefaultTTL = DefaultTTL
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// ttlOr is ttl, or the default expiry for 0.
func (o Options) ttlOr(ttl time.Duration) time.Duration {
	if ttl <= 0 {
		return o.DefaultTTL
	}
	return ttl
}

// hashKey names a key in a backend by a fixed-size digest: callers' keys hold series labels and can be long.
// 128 bits make a collision between two keys of one datasource practically impossible.
func hashKey(key string) []byte {
	sum := sha256.Sum256([]byte(key))
	return sum[:16]
}
