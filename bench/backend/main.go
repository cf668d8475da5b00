// Command backend measures the Foresight datasource on its real path: QueryData on the embedded model engine,
// reading a Prometheus-compatible API (an in-process fake that generates the history, so the numbers measure
// Foresight rather than a Prometheus server).
//
//	go run ./bench/backend                      # 1,000 alert series + the 10-series dashboard
//	go run ./bench/backend -out bench/results/backend.md
//	go run ./bench/backend -standin-only -cpuprofile cpu.out   # the pipeline alone, profiled
//	go run ./bench/backend -scale -series 10000 -out bench/results/backend-scale.md   # cold, restart, steady state
//	go run ./bench/backend -scale -series 10000 -cpuprofile steady.out   # profiles the steady evaluations only
//	go run ./bench/backend -scale -series 1000 -cold-cpuprofile cold.out   # profiles the cold evaluation only
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/grafana/sobek"

	"github.com/foresight-anomaly/foresight/bench/internal/machine"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/plugin"
)

var timeoutSeconds *int

// modelParams are the params every benchmark query sends (-params).
var modelParams *string

// end is midday, so a short alert range lies inside one daily refit piece.
var end = time.Date(2025, 10, 20, 12, 0, 0, 0, time.UTC)

// The ranges shown: the alert rule's last 10 minutes, the dashboard's two weeks.
const (
	alertSpan     = 10 * time.Minute
	dashboardSpan = 14 * 24 * time.Hour
)

