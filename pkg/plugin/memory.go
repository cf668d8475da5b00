package plugin

import (
	"os"
	"runtime/debug"
)

// DefaultMemoryLimit is the plugin process's soft memory limit when its environment sets none (GOMEMLIMIT): a
// cold alert query over 10,000 series holds a month of their history at once (about 700 MiB), and without a
// limit Go's collector lets the heap grow to twice what is live before it collects (bench/results/backend-scale.md:
// peak 1,757 MiB without it, 1,233 MiB with it, the same times).
const DefaultMemoryLimit = 1 << 30

// ApplyMemoryLimit sets DefaultMemoryLimit unless GOMEMLIMIT is set. The limit is soft: a process whose live data
// needs more keeps running, collecting more often.
func ApplyMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(DefaultMemoryLimit)
	}
}
