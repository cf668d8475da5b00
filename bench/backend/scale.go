package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/foresight-anomaly/foresight/bench/internal/machine"
	"github.com/foresight-anomaly/foresight/bench/internal/stats"
	"github.com/foresight-anomaly/foresight/pkg/plugin"
)

// The scale mode (-scale): one alert query over -series series of 4 weeks of 5-minute history, as Grafana
// evaluates it: each evaluation under the alert evaluation timeout (-deadline, Grafana's 30 s default), the
// next one 5 minutes later with one new point per series. Each Foresight process is a child process of its own,
// so its peak resident memory (VmHWM) is its own and a restart is a real one:
//
//	fresh:   cold (empty store) → the background fits finish → -steady evaluations, each one point later
//	restart: a new process on the store the first one filled → its first evaluation → one more
//
// The parent serves the fake Prometheus and primes every answer the children ask for, untimed.
type scaleConfig struct {
	series   int
	deadline time.Duration
	steady   int
	storeDir string
	profile  string // CPU profile of the fresh process's steady evaluations
	// restartProfile is a CPU profile of the restarted process's first evaluation.
	restartProfile string
	// coldProfile is a CPU profile of the fresh process's first (cold) evaluation.
	coldProfile string
	// coldJSProfile samples the model's JavaScript functions during the cold evaluation (sobek's profiler).
	coldJSProfile string
	out           string
}

// childReport is what a child process prints (one JSON line on stdout).
type childReport struct {
	Role           string    `json:"role"`
	First          evalStats `json:"first"`
	BackgroundS    float64   `json:"backgroundS"`    // from the first evaluation's start until every fit landed
	BackgroundCPUS float64   `json:"backgroundCPUS"` // the process's CPU time over the same span
	Steady         []float64 `json:"steady"`
	SteadyCPU      []float64 `json:"steadyCPU"`
	VmHWMKiB       int64     `json:"vmhwmKiB"`
	RssAnonKiB     int64     `json:"rssAnonKiB"` // at the end: the process's own memory
	RssFileKiB     int64     `json:"rssFileKiB"` // at the end: file pages mapped in (mostly the disk store's bbolt map; the binary's too)
	HeapMiB        float64   `json:"heapMiB"`
	CachedFits     int       `json:"cachedFits"`
	BackgroundAt   int       `json:"backgroundAtFirst"` // background fits queued when the first evaluation answered
}

type evalStats struct {
	Seconds float64 `json:"seconds"`
	// CPUSeconds is the process's CPU time (user and system) during the evaluation, background work included:
	// on a shared machine it says more than the wall time.
	CPUSeconds float64 `json:"cpuSeconds"`
	Judged     int     `json:"judged"` // series whose latest point carries a value
	Frames     int     `json:"frames"`
}

// scaleEnds are the query ends: the cold one, the fresh process's steady ones, then the restart's two.
func scaleEnds(steady int) (cold time.Time, steadyEnds []time.Time, restart []time.Time) {
	for i := 1; i <= steady; i++ {
		steadyEnds = append(steadyEnds, end.Add(time.Duration(i)*5*time.Minute))
	}
	after := end.Add(time.Duration(steady+1) * 5 * time.Minute)
	return end, steadyEnds, []time.Time{after, after.Add(5 * time.Minute)}
}

func runScale(cfg scaleConfig, loadAtStart string) {
	prometheus, err := newFakePrometheus()
	if err != nil {
		fail(err)
	}
	cleanup = prometheus.Close
	defer prometheus.Close()
	server := startServer(prometheus)
	defer server.Close()
	if cfg.storeDir == "" {
		if cfg.storeDir, err = os.MkdirTemp("", "foresight-bench-store-"); err != nil {
			fail(err)
		}
		defer os.RemoveAll(cfg.storeDir) //nolint:errcheck
	}
	primeScale(server.URL, cfg)
	fmt.Fprintf(os.Stderr, "scale: answers primed (load %s)\n", machine.LoadAverage())

	fresh := runChild(server.URL, "fresh", cfg)
	storeBytes := dirBytes(cfg.storeDir)
	var restart *childReport
	if storeBytes > 0 {
		r := runChild(server.URL, "restart", cfg)
		restart = &r
	}

	var report strings.Builder
	writeScaleReport(&report, cfg, fresh, restart, storeBytes, loadAtStart)
	fmt.Print(report.String())
	if cfg.out != "" {
		if err := os.WriteFile(cfg.out, []byte(report.String()), 0o600); err != nil {
			fail(err)
		}
	}
}

