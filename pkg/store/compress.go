package store

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"sync"
)

// Values of at least minDeflateBytes are stored deflated (at flate.BestSpeed) when that saves at least an eighth:
// a model text or its update statistics (JSON, base64) take 50-60% of their size, while numbers stored by their
// bits (expectations) hardly shrink and are stored as they are, so reading them costs no inflating.
const (
	minDeflateBytes = 512
	// maxInflatedBytes bounds what a stored value may claim to inflate to (a damaged or foreign length allocates
	// no more): four times the default entry bound.
	maxInflatedBytes = 4 * DefaultMaxEntryBytes
)

// The compressors keep tables of some hundred kilobytes: pooled, a store's writes and reads reuse them.
var (
	deflaters = sync.Pool{New: func() any {
		w, err := flate.NewWriter(nil, flate.BestSpeed)
		if err != nil {
			panic(err) // only for a bad level
		}
		return w
	}}
	inflaters sync.Pool
)

// compress deflates value; ok is false when it is too small, too large, or does not shrink enough.
func compress(value []byte) ([]byte, bool) {
	if len(value) < minDeflateBytes || len(value) > maxInflatedBytes {
		return nil, false
	}
	var out bytes.Buffer
	out.Grow(len(value) / 2)
	w := deflaters.Get().(*flate.Writer) //nolint:forcetypeassert // the pool's own
	defer deflaters.Put(w)
	w.Reset(&out)
	if _, err := w.Write(value); err != nil {
		return nil, false
	}
	if err := w.Close(); err != nil {
		return nil, false
	}
	if out.Len() > len(value)-len(value)/8 {
		return nil, false
	}
	return out.Bytes(), true
}

// decompress inflates body, which must give exactly size bytes.
func decompress(body []byte, size uint64) ([]byte, bool) {
	if size > maxInflatedBytes {
		return nil, false
	}
	source := bytes.NewReader(body)
	r, _ := inflaters.Get().(io.ReadCloser)
	if r == nil {
		r = flate.NewReader(source)
	} else if err := r.(flate.Resetter).Reset(source, nil); err != nil { //nolint:forcetypeassert // flate's readers are Resetters
		return nil, false
	}
	defer inflaters.Put(r)
	out := make([]byte, size)
	if _, err := io.ReadFull(r, out); err != nil {
		return nil, false
	}
	if n, err := r.Read(make([]byte, 1)); n != 0 || !errors.Is(err, io.EOF) {
		return nil, false
	}
	return out, true
}
