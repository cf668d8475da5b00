// Command selection measures what automatic selection costs in the backend: the engine's `select` call (the one
// the datasource's background selection worker makes, pkg/plugin/selection.go) on the analysis runtimes, for
// series of 5-minute data, CPU time per series and the share of a day's CPU that re-selecting 1,000 such series
// once a day takes.
//
//	go run ./bench/selection                          # 12 series of 28 days
//	go run ./bench/selection -series 24 -out bench/results/selection-cost.md
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/grafana/sobek"

	"github.com/foresight-anomaly/foresight/bench/internal/machine"
	"github.com/foresight-anomaly/foresight/bench/internal/stats"
	"github.com/foresight-anomaly/foresight/pkg/engine"
	"github.com/foresight-anomaly/foresight/pkg/selection"
)

// The fits one selection may make: the datasource's bound (pkg/plugin/datasource.go, selectionMaxFits).
const defaultMaxFits = 60

const stepMs = 5 * 60 * 1000

func main() {
	series := flag.Int("series", 12, "series to select for (each measured once, after one warm-up call)")
	days := flag.Int("days", 28, "days of history per series")
	maxFits := flag.Int("max-fits", defaultMaxFits, "fits per selection (the datasource's bound)")
	out := flag.String("out", "", "also write the report (markdown) to this file")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the measured calls to this file")
	jsProfile := flag.String("jsprofile", "", "write sobek's profile of the measured calls' JavaScript to this file")
	flag.Parse()
	if *series < 1 || *days < 1 {
		fail(fmt.Errorf("-series and -days must be at least 1"))
	}
	loadAtStart := machine.LoadAverage()

	// One runtime for analyses, as a datasource's selection worker uses one at a time.
	eng, err := engine.New(engine.Options{PoolSize: 1, AnalysisPoolSize: 1, Timeout: 10 * time.Minute})
	if err != nil {
		fail(err)
	}
	ctx := engine.ForAnalysis(context.Background())
	params := json.RawMessage(`{"model":"auto"}`)
	opts, err := json.Marshal(map[string]any{"maxFits": *maxFits})
	if err != nil {
		fail(err)
	}
	end := time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC)
	// call runs one selection and returns its CPU and wall time and the answer's winner and ranking.
	call := func(i int, ts, ys []float64, opts json.RawMessage) (cpu, wall time.Duration, answer selectAnswer) {
		cpuStart, wallStart := processCPU(), time.Now()
		raw, err := eng.Select(ctx, ts, ys, params, opts)
		cpu, wall = processCPU()-cpuStart, time.Since(wallStart)
		if err != nil {
			fail(fmt.Errorf("series %d: %w", i, err))
		}
		if err := json.Unmarshal(raw, &answer); err != nil {
			fail(err)
		}
		return cpu, wall, answer
	}
	// run ranks every candidate for series i, then re-evaluates the winner against the ranking's shortlist (its best
	// challengers), as the selection service does between weekly full rankings.
	run := func(i int) (full, short, wall time.Duration, winner string) {
		ts, ys := shape(i, *days, end)
		full, wall, answer := call(i, ts, ys, opts)
		reevaluation, err := json.Marshal(map[string]any{"maxFits": *maxFits, "incumbent": answer.Winner, "candidates": answer.shortlist()})
		if err != nil {
			fail(err)
		}
		short, _, _ = call(i, ts, ys, reevaluation)
		return full, short, wall, answer.Winner.Family
	}

	warmCPU, _, _, _ := run(-1)
	if *cpuProfile != "" {
		stop := startProfile(*cpuProfile, pprof.StartCPUProfile, pprof.StopCPUProfile)
		defer stop()
	}
	if *jsProfile != "" {
		stop := startProfile(*jsProfile, sobek.StartProfile, sobek.StopProfile)
		defer stop()
	}
	cpus := make([]float64, 0, *series)
	shorts := make([]float64, 0, *series)
	walls := make([]float64, 0, *series)
	winners := map[string]int{}
	for i := range *series {
		cpu, short, wall, winner := run(i)
		cpus = append(cpus, cpu.Seconds())
		shorts = append(shorts, short.Seconds())
		walls = append(walls, wall.Seconds())
		winners[winner]++
	}
	sorted := append([]float64(nil), cpus...)
	sort.Float64s(sorted)
	sortedShort := append([]float64(nil), shorts...)
	sort.Float64s(sortedShort)
	median := stats.Median(cpus)
	medianShort := stats.Median(shorts)
	perDay := median * 1000 / 60
	// The service's schedule: a full ranking every RankEvery, a re-evaluation every Interval in between.
	reevaluations := float64(selection.DefaultRankEvery/selection.DefaultInterval) - 1
	weekly := (median + reevaluations*medianShort) / (reevaluations + 1)

	var report strings.Builder
	fmt.Fprintf(&report, "# What automatic selection costs in the backend\n\n")
	fmt.Fprintf(&report, "`go run ./bench/selection -series %d -days %d -max-fits %d`: the engine's `select` on an analysis "+
		"runtime (sobek with the Go kernels, as the datasource's selection worker calls it), `{\"model\":\"auto\"}`, "+
		"%d series of %d days of 5-minute data (%d points each: daily cycles of varied shape, some with a weekly "+
		"one, noise), each selected once after one warm-up call (%.2f s CPU).\n\n",
		*series, *days, *maxFits, *series, *days, *days*288, warmCPU.Seconds())
	fmt.Fprintf(&report, "| measure | value |\n|---|---|\n")
	fmt.Fprintf(&report, "| CPU per full ranking, median (min-max) | %.2f s (%.2f-%.2f s) |\n", median, sorted[0], sorted[len(sorted)-1])
	fmt.Fprintf(&report, "| wall per full ranking, median | %.2f s |\n", stats.Median(walls))
	fmt.Fprintf(&report, "| CPU per re-evaluation against the shortlist, median (min-max) | %.2f s (%.2f-%.2f s) |\n",
		medianShort, sortedShort[0], sortedShort[len(sortedShort)-1])
	fmt.Fprintf(&report, "| 1,000 series ranked in full every day, at the medians | %.1f minutes of one core per day |\n", perDay)
	fmt.Fprintf(&report, "| 1,000 series ranked in full weekly and re-evaluated on the other days (the service's default) | "+
		"%.1f minutes of one core per day (%.2f%% of a %d-core day) |\n",
		weekly*1000/60, 100*weekly*1000/(float64(runtime.NumCPU())*86400), runtime.NumCPU())
	fmt.Fprintf(&report, "| winners of the full rankings | %s |\n", describe(winners))
	fmt.Fprintf(&report, "\nCPU is the process's (user + system, garbage collection included) over each call. A full ranking "+
		"gets no incumbent (one from the grid adds no fit, one from outside it one per cutoff); the re-evaluation "+
		"passes the full ranking's winner as the incumbent and its two best challengers as `candidates`.\n")
	if *cpuProfile != "" || *jsProfile != "" {
		fmt.Fprintf(&report, "\nProfiled run: the times include the profiler's overhead.\n")
	}
	fmt.Fprintf(&report, "\nMachine: %s.\n", machine.Line(loadAtStart))
	fmt.Print(report.String())
	if *out != "" {
		if err := os.WriteFile(*out, []byte(report.String()), 0o600); err != nil {
			fail(err)
		}
	}
}