// primeScale makes every source request of the children once on the stand-in model: the cold read (range and
// history) at the first end and at the restart's, and the range reads of every later evaluation.
func primeScale(url string, cfg scaleConfig) {
	cold, steadyEnds, restart := scaleEnds(cfg.steady)
	for _, group := range [][]time.Time{append([]time.Time{cold}, steadyEnds...), restart} {
		d := openDatasource(context.Background(), url, "alert", cfg.series, standIn, memoryStore)
		for _, at := range group {
			if _, err := evaluate(d, cfg.series, at, 0); err != nil {
				fail(err)
			}
		}
		d.Dispose()
	}
}

// runChild runs one Foresight process (this binary with -scale-child) and reads its report.
func runChild(url, role string, cfg scaleConfig) childReport {
	exe, err := os.Executable()
	if err != nil {
		fail(err)
	}
	args := []string{"-scale-child", role, "-prometheus-url", url, "-series", strconv.Itoa(cfg.series),
		"-store-dir", cfg.storeDir, "-deadline", cfg.deadline.String(), "-steady", strconv.Itoa(cfg.steady),
		"-params", *modelParams, "-timeout", strconv.Itoa(*timeoutSeconds)}
	if role == "fresh" && cfg.profile != "" {
		args = append(args, "-cpuprofile", cfg.profile)
	}
	if role == "restart" && cfg.restartProfile != "" {
		args = append(args, "-restart-cpuprofile", cfg.restartProfile)
	}
	if role == "fresh" && cfg.coldProfile != "" {
		args = append(args, "-cold-cpuprofile", cfg.coldProfile)
	}
	if role == "fresh" && cfg.coldJSProfile != "" {
		args = append(args, "-cold-jsprofile", cfg.coldJSProfile)
	}
	cmd := exec.Command(exe, args...) //nolint:gosec // this benchmark's own binary
	cmd.Stderr = os.Stderr
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		fail(fmt.Errorf("%s process: %w", role, err))
	}
	var r childReport
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		fail(fmt.Errorf("%s process printed %q: %w", role, stdout.String(), err))
	}
	return r
}

