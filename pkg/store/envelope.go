package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"time"
)

// FormatVersion is the layout of the envelope every value is written in; raise it when the layout changes.
const FormatVersion = 1

// envelopeMagic opens every envelope, so a value written by something else is never taken for one.
var envelopeMagic = []byte("FSM")

// Versioned writes every value in an envelope naming FormatVersion and the writer's identity (the model
// engine bundle's digest, say) with a checksum, and reads back only values whose envelope matches: a value
// written by another version, or damaged, is absent, so the caller recomputes it instead of misreading it.
func Versioned(s Store, identity string) Store {
	if len(identity) > 255 {
		identity = identity[:255]
	}
	header := append(append([]byte(nil), envelopeMagic...), FormatVersion, byte(len(identity))) //nolint:gosec // cut to 255 above
	return &versioned{inner: s, header: append(header, identity...)}
}

type versioned struct {
	inner  Store
	header []byte // magic, format version, identity length, identity
}

func (v *versioned) wrap(value []byte) []byte {
	out := make([]byte, 0, len(v.header)+4+len(value))
	out = append(out, v.header...)
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(value))
	return append(out, value...)
}

func (v *versioned) unwrap(stored []byte) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(stored, v.header)
	if !ok || len(rest) < 4 {
		return nil, false
	}
	value := rest[4:]
	return value, binary.BigEndian.Uint32(rest[:4]) == crc32.ChecksumIEEE(value)
}

func (v *versioned) Get(ctx context.Context, key string) ([]byte, bool, error) {
	stored, ok, err := v.inner.Get(ctx, key)
	if !ok || err != nil {
		return nil, false, err
	}
	value, ok := v.unwrap(stored)
	return value, ok, nil
}

func (v *versioned) GetMany(ctx context.Context, keys []string) (map[string][]byte, error) {
	found, err := v.inner.GetMany(ctx, keys)
	if err != nil {
		return nil, err
	}
	for key, stored := range found {
		if value, ok := v.unwrap(stored); ok {
			found[key] = value
		} else {
			delete(found, key)
		}
	}
	return found, nil
}

func (v *versioned) Put(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	return v.inner.Put(ctx, key, v.wrap(value), ttl)
}

func (v *versioned) Lease(ctx context.Context, key string, ttl time.Duration) (Lease, bool, error) {
	return v.inner.Lease(ctx, key, ttl)
}

func (v *versioned) Stats(ctx context.Context) (Stats, error) { return v.inner.Stats(ctx) }
func (v *versioned) Close() error                             { return v.inner.Close() }
