// Command engine-bench measures fit + predict of one 4,032-point series (two weeks of 5-minute data,
// testdata/fixtures/model/detect-kr-5min.json) in the Go backend's engine and in Node, in one run, and
// writes bench/results/engine.md.
//
//	npm run build:engine && go run ./bench/engine [-runs 15] [-warmup 3] [-out bench/results/engine.md]
//
// Run it from the repository root on an otherwise idle machine.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/foresight-anomaly/foresight/bench/internal/machine"
	"github.com/foresight-anomaly/foresight/pkg/engine"
)

const (
	fixturePath = "testdata/fixtures/model/detect-kr-5min.json"
	// profileRuns is enough runs for the profiler's samples to settle now that a run takes milliseconds.
	profileRuns = 200
	rounds      = 3
)

type fixture struct {
	Params     json.RawMessage `json:"params"`
	Timestamps []*float64      `json:"timestamps"`
	Values     []*float64      `json:"values"`
}

type measurement struct {
	timesMs []float64
}

func (m measurement) median() float64 {
	s := slices.Clone(m.timesMs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func (m measurement) min() float64 { return slices.Min(m.timesMs) }
func (m measurement) max() float64 { return slices.Max(m.timesMs) }

func main() {
	runs := flag.Int("runs", 15, "timed runs per side")
	warmup := flag.Int("warmup", 3, "untimed runs per side first")
	out := flag.String("out", "bench/results/engine.md", "report file")
	flag.Parse()
	if err := run(*runs, *warmup, *out); err != nil {
		fmt.Fprintln(os.Stderr, "engine-bench:", err)
		os.Exit(1)
	}
}

func run(runs, warmup int, out string) error {
	ts, ys, params, err := readFixture(fixturePath)
	if err != nil {
		return err
	}
	// Alternate the two sides in rounds so that load from elsewhere on the machine hits both alike.
	e, err := engine.New(engine.Options{PoolSize: 1, Timeout: time.Minute})
	if err != nil {
		return err
	}
	defer e.Close()
	var node, backend measurement
	for round := 0; round < rounds; round++ {
		perRound := (runs + rounds - 1) / rounds
		n, err := measureNode(warmup, perRound)
		if err != nil {
			return err
		}
		b, err := measureEngine(e, ts, ys, params, warmup, perRound)
		if err != nil {
			return err
		}
		node.timesMs = append(node.timesMs, n.timesMs...)
		backend.timesMs = append(backend.timesMs, b.timesMs...)
	}
	shares, err := profileScript(ts, ys, params, profileRuns)
	if err != nil {
		return err
	}
	report := formatReport(len(ts), warmup, node, backend, shares)
	fmt.Print(report)
	return os.WriteFile(out, []byte(report), 0o600)
}

func readFixture(path string) (ts, ys []float64, params json.RawMessage, err error) {
	data, err := os.ReadFile(path) //nolint:gosec // the benchmark's own fixture (fixturePath), not user input
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%w (run from the repository root)", err)
	}
	var f fixture
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, nil, nil, err
	}
	value := func(v *float64) float64 {
		if v == nil {
			return math.NaN()
		}
		return *v
	}
	for i := range f.Timestamps {
		ts = append(ts, value(f.Timestamps[i]))
		ys = append(ys, value(f.Values[i]))
	}
	return ts, ys, f.Params, nil
}

func measureEngine(e *engine.Engine, ts, ys []float64, params json.RawMessage, warmup, runs int) (measurement, error) {
	ctx := context.Background()
	var m measurement
	for i := 0; i < warmup+runs; i++ {
		started := time.Now()
		fitted, err := e.Fit(ctx, ts, ys, params)
		if err != nil {
			return m, err
		}
		if _, err := e.Predict(ctx, fitted, ts, ys); err != nil {
			return m, err
		}
		if i >= warmup {
			m.timesMs = append(m.timesMs, float64(time.Since(started).Microseconds())/1000)
		}
	}
	return m, nil
}

func measureNode(warmup, runs int) (measurement, error) {
	cmd := exec.Command("npx", "tsx", "bench/engine/node-fit-predict.ts", fixturePath, //nolint:gosec // fixed command; the arguments are a constant and two integers
		fmt.Sprint(warmup), fmt.Sprint(runs))
	cmd.Stderr = os.Stderr
	output, err := cmd.Output()
	if err != nil {
		return measurement{}, fmt.Errorf("node side: %w", err)
	}
	var result struct {
		TimesMs []float64 `json:"timesMs"`
	}
	if err := json.Unmarshal(output, &result); err != nil || len(result.TimesMs) == 0 {
		return measurement{}, fmt.Errorf("node side printed %q", output)
	}
	return measurement{timesMs: result.TimesMs}, nil
}

func formatReport(points, warmup int, node, backend measurement, shares []share) string {
	var b strings.Builder
	ratio := backend.median() / node.median()
	fmt.Fprintf(&b, "# Model in the Go backend vs Node\n\n")
	fmt.Fprintf(&b, "Fit + predict (with values: band, outlier, score) of one %d-point series, two weeks of 5-minute data\n", points)
	fmt.Fprintf(&b, "with KR holidays (`%s`), measured in one run of `go run ./bench/engine`:\n", fixturePath)
	fmt.Fprintf(&b, "%d rounds, each with %d untimed warm-up runs and then timed runs of Node and of the backend in turn\n", rounds, warmup)
	fmt.Fprintf(&b, "(%d timed runs per side in all).\n\n", len(node.timesMs))
	fmt.Fprintf(&b, "| where | median ms | min ms | max ms |\n|---|---|---|---|\n")
	fmt.Fprintf(&b, "| Node (`src/model`, TypeScript kernels) | %.1f | %.1f | %.1f |\n", node.median(), node.min(), node.max())
	fmt.Fprintf(&b, "| Go backend (`pkg/engine`: sobek + Go kernels) | %.1f | %.1f | %.1f |\n\n", backend.median(), backend.min(), backend.max())
	fmt.Fprintf(&b, "Ratio backend / Node (medians): **%.1f×** (target: ≤ 2×).\n\n", ratio)
	fmt.Fprintf(&b, "Where the backend's time goes: sobek's sampling profiler over %d more fit + predict runs, JavaScript functions\n", profileRuns)
	fmt.Fprintf(&b, "by their own time (a call into a Go kernel counts for the function that made it):\n\n")
	fmt.Fprintf(&b, "| function | share |\n|---|---|\n")
	for i, s := range shares {
		if i == 15 {
			break
		}
		fmt.Fprintf(&b, "| `%s` | %.1f%% |\n", s.name, s.percent)
	}
	fmt.Fprintf(&b, "\n")
	fmt.Fprintf(&b, "Machine: %s, %d cores (GOMAXPROCS %d), %s/%s, %s, %s; load average %s; %s.\n",
		machine.CPUModel(), runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, runtime.Version(),
		"Node "+machine.NodeVersion(), machine.LoadAverage(), time.Now().UTC().Format("2006-01-02 15:04 MST"))
	return b.String()
}