// runScaleChild is one Foresight process: a datasource on the engine with the disk model store, evaluating the
// alert query as its role says; it prints its report as JSON. It takes the plugin process's memory limit.
func runScaleChild(role, url string, cfg scaleConfig) {
	plugin.ApplyMemoryLimit()
	cold, steadyEnds, restart := scaleEnds(cfg.steady)
	d := openDatasource(context.Background(), url, "alert", cfg.series, plugin.NewDatasource, storeSettings(cfg.storeDir))
	defer d.Dispose()
	r := childReport{Role: role}
	first, later := cold, steadyEnds
	if role == "restart" {
		first, later = restart[0], restart[1:]
	}
	stopFirstProfile := func() {}
	if firstProfile := map[string]string{"fresh": cfg.coldProfile, "restart": cfg.restartProfile}[role]; firstProfile != "" {
		var err error
		if stopFirstProfile, err = startCPUProfile(firstProfile); err != nil {
			fail(err)
		}
	}
	stopJSProfile := func() {}
	if role == "fresh" && cfg.coldJSProfile != "" {
		var err error
		if stopJSProfile, err = startJSProfile(cfg.coldJSProfile); err != nil {
			fail(err)
		}
	}
	started, startedCPU := time.Now(), processCPU()
	var err error
	if r.First, err = evaluate(d, cfg.series, first, cfg.deadline); err != nil {
		fail(err)
	}
	stopFirstProfile()
	stopJSProfile()
	r.BackgroundAt = d.Pipeline().BackgroundFits()
	if err := d.Pipeline().WaitBackground(context.Background()); err != nil {
		fail(err)
	}
	r.BackgroundS = time.Since(started).Seconds()
	r.BackgroundCPUS = (processCPU() - startedCPU).Seconds()
	var mem runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&mem)
	r.HeapMiB = float64(mem.HeapAlloc) / (1 << 20)
	if cfg.profile != "" {
		stop, err := startCPUProfile(cfg.profile)
		if err != nil {
			fail(err)
		}
		defer stop()
	}
	for _, at := range later {
		stats, err := evaluate(d, cfg.series, at, cfg.deadline)
		if err != nil {
			fail(err)
		}
		if stats.Judged != cfg.series {
			fail(fmt.Errorf("steady evaluation at %v judged %d of %d series", at, stats.Judged, cfg.series))
		}
		r.Steady = append(r.Steady, stats.Seconds)
		r.SteadyCPU = append(r.SteadyCPU, stats.CPUSeconds)
	}
	r.CachedFits = d.CacheStats().Entries
	r.VmHWMKiB = statusKiB("VmHWM")
	r.RssAnonKiB, r.RssFileKiB = statusKiB("RssAnon"), statusKiB("RssFile")
	if err := json.NewEncoder(os.Stdout).Encode(r); err != nil {
		fail(err)
	}
}

// storeSettings are the datasource settings of the on-disk model store in dir.
func storeSettings(dir string) string {
	return fmt.Sprintf(`,"modelStore":"disk","modelStoreDir":%q`, dir)
}

// evaluate runs the alert query ending at `at` (within deadline when not zero, as Grafana's alert evaluation
// passes its timeout) and counts the series judged at their latest point.
func evaluate(d *plugin.Datasource, series int, at time.Time, deadline time.Duration) (evalStats, error) {
	ctx := context.Background()
	if deadline > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, deadline)
		defer cancel()
	}
	started, startedCPU := time.Now(), processCPU()
	res, err := d.QueryData(ctx, &backend.QueryDataRequest{Queries: []backend.DataQuery{benchQueryAt("alert", series, alertSpan, at)}})
	took, cpu := time.Since(started), processCPU()-startedCPU
	if err != nil {
		return evalStats{}, err
	}
	answer := res.Responses["A"]
	if answer.Error != nil {
		return evalStats{}, answer.Error
	}
	stats := evalStats{Seconds: took.Seconds(), CPUSeconds: cpu.Seconds(), Frames: len(answer.Frames)}
	for _, frame := range answer.Frames {
		if latestJudged(frame) {
			stats.Judged++
		}
	}
	return stats, nil
}

// latestJudged says whether the alert field of a frame has a value at its latest point.
func latestJudged(frame *data.Frame) bool {
	for _, field := range frame.Fields {
		if field.Type() == data.FieldTypeNullableFloat64 && field.Len() > 0 {
			latest, _ := field.At(field.Len() - 1).(*float64)
			return latest != nil
		}
	}
	return false
}

// statusKiB is a memory figure of this process's /proc/self/status (VmHWM: peak resident memory; RssAnon,
// RssFile: resident now), 0 when /proc is not there.
func statusKiB(field string) int64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kib, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kib
		}
	}
	return 0
}