func main() {
	alertSeries := flag.Int("series", 1000, "series in the alert-mode query")
	dashboardSeries := flag.Int("dashboard-series", 10, "series in the dashboard query")
	out := flag.String("out", "", "also write the report (markdown) to this file")
	timeoutSeconds = flag.Int("timeout", 600, "queryTimeoutSeconds of the benchmark datasource (the setting's cap)")
	loadAtStart := machine.LoadAverage()
	modelParams = flag.String("params", `{"interval_width":0.995}`, "the queries' model params (e.g. with \"model\":\"ensemble\")")
	standInOnly := flag.Bool("standin-only", false, "run only the stand-in model cases (the pipeline alone), not the slow engine ones")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the runs to this file (-scale: of the steady evaluations)")
	jsProfile := flag.String("jsprofile", "", "write a profile of the model's JavaScript functions during the runs to this file")
	scale := flag.Bool("scale", false, "run the scale cases instead (cold, after restart, steady state, peak memory) for -series series")
	deadline := flag.Duration("deadline", 30*time.Second, "-scale: each evaluation's time limit (Grafana's alert evaluation timeout)")
	steady := flag.Int("steady", 3, "-scale: steady-state evaluations, each 5 minutes after the last")
	storeDir := flag.String("store-dir", "", "-scale: the disk model store's directory (default: a temporary one)")
	child := flag.String("scale-child", "", "internal: run one Foresight process of -scale (fresh or restart)")
	prometheusURL := flag.String("prometheus-url", "", "internal: the parent's fake Prometheus, for -scale-child")
	restartProfile := flag.String("restart-cpuprofile", "", "-scale: write a CPU profile of the restarted process's first evaluation to this file")
	coldProfile := flag.String("cold-cpuprofile", "", "-scale: write a CPU profile of the fresh process's first (cold) evaluation to this file")
	coldJSProfile := flag.String("cold-jsprofile", "", "-scale: write a profile of the model's JavaScript functions during the cold evaluation to this file")
	flag.Parse()
	cfg := scaleConfig{series: *alertSeries, deadline: *deadline, steady: *steady, storeDir: *storeDir, profile: *cpuProfile,
		restartProfile: *restartProfile, coldProfile: *coldProfile, coldJSProfile: *coldJSProfile, out: *out}
	if *child != "" {
		runScaleChild(*child, *prometheusURL, cfg)
		return
	}
	if *scale {
		runScale(cfg, loadAtStart)
		return
	}

	prometheus, err := newFakePrometheus()
	if err != nil {
		fail(err)
	}
	cleanup = prometheus.Close
	defer prometheus.Close()
	server := startServer(prometheus)
	defer server.Close()
	prime(server.URL, "alert", *alertSeries, alertSpan)
	prime(server.URL, "full", *dashboardSeries, dashboardSpan)

	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fail(err)
		}
		defer stop()
	}
	if *jsProfile != "" {
		stop, err := startJSProfile(*jsProfile)
		if err != nil {
			fail(err)
		}
		defer stop()
	}

	var report strings.Builder
	var engineCases []caseResult
	if !*standInOnly {
		engineCases = writeEngineTable(&report, server.URL, *alertSeries, *dashboardSeries)
	}

	// The same queries with a constant-time stand-in model: what the pipeline itself costs (reading and parsing
	// the history, planning, caching, judging and building frames).
	alertOverhead := runCase(server.URL, "alert", *alertSeries, alertSpan, standIn)
	dashboardOverhead := runCase(server.URL, "full", *dashboardSeries, dashboardSpan, standIn)
	fmt.Fprintf(&report, "Pipeline alone (a constant-time stand-in model instead of the engine): alert mode %s cold, %s cached; "+
		"dashboard %s cold, %s cached.\n\n", seconds(alertOverhead.cold), seconds(alertOverhead.warm),
		seconds(dashboardOverhead.cold), seconds(dashboardOverhead.warm))
	for _, c := range engineCases {
		fmt.Fprintf(&report, "- %s: %d fits cached, %.1f KiB per cached fit (serialized model + key), %d notices, %d frames; "+
			"heap after the cold run %.0f MiB.\n",
			c.name, c.entries, float64(c.cacheBytes)/float64(max(c.entries, 1))/1024, c.notices, c.frames, float64(c.heapBytes)/(1<<20))
	}
	if !*standInOnly {
		fmt.Fprintf(&report, "\nCold = empty fit cache: the query reads the range, then the whole history, and fits every refit piece "+
			"(alert: one piece per series; dashboard: one per UTC day shown). Cached = the same query again: only the range is read "+
			"and every piece's fit comes from the cache. These cases keep fits in memory (`modelStore: memory`); `-scale` measures the disk store.\n")
	}
	fmt.Fprintf(&report, "\nMachine: %s.\n", machine.Line(loadAtStart))
	fmt.Print(report.String())
	if *out != "" {
		if err := os.WriteFile(*out, []byte(report.String()), 0o600); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

// writeEngineTable runs both queries on the embedded model engine and writes the report's header and table.
func writeEngineTable(report *strings.Builder, url string, alertSeries, dashboardSeries int) []caseResult {
	fmt.Fprintf(report, "# Backend datasource benchmark\n\n")
	fmt.Fprintf(report, "`go run ./bench/backend` on %d cores (GOMAXPROCS %d), %s. QueryData through the embedded model engine; the\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintf(report, "source is an in-process Prometheus-compatible fake serving 5-minute history: its JSON answers are encoded once, before the\n")
	fmt.Fprintf(report, "timed runs (a real Prometheus encodes on its own machine), and streamed from files; the plugin reads and parses them as from a real server.\n\n")
	fmt.Fprintf(report, "| case | series | cold | cached | target |\n|---|---|---|---|---|\n")

	alert := runCase(url, "alert", alertSeries, alertSpan, plugin.NewDatasource)
	fmt.Fprintf(report, "| alert mode, last 10 min, 28 days of training | %d | %s | %s | ≤ 10 s cold, ≤ 1 s cached |\n",
		alertSeries, seconds(alert.cold), seconds(alert.warm))
	dashboard := runCase(url, "full", dashboardSeries, dashboardSpan, plugin.NewDatasource)
	fmt.Fprintf(report, "| full mode, two weeks shown, 28 days of training | %d | %s | %s | ≤ 2 s cold |\n\n",
		dashboardSeries, seconds(dashboard.cold), seconds(dashboard.warm))
	return []caseResult{alert, dashboard}
}

// startCPUProfile profiles the process until the returned stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path) //nolint:gosec // a path the person running the bench chose
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}, nil
}

// startJSProfile samples the model engine's JavaScript call stacks (sobek's profiler) until stop is called:
// which model function a run spends its time in, where the CPU profile shows only the interpreter.
func startJSProfile(path string) (stop func(), err error) {
	f, err := os.Create(path) //nolint:gosec // a path the person running the bench chose
	if err != nil {
		return nil, err
	}
	if err := sobek.StartProfile(f); err != nil {
		_ = f.Close()
		return nil, err
	}
	return func() {
		sobek.StopProfile()
		_ = f.Close()
	}, nil
}

