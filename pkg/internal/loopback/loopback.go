// Package loopback finds addresses for the real servers integration tests start (Prometheus, Redis).
package loopback

import (
	"net"
	"testing"
)

// FreeAddress is a 127.0.0.1 host:port nothing listens on at the time of the call.
func FreeAddress(tb testing.TB) string {
	tb.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer listener.Close() //nolint:errcheck
	return listener.Addr().String()
}