// dirBytes is the size of the files under dir.
func dirBytes(dir string) int64 {
	var total int64
	_ = filepath.WalkDir(dir, func(_ string, entry fs.DirEntry, err error) error {
		if err == nil && !entry.IsDir() {
			if info, err := entry.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	return total
}

func writeScaleReport(report *strings.Builder, cfg scaleConfig, fresh childReport, restart *childReport, storeBytes int64, loadAtStart string) {
	steady := stats.Median(fresh.Steady)
	fmt.Fprintf(report, "# Backend scale benchmark: %d series\n\n", cfg.series)
	fmt.Fprintf(report, "`go run ./bench/backend -scale -series %d` on %d cores, %s: one alert query (last 10 min, 28 days of 5-minute "+
		"training, params %s) evaluated as Grafana does, each evaluation within %v; every Foresight process is a child process "+
		"of its own (peak memory is its VmHWM).\n\n", cfg.series, runtime.NumCPU(), time.Now().UTC().Format("2006-01-02"), *modelParams, cfg.deadline)
	fmt.Fprintf(report, "| case | time | process CPU | judged | note |\n|---|---|---|---|---|\n")
	fmt.Fprintf(report, "| cold (empty store) | %.2f s | %.2f s | %d of %d | then %d background jobs (the fits left, and the expectations of the series judged); all done %.1f s after the query started (CPU %.1f s) |\n",
		fresh.First.Seconds, fresh.First.CPUSeconds, fresh.First.Judged, cfg.series, fresh.BackgroundAt, fresh.BackgroundS, fresh.BackgroundCPUS)
	restartS := "skipped"
	if restart != nil {
		restartS = fmt.Sprintf("%.2f", restart.First.Seconds)
		fmt.Fprintf(report, "| after restart (new process, filled store) | %.2f s | %.2f s | %d of %d | then %.2f s (CPU %s) one point later; its background work done %.1f s after the first query started (CPU %.1f s) |\n",
			restart.First.Seconds, restart.First.CPUSeconds, restart.First.Judged, cfg.series, stats.Median(restart.Steady),
			secondsList(restart.SteadyCPU), restart.BackgroundS, restart.BackgroundCPUS)
	} else {
		fmt.Fprintf(report, "| after restart | skipped | – | – | the disk model store (settings modelStore \"disk\", modelStoreDir) wrote nothing: not in this build |\n")
	}
	fmt.Fprintf(report, "| steady state (one new point per series) | %.2f s | %s | %d of %d | median of %s |\n\n",
		steady, secondsList(fresh.SteadyCPU), cfg.series, cfg.series, secondsList(fresh.Steady))
	peak := fresh.VmHWMKiB
	if restart != nil {
		peak = max(peak, restart.VmHWMKiB)
	}
	fmt.Fprintf(report, "Peak resident memory: %.0f MiB fresh process", float64(fresh.VmHWMKiB)/1024)
	if restart != nil {
		fmt.Fprintf(report, ", %.0f MiB restarted process", float64(restart.VmHWMKiB)/1024)
	}
	fmt.Fprintf(report, "; Go heap after the cold evaluation and its background fits %.0f MiB; %d fits cached; store on disk %.1f MiB.",
		fresh.HeapMiB, fresh.CachedFits, float64(storeBytes)/(1<<20))
	fmt.Fprintf(report, " Resident at the end: %.0f MiB anonymous and %.0f MiB of mapped files (mostly the store's memory map, which the kernel may drop) fresh",
		float64(fresh.RssAnonKiB)/1024, float64(fresh.RssFileKiB)/1024)
	if restart != nil {
		fmt.Fprintf(report, ", %.0f and %.0f MiB restarted", float64(restart.RssAnonKiB)/1024, float64(restart.RssFileKiB)/1024)
	}
	fmt.Fprintf(report, ".\n\n")
	fmt.Fprintf(report, "Machine: %s (shared with other work).\n\n", machine.Line(loadAtStart))
	fmt.Fprintf(report, "series=%d cold_s=%.2f restart_s=%s steady_s=%.2f peak_rss_mib=%.0f\n",
		cfg.series, fresh.First.Seconds, restartS, steady, float64(peak)/1024)
}

func secondsList(values []float64) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strings.Join(parts, ", ") + " s"
}
