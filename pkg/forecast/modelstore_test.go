package forecast_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/internal/redistest"
	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/store"
)

// manySeries are n noisy series over a request's whole read.
func manySeries(req forecast.Request, n int) []models.Series {
	series := make([]models.Series, n)
	for i := range series {
		series[i] = noisy(fmt.Sprintf("s%03d", i), req.Plan.FetchFrom, req.Plan.RangeTo)
	}
	return series
}

// coldFits is how many fits a pipeline without a store makes for the request: one per key.
func coldFits(tb testing.TB, req forecast.Request, series []models.Series) int64 {
	tb.Helper()
	fake := &forecasttest.Fake{}
	runAll(tb, forecast.NewPipeline(fake, forecast.NewFitCache(64<<20), 2), req, series)
	return fake.Fits.Load()
}

// runAll runs the request and fails on any error or unjudged series.
func runAll(tb testing.TB, p *forecast.Pipeline, req forecast.Request, series []models.Series) {
	tb.Helper()
	results, err := p.Run(context.Background(), req, series)
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range results {
		if len(r.Notices) > 0 || math.IsNaN(r.Yhat[len(r.Yhat)-1]) {
			tb.Fatalf("%s: notices %v", r.Name, r.Notices)
		}
	}
}

// fastLeases keeps waits short in tests.
var fastLeases = forecast.StoreOptions{LeaseTTL: time.Minute, PollMin: time.Millisecond, PollMax: 20 * time.Millisecond}

func withStore(fake *forecasttest.Fake, s store.Store, opts forecast.StoreOptions) *forecast.Pipeline {
	return forecast.NewPipeline(fake, forecast.NewFitCache(64<<20), 2).WithStore(s, opts)
}

