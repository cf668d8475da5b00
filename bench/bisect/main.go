// Command bisect-bench times d3-array's bisectLeft against the inline binary search the model keeps in its
// fit/predict code, in sobek (the Go backend's JavaScript engine) and in Node, on a 4,032-point time array.
// It prints a Markdown table; the README's Libraries section quotes it.
//
//	go run ./bench/bisect [-calls 200000] [-runs 7]
//
// Run it from the repository root (it bundles bench/bisect/searches.ts with the root's esbuild).
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"

	"github.com/grafana/sobek"

	"github.com/foresight-anomaly/foresight/bench/internal/stats"
)

func main() {
	calls := flag.Int("calls", 200_000, "searches per timed run")
	runs := flag.Int("runs", 7, "timed runs per search and engine")
	flag.Parse()
	if err := run(*calls, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "bisect-bench:", err)
		os.Exit(1)
	}
}

func run(calls, runs int) error {
	bundle, err := exec.Command("node_modules/.bin/esbuild", "bench/bisect/searches.ts", "--bundle", "--format=iife",
		"--platform=neutral", "--target=es2017", "--log-level=warning").Output()
	if err != nil {
		return fmt.Errorf("esbuild: %w", err)
	}
	vm := sobek.New()
	if _, err := vm.RunString(string(bundle)); err != nil {
		return fmt.Errorf("loading the bundle in sobek: %w", err)
	}
	bench, ok := sobek.AssertFunction(vm.Get("bisectBench"))
	if !ok {
		return fmt.Errorf("the bundle defines no bisectBench")
	}
	// The two searches alternate in rounds so that load from elsewhere on the machine hits both alike.
	times := map[string][]float64{}
	searches := []string{"inline", "d3"}
	for round := 0; round < 3; round++ {
		for _, which := range searches {
			for r := 0; r <= runs; r++ {
				v, err := bench(sobek.Undefined(), vm.ToValue(which), vm.ToValue(calls))
				if err != nil {
					return err
				}
				if r > 0 { // the first run of each batch is untimed
					times[which] = append(times[which], v.ToObject(vm).Get("0").ToFloat())
				}
			}
		}
	}
	fmt.Printf("| engine | search | median ms per %d searches | min ms |\n|---|---|---|---|\n", calls)
	for _, which := range searches {
		fmt.Printf("| sobek | %s | %.0f | %.0f |\n", which, stats.Median(times[which]), slices.Min(times[which]))
	}
	fmt.Printf("\nsobek, d3 / inline: %.2f× (medians), %.2f× (minimums)\n\n",
		stats.Median(times["d3"])/stats.Median(times["inline"]), slices.Min(times["d3"])/slices.Min(times["inline"]))
	// Node runs 10× the calls: it is that much faster, and shorter runs would time mostly the clock.
	script := string(bundle) + fmt.Sprintf(`
const times = { inline: [], d3: [] };
for (let round = 0; round < 3; round++) {
  for (const which of ['inline', 'd3']) {
    for (let r = 0; r <= %d; r++) { const [ms] = bisectBench(which, %d); if (r > 0) times[which].push(ms); }
  }
}
console.log('| engine | search | median ms per %d searches | min ms |');
console.log('|---|---|---|---|');
for (const which of ['inline', 'd3']) {
  const t = times[which].sort((a, b) => a - b);
  console.log('| Node | ' + which + ' | ' + t[t.length >> 1] + ' | ' + t[0] + ' |');
}`, runs, calls*10, calls*10)
	out, err := exec.Command("node", "-e", script).CombinedOutput() //nolint:gosec // the script is this file's own
	if err != nil {
		return fmt.Errorf("node: %w: %s", err, out)
	}
	fmt.Print(string(out))
	return nil
}
