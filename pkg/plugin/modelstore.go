package plugin

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/foresight-anomaly/foresight/pkg/engine"
	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/store"
)

// storeCooldown is how long queries skip a store that failed before trying it again: a Redis that went away
// costs one query its timeout, not every series of every query.
const storeCooldown = 30 * time.Second

// openModelStore opens the store the settings name (nil for memory), in the version envelope of the embedded
// model bundle and behind the outage guard. A store that cannot be opened fails every call, so queries fall back
// to memory and say why; the instance is still made.
func openModelStore(settings models.Settings, orgNamespace string, logger log.Logger) *store.Guarded {
	opts := store.Options{MaxBytes: settings.ModelStoreBytes(), DefaultTTL: settings.ModelStoreTTL()}
	var backend store.Store
	switch settings.ModelStore {
	case models.StoreMemory:
		return nil
	case models.StoreRedis:
		backend = store.NewRedis(store.RedisOptions{
			Options: opts, Address: settings.RedisAddress, Password: settings.RedisPassword, DB: settings.RedisDB,
			Prefix: "foresight:" + storeNamespace(settings, orgNamespace) + ":",
		})
	default:
		dir := settings.ModelStoreDir
		if dir == "" {
			dir = defaultStoreDir()
		}
		disk, err := store.OpenDisk(store.DiskOptions{Options: opts, Dir: dir, Namespace: storeNamespace(settings, orgNamespace)})
		if err != nil {
			backend = store.Broken(models.StoreDisk, err)
		} else {
			backend = disk
		}
	}
	secrets := settings.Secrets()
	return store.Guard(store.Versioned(backend, engine.BundleID()), storeCooldown, func(err error) {
		logger.Warn("foresight: model store unavailable; fits are kept in memory until it is back",
			"store", settings.ModelStore, "error", secrets.Scrub(err.Error()))
	})
}

// storeNamespace names a datasource's part of a store: its organisation (Grafana's namespace: "default",
// "org-2", ...), its UID (unique only within one
// organisation) and a digest of the settings and credentials that decide what data its queries read (fit keys
// name the query, not the source behind it). Pointing the datasource at another Prometheus, or giving it another
// token (another tenant), starts afresh instead of serving fits of other data; replicas of one datasource have the
// same settings and share the namespace.
func storeNamespace(settings models.Settings, orgNamespace string) string {
	sum := sha256.New()
	for _, part := range []string{settings.DefaultSource, settings.PrometheusURL, settings.PrometheusAuth, settings.PrometheusUser,
		settings.GrafanaURL, settings.PrometheusPassword, settings.PrometheusBearerToken, settings.ServiceAccountToken} {
		sum.Write([]byte(part))
		sum.Write([]byte{0})
	}
	return orgNamespace + ":" + settings.DatasourceUID + ":" + hex.EncodeToString(sum.Sum(nil)[:6])
}

// defaultStoreDir is where the disk store lives when modelStoreDir is empty: beside Grafana's own data when the
// plugin sees GF_PATHS_DATA, else in the user's cache directory.
func defaultStoreDir() string {
	if data := os.Getenv("GF_PATHS_DATA"); data != "" {
		return filepath.Join(data, "foresight")
	}
	if cache, err := os.UserCacheDir(); err == nil {
		return filepath.Join(cache, "foresight")
	}
	return filepath.Join(os.TempDir(), "foresight")
}

// storeFailures counts the store's failures so far (compare before and after a query).
func (d *Datasource) storeFailures() int64 {
	if d.store == nil {
		return 0
	}
	return d.store.Failures()
}

// storeNotice says, when the store failed since the count before or is still down, that the query fell back
// to memory.
func (d *Datasource) storeNotice(before int64) string {
	if d.store == nil || (d.store.Failures() == before && !d.store.Down()) {
		return ""
	}
	return d.store.LastError().Error() + "; using memory: fits made meanwhile are kept by this process only"
}

// storeHealth is the health check's sentence about the model store.
func (d *Datasource) storeHealth(ctx context.Context) string {
	if d.store == nil {
		return "Fitted models are kept in memory only (modelStore: memory)."
	}
	if err := d.store.Probe(ctx); err != nil {
		return "Warning: " + err.Error() + "; queries use memory meanwhile."
	}
	return "Fitted models are kept in the " + d.settings.ModelStore + " store."
}

// StoreStats reports the model store of this instance (benchmarks and diagnostics); memory mode reports the
// kind alone. A Redis store scans its keys to count them.
func (d *Datasource) StoreStats(ctx context.Context) (store.Stats, error) {
	if d.store == nil {
		return store.Stats{Kind: models.StoreMemory}, nil
	}
	return d.store.Stats(ctx)
}
