package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/internal/redistest"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// replica makes an instance with a given UID, as a restarted process or another Grafana replica would for the
// same datasource; the caller disposes it.
func replica(t *testing.T, uid string, jsonData string, secure map[string]string, model Model) *Datasource {
	t.Helper()
	inst, err := NewDatasourceFactory(Deps{Model: func() (Model, error) { return model, nil }})(context.Background(),
		backend.DataSourceInstanceSettings{UID: uid, JSONData: []byte(jsonData), DecryptedSecureJSONData: secure})
	if err != nil {
		t.Fatal(err)
	}
	return inst.(*Datasource)
}

// storeQuery is ten days at 5-minute steps: eleven daily pieces, so eleven fits cold.
var storeQuery = dataQuery("A", `{"trainingDays":2}`, 10*24*time.Hour)

const storeQueryFits = 11

// answer runs storeQuery and returns its frame's notices, failing on an error or an unjudged point.
func answer(ctx context.Context, t *testing.T, d *Datasource) []string {
	t.Helper()
	res, err := d.QueryData(ctx, &backend.QueryDataRequest{Queries: []backend.DataQuery{storeQuery}})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Responses["A"]
	if r.Error != nil || len(r.Frames) != 1 {
		t.Fatalf("error %v, %d frames", r.Error, len(r.Frames))
	}
	frame := r.Frames[0]
	yhat, _ := frame.FieldByName("yhat")
	for i := 0; i < frame.Rows(); i++ {
		if _, ok := fieldFloat(t, yhat, i); !ok {
			t.Fatalf("point %d of %d left unjudged", i, frame.Rows())
		}
	}
	var notices []string
	if frame.Meta != nil {
		for _, n := range frame.Meta.Notices {
			notices = append(notices, n.Text)
		}
	}
	return notices
}

// haltingModel fits normally until `after` fits have begun; later fits hang until their query ends.
type haltingModel struct {
	testModel
	after  int64
	begun  atomic.Int64
	halted chan struct{}
	once   sync.Once
}

func (m *haltingModel) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (forecast.Model, error) {
	if m.begun.Add(1) <= m.after {
		return m.testModel.Fit(ctx, ts, ys, params)
	}
	m.once.Do(func() { close(m.halted) })
	<-ctx.Done()
	return forecast.Model{}, ctx.Err()
}

func TestDiskStoreRestart(t *testing.T) {
	settings := fmt.Sprintf(`{"modelStoreDir":%q}`, t.TempDir())
	t.Run("should answer after a restart in the middle of a query with only the fits the first process lacked", func(t *testing.T) {
		const done = 4
		first := &haltingModel{testModel: testModel{&forecasttest.Fake{}}, after: done, halted: make(chan struct{})}
		d := replica(t, "restarted", settings, nil, first)
		ctx, kill := context.WithCancel(context.Background())
		finished := make(chan struct{})
		go func() {
			defer close(finished)
			_, _ = d.QueryData(ctx, &backend.QueryDataRequest{Queries: []backend.DataQuery{storeQuery}})
		}()
		<-first.halted
		waitFor(t, "the finished fits to reach the store", func() bool {
			stats, err := d.store.Stats(context.Background())
			return err == nil && stats.Entries == done
		})
		d.Dispose() // mid-query: Grafana restarting the plugin, or replacing the instance
		kill()
		<-finished

		second := testModel{&forecasttest.Fake{}}
		restarted := replica(t, "restarted", settings, nil, second)
		defer restarted.Dispose()
		if notices := answer(context.Background(), t, restarted); len(notices) > 0 {
			t.Fatalf("notices %v", notices)
		}
		if n := second.Fits.Load(); n != storeQueryFits-done {
			t.Errorf("%d fits after the restart, want %d (cold: %d)", n, storeQueryFits-done, storeQueryFits)
		}
	})
}

