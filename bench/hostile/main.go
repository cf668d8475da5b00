// Command hostile measures what the backend's guards bound (issue 9, item 1), on the real engine and the demo
// source: the wall time and peak memory growth of the hostile query (15 custom seasonalities of Fourier
// order 100, 843 bytes, on a datasource whose queries have 2 s) and of the widest queries the limits still allow
// (the decomposition's and the neural family's), and the latency of an alert query on another datasource, idle and
// while four resource calls (tuning) run.
//
//	go run ./bench/hostile [-out bench/results/hostile.md]
//
// It uses only the plugin's public API, so the same file measures an older commit too.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/bench/internal/machine"
	"github.com/foresight-anomaly/foresight/pkg/plugin"
)

// end is midday, so the alert rule's last ten minutes lie inside one daily refit piece.
var end = time.Date(2025, 10, 20, 12, 0, 0, 0, time.UTC)

var instances atomic.Int64

func main() {
	out := flag.String("out", "", "also write the report (markdown) to this file")
	label := flag.String("label", "", "what is measured (e.g. the commit), for the report's title")
	rounds := flag.Int("rounds", 15, "alert queries per measurement")
	flag.Parse()
	loadAtStart := machine.LoadAverage()
	var report strings.Builder
	fmt.Fprintf(&report, "# Hostile query and resource calls %s\n\n", *label)

	// Warm the engine (compiled bundle, runtimes) so memory growth is the query's own.
	alerts := open(`{}`)
	if _, err := query(alerts, alertQuery()); err != nil {
		fail(err)
	}

	fmt.Fprintf(&report, "| query (demo source, two days shown; datasource queryTimeoutSeconds 2 unless said) | query bytes | wall | peak RSS growth | answer |\n|---|---|---|---|---|\n")
	// The widest model the model's limits allow: 27 trend, 34 built-in seasonal and 138 custom columns, 199 in all.
	widest := `{"yearly_seasonality":10,` + strings.TrimPrefix(hostileParams(1, 69), "{")
	const largestNeural = `{"model":"neural","neural_hidden":128,"neural_steps":20000}`
	const defaults, raised = `{"queryTimeoutSeconds":2}`, `{"queryTimeoutSeconds":1,"maxPointsPerSeries":200000,"maxTrainingDays":366}`
	for _, c := range []struct {
		name, params string
		trainingDays int
		settings     string
	}{
		{"the issue's: 15 seasonalities of order 100, 28 training days", hostileParams(15, 100), 28, defaults},
		{"the widest model (199 columns), 56 training days (maxTrainingDays)", widest, 56, defaults},
		{"the widest model (199 columns), 17 training days", widest, 17, defaults},
		{"Prophet's default width (61 columns), 56 training days", `{}`, 56, defaults},
		{"the widest model, 200 training days, where an admin raised maxPointsPerSeries to 200,000 (queryTimeoutSeconds 1)", widest, 200, raised},
		{"the largest neural network (128 units, 20,000 steps), 28 training days", largestNeural, 28, defaults},
		{"the neural family's defaults, 28 training days (the datasource's default queryTimeoutSeconds)", `{"model":"neural"}`, 28, `{}`},
	} {
		q := backend.DataQuery{
			RefID: "A", Interval: 5 * time.Minute, MaxDataPoints: 1000,
			JSON:      []byte(fmt.Sprintf(`{"trainingDays":%d,"params":%s}`, c.trainingDays, c.params)),
			TimeRange: backend.TimeRange{From: end.Add(-2 * 24 * time.Hour), To: end},
		}
		ds := open(c.settings)
		wall, growth, answer := measured(ds, q)
		// A query past its bound leaves fits in the background; they must not run beside the next measurements.
		ds.Dispose()
		fmt.Fprintf(&report, "| %s | %d | %s | %.0f MiB | %s |\n", c.name, len(q.JSON), seconds(wall), float64(growth)/(1<<20), answer)
	}

	idleCached, idleCold := alertLatencies(alerts, *rounds, nil)
	resources := open(`{"maxResourceCalls":4}`)
	var running atomic.Int64
	var statuses []string
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 4 {
		running.Add(1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer running.Add(-1)
			started := time.Now()
			status := tune(resources)
			mu.Lock()
			statuses = append(statuses, fmt.Sprintf("%d in %s", status, seconds(time.Since(started))))
			mu.Unlock()
		}()
	}
	time.Sleep(time.Second) // a head start, so the four calls hold what they can get of the engine
	busyCached, busyCold := alertLatencies(alerts, *rounds, &running)
	wg.Wait()

	fmt.Fprintf(&report, "\nAlert query (another datasource, one demo series, mode alert, last 10 min, 28 training days): median and max "+
		"(count) of those run idle and of those started while four tuning calls ran (a second after they started):\n\n")
	fmt.Fprintf(&report, "| alert query | idle | while 4 tuning calls run | ratio of medians |\n|---|---|---|---|\n")
	for _, row := range []struct {
		name       string
		idle, busy []time.Duration
	}{{"cached fit", idleCached, busyCached}, {"cold (a fit per query)", idleCold, busyCold}} {
		ratio := "–"
		if len(row.busy) > 0 {
			ratio = fmt.Sprintf("%.1f×", float64(median(row.busy))/float64(median(row.idle)))
		}
		fmt.Fprintf(&report, "| %s | %s | %s | %s |\n", row.name, spread(row.idle), spread(row.busy), ratio)
	}
	fmt.Fprintf(&report, "\nThe four tuning calls (4 combinations × 50 cutoffs, 30 days of history; datasource maxResourceCalls 4) answered %s.\n",
		strings.Join(statuses, ", "))
	fmt.Fprintf(&report, "\nPeak RSS growth: VmHWM after the query minus VmRSS before it (peak reset, heap collected), in one process whose engine is warm.\n")
	fmt.Fprintf(&report, "\nMachine: %s.\n", machine.Line(loadAtStart))
	fmt.Print(report.String())
	if *out != "" {
		if err := os.WriteFile(*out, []byte(report.String()), 0o600); err != nil {
			fail(err)
		}
	}
}