type caseResult struct {
	name            string
	cold, warm      time.Duration
	entries         int
	cacheBytes      int64
	heapBytes       uint64
	notices, frames int
}

type factory func(context.Context, backend.DataSourceInstanceSettings) (instancemgmt.Instance, error)

// standIn builds datasources on a constant-time stand-in model.
var standIn factory = plugin.NewDatasourceFactory(plugin.Deps{Model: func() (plugin.Model, error) { return standInModel{&forecasttest.Fake{}}, nil }})

// standInModel is the test fake as a model engine; it has no demo series.
type standInModel struct{ *forecasttest.Fake }

func (standInModel) Demo(context.Context, string, float64, float64, float64, int64) ([]float64, []float64, error) {
	return nil, nil, fmt.Errorf("no demo in the stand-in model")
}

func runCase(url, mode string, series int, span time.Duration, newDatasource factory) caseResult {
	ctx := context.Background()
	query := benchQuery(mode, series, span)
	d := openDatasource(ctx, url, mode, series, newDatasource, memoryStore)
	defer d.Dispose()
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
	cpuAtStart := processCPU()
	result.cold, res = run()
	coldCPU := processCPU() - cpuAtStart
	for _, frame := range res.Responses["A"].Frames {
		result.frames++
		if frame.Meta != nil {
			result.notices += len(frame.Meta.Notices)
		}
	}
	runtime.GC()
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	result.heapBytes = mem.HeapAlloc
	cpuAtStart = processCPU()
	result.warm, _ = run()
	warmCPU := processCPU() - cpuAtStart
	// Untimed: the background work the runs queued (expectations) ends before the next case, rather than being
	// cancelled mid-call by Dispose, which costs the next case fresh model runtimes.
	if err := d.Pipeline().WaitBackground(ctx); err != nil {
		fail(err)
	}
	stats := d.CacheStats()
	result.entries, result.cacheBytes = stats.Entries, stats.Bytes
	fmt.Fprintf(os.Stderr, "%s: %d series, cold %v (CPU %v), cached %v (CPU %v), %d fits cached\n", mode, series,
		result.cold, coldCPU.Round(time.Millisecond), result.warm, warmCPU.Round(time.Millisecond), stats.Entries)
	return result
}

