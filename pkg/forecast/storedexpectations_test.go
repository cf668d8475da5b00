package forecast_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/store"
)

// storingFake is the expecting fake whose expectations can be kept in the model store: as the model text and the
// times, in JSON.
type storingFake struct {
	expectingFake
	decoded atomic.Int64
}

type encodedExpectations struct {
	Model string    `json:"model"`
	Times []float64 `json:"times"`
}

func (f *storingFake) EncodeExpectations(x forecast.Expectations) ([]byte, error) {
	fx := x.(fakeExpectations) //nolint:forcetypeassert // the fake's own
	return json.Marshal(encodedExpectations{Model: fx.model.Text, Times: fx.times})
}

func (f *storingFake) DecodeExpectations(data []byte) (forecast.Expectations, error) {
	var e encodedExpectations
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, err
	}
	if len(e.Times) == 0 {
		return nil, errors.New("no times")
	}
	f.decoded.Add(1)
	return fakeExpectations{fake: f.Fake, model: forecast.Model{Text: e.Model}, times: e.Times}, nil
}

// alteringStore alters, on the way out, the stored values whose key starts with prefix.
type alteringStore struct {
	store.Store
	prefix string
	alter  func([]byte) []byte
}

func (a *alteringStore) Get(ctx context.Context, key string) ([]byte, bool, error) {
	value, ok, err := a.Store.Get(ctx, key)
	if ok && strings.HasPrefix(key, a.prefix) {
		value = a.alter(append([]byte(nil), value...))
	}
	return value, ok, err
}

func (a *alteringStore) GetMany(ctx context.Context, keys []string) (map[string][]byte, error) {
	found, err := a.Store.GetMany(ctx, keys)
	for key, value := range found {
		if strings.HasPrefix(key, a.prefix) {
			found[key] = a.alter(append([]byte(nil), value...))
		}
	}
	return found, err
}

// prefixCountingStore counts the reads of keys that start with prefix, one by one or in batches.
type prefixCountingStore struct {
	store.Store
	prefix string
	reads  atomic.Int64
}

func (c *prefixCountingStore) Get(ctx context.Context, key string) ([]byte, bool, error) {
	if strings.HasPrefix(key, c.prefix) {
		c.reads.Add(1)
	}
	return c.Store.Get(ctx, key)
}

func (c *prefixCountingStore) GetMany(ctx context.Context, keys []string) (map[string][]byte, error) {
	for _, key := range keys {
		if strings.HasPrefix(key, c.prefix) {
			c.reads.Add(1)
		}
	}
	return c.Store.GetMany(ctx, keys)
}