// hostileParams are count custom seasonalities of the given Fourier order.
func hostileParams(count, order int) string {
	list := make([]string, count)
	for i := range list {
		list[i] = fmt.Sprintf(`{"name":"s%d","period_days":%d,"fourier_order":%d}`, i, i+2, order)
	}
	return `{"seasonalities":[` + strings.Join(list, ",") + `]}`
}

// open makes a datasource with these settings whose fits are kept in memory only (modelStore memory), so every
// run measures cold fits rather than models an earlier run left on disk.
func open(jsonData string) *plugin.Datasource {
	settings := `{"modelStore":"memory",` + strings.TrimPrefix(jsonData, "{")
	if jsonData == `{}` {
		settings = `{"modelStore":"memory"}`
	}
	inst, err := plugin.NewDatasource(context.Background(), backend.DataSourceInstanceSettings{
		UID: "bench-" + strconv.FormatInt(instances.Add(1), 10), JSONData: []byte(settings),
	})
	if err != nil {
		fail(err)
	}
	return inst.(*plugin.Datasource)
}

func alertQuery() backend.DataQuery {
	return backend.DataQuery{
		RefID: "A", Interval: 5 * time.Minute, MaxDataPoints: 100, JSON: []byte(`{"trainingDays":28,"mode":"alert"}`),
		TimeRange: backend.TimeRange{From: end.Add(-10 * time.Minute), To: end},
	}
}

// query runs one query and says what it answered: its error, or its frames and notices.
func query(d *plugin.Datasource, q backend.DataQuery) (string, error) {
	res, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
	if err != nil {
		return "", err
	}
	r := res.Responses["A"]
	if r.Error != nil {
		return "error: " + r.Error.Error(), nil
	}
	notices := 0
	for _, f := range r.Frames {
		if f.Meta != nil {
			notices += len(f.Meta.Notices)
		}
	}
	return fmt.Sprintf("%d frames, %d notices", len(r.Frames), notices), nil
}

// measured runs a query and returns its wall time, its peak resident memory growth and its answer.
func measured(d *plugin.Datasource, q backend.DataQuery) (time.Duration, int64, string) {
	runtime.GC()
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0o600) // resets VmHWM to the current RSS
	before := procStatus("VmRSS")
	started := time.Now()
	answer, err := query(d, q)
	wall := time.Since(started)
	if err != nil {
		fail(err)
	}
	if len(answer) > 90 {
		answer = answer[:90] + "…"
	}
	return wall, procStatus("VmHWM") - before, strings.ReplaceAll(answer, "|", "/")
}

// procStatus reads a memory line of /proc/self/status, in bytes.
func procStatus(name string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close() //nolint:errcheck
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		if key, value, ok := strings.Cut(scanner.Text(), ":"); ok && key == name {
			kib, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
			return kib << 10
		}
	}
	return 0
}

// alertLatencies times rounds cached alert queries and rounds cold ones (each on a fresh datasource, so it
// fits), alternately; with busy, only those that start while busy is above zero.
func alertLatencies(cachedOn *plugin.Datasource, rounds int, busy *atomic.Int64) (cached, cold []time.Duration) {
	for range rounds {
		for _, d := range []*plugin.Datasource{cachedOn, open(`{}`)} {
			if busy != nil && busy.Load() == 0 {
				return cached, cold
			}
			started := time.Now()
			if answer, err := query(d, alertQuery()); err != nil || !strings.HasSuffix(answer, "0 notices") {
				fail(fmt.Errorf("alert query: %s %v", answer, err))
			}
			if d == cachedOn {
				cached = append(cached, time.Since(started))
			} else {
				cold = append(cold, time.Since(started))
			}
		}
	}
	return cached, cold
}

// tune runs one tuning resource call on the demo source and returns its HTTP status.
func tune(d *plugin.Datasource) int {
	body := fmt.Sprintf(`{"query":{"trainingDays":28},"from":%d,"to":%d,"intervalMs":300000,"options":{"horizon":86400000,"period":43200000,"maxFits":200,`+
		`"grid":{"changepoint_prior_scale":[0.01,0.1],"seasonality_prior_scale":[1,10]}}}`,
		end.Add(-2*24*time.Hour).UnixMilli(), end.UnixMilli())
	var status int
	sender := backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error {
		status = r.Status
		return nil
	})
	if err := d.CallResource(context.Background(), &backend.CallResourceRequest{Path: "tune", Method: http.MethodPost, Body: []byte(body)}, sender); err != nil {
		fail(err)
	}
	return status
}

func median(values []time.Duration) time.Duration {
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	return sorted[len(sorted)/2]
}

func spread(values []time.Duration) string {
	if len(values) == 0 {
		return "none"
	}
	return fmt.Sprintf("%s (max %s, %d)", seconds(median(values)), seconds(slices.Max(values)), len(values))
}

func seconds(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.3f s", d.Seconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "hostile:", err)
	os.Exit(1)
}