// processCPU is the CPU time (user and system) the process has used so far: on a machine other work shares, the
// CPU a run took says more than its wall time (the fake Prometheus answering from files takes a little of it).
func processCPU() time.Duration {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		return 0
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

// prime makes every source request of a case once, untimed (a cold run on the stand-in model), so the fake
// Prometheus has its answers encoded before the timed runs.
func prime(url, mode string, series int, span time.Duration) {
	ctx := context.Background()
	d := openDatasource(ctx, url, mode, series, standIn, memoryStore)
	defer d.Dispose()
	res, err := d.QueryData(ctx, &backend.QueryDataRequest{Queries: []backend.DataQuery{benchQuery(mode, series, span)}})
	if err != nil {
		fail(err)
	}
	if r := res.Responses["A"]; r.Error != nil {
		fail(r.Error)
	}
}

func benchQuery(mode string, series int, span time.Duration) backend.DataQuery {
	return benchQueryAt(mode, series, span, end)
}

// benchQueryAt is the benchmark query over the span ending at `at`.
func benchQueryAt(mode string, series int, span time.Duration, at time.Time) backend.DataQuery {
	return backend.DataQuery{
		RefID: "A", Interval: 5 * time.Minute, MaxDataPoints: 5000,
		JSON:      []byte(fmt.Sprintf(`{"expr":"bench_metric{count=\"%d\"}","mode":%q,"trainingDays":28,"params":%s}`, series, mode, *modelParams)),
		TimeRange: backend.TimeRange{From: at.Add(-span), To: at},
	}
}

// memoryStore keeps a case's fits in its own process: the default on-disk store would carry them from one case
// (or run, or the stand-in model) to the next, and no case would start cold.
const memoryStore = `,"modelStore":"memory"`

// openDatasource opens a benchmark datasource; extraSettings (",\"key\":value...") go into its settings.
func openDatasource(ctx context.Context, url, mode string, series int, newDatasource factory, extraSettings string) *plugin.Datasource {
	settings := fmt.Sprintf(`{"defaultSource":"prometheus","prometheusUrl":%q,"maxSeries":%d,"queryTimeoutSeconds":%d,"cacheMegabytes":1024%s}`,
		url, series, *timeoutSeconds, extraSettings)
	inst, err := newDatasource(ctx, backend.DataSourceInstanceSettings{UID: "bench-" + mode, JSONData: []byte(settings)})
	if err != nil {
		fail(err)
	}
	return inst.(*plugin.Datasource)
}

// startServer serves the fake Prometheus on loopback.
func startServer(prometheus *fakePrometheus) *httptest.Server {
	return httptest.NewServer(prometheus)
}

// fakePrometheus answers /api/v1/query_range for `bench_metric{count="N"}` with N series of 5-minute data: a
// daily cycle with noise, different per series, the same for the same time. Each distinct request is encoded
// once into a file and streamed from it afterwards: a real Prometheus encodes on its own machine, so the timed
// runs must not spend the plugin's two cores on it, and the answers stay out of the Go heap (where hundreds of
// MiB would change the plugin's GC pacing and the heap figure). runCase primes the answers with an untimed run.
type fakePrometheus struct {
	dir     string
	mu      sync.Mutex
	answers map[string]string // request form → file
}

func newFakePrometheus() (*fakePrometheus, error) {
	dir, err := os.MkdirTemp("", "foresight-bench-")
	if err != nil {
		return nil, err
	}
	return &fakePrometheus{dir: dir, answers: map[string]string{}}, nil
}

// Close removes the encoded answers.
func (f *fakePrometheus) Close() { _ = os.RemoveAll(f.dir) }

func (f *fakePrometheus) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	path, err := f.answer(r.Form)
	if err != nil {
		http.Error(w, fmt.Sprintf(`{"status":"error","errorType":"bad_data","error":%q}`, err.Error()), http.StatusBadRequest)
		return
	}
	file, err := os.Open(path) //nolint:gosec // a file this fake wrote
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer file.Close() //nolint:errcheck
	info, err := file.Stat()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.FormatInt(info.Size(), 10))
	_, _ = io.Copy(w, file)
}

// answer returns the file holding the answer to a request, encoding it the first time.
func (f *fakePrometheus) answer(form url.Values) (string, error) {
	key := form.Encode()
	f.mu.Lock()
	defer f.mu.Unlock()
	if path, ok := f.answers[key]; ok {
		return path, nil
	}
	count, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(form.Get("query"), `bench_metric{count="`), `"}`))
	if err != nil {
		return "", fmt.Errorf("unknown query")
	}
	start, _ := strconv.ParseFloat(form.Get("start"), 64)
	stop, _ := strconv.ParseFloat(form.Get("end"), 64)
	step, _ := strconv.ParseFloat(form.Get("step"), 64)
	file, err := os.CreateTemp(f.dir, "answer-*.json")
	if err != nil {
		return "", err
	}
	out := bufio.NewWriterSize(file, 1<<20)
	writeMatrix(out, count, start, stop, step)
	if err := errors.Join(out.Flush(), file.Close()); err != nil {
		return "", err
	}
	f.answers[key] = file.Name()
	return file.Name(), nil
}

// writeMatrix writes a query_range answer of count series over [start, stop] (seconds) at step.
func writeMatrix(out *bufio.Writer, count int, start, stop, step float64) {
	buf := make([]byte, 0, 1<<16)
	_, _ = out.WriteString(`{"status":"success","data":{"resultType":"matrix","result":[`)
	for i := range count {
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, `{"metric":{"__name__":"bench_metric","instance":"host-`...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, `"},"values":[`...)
		level := 500 + float64(i%17)*100
		for t := math.Ceil(start/step) * step; t <= stop; t += step {
			if buf[len(buf)-1] != '[' {
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
		_, _ = out.Write(buf)
	}
	_, _ = out.WriteString("]}}")
}

// noise is a deterministic, roughly standard normal value for a series and time (splitmix64 of both, then
// Box-Muller).
func noise(series int, t float64) float64 {
	u := splitmix(uint64(series)<<40 ^ uint64(t)) //nolint:gosec // hash input: only the bits matter, any wrap-around is fine
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

// cleanup, when set, runs before fail exits (deferred calls do not).
var cleanup func()

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	if cleanup != nil {
		cleanup()
	}
	os.Exit(1)
}
