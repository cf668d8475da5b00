// Command backend measures the Foresight datasource on its real path: QueryData on the embedded model engine,
// reading a Prometheus-compatible API (an in-process fake that generates the history, so the numbers measure
// Foresight rather than a Prometheus server).
//
//	go run ./bench/backend                      # 1,000 alert series + the 10-series dashboard
//	go run ./bench/backend -out bench/results/backend.md
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"

	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/plugin"
)

var timeoutSeconds *int

// end is midday, so a short alert range lies inside one daily refit piece.
var end = time.Date(2025, 10, 20, 12, 0, 0, 0, time.UTC)

func main() {
	alertSeries := flag.Int("series", 1000, "series in the alert-mode query")
	dashboardSeries := flag.Int("dashboard-series", 10, "series in the dashboard query")
	out := flag.String("out", "", "also write the report (markdown) to this file")
	timeoutSeconds = flag.Int("timeout", 600, "queryTimeoutSeconds of the benchmark datasource (the setting's cap)")
	flag.Parse()

	server := httptest.NewServer(http.HandlerFunc(serveQueryRange))
	defer server.Close()

	var report strings.Builder
	fmt.Fprintf(&report, "# Backend datasource benchmark\n\n")
	fmt.Fprintf(&report, "`go run ./bench/backend` on %d cores (GOMAXPROCS %d), %s. QueryData through the embedded model engine; the\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintf(&report, "source is an in-process Prometheus-compatible fake serving 5-minute history (JSON encoded, parsed as from a real server).\n\n")
	fmt.Fprintf(&report, "| case | series | cold | cached | target |\n|---|---|---|---|---|\n")

	alert := runCase(server.URL, "alert", *alertSeries, 10*time.Minute, plugin.NewDatasource)
	fmt.Fprintf(&report, "| alert mode, last 10 min, 28 days of training | %d | %s | %s | ≤ 10 s cold, ≤ 1 s cached |\n",
		*alertSeries, seconds(alert.cold), seconds(alert.warm))
	dashboard := runCase(server.URL, "full", *dashboardSeries, 14*24*time.Hour, plugin.NewDatasource)
	fmt.Fprintf(&report, "| full mode, two weeks shown, 28 days of training | %d | %s | %s | ≤ 2 s cold |\n\n",
		*dashboardSeries, seconds(dashboard.cold), seconds(dashboard.warm))

	// The same queries with a constant-time stand-in model: what the pipeline itself costs (reading and parsing
	// the history, planning, caching, judging and building frames).
	standIn := plugin.NewDatasourceFactory(plugin.Deps{Model: func() (plugin.Model, error) { return standInModel{&forecasttest.Fake{}}, nil }})
	alertOverhead := runCase(server.URL, "alert", *alertSeries, 10*time.Minute, standIn)
	dashboardOverhead := runCase(server.URL, "full", *dashboardSeries, 14*24*time.Hour, standIn)
	fmt.Fprintf(&report, "Pipeline alone (a constant-time stand-in model instead of the engine): alert mode %s cold, %s cached; "+
		"dashboard %s cold, %s cached.\n\n", seconds(alertOverhead.cold), seconds(alertOverhead.warm),
		seconds(dashboardOverhead.cold), seconds(dashboardOverhead.warm))

	for _, c := range []caseResult{alert, dashboard} {
		fmt.Fprintf(&report, "- %s: %d fits cached, %.1f KiB per cached fit (serialized model + key), %d notices, %d frames; "+
			"heap after the cold run %.0f MiB.\n",
			c.name, c.entries, float64(c.cacheBytes)/float64(max(c.entries, 1))/1024, c.notices, c.frames, float64(c.heapBytes)/(1<<20))
	}
	fmt.Fprintf(&report, "\nCold = empty fit cache: the query reads the range, then the whole history, and fits every refit piece "+
		"(alert: one piece per series; dashboard: one per UTC day shown). Cached = the same query again: only the range is read "+
		"and every piece's fit comes from the cache.\n")
	fmt.Print(report.String())
	if *out != "" {
		if err := os.WriteFile(*out, []byte(report.String()), 0o644); err != nil { //nolint:gosec
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

type caseResult struct {
	name                  string
	cold, warm            time.Duration
	entries               int
	cacheBytes, heapBytes int64
	notices, frames       int
}

type factory func(context.Context, backend.DataSourceInstanceSettings) (instancemgmt.Instance, error)

// standInModel is the test fake as a model engine; it has no demo series.
type standInModel struct{ *forecasttest.Fake }

func (standInModel) Demo(context.Context, string, float64, float64, float64, int64) ([]float64, []float64, error) {
	return nil, nil, fmt.Errorf("no demo in the stand-in model")
}

func runCase(url, mode string, series int, span time.Duration, newDatasource factory) caseResult {
	ctx := context.Background()
	settings := fmt.Sprintf(`{"defaultSource":"prometheus","prometheusUrl":%q,"maxSeries":%d,"queryTimeoutSeconds":%d,"cacheMegabytes":1024}`, url, series, *timeoutSeconds)
	inst, err := newDatasource(ctx, backend.DataSourceInstanceSettings{UID: "bench-" + mode, JSONData: []byte(settings)})
	if err != nil {
		fail(err)
	}
	d := inst.(*plugin.Datasource)
	defer d.Dispose()
	query := backend.DataQuery{
		RefID: "A", Interval: 5 * time.Minute, MaxDataPoints: 5000,
		JSON:      []byte(fmt.Sprintf(`{"expr":"bench_metric{count=\"%d\"}","mode":%q,"trainingDays":28,"params":{"interval_width":0.995}}`, series, mode)),
		TimeRange: backend.TimeRange{From: end.Add(-span), To: end},
	}
	run := func() (time.Duration, *backend.QueryDataResponse) {
		started := time.Now()
		res, err := d.QueryData(ctx, &backend.QueryDataRequest{Queries: []backend.DataQuery{query}})
		if err != nil {
			fail(err)
		}
		if r := res.Responses["A"]; r.Error != nil {
			fail(r.Error)
		}
		return time.Since(started), res
	}
	result := caseResult{name: mode + " mode"}
	var res *backend.QueryDataResponse
	result.cold, res = run()
	for _, frame := range res.Responses["A"].Frames {
		result.frames++
		if frame.Meta != nil {
			result.notices += len(frame.Meta.Notices)
		}
	}
	runtime.GC()
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	result.heapBytes = int64(mem.HeapAlloc)
	result.warm, _ = run()
	stats := d.CacheStats()
	result.entries, result.cacheBytes = stats.Entries, stats.Bytes
	fmt.Fprintf(os.Stderr, "%s: %d series, cold %v, cached %v, %d fits cached\n", mode, series, result.cold, result.warm, stats.Entries)
	return result
}

// serveQueryRange answers /api/v1/query_range for `bench_metric{count="N"}` with N series of 5-minute data: a
// daily cycle with noise, different per series, the same for the same time.
func serveQueryRange(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	query := r.Form.Get("query")
	count, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(query, `bench_metric{count="`), `"}`))
	if err != nil {
		http.Error(w, `{"status":"error","errorType":"bad_data","error":"unknown query"}`, http.StatusBadRequest)
		return
	}
	start, _ := strconv.ParseFloat(r.Form.Get("start"), 64)
	stop, _ := strconv.ParseFloat(r.Form.Get("end"), 64)
	step, _ := strconv.ParseFloat(r.Form.Get("step"), 64)
	buf := make([]byte, 0, 1<<20)
	buf = append(buf, `{"status":"success","data":{"resultType":"matrix","result":[`...)
	for i := 0; i < count; i++ {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, `{"metric":{"__name__":"bench_metric","instance":"host-`...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, `"},"values":[`...)
		level := 500 + float64(i%17)*100
		for t := math.Ceil(start/step) * step; t <= stop; t += step {
			if t > start {
				buf = append(buf, ',')
			}
			hour := math.Mod(t/3600, 24)
			v := level*(1+0.3*math.Sin(2*math.Pi*hour/24)) + noise(i, t)*level*0.02
			buf = append(buf, '[')
			buf = strconv.AppendFloat(buf, t, 'f', -1, 64)
			buf = append(buf, `,"`...)
			buf = strconv.AppendFloat(buf, v, 'f', 3, 64)
			buf = append(buf, `"]`...)
		}
		buf = append(buf, "]}"...)
	}
	buf = append(buf, "]}}"...)
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(buf)
}

// noise is a deterministic, roughly standard normal value for a series and time (splitmix64 of both, then
// Box-Muller), cheap enough that the fake server does not dominate the measurement.
func noise(series int, t float64) float64 {
	u := splitmix(uint64(series)<<40 ^ uint64(t))
	a := float64(u>>11)/float64(1<<53) + 1e-12
	b := float64(u&0x7ff) / 2048
	return math.Sqrt(-2*math.Log(a)) * math.Cos(2*math.Pi*b)
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + " s"
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