func TestModelStore(t *testing.T) {
	req := buildRequest(t, 2, 7, nil)
	series := manySeries(req, 20)
	cold := coldFits(t, req, series)

	t.Run("should answer from a store another process filled, without refitting", func(t *testing.T) {
		shared := store.Versioned(store.NewMemory(store.Options{}), "engine")
		first, restarted := &forecasttest.Fake{}, &forecasttest.Fake{}
		runAll(t, withStore(first, shared, fastLeases), req, series)
		if first.Fits.Load() != cold {
			t.Fatalf("%d fits, want %d", first.Fits.Load(), cold)
		}
		p := withStore(restarted, shared, fastLeases)
		runAll(t, p, req, series)
		if n := restarted.Fits.Load(); n != 0 {
			t.Errorf("%d fits after a restart with the store filled", n)
		}
	})
	t.Run("should find every fit of a range-only read in the store in one batch", func(t *testing.T) {
		shared := &countingStore{Store: store.Versioned(store.NewMemory(store.Options{}), "engine")}
		runAll(t, withStore(&forecasttest.Fake{}, shared, fastLeases), req, series)
		restarted := &forecasttest.Fake{}
		p := withStore(restarted, shared, fastLeases)
		rangeOnly := make([]models.Series, len(series))
		for i := range series {
			rangeOnly[i] = noisy(series[i].Name, math.Ceil(req.Plan.RangeFrom/stepMs)*stepMs, req.Plan.RangeTo)
		}
		gets := shared.gets.Load()
		pinned, ok := p.CachedFits(context.Background(), req, rangeOnly)
		if !ok || int64(len(pinned)) != cold {
			t.Fatalf("cached %v with %d fits, want %d", ok, len(pinned), cold)
		}
		if shared.gets.Load() != gets || shared.getManys.Load() != 1 {
			t.Errorf("%d Gets and %d GetManys for one range-only read", shared.gets.Load()-gets, shared.getManys.Load())
		}
		r := req
		r.Pinned = pinned
		runAll(t, p, r, rangeOnly)
		if restarted.Fits.Load() != 0 {
			t.Errorf("%d fits", restarted.Fits.Load())
		}
	})
	t.Run("should refit what another version of the model wrote", func(t *testing.T) {
		memory := store.NewMemory(store.Options{})
		runAll(t, withStore(&forecasttest.Fake{}, store.Versioned(memory, "engine-1"), fastLeases), req, series)
		upgraded := &forecasttest.Fake{}
		runAll(t, withStore(upgraded, store.Versioned(memory, "engine-2"), fastLeases), req, series)
		if upgraded.Fits.Load() != cold {
			t.Errorf("%d fits after an upgrade, want %d (a full refit)", upgraded.Fits.Load(), cold)
		}
	})
	t.Run("should fit each key once between two pipelines sharing a store", func(t *testing.T) {
		shared := store.Versioned(store.NewMemory(store.Options{}), "engine")
		a, b := &forecasttest.Fake{FitDelay: time.Millisecond}, &forecasttest.Fake{FitDelay: time.Millisecond}
		bothRun(t, withStore(a, shared, fastLeases), withStore(b, shared, fastLeases), req, series)
		if total := a.Fits.Load() + b.Fits.Load(); total != cold {
			t.Errorf("%d + %d fits between two pipelines, want %d", a.Fits.Load(), b.Fits.Load(), cold)
		}
	})
	t.Run("should keep a fit slower than the lease ttl to one holder by renewing the lease", func(t *testing.T) {
		shared := store.Versioned(store.NewMemory(store.Options{}), "engine")
		short := forecast.StoreOptions{LeaseTTL: 500 * time.Millisecond, PollMin: time.Millisecond, PollMax: 20 * time.Millisecond}
		a, b := &forecasttest.Fake{FitDelay: time.Second}, &forecasttest.Fake{FitDelay: time.Second}
		one := series[:1]
		bothRun(t, withStore(a, shared, short), withStore(b, shared, short), req, one)
		if total, want := a.Fits.Load()+b.Fits.Load(), cold/int64(len(series)); total != want {
			t.Errorf("%d + %d fits, want %d", a.Fits.Load(), b.Fits.Load(), want)
		}
	})
	t.Run("should fit in memory and judge every series when the store fails", func(t *testing.T) {
		var reports atomic.Int64
		guarded := store.Guard(store.Broken("redis", fmt.Errorf("%w: connection refused", store.ErrUnavailable)), time.Minute,
			func(error) { reports.Add(1) })
		fake := &forecasttest.Fake{}
		runAll(t, withStore(fake, guarded, fastLeases), req, series)
		if fake.Fits.Load() != cold || reports.Load() != 1 || guarded.Failures() == 0 {
			t.Errorf("%d fits (want %d), %d reports, %d failures", fake.Fits.Load(), cold, reports.Load(), guarded.Failures())
		}
	})
}

// bothRun runs the request on two pipelines at once.
func bothRun(tb testing.TB, a, b *forecast.Pipeline, req forecast.Request, series []models.Series) {
	tb.Helper()
	var wg sync.WaitGroup
	for _, p := range []*forecast.Pipeline{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runAll(tb, p, req, series)
		}()
	}
	wg.Wait()
}

// countingStore counts reads by kind.
type countingStore struct {
	store.Store
	gets, getManys atomic.Int64
}

func (c *countingStore) Get(ctx context.Context, key string) ([]byte, bool, error) {
	c.gets.Add(1)
	return c.Store.Get(ctx, key)
}

func (c *countingStore) GetMany(ctx context.Context, keys []string) (map[string][]byte, error) {
	c.getManys.Add(1)
	return c.Store.GetMany(ctx, keys)
}

func redisStore(tb testing.TB, server *redistest.Server, prefix string) *store.Redis {
	tb.Helper()
	r := store.NewRedis(store.RedisOptions{Address: server.Address, Prefix: prefix})
	tb.Cleanup(func() { _ = r.Close() })
	return r
}

