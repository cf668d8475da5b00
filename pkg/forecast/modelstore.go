package forecast

import (
	"context"
	"sync"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/store"
)

// StoreOptions tune how the pipeline uses a model store. Zero values take the defaults.
type StoreOptions struct {
	// TTL is the expiry of the fits it writes (0: the store's default).
	TTL time.Duration
	// LeaseTTL is how long a replica that died mid-fit holds its key back from the others (default 10 s). A
	// live holder renews its lease every third of it, so a slower fit keeps its key.
	LeaseTTL time.Duration
	// PollMin and PollMax bound the wait between looks for another holder's fit (default 20 ms doubling to 1 s).
	PollMin, PollMax time.Duration
}

func (o StoreOptions) withDefaults() StoreOptions {
	if o.LeaseTTL <= 0 {
		o.LeaseTTL = 10 * time.Second
	}
	if o.PollMin <= 0 {
		o.PollMin = 20 * time.Millisecond
	}
	if o.PollMax <= 0 {
		o.PollMax = time.Second
	}
	o.PollMax = max(o.PollMax, o.PollMin)
	return o
}

// backing is the model store behind the fit cache (store nil: the cache alone). Its failures never fail a
// query: a read that fails is a miss, a lease that fails lets this process fit, a write that fails is dropped
// (the store reports them; the datasource turns them into a notice).
type backing struct {
	store store.Store
	opts  StoreOptions
}

// fitKeyPrefix sets fits apart from the other values a datasource keeps in its store (selections); a fit's update
// statistics (Model.State) are kept under stateKeyPrefix and the same key.
const (
	fitKeyPrefix   = "fit\x00"
	stateKeyPrefix = "state\x00"
)

// WithStore keeps fits in s beyond the fit cache: a fit missing from the cache is read from s, a new fit is
// written through, and fits are leased so that processes sharing s fit each key once between them.
func (p *Pipeline) WithStore(s store.Store, opts StoreOptions) *Pipeline {
	p.backing = backing{store: s, opts: opts.withDefaults()}
	return p
}

// storedModel reads a fit from the store into the cache.
func (p *Pipeline) storedModel(ctx context.Context, key string) (Model, bool) {
	if p.backing.store == nil {
		return Model{}, false
	}
	value, ok, err := p.backing.store.Get(ctx, fitKeyPrefix+key)
	if err != nil || !ok {
		return Model{}, false
	}
	model := Model{Text: string(value)}
	p.cache.Put(key, model)
	return model, true
}

// storedModels reads fits from the store into the cache in one batch.
func (p *Pipeline) storedModels(ctx context.Context, keys []string) map[string]Model {
	if p.backing.store == nil || len(keys) == 0 {
		return nil
	}
	names := make([]string, len(keys))
	for i, key := range keys {
		names[i] = fitKeyPrefix + key
	}
	found, err := p.backing.store.GetMany(ctx, names)
	if err != nil {
		return nil
	}
	models := make(map[string]Model, len(found))
	for name, value := range found {
		key := name[len(fitKeyPrefix):]
		models[key] = Model{Text: string(value)}
		p.cache.Put(key, models[key])
	}
	return models
}

// fitOnce fits key once across the processes sharing the store. Inside a fit slot it takes the key's lease,
// looks in the store once more (a holder may have finished since the caller looked), fits, writes the fit
// through and lets the lease go. While another holder has the lease it waits outside
// any slot, looking for that holder's fit in the store with a growing interval; should the holder die, its
// lease expires and the next attempt takes it over. ran is false when the time ran out first.
func (p *Pipeline) fitOnce(ctx context.Context, key string, slot func(context.Context, func()) bool, fit func() (Model, error)) (model Model, ran bool, err error) {
	wait := p.backing.opts.PollMin
	for {
		held := true
		if !slot(ctx, func() {
			var lease store.Lease
			if lease, held = p.backing.lease(ctx, key); !held {
				return
			}
			defer p.backing.release(ctx, lease)
			if lease != nil { // another holder may have stored the fit between our look and our lease
				if stored, ok := p.storedModel(ctx, key); ok {
					model = stored
					return
				}
			}
			stop := p.backing.keepAlive(ctx, lease)
			defer stop() // before the lease's release: a panicking fit stops renewing it too
			model, err = fit()
			if err == nil {
				p.expectations.fittedHere(model.Text)
				p.cache.Put(key, p.backing.put(ctx, key, model))
			}
		}) {
			return Model{}, false, nil
		}
		if held {
			return model, true, err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return Model{}, false, nil
		}
		if model, ok := p.storedModel(ctx, key); ok {
			return model, true, nil
		}
		wait = min(2*wait, p.backing.opts.PollMax)
	}
}

// lease asks for the right to fit key; without a store, or when the store fails, this process fits.
func (b backing) lease(ctx context.Context, key string) (store.Lease, bool) {
	if b.store == nil {
		return nil, true
	}
	lease, ok, err := b.store.Lease(ctx, fitKeyPrefix+key, b.opts.LeaseTTL)
	if err != nil {
		return nil, true
	}
	return lease, ok
}

// keepAlive renews the lease every third of its ttl until stop is called.
func (b backing) keepAlive(ctx context.Context, lease store.Lease) (stop func()) {
	renewable, ok := lease.(store.Renewable)
	if !ok {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		ticker := time.NewTicker(b.opts.LeaseTTL / 3)
		defer ticker.Stop()
		for {
			select {
			case <-done:
				return
			case <-ticker.C:
				if held, err := renewable.Renew(context.WithoutCancel(ctx), b.opts.LeaseTTL); !held && err == nil {
					return // lost: another holder fits it too
				}
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// release lets the lease go even when the query has ended (the fit was written; others may stop waiting).
func (b backing) release(ctx context.Context, lease store.Lease) {
	if lease != nil {
		_ = lease.Release(context.WithoutCancel(ctx))
	}
}

// put writes a fit through to the store and returns what the fit cache keeps of it: the model without its update
// statistics once the store holds them (only the next piece's update reads them), all of it otherwise (no store,
// or a store that failed the write).
func (b backing) put(ctx context.Context, key string, model Model) Model {
	if b.store == nil {
		return model
	}
	ctx = context.WithoutCancel(ctx)
	stateStored := model.State == ""
	if !stateStored {
		stateStored = b.store.Put(ctx, stateKeyPrefix+key, []byte(model.State), b.opts.TTL) == nil
	}
	_ = b.store.Put(ctx, fitKeyPrefix+key, []byte(model.Text), b.opts.TTL)
	if !stateStored {
		return model
	}
	return Model{Text: model.Text}
}

// state reads a fit's update statistics from the store ("" when there are none, or no store).
func (b backing) state(ctx context.Context, key string) string {
	if b.store == nil {
		return ""
	}
	value, ok, err := b.store.Get(ctx, stateKeyPrefix+key)
	if err != nil || !ok {
		return ""
	}
	return string(value)
}
