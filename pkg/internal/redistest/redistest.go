// Package redistest starts a real redis-server (the Debian package) on loopback for tests, without persistence,
// in the test's temporary directory. Without the binary a test is skipped with a clear message, unless
// FORESIGHT_REQUIRE_REDIS or CI=true is set (scripts/test-all.sh sets the first), where it fails instead.
package redistest

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/internal/loopback"
)

// Server is a running redis-server.
type Server struct {
	// Address is host:port on loopback.
	Address string
	cmd     *exec.Cmd
	stopped bool
}

// Start runs redis-server on a free loopback port until the test ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	binary := lookPath(tb)
	dir := tb.TempDir()
	address := loopback.FreeAddress(tb)
	_, port, _ := net.SplitHostPort(address)
	logFile, err := os.Create(filepath.Join(dir, "redis.log")) //nolint:gosec // inside the test's own temporary directory
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(binary, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", //nolint:gosec // redis-server found on PATH, flags built here
		"--dir", dir, "--loglevel", "warning")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start redis-server: %v", err)
	}
	s := &Server{Address: address, cmd: cmd}
	tb.Cleanup(func() {
		s.Stop()
		_ = logFile.Close()
	})
	if err := waitReady(address, 20*time.Second); err != nil {
		log, _ := os.ReadFile(logFile.Name())
		tb.Fatalf("redis-server did not become ready: %v\n%s", err, log)
	}
	return s
}

// Stop kills the server (a test of Redis going away calls it early).
func (s *Server) Stop() {
	if s.stopped {
		return
	}
	s.stopped = true
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
}

// Command sends one command (space-separated words) and returns the first line of the reply, for tests that
// look at Redis directly (keys, TTLs) without going through the store.
func (s *Server) Command(tb testing.TB, words ...string) string {
	tb.Helper()
	conn, err := net.DialTimeout("tcp", s.Address, 5*time.Second)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close() //nolint:errcheck
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	var b strings.Builder
	b.WriteString("*" + strconv.Itoa(len(words)) + "\r\n")
	for _, w := range words {
		b.WriteString("$" + strconv.Itoa(len(w)) + "\r\n" + w + "\r\n")
	}
	if _, err := conn.Write([]byte(b.String())); err != nil {
		tb.Fatal(err)
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		tb.Fatal(err)
	}
	return strings.TrimRight(line, "\r\n")
}

func lookPath(tb testing.TB) string {
	tb.Helper()
	path, err := exec.LookPath("redis-server")
	if err == nil {
		return path
	}
	message := "redis-server is not installed (Debian: apt-get install -y redis-server); the Redis model-store tests need it"
	if os.Getenv("FORESIGHT_REQUIRE_REDIS") != "" || os.Getenv("CI") == "true" {
		tb.Fatal(message + " (FORESIGHT_REQUIRE_REDIS or CI is set, so they may not be skipped)")
	}
	tb.Skip(message)
	return ""
}

// waitReady pings until the server answers PONG.
func waitReady(address string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	var last error
	for time.Now().Before(deadline) {
		conn, err := net.DialTimeout("tcp", address, time.Second)
		if err == nil {
			_ = conn.SetDeadline(time.Now().Add(time.Second))
			_, err = conn.Write([]byte("PING\r\n"))
			var line string
			if err == nil {
				line, err = bufio.NewReader(conn).ReadString('\n')
			}
			_ = conn.Close()
			if err == nil && strings.HasPrefix(line, "+PONG") {
				return nil
			}
			if err == nil {
				err = fmt.Errorf("answered %q", line)
			}
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("not ready after %v (last error: %v)", limit, last)
}
