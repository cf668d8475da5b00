package forecast

import (
	"context"
	"fmt"
	"hash/maphash"
	"math"
	"sync"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/internal/lru"
)

// Expecter is a Forecaster that can evaluate a model once at a piece's step times and judge later values there
// without a model call (the engine's Expectations): an alert rule evaluated every few minutes then costs one
// model call per series and piece, not one per evaluation.
type Expecter interface {
	// Expectations returns what judging values at ts needs; ok is false for a model that must judge through
	// Predict (its verdict on a point depends on the points before it).
	Expectations(ctx context.Context, m Model, ts []float64) (x Expectations, ok bool, err error)
}

// Expectations judge values at the times they were computed for exactly as Predict would.
type Expectations interface {
	// Judge judges ys at ts; ok is false when a time is not among those computed.
	Judge(ts, ys []float64) (p Prediction, ok bool, err error)
	// Bytes approximates their memory.
	Bytes() int
}

// ExpectationCodec is an Expecter whose expectations can be kept in the model store beside their model, so that
// a restarted process, or another replica, judges from them without a model call.
type ExpectationCodec interface {
	EncodeExpectations(x Expectations) ([]byte, error)
	// DecodeExpectations reads what EncodeExpectations wrote; damaged data is an error.
	DecodeExpectations(data []byte) (Expectations, error)
}

// maxExpectationBytes bounds the expectations kept per pipeline: a daily piece at 5-minute steps takes about
// 9.3 KiB for the default ensemble (6.8 KiB for a decomposition), so 10,000 alert series take about 93 MiB.
const maxExpectationBytes = 192 << 20

// judgeFromExpectations judges a piece's points from the model's expectations on the piece's step grid (kept in
// memory, or in the model store under the fit's key); ok is false when they are not known yet (they are then
// computed in the background: over a whole piece they cost a few predictions, which a cold query has no time for)
// or the model has none (Predict then judges, as before).
func (p *Pipeline) judgeFromExpectations(ctx context.Context, run *runState, key string, model Model, piece Piece, stepMs float64, ts, ys []float64) (Prediction, bool) {
	if _, ok := p.forecaster.(Expecter); !ok {
		return Prediction{}, false
	}
	x, known := p.expectations.get(model.Text)
	if !known {
		if x, known = p.storedExpectations(ctx, key, model); !known {
			run.later(key, model, piece, stepMs)
			return Prediction{}, false
		}
	}
	if x == nil {
		return Prediction{}, false
	}
	pred, ok, err := x.Judge(ts, ys)
	return pred, ok && err == nil
}

// prepareExpectations computes the model's expectations on the piece's step grid (in a fit slot) unless they
// are known or stored, and stores them under the fit's key; a model without any is remembered as such, and a
// failure is left to Predict to report.
func (p *Pipeline) prepareExpectations(ctx context.Context, key string, model Model, piece Piece, stepMs float64) {
	expecter, ok := p.forecaster.(Expecter)
	if !ok {
		return
	}
	if _, known := p.expectations.get(model.Text); known {
		return
	}
	if _, stored := p.storedExpectations(ctx, key, model); stored {
		return
	}
	var x Expectations
	var err error
	if !p.inSlot(ctx, func() { x, ok, err = expecter.Expectations(ctx, model, pieceGrid(piece, stepMs)) }) || err != nil {
		return
	}
	if !ok {
		x = nil
	}
	p.expectations.put(model.Text, x)
	if x != nil {
		p.storeExpectations(ctx, key, model, x)
	}
}

// runState is what one Run shares across its pieces: when it stops starting fits, and the expectations to
// compute once it has judged (queued then, so they never take a slot from the query's own predictions).
type runState struct {
	cutoff time.Time
	mu     sync.Mutex
	wanted []wantedExpectations
}

type wantedExpectations struct {
	key    string // the fit's
	model  Model
	piece  Piece
	stepMs float64
}

func (r *runState) later(key string, model Model, piece Piece, stepMs float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.wanted = append(r.wanted, wantedExpectations{key: key, model: model, piece: piece, stepMs: stepMs})
}

// prepareLater queues the expectations the run wanted in the background.
func (r *runState) prepareLater(p *Pipeline) {
	for _, w := range r.wanted {
		key := p.expectations.digest(w.model.Text)
		p.background.enqueue(fmt.Sprintf("expectations\x00%x", key), int64(len(w.model.Text)), func(ctx context.Context) error {
			p.prepareExpectations(ctx, w.key, w.model, w.piece, w.stepMs)
			return nil
		})
	}
}

// pieceGrid is the step-aligned times of a piece.
func pieceGrid(piece Piece, stepMs float64) []float64 {
	var grid []float64
	for t := math.Ceil(piece.Start/stepMs) * stepMs; t < piece.End; t += stepMs {
		grid = append(grid, t)
	}
	return grid
}

// expectationMemo keeps expectations by a digest of the model text, least recently used first out, bounded by
// bytes; a nil entry remembers a model that has none. The digest, not the text, is the key: a model is tens of
// kilobytes, and the memo must not keep models alive that the fit cache has let go.
type expectationMemo struct {
	mu      sync.Mutex
	entries *lru.Cache[modelDigest, Expectations]
	// unstored holds the texts this process fitted whose expectations it has not stored yet: no store can hold
	// them, so a query judging such a model does not ask (a round trip per fresh fit on Redis).
	unstored *lru.Cache[modelDigest, struct{}]
	seeds    [2]maphash.Seed
}

// maxUnstoredBytes bounds the texts remembered as fitted here and not stored: about 50,000 fits.
const maxUnstoredBytes = 4 << 20

// modelDigest is 128 bits of two seeded hashes: two models meeting by chance among millions is out of reach.
type modelDigest [2]uint64

func newExpectationMemo(capacity int) *expectationMemo {
	return &expectationMemo{entries: lru.New[modelDigest, Expectations](int64(capacity)),
		unstored: lru.New[modelDigest, struct{}](maxUnstoredBytes),
		seeds:    [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
}

func (m *expectationMemo) digest(text string) modelDigest {
	return modelDigest{maphash.String(m.seeds[0], text), maphash.String(m.seeds[1], text)}
}

func (m *expectationMemo) get(text string) (Expectations, bool) {
	key := m.digest(text)
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.entries.Get(key)
}

func (m *expectationMemo) put(text string, x Expectations) {
	key := m.digest(text)
	size := int64(len(key)*8 + entryOverhead)
	if x != nil {
		size += int64(x.Bytes())
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries.Put(key, x, size)
}

// fittedHere records that this process fitted the model text and has not stored its expectations.
func (m *expectationMemo) fittedHere(text string) {
	key := m.digest(text)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.unstored.Put(key, struct{}{}, int64(len(key)*8+entryOverhead))
}

// notStored says whether the text is one this process fitted and has not stored expectations of.
func (m *expectationMemo) notStored(text string) bool {
	key := m.digest(text)
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.unstored.Get(key)
	return ok
}

// stored forgets that the text's expectations were not stored.
func (m *expectationMemo) stored(text string) {
	key := m.digest(text)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.unstored.Remove(key)
}