// waitFor polls a condition with a generous bound.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestRedisStoreReplicas(t *testing.T) {
	server := redistest.Start(t)
	settings := fmt.Sprintf(`{"modelStore":"redis","redisAddress":%q}`, server.Address)
	t.Run("should fit each series once between two replicas of one datasource", func(t *testing.T) {
		a, b := testModel{&forecasttest.Fake{FitDelay: time.Millisecond}}, testModel{&forecasttest.Fake{FitDelay: time.Millisecond}}
		replicas := []*Datasource{replica(t, "ha", settings, nil, a), replica(t, "ha", settings, nil, b)}
		var wg sync.WaitGroup
		for _, d := range replicas {
			defer d.Dispose()
			wg.Add(1)
			go func() {
				defer wg.Done()
				if notices := answer(context.Background(), t, d); len(notices) > 0 {
					t.Errorf("notices %v", notices)
				}
			}()
		}
		wg.Wait()
		if total := a.Fits.Load() + b.Fits.Load(); total != storeQueryFits {
			t.Errorf("%d + %d fits, want %d", a.Fits.Load(), b.Fits.Load(), storeQueryFits)
		}
	})
	t.Run("should answer with a notice, from memory, when Redis goes away", func(t *testing.T) {
		model := testModel{&forecasttest.Fake{}}
		d := replica(t, "redis-goes", settings, map[string]string{"redisPassword": ""}, model)
		defer d.Dispose()
		if notices := answer(context.Background(), t, d); len(notices) > 0 {
			t.Fatalf("notices while Redis is up: %v", notices)
		}
		server.Stop()
		d.pipeline.Cache().Put("evict", forecast.Model{Text: strings.Repeat("x", int(d.settings.CacheBytes())-200)}) // force refits
		notices := answer(context.Background(), t, d)
		if len(notices) != 1 || !strings.Contains(notices[0], "model store unavailable") || !strings.Contains(notices[0], "using memory") {
			t.Fatalf("notices %v", notices)
		}
		if n := model.Fits.Load(); n != 2*storeQueryFits {
			t.Errorf("%d fits, want %d (refitted in memory)", n, 2*storeQueryFits)
		}
	})
}

func TestRedisStoreDownAtStart(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := listener.Addr().String()
	_ = listener.Close() // nothing listens there now
	const password = "r3dis-secret"
	d := replica(t, "redis-down", fmt.Sprintf(`{"modelStore":"redis","redisAddress":%q}`, dead), map[string]string{"redisPassword": password},
		testModel{&forecasttest.Fake{}})
	defer d.Dispose()
	t.Run("should answer every query from memory with a notice naming the store", func(t *testing.T) {
		for range 2 {
			notices := answer(context.Background(), t, d)
			if len(notices) != 1 || !strings.Contains(notices[0], "model store unavailable: redis at "+dead) || strings.Contains(notices[0], password) {
				t.Fatalf("notices %v", notices)
			}
		}
	})
	t.Run("should say so in the health check", func(t *testing.T) {
		res, err := d.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
		if err != nil || res.Status != backend.HealthStatusOk || !strings.Contains(res.Message, "model store unavailable") {
			t.Fatalf("%v: %+v", err, res)
		}
	})
}

func TestStoreNamespace(t *testing.T) {
	base := models.Settings{DatasourceUID: "prom", DefaultSource: "prometheus", PrometheusURL: "http://mimir:9009", PrometheusBearerToken: "tenant-a"}
	t.Run("should set apart one UID in two organisations, and two tokens (tenants) on one URL", func(t *testing.T) {
		otherTenant := base
		otherTenant.PrometheusBearerToken = "tenant-b"
		spaces := map[string]bool{storeNamespace(base, "default"): true, storeNamespace(base, "org-2"): true, storeNamespace(otherTenant, "default"): true}
		if len(spaces) != 3 {
			t.Errorf("namespaces %v: want three apart", spaces)
		}
	})
	t.Run("should give replicas of one datasource one namespace, without the token in it", func(t *testing.T) {
		if a, b := storeNamespace(base, "default"), storeNamespace(base, "default"); a != b || strings.Contains(a, "tenant-a") {
			t.Errorf("namespaces %q and %q", a, b)
		}
	})
}