// TestTwoProcessesOneRedis stands two plugin processes up as two pipelines with their own caches and Redis
// clients, sharing one real redis-server.
func TestTwoProcessesOneRedis(t *testing.T) {
	server := redistest.Start(t)
	req := buildRequest(t, 2, 7, nil)
	series := manySeries(req, 60)
	cold := coldFits(t, req, series)

	t.Run("should fit each series once between them", func(t *testing.T) {
		const prefix = "foresight:ha:"
		a, b := &forecasttest.Fake{FitDelay: time.Millisecond}, &forecasttest.Fake{FitDelay: time.Millisecond}
		bothRun(t,
			withStore(a, store.Versioned(redisStore(t, server, prefix), "engine"), fastLeases),
			withStore(b, store.Versioned(redisStore(t, server, prefix), "engine"), fastLeases), req, series)
		if total := a.Fits.Load() + b.Fits.Load(); total != cold {
			t.Errorf("%d + %d fits between two processes, want %d", a.Fits.Load(), b.Fits.Load(), cold)
		}
		t.Logf("fits: %d and %d of %d", a.Fits.Load(), b.Fits.Load(), cold)
	})

	t.Run("should take over the fit of a process killed while fitting, once its lease expires", func(t *testing.T) {
		const prefix = "foresight:killed:"
		leases := forecast.StoreOptions{LeaseTTL: 500 * time.Millisecond, PollMin: time.Millisecond, PollMax: 20 * time.Millisecond}
		victim := series[:1]
		entered := make(chan struct{})
		dying := &blockingFake{Fake: &forecasttest.Fake{}, entered: entered}
		dyingClient := redisStore(t, server, prefix)
		ctx, kill := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			defer close(done)
			p := forecast.NewPipeline(dying, forecast.NewFitCache(64<<20), 1).WithStore(store.Versioned(dyingClient, "engine"), leases)
			_, _ = p.Run(ctx, req, victim)
		}()
		<-entered
		// The process dies: its connection goes first, so its lease is never released, then its work stops.
		_ = dyingClient.Close()
		kill()
		<-done
		reply := server.Command(t, "EVAL", `local k = redis.call("KEYS", ARGV[1]) if #k ~= 1 then return -1 end return redis.call("PTTL", k[1])`, "0", prefix+"l:*")
		var leftMs int64
		if _, err := fmt.Sscanf(reply, ":%d", &leftMs); err != nil || leftMs <= 0 {
			t.Fatalf("the dead process's lease is not held (%s): the test would not show a take-over", reply)
		}
		survivor := &forecasttest.Fake{}
		p := withStore(survivor, store.Versioned(redisStore(t, server, prefix), "engine"), leases)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a generous bound, not a timing claim
		defer cancel()
		started := time.Now()
		results, err := p.Run(ctx, req, victim)
		if err != nil || len(results[0].Notices) > 0 {
			t.Fatalf("err %v, notices %v", err, results[0].Notices)
		}
		if want := cold / int64(len(series)); survivor.Fits.Load() != want {
			t.Errorf("the survivor made %d fits, want the victim's %d", survivor.Fits.Load(), want)
		}
		// Redis expires the lease on its own clock: the survivor cannot have fitted the leased key before then.
		if waited := time.Since(started); waited < time.Duration(leftMs-20)*time.Millisecond {
			t.Errorf("the survivor finished after %v, before the dead holder's lease ran out (%d ms left)", waited, leftMs)
		}
	})
}

// blockingFake fits normally except its first fit, which signals entered and then hangs until its query ends.
type blockingFake struct {
	*forecasttest.Fake
	entered chan struct{}
	once    sync.Once
}

func (b *blockingFake) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (forecast.Model, error) {
	first := false
	b.once.Do(func() { first = true })
	if first {
		close(b.entered)
		<-ctx.Done()
		return forecast.Model{}, ctx.Err()
	}
	return b.Fake.Fit(ctx, ts, ys, params)
}

// paddedFake makes models the size of a real decomposition fit with its incremental state (about 43 KiB), so
// store figures are realistic.
type paddedFake struct{ *forecasttest.Fake }

func (p paddedFake) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (forecast.Model, error) {
	m, err := p.Fake.Fit(ctx, ts, ys, params)
	if err != nil {
		return m, err
	}
	var fields map[string]any
	_ = json.Unmarshal([]byte(m.Text), &fields)
	fields["pad"] = strings.Repeat("x", 42<<10)
	text, _ := json.Marshal(fields)
	return forecast.Model{Text: string(text)}, nil
}

