// Package plugin holds the Foresight datasource instance and its SDK handlers (one handler per file).
package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/foresight-anomaly/foresight/pkg/access"
	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/selection"
	"github.com/foresight-anomaly/foresight/pkg/store"
	"github.com/foresight-anomaly/foresight/pkg/upstream"
)

// PluginID is the id of the nested datasource in src/datasource/plugin.json.
const PluginID = "foresight-anomaly-datasource"

// Model is everything the datasource needs from the model engine.
type Model interface {
	forecast.Forecaster
	forecast.Analyzer
	upstream.Demoer
	// CheckParams validates a query's model params once, before any series is read, and returns the most
	// design columns they allow: a bad parameter is the engine's ErrInput with the model's one-line message.
	CheckParams(ctx context.Context, params json.RawMessage) (width int, err error)
}

// Deps are the datasource's collaborators, replaceable in tests.
type Deps struct {
	// Model returns the (shared) model engine; it is called once per instance.
	Model func() (Model, error)
	// HTTPClient, when set, is used for every upstream call instead of one built from the settings.
	HTTPClient *http.Client
	// Logger takes the instance's logs, its pipeline's included (nil: Grafana's global logger).
	Logger log.Logger
}

// Datasource is one configured Foresight datasource instance.
type Datasource struct {
	settings   models.Settings
	access     *access.Guard
	model      Model
	pipeline   *forecast.Pipeline
	httpClient *http.Client
	// resourceCalls holds one token per resource call running (at most settings.MaxResourceCalls).
	resourceCalls chan struct{}
	// querySlots holds one token per query (refId) being answered (at most settings.MaxConcurrentQueries).
	querySlots chan struct{}
	// selections chooses model families for `model: auto` in the background.
	selections *selection.Service
	// store keeps fits and selections beyond the process (nil: memory only).
	store *store.Guarded
	// logger takes the instance's logs (Deps.Logger).
	logger log.Logger
}

var (
	_ backend.QueryDataHandler      = (*Datasource)(nil)
	_ backend.CheckHealthHandler    = (*Datasource)(nil)
	_ backend.CallResourceHandler   = (*Datasource)(nil)
	_ instancemgmt.InstanceDisposer = (*Datasource)(nil)
)

// NewDatasource is the instance factory Grafana's SDK calls whenever a datasource's settings change.
func NewDatasource(ctx context.Context, source backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	return NewDatasourceFactory(Deps{Model: sharedEngine})(ctx, source)
}

// NewDatasourceFactory builds an instance factory with the given collaborators.
func NewDatasourceFactory(deps Deps) func(context.Context, backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	return func(ctx context.Context, source backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
		settings, err := models.LoadSettings(source)
		if err != nil {
			return nil, err
		}
		model, err := deps.Model()
		if err != nil {
			return nil, err
		}
		client := deps.HTTPClient
		if client == nil {
			client = upstream.NewHTTPClient(settings.TLSSkipVerify)
		}
		logger := deps.Logger
		if logger == nil {
			logger = log.DefaultLogger
		}
		modelStore := openModelStore(settings, backend.PluginConfigFromContext(ctx).Namespace, logger)
		selectionOpts := selection.Options{Workers: selectionWorkers, MaxPoints: settings.MaxPointsPerSeries}
		pipeline := forecast.NewPipeline(model, forecast.NewFitCache(settings.CacheBytes()), 0).
			WithScrub(settings.Secrets().Scrub).WithLogger(logger)
		if modelStore != nil {
			selectionOpts.Persister = selection.StorePersister(modelStore, settings.ModelStoreTTL())
			pipeline.WithStore(modelStore, forecast.StoreOptions{TTL: settings.ModelStoreTTL()})
		}
		selections := selection.New(engineSelect(model, min(settings.MaxEvaluationFits, selectionMaxFits)), selectionOpts)
		return &Datasource{
			settings:      settings,
			access:        access.NewGuard(settings, time.Now),
			model:         model,
			pipeline:      pipeline.WithSelections(selections),
			httpClient:    client,
			resourceCalls: make(chan struct{}, settings.MaxResourceCalls),
			querySlots:    make(chan struct{}, settings.MaxConcurrentQueries),
			selections:    selections,
			store:         modelStore,
			logger:        logger,
		}, nil
	}
}

// Background selection: one worker, so selections never take more than one core from queries, and at most
// selectionMaxFits fits per series (the engine's default), each run bounded by the service's timeout.
const (
	selectionWorkers = 1
	selectionMaxFits = 60
)

// Dispose cancels the instance's background fits and releases its idle connections and its model store (the disk
// store commits its queued writes); the cache goes with the instance.
func (d *Datasource) Dispose() {
	d.pipeline.Close()
	if d.selections != nil {
		d.selections.Close()
	}
	if d.store != nil {
		_ = d.store.Close()
	}
	d.httpClient.CloseIdleConnections()
}

// Pipeline is the instance's query pipeline (benchmarks wait for its background fits).
func (d *Datasource) Pipeline() *forecast.Pipeline {
	return d.pipeline
}

// CacheStats reports the fit cache of this instance (benchmarks and diagnostics).
func (d *Datasource) CacheStats() forecast.CacheStats {
	return d.pipeline.Cache().Stats()
}
