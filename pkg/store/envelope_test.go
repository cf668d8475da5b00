package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// modelLike is JSON text much as a fitted model's: numbers with repeated keys.
func modelLike(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"family":"decomposition","beta":[`)
	for i := range n {
		fmt.Fprintf(&b, "%.15g,", float64(i)*0.37/7)
	}
	b.WriteString(`0]}`)
	return []byte(b.String())
}

func TestEnvelopeCompression(t *testing.T) {
	ctx := context.Background()
	inner := NewMemory(Options{})
	v := Versioned(inner, "engine")
	text := modelLike(2000)
	numbers := make([]byte, 8*1000)       // a float's bits: they hardly compress
	random := rand.New(rand.NewPCG(1, 2)) //nolint:gosec // test data
	for i := range 1000 {
		binary.LittleEndian.PutUint64(numbers[8*i:], random.Uint64())
	}
	for key, value := range map[string][]byte{"text": text, "numbers": numbers, "small": []byte("tiny"), "empty": {}} {
		if err := v.Put(ctx, key, value, 0); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("should store a model text compressed and numbers and small values as they are, and read each back", func(t *testing.T) {
		for key, want := range map[string][]byte{"text": text, "numbers": numbers, "small": []byte("tiny"), "empty": {}} {
			got, ok, err := v.Get(ctx, key)
			if err != nil || !ok || !bytes.Equal(got, want) {
				t.Fatalf("%s: ok %v, %v, %d bytes of %d", key, ok, err, len(got), len(want))
			}
		}
		stored, _, _ := inner.Get(ctx, "text")
		if len(stored) > len(text)*6/10 {
			t.Errorf("the text takes %d bytes of %d stored", len(stored), len(text))
		}
		stored, _, _ = inner.Get(ctx, "numbers")
		if stored[len(v.(*versioned).header)] != codecRaw {
			t.Error("numbers that hardly shrink were compressed")
		}
		found, err := v.GetMany(ctx, []string{"text", "numbers", "small", "empty", "absent"})
		if err != nil || len(found) != 4 || !bytes.Equal(found["text"], text) || !bytes.Equal(found["numbers"], numbers) || len(found["empty"]) != 0 {
			t.Fatalf("GetMany: %d found, %v", len(found), err)
		}
	})

	t.Run("should read a value of the previous envelope version", func(t *testing.T) {
		header := envelopeHeader(1, "engine")
		old := binary.BigEndian.AppendUint32(append([]byte(nil), header...), crc32.ChecksumIEEE(text))
		if err := inner.Put(ctx, "old", append(old, text...), 0); err != nil {
			t.Fatal(err)
		}
		if got, ok, _ := v.Get(ctx, "old"); !ok || !bytes.Equal(got, text) {
			t.Fatalf("version 1 value: ok %v", ok)
		}
	})

	t.Run("should take any damage to a compressed value for a miss, not a panic or another value", func(t *testing.T) {
		stored, _, _ := inner.Get(ctx, "text")
		header := len(v.(*versioned).header)
		for i := header; i < len(stored); i++ {
			for _, flip := range []byte{1, 0x80, 0xff} {
				damaged := bytes.Clone(stored)
				damaged[i] ^= flip
				if got, ok := v.(*versioned).unwrap(damaged); ok && !bytes.Equal(got, text) {
					t.Fatalf("byte %d ^ %#x: read %d other bytes", i, flip, len(got))
				}
			}
		}
		for cut := header; cut < len(stored); cut += 97 {
			if _, ok := v.(*versioned).unwrap(stored[:cut]); ok {
				t.Fatalf("cut to %d bytes: read", cut)
			}
		}
	})

	t.Run("should refuse a compressed value that claims more than the bound, before allocating it", func(t *testing.T) {
		body, _ := compress(text)
		claim := binary.AppendUvarint(nil, maxInflatedBytes+1)
		payload := append(claim, body...)
		value := append(append(append([]byte(nil), v.(*versioned).header...), codecZstd), binary.BigEndian.AppendUint32(nil, checksum(codecZstd, payload))...)
		if _, ok := v.(*versioned).unwrap(append(value, payload...)); ok {
			t.Error("read")
		}
		atBound := binary.AppendUvarint(nil, maxInflatedBytes)
		payload = append(atBound, body...)
		value = append(append(append([]byte(nil), v.(*versioned).header...), codecZstd), binary.BigEndian.AppendUint32(nil, checksum(codecZstd, payload))...)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, ok := v.(*versioned).unwrap(append(value, payload...))
		runtime.ReadMemStats(&after)
		if ok {
			t.Error("a length claim at the bound was read")
		}
		if grown := after.TotalAlloc - before.TotalAlloc; grown > 8<<20 {
			t.Errorf("a %d-byte value claiming %d bytes allocated %d bytes", len(body), maxInflatedBytes, grown)
		}
		short := binary.AppendUvarint(nil, uint64(len(text)-1)) //nolint:gosec // a length off the inflated one is damage too
		payload = append(short, body...)
		value = append(append(append([]byte(nil), v.(*versioned).header...), codecZstd), binary.BigEndian.AppendUint32(nil, checksum(codecZstd, payload))...)
		if _, ok := v.(*versioned).unwrap(append(value, payload...)); ok {
			t.Error("a shorter claimed length was read")
		}
	})
}
