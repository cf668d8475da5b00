// Package promtest starts a real Prometheus on loopback for tests, loaded with history through
// `promtool tsdb create-blocks-from openmetrics`. Without the binaries a test is skipped with a clear message,
// except under CI=true, where a missing Prometheus fails the test.
package promtest

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/internal/loopback"
)

// Start loads openMetrics (OpenMetrics text ending in "# EOF") into a fresh TSDB, starts Prometheus on a free
// loopback port and returns its base URL. The process is stopped when the test ends.
func Start(tb testing.TB, openMetrics []byte) string {
	tb.Helper()
	prometheus, promtool := lookPath(tb, "prometheus"), lookPath(tb, "promtool")
	dir := tb.TempDir()
	input := filepath.Join(dir, "history.om")
	if err := os.WriteFile(input, openMetrics, 0o600); err != nil {
		tb.Fatal(err)
	}
	storage := filepath.Join(dir, "tsdb")
	load := exec.Command(promtool, "tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=24h", input, storage) //nolint:gosec // promtool found on PATH, arguments in the test's temporary directory
	if out, err := load.CombinedOutput(); err != nil {
		tb.Fatalf("promtool could not load the history: %v\n%s", err, out)
	}
	config := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(config, []byte("global:\n  scrape_interval: 1m\nscrape_configs: []\n"), 0o600); err != nil {
		tb.Fatal(err)
	}
	address := loopback.FreeAddress(tb)
	logFile, err := os.Create(filepath.Join(dir, "prometheus.log")) //nolint:gosec // inside the test's own temporary directory
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(prometheus, //nolint:gosec // prometheus found on PATH, flags built here
		"--config.file="+config,
		"--storage.tsdb.path="+storage,
		"--storage.tsdb.retention.time=100y",
		"--web.listen-address="+address,
		"--log.level=warn",
	)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start prometheus: %v", err)
	}
	tb.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		_ = logFile.Close()
	})
	url := "http://" + address
	if err := waitReady(url, 60*time.Second); err != nil {
		log, _ := os.ReadFile(logFile.Name())
		tb.Fatalf("prometheus did not become ready: %v\n%s", err, log)
	}
	return url
}

func lookPath(tb testing.TB, name string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	message := fmt.Sprintf("%s is not installed (Debian: apt-get install -y prometheus); the real-Prometheus tests need it", name)
	if os.Getenv("CI") == "true" {
		tb.Fatal(message)
	}
	tb.Skip(message)
	return ""
}

func waitReady(url string, limit time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/-/ready", nil)
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			_ = res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("not ready after %v (last error: %v)", limit, err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}
