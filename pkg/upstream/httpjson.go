package upstream

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// MaxResponseBytes bounds what one upstream answer may hold in memory.
const MaxResponseBytes = 512 << 20

// NewHTTPClient builds the client for upstream calls. Time is bounded by each request's context; the
// transport only bounds connection set-up so a dead host fails fast.
func NewHTTPClient(skipTLSVerify bool) *http.Client {
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       90 * time.Second,
		ResponseHeaderTimeout: 0,
		// InsecureSkipVerify is an explicit administrator choice (tlsSkipVerify) for self-signed sources.
		TLSClientConfig: &tls.Config{InsecureSkipVerify: skipTLSVerify, MinVersion: tls.VersionTLS12}, //nolint:gosec
	}
	return &http.Client{Transport: transport}
}

// httpStatusError carries an upstream's status and a short excerpt of its body.
type httpStatusError struct {
	Status  int
	Excerpt string
}

func (e *httpStatusError) Error() string {
	if e.Excerpt == "" {
		return fmt.Sprintf("HTTP %d", e.Status)
	}
	return fmt.Sprintf("HTTP %d: %s", e.Status, e.Excerpt)
}

// doJSON sends req and decodes a JSON answer into out (when the status is 2xx, or when acceptStatus says so).
// It classifies failures: timeouts, refused permissions, other statuses and transport errors. The request's
// headers (which may carry credentials) never enter an error message.
func doJSON(client *http.Client, req *http.Request, what string, out any, acceptStatus func(int) bool) (int, error) {
	res, err := client.Do(req)
	if err != nil {
		return 0, classifyTransportError(req.Context(), what, err)
	}
	defer res.Body.Close() //nolint:errcheck
	body, err := io.ReadAll(io.LimitReader(res.Body, MaxResponseBytes+1))
	if err != nil {
		return res.StatusCode, classifyTransportError(req.Context(), what, err)
	}
	if len(body) > MaxResponseBytes {
		return res.StatusCode, fmt.Errorf("%w: %s answered with more than %d MiB", models.ErrLimit, what, MaxResponseBytes>>20)
	}
	ok := res.StatusCode >= 200 && res.StatusCode < 300
	if !ok && (acceptStatus == nil || !acceptStatus(res.StatusCode)) {
		statusErr := &httpStatusError{Status: res.StatusCode, Excerpt: excerpt(body)}
		if res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden {
			return res.StatusCode, fmt.Errorf("%w: %s: %w", models.ErrPermission, what, statusErr)
		}
		return res.StatusCode, fmt.Errorf("%w: %s: %w", models.ErrUpstream, what, statusErr)
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			return res.StatusCode, fmt.Errorf("%w: %s answered with JSON it could not read: %v", models.ErrUpstream, what, err)
		}
	}
	return res.StatusCode, nil
}

func classifyTransportError(ctx context.Context, what string, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: %s did not answer before the query's deadline", models.ErrUpstreamTimeout, what)
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("%w: %s: the query was cancelled", models.ErrUpstream, what)
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return fmt.Errorf("%w: %s: %v", models.ErrUpstreamTimeout, what, err)
	}
	return fmt.Errorf("%w: %s could not be reached: %v", models.ErrUpstream, what, err)
}

// excerpt keeps the first line-ish of an error body, short enough for a panel notice.
func excerpt(body []byte) string {
	text := strings.Join(strings.Fields(string(body)), " ")
	const limit = 300
	if len(text) > limit {
		text = text[:limit] + "…"
	}
	return text
}
