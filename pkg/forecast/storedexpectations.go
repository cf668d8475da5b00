package forecast

import (
	"bytes"
	"context"
	"crypto/sha256"
)

// expectKeyPrefix keeps a fit's expectations in the model store under the fit's key: the digest of the model text
// they were computed from, then the forecaster's encoding (ExpectationCodec). The digest ties them to that text: a
// key refitted meanwhile (another replica, an expired fit) has other expectations, which are then a miss.
const expectKeyPrefix = "expect\x00"

// textDigest names a model text in stored expectations: 128 bits of SHA-256, the same in every process.
func textDigest(text string) [16]byte {
	sum := sha256.Sum256([]byte(text))
	return [16]byte(sum[:16])
}

// storedExpectations reads a model's expectations from the store into the memo; ok is false when there is no
// store or codec, this process fitted the model and has stored none, none are stored, they are another text's, or
// they do not decode.
func (p *Pipeline) storedExpectations(ctx context.Context, key string, model Model) (Expectations, bool) {
	codec, ok := p.forecaster.(ExpectationCodec)
	if !ok || p.backing.store == nil || p.expectations.notStored(model.Text) {
		return nil, false
	}
	value, ok, err := p.backing.store.Get(ctx, expectKeyPrefix+key)
	if err != nil || !ok {
		return nil, false
	}
	return p.acceptExpectations(codec, model, value)
}

// acceptExpectations decodes stored expectations of model into the memo when they were computed from its text.
func (p *Pipeline) acceptExpectations(codec ExpectationCodec, model Model, value []byte) (Expectations, bool) {
	digest := textDigest(model.Text)
	encoded, ok := bytes.CutPrefix(value, digest[:])
	if !ok {
		return nil, false
	}
	x, err := codec.DecodeExpectations(encoded)
	if err != nil || x == nil {
		return nil, false
	}
	p.expectations.put(model.Text, x)
	return x, true
}

// storeExpectations writes a model's expectations through to the store; a failure drops them (they are computed
// again where they are missed).
func (p *Pipeline) storeExpectations(ctx context.Context, key string, model Model, x Expectations) {
	codec, ok := p.forecaster.(ExpectationCodec)
	if !ok || p.backing.store == nil {
		return
	}
	encoded, err := codec.EncodeExpectations(x)
	if err != nil {
		return
	}
	digest := textDigest(model.Text)
	value := append(digest[:len(digest):len(digest)], encoded...)
	if p.backing.store.Put(context.WithoutCancel(ctx), expectKeyPrefix+key, value, p.backing.opts.TTL) == nil {
		p.expectations.stored(model.Text)
	}
}

// loadStoredExpectations reads, in one batch, the stored expectations of models just read from the store by key
// (a restarted process's first evaluation, which then judges without a model call). Checking and decoding them
// runs on one goroutine per fit slot.
func (p *Pipeline) loadStoredExpectations(ctx context.Context, models map[string]Model) {
	codec, ok := p.forecaster.(ExpectationCodec)
	if !ok || p.backing.store == nil || len(models) == 0 {
		return
	}
	names := make([]string, 0, len(models))
	for key := range models {
		names = append(names, expectKeyPrefix+key)
	}
	found, err := p.backing.store.GetMany(ctx, names)
	if err != nil || len(found) == 0 {
		return
	}
	type stored struct {
		model Model
		value []byte
	}
	items := make([]stored, 0, len(found))
	for name, value := range found {
		items = append(items, stored{model: models[name[len(expectKeyPrefix):]], value: value})
	}
	runWorkers(cap(p.slots), items, func(v stored) { p.acceptExpectations(codec, v.model, v.value) })
}