// shape is series i: 5-minute points over `days` days ending at `end`, a daily cycle whose amplitude, phase and
// sharpness vary with i, a weekly dip on every third series, a slow trend and Gaussian noise (seeded by i).
func shape(i, days int, end time.Time) (ts, ys []float64) {
	rng := rand.New(rand.NewPCG(uint64(i+2), 7)) //nolint:gosec // seeded synthetic data, reproducible on purpose
	n := days * 288
	ts, ys = make([]float64, n), make([]float64, n)
	start := float64(end.UnixMilli()) - float64(n)*stepMs
	level := 100 + 900*rng.Float64()
	amp := level * (0.1 + 0.5*rng.Float64())
	phase := 2 * math.Pi * rng.Float64()
	sharp := 1 + 2*rng.Float64()
	noise := level * (0.01 + 0.05*rng.Float64())
	for k := range n {
		t := start + float64(k)*stepMs
		day := t / 86_400_000
		cycle := math.Pow((1+math.Sin(2*math.Pi*day+phase))/2, sharp)
		weekly := 1.0
		if i%3 == 0 && int(math.Floor(day+4))%7 >= 5 {
			weekly = 0.6
		}
		ts[k] = t
		ys[k] = (level+amp*cycle)*weekly*(1+0.02*day/float64(days)) + noise*rng.NormFloat64()
	}
	return ts, ys
}

func describe(counts map[string]int) string {
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = fmt.Sprintf("%s %d", name, counts[name])
	}
	return strings.Join(parts, ", ")
}

// startProfile starts a profiler (Go's or sobek's) writing to path; stop ends it and closes the file.
func startProfile(path string, start func(io.Writer) error, end func()) (stop func()) {
	f, err := os.Create(path) //nolint:gosec // a path the person running the bench chose
	if err != nil {
		fail(err)
	}
	if err := start(f); err != nil {
		fail(err)
	}
	return func() {
		end()
		_ = f.Close()
	}
}

func processCPU() time.Duration {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		return 0
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

// selectAnswer is the part of the engine's select output the bench reads.
type selectAnswer struct {
	Winner  candidate `json:"winner"`
	Ranking []struct {
		candidate
		Scores json.RawMessage `json:"scores"`
	} `json:"ranking"`
}

type candidate struct {
	Family      string          `json:"family"`
	Combination json.RawMessage `json:"combination"`
}

// shortlist is the best-ranked scored candidates other than the winner, as many as the service keeps.
func (a selectAnswer) shortlist() []candidate {
	var out []candidate
	for _, c := range a.Ranking {
		same := c.Family == a.Winner.Family && bytes.Equal(c.Combination, a.Winner.Combination)
		if len(out) < selection.ShortlistSize && string(c.Scores) != "null" && !same {
			out = append(out, c.candidate)
		}
	}
	return out
}