// BenchmarkRestart10k fills a disk store with the fits of a 10,000-series alert query, reopens it as a restarted
// process would and answers the query from the range points alone (CachedFits, then Run with the pinned fits):
// go test ./pkg/forecast -run '^$' -bench Restart10k -benchtime 1x
func BenchmarkRestart10k(b *testing.B) {
	const n = 10_000
	q := models.Query{From: rangeEnd.Add(-time.Hour), To: rangeEnd, Step: 5 * time.Minute, TrainingDays: 1, Mode: models.ModeAlert}
	plan, err := forecast.NewPlan(q, 20000)
	if err != nil {
		b.Fatal(err)
	}
	req := forecast.Request{Plan: plan, SourceKey: "bench"}
	full, rangeOnly := make([]models.Series, n), make([]models.Series, n)
	for i := range full {
		name := fmt.Sprintf("s%05d", i)
		full[i] = noisy(name, plan.FetchFrom, plan.RangeTo)
		rangeOnly[i] = noisy(name, math.Ceil(plan.RangeFrom/stepMs)*stepMs, plan.RangeTo)
	}
	open := func(dir string) *store.Disk {
		d, err := store.OpenDisk(store.DiskOptions{Dir: dir, Namespace: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		return d
	}
	for range b.N {
		dir := b.TempDir()
		disk := open(dir)
		cold := forecast.NewPipeline(paddedFake{&forecasttest.Fake{}}, forecast.NewFitCache(256<<20), 0).WithStore(store.Versioned(disk, "engine"), forecast.StoreOptions{})
		start := time.Now()
		if _, err := cold.Run(context.Background(), req, full); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "cold_run_s")
		_ = disk.Close()

		disk = open(dir)
		fake := &forecasttest.Fake{}
		restarted := forecast.NewPipeline(paddedFake{fake}, forecast.NewFitCache(256<<20), 0).WithStore(store.Versioned(disk, "engine"), forecast.StoreOptions{})
		start = time.Now()
		pinned, ok := restarted.CachedFits(context.Background(), req, rangeOnly)
		b.ReportMetric(time.Since(start).Seconds(), "cachedfits_s")
		if !ok {
			b.Fatal("the restarted process did not find every fit")
		}
		r := req
		r.Pinned = pinned
		start = time.Now()
		if _, err := restarted.Run(context.Background(), r, rangeOnly); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "warm_run_s")
		if fake.Fits.Load() != 0 {
			b.Fatalf("%d fits after the restart", fake.Fits.Load())
		}
		info, _ := os.Stat(disk.Path())
		b.ReportMetric(float64(info.Size())/(1<<20), "file_MiB")
		_ = disk.Close()
	}
}

// BenchmarkTwoReplicasOneRedis is the HA target at full size: two processes (pipelines with caches and
// Redis clients of their own) evaluate one 10,000-series alert query at once on one real redis-server, and
// together make as many fits as one process alone (reported as the ratio, target <= 1.1).
//
//	go test ./pkg/forecast -run '^$' -bench TwoReplicas -benchtime 1x
func BenchmarkTwoReplicasOneRedis(b *testing.B) {
	server := redistest.Start(b)
	req := buildRequest(b, 10.0/(24*60), 7, nil) // an alert rule's last 10 minutes
	series := manySeries(req, 10_000)
	cold := coldFits(b, req, series)
	for i := range b.N {
		prefix := fmt.Sprintf("foresight:bench%d:", i)
		x, y := &forecasttest.Fake{}, &forecasttest.Fake{}
		bothRun(b,
			withStore(x, store.Versioned(redisStore(b, server, prefix), "engine"), fastLeases),
			withStore(y, store.Versioned(redisStore(b, server, prefix), "engine"), fastLeases), req, series)
		b.ReportMetric(float64(x.Fits.Load()+y.Fits.Load())/float64(cold), "fits/one-replica")
		b.ReportMetric(float64(min(x.Fits.Load(), y.Fits.Load()))/float64(cold), "smaller-share")
	}
}