func TestStoredExpectations(t *testing.T) {
	ctx := context.Background()
	req, series := alertRequest(t)
	setValues(series[1], req.Plan.RangeTo, req.Plan.RangeTo, 40) // the latest point of b is an outlier
	plain, err := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 1).Run(ctx, req, series)
	if err != nil {
		t.Fatal(err)
	}
	rangeOnly := make([]models.Series, len(series))
	for i, s := range series {
		rangeOnly[i] = s
		from := len(s.Times) - 3
		rangeOnly[i].Times, rangeOnly[i].Values = s.Times[from:], s.Values[from:]
	}
	// filled is a store the first process filled: fits and, once its background work ended, their expectations.
	filled := func(t *testing.T) store.Store {
		t.Helper()
		shared := store.Versioned(store.NewMemory(store.Options{}), "engine")
		first := forecast.NewPipeline(&storingFake{expectingFake: expectingFake{Fake: &forecasttest.Fake{}}}, forecast.NewFitCache(1<<20), 1).
			WithStore(shared, fastLeases)
		defer first.Close()
		if _, err := first.Run(ctx, req, series); err != nil {
			t.Fatal(err)
		}
		if err := first.WaitBackground(ctx); err != nil {
			t.Fatal(err)
		}
		return shared
	}
	// restart runs a new process on the store, as the datasource does: the fits of a range-only read from the
	// store, then the run with them.
	restart := func(t *testing.T, s store.Store) (*storingFake, []forecast.SeriesResult) {
		t.Helper()
		fake := &storingFake{expectingFake: expectingFake{Fake: &forecasttest.Fake{}}}
		p := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 1).WithStore(s, fastLeases)
		defer p.Close()
		pinned, ok := p.CachedFits(ctx, req, rangeOnly)
		if !ok {
			t.Fatal("the fits are not all in the store")
		}
		withPinned := req
		withPinned.Pinned = pinned
		results, err := p.Run(ctx, withPinned, rangeOnly)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.WaitBackground(ctx); err != nil {
			t.Fatal(err)
		}
		if fake.Fits.Load() != 0 {
			t.Errorf("%d fits after the restart", fake.Fits.Load())
		}
		return fake, results
	}
	judgedAsPredict := func(t *testing.T, results []forecast.SeriesResult) {
		t.Helper()
		for i, r := range results {
			want := plain[i]
			offset := len(want.Times) - len(r.Times)
			for j := range r.Times {
				k := j + offset
				if !same(r.Outlier[j], want.Outlier[k]) || !same(r.Score[j], want.Score[k]) || !same(r.Yhat[j], want.Yhat[k]) ||
					!same(r.Lower[j], want.Lower[k]) || !same(r.Upper[j], want.Upper[k]) {
					t.Fatalf("%s point %d: outlier %v score %v, Predict gave %v %v", r.Name, j, r.Outlier[j], r.Score[j], want.Outlier[k], want.Score[k])
				}
			}
		}
		if results[1].Outlier[len(results[1].Outlier)-1] != 1 {
			t.Error("the spike was not flagged")
		}
	}

	t.Run("should judge a restarted process's first evaluation from the stored expectations, without a model call", func(t *testing.T) {
		fake, results := restart(t, filled(t))
		judgedAsPredict(t, results)
		if fake.predicts.Load() != 0 || fake.expectations.Load() != 0 || fake.decoded.Load() != int64(len(series)) {
			t.Errorf("%d predictions, %d expectations computed, %d decoded; want 0, 0 and %d", fake.predicts.Load(),
				fake.expectations.Load(), fake.decoded.Load(), len(series))
		}
	})

	t.Run("should read the stored expectations of fits it reads one by one", func(t *testing.T) {
		fake := &storingFake{expectingFake: expectingFake{Fake: &forecasttest.Fake{}}}
		p := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 1).WithStore(filled(t), fastLeases)
		defer p.Close()
		results, err := p.Run(ctx, req, series) // the whole history: no CachedFits first
		if err != nil {
			t.Fatal(err)
		}
		if err := p.WaitBackground(ctx); err != nil {
			t.Fatal(err)
		}
		for i := range results {
			if !same(results[i].Score[len(results[i].Score)-1], plain[i].Score[len(plain[i].Score)-1]) {
				t.Errorf("%s judged otherwise", results[i].Name)
			}
		}
		if fake.Fits.Load() != 0 || fake.predicts.Load() != 0 || fake.expectations.Load() != 0 {
			t.Errorf("%d fits, %d predictions, %d expectations computed; want none", fake.Fits.Load(), fake.predicts.Load(), fake.expectations.Load())
		}
	})

	t.Run("should not ask the store for the expectations of fits it made itself, and store them", func(t *testing.T) {
		counting := &prefixCountingStore{Store: store.Versioned(store.NewMemory(store.Options{}), "engine"), prefix: "expect\x00"}
		fake := &storingFake{expectingFake: expectingFake{Fake: &forecasttest.Fake{}}}
		p := forecast.NewPipeline(fake, forecast.NewFitCache(1<<20), 1).WithStore(counting, fastLeases)
		defer p.Close()
		if _, err := p.Run(ctx, req, series); err != nil {
			t.Fatal(err)
		}
		if err := p.WaitBackground(ctx); err != nil {
			t.Fatal(err)
		}
		if fake.Fits.Load() != int64(len(series)) || fake.expectations.Load() != int64(len(series)) {
			t.Fatalf("%d fits, %d expectations computed; want %d each", fake.Fits.Load(), fake.expectations.Load(), len(series))
		}
		if counting.reads.Load() != 0 {
			t.Errorf("%d reads of stored expectations for fits made here", counting.reads.Load())
		}
		// What it stored, a restarted process reads.
		restarted, results := restart(t, counting.Store)
		judgedAsPredict(t, results)
		if restarted.decoded.Load() != int64(len(series)) {
			t.Errorf("%d decoded after the restart, want %d", restarted.decoded.Load(), len(series))
		}
	})

	for name, alter := range map[string]func([]byte) []byte{
		"of another model text": func(v []byte) []byte { // the digest that opens the value
			v[0] ^= 1
			return v
		},
		"damaged":   func(v []byte) []byte { return v[:len(v)-3] },
		"truncated": func(v []byte) []byte { return v[:5] },
	} {
		t.Run("should take stored expectations "+name+" for a miss: Predict judges, and they are computed again", func(t *testing.T) {
			fake, results := restart(t, &alteringStore{Store: filled(t), prefix: "expect\x00", alter: alter})
			judgedAsPredict(t, results)
			if fake.decoded.Load() != 0 || fake.predicts.Load() != int64(len(series)) || fake.expectations.Load() != int64(len(series)) {
				t.Errorf("%d decoded, %d predictions, %d expectations computed; want 0, %d and %d", fake.decoded.Load(),
					fake.predicts.Load(), fake.expectations.Load(), len(series), len(series))
			}
		})
	}
}
