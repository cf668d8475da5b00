// Package machine describes the machine a Go benchmark ran on, for the reports in bench/results.
package machine

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// CPUModel is the first "model name" in /proc/cpuinfo.
func CPUModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	defer f.Close() //nolint:errcheck
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		if name, value, ok := strings.Cut(scanner.Text(), ":"); ok && strings.TrimSpace(name) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return "unknown CPU"
}

// LoadAverage is the 1, 5 and 15 minute load averages, as /proc/loadavg gives them.
func LoadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	fields := strings.Fields(string(data))
	if len(fields) < 3 {
		return "unknown"
	}
	return strings.Join(fields[:3], " ")
}

// NodeVersion is `node --version` (e.g. v20.20.2), or "unknown" when Node cannot be run.
func NodeVersion() string {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

// Line is "AMD EPYC, 2 cores, linux/amd64, go1.27.3; load average at the start …, at the end …" for a Go
// benchmark's report, the end's load read now.
func Line(loadAtStart string) string {
	return fmt.Sprintf("%s, %d cores, %s/%s, %s; load average at the start %s, at the end %s",
		CPUModel(), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), loadAtStart, LoadAverage())
}
