package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"runtime"
	"sync"
	"time"
)

// FormatVersion is the layout of the envelope every value is written in; raise it when the layout changes.
// Version 2 added compression; values of version 1 are still read.
const FormatVersion = 2

// envelopeMagic opens every envelope, so a value written by something else is never taken for one.
var envelopeMagic = []byte("FSM")

// Versioned writes every value in an envelope naming FormatVersion and the writer's identity (the model
// engine bundle's digest, say) with a checksum, and reads back only values whose envelope matches: a value
// written by another version, or damaged, is absent, so the caller recomputes it instead of misreading it.
// Values that compress well are stored zstd-compressed (see compress.go): model texts and their update statistics take
// about half their size, and a disk store's memory map with them.
func Versioned(s Store, identity string) Store {
	if len(identity) > 255 {
		identity = identity[:255]
	}
	return &versioned{inner: s, header: envelopeHeader(FormatVersion, identity), header1: envelopeHeader(1, identity)}
}

func envelopeHeader(version byte, identity string) []byte {
	header := append(append([]byte(nil), envelopeMagic...), version, byte(len(identity))) //nolint:gosec // cut to 255 by Versioned
	return append(header, identity...)
}

type versioned struct {
	inner   Store
	header  []byte // magic, format version, identity length, identity
	header1 []byte // the same for version 1
}

// Version 2 layout after the header: codec (codecRaw or codecZstd), the checksum of the codec and what follows
// the checksum, then for codecZstd the value's length (uvarint) and its compressed bytes, for codecRaw the value.
// Version 1 layout after the header: the value's checksum, the value.
const (
	codecRaw  = 0
	codecZstd = 1
)

func (v *versioned) wrap(value []byte) []byte {
	body, compressed := compress(value)
	out := make([]byte, 0, len(v.header)+1+4+binary.MaxVarintLen64+len(body))
	out = append(out, v.header...)
	if !compressed {
		out = append(out, codecRaw)
		out = binary.BigEndian.AppendUint32(out, checksum(codecRaw, value))
		return append(out, value...)
	}
	out = append(out, codecZstd)
	sumAt := len(out)
	out = append(out, 0, 0, 0, 0)
	out = binary.AppendUvarint(out, uint64(len(value)))
	out = append(out, body...)
	binary.BigEndian.PutUint32(out[sumAt:], checksum(codecZstd, out[sumAt+4:]))
	return out
}

// checksum covers the codec too: a damaged codec byte must not pass a compressed body off as a raw value.
func checksum(codec byte, body []byte) uint32 {
	return crc32.Update(crc32.ChecksumIEEE([]byte{codec}), crc32.IEEETable, body)
}

func (v *versioned) unwrap(stored []byte) ([]byte, bool) {
	if rest, ok := bytes.CutPrefix(stored, v.header); ok {
		if len(rest) < 5 {
			return nil, false
		}
		codec, sum, body := rest[0], binary.BigEndian.Uint32(rest[1:5]), rest[5:]
		if checksum(codec, body) != sum {
			return nil, false
		}
		switch codec {
		case codecRaw:
			return body, true
		case codecZstd:
			size, n := binary.Uvarint(body)
			if n <= 0 {
				return nil, false
			}
			return decompress(body[n:], size)
		}
		return nil, false
	}
	rest, ok := bytes.CutPrefix(stored, v.header1)
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

// GetMany unwraps the values on one goroutine per core: a restarted process reads thousands of models at once.
func (v *versioned) GetMany(ctx context.Context, keys []string) (map[string][]byte, error) {
	found, err := v.inner.GetMany(ctx, keys)
	if err != nil {
		return nil, err
	}
	type entry struct {
		key    string
		stored []byte
	}
	entries := make([]entry, 0, len(found))
	for key, stored := range found {
		entries = append(entries, entry{key, stored})
	}
	values, ok := make([][]byte, len(entries)), make([]bool, len(entries))
	workers := min(runtime.GOMAXPROCS(0), len(entries))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(entries); i += workers {
				values[i], ok[i] = v.unwrap(entries[i].stored)
			}
		}()
	}
	wg.Wait()
	for i, e := range entries {
		if ok[i] {
			found[e.key] = values[i]
		} else {
			delete(found, e.key)
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
