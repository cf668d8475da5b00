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
		TLSClientConfig: &tls.Config{InsecureSkipVerify: skipTLSVerify, MinVersion: tls.VersionTLS12}, //nolint:gosec // only when the datasource's own tlsSkipVerify setting asks for it
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
	res, err := send(client, req, what, acceptStatus)
	if err != nil {
		return statusOf(res), err
	}
	defer res.Body.Close() //nolint:errcheck
	body, err := io.ReadAll(limitBody(res.Body, what))
	if err != nil {
		return res.StatusCode, bodyError(req.Context(), what, err)
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			return res.StatusCode, fmt.Errorf("%w: %s answered with JSON it could not read: %v", models.ErrUpstream, what, err)
		}
	}
	return res.StatusCode, nil
}

// send sends req and returns the response, whose body the caller reads (through limitBody) and closes, when
// its status is 2xx or acceptStatus takes it. Other statuses become errors with an excerpt of the body (the
// response, body closed, is still returned for its status).
func send(client *http.Client, req *http.Request, what string, acceptStatus func(int) bool) (*http.Response, error) {
	res, err := client.Do(req)
	if err != nil {
		return nil, classifyTransportError(req.Context(), what, err)
	}
	ok := res.StatusCode >= 200 && res.StatusCode < 300
	if ok || (acceptStatus != nil && acceptStatus(res.StatusCode)) {
		return res, nil
	}
	defer res.Body.Close() //nolint:errcheck
	body, err := io.ReadAll(limitBody(res.Body, what))
	if err != nil {
		return res, bodyError(req.Context(), what, err)
	}
	statusErr := &httpStatusError{Status: res.StatusCode, Excerpt: excerpt(body)}
	if res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden {
		return res, fmt.Errorf("%w: %s: %w", models.ErrPermission, what, statusErr)
	}
	return res, fmt.Errorf("%w: %s: %w", models.ErrUpstream, what, statusErr)
}

func statusOf(res *http.Response) int {
	if res == nil {
		return 0
	}
	return res.StatusCode
}

// limitBody fails the read with models.ErrLimit once an answer passes MaxResponseBytes.
func limitBody(body io.Reader, what string) io.Reader {
	return &limitedBody{r: body, left: MaxResponseBytes, what: what}
}

type limitedBody struct {
	r    io.Reader
	left int64
	what string
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, b.limitError()
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1] // one byte past the limit tells a full answer from a too long one
	}
	n, err := b.r.Read(p)
	if b.left -= int64(n); b.left < 0 {
		return n, b.limitError()
	}
	return n, err
}

func (b *limitedBody) limitError() error {
	return fmt.Errorf("%w: %s answered with more than %d MiB", models.ErrLimit, b.what, MaxResponseBytes>>20)
}

// bodyError classifies a failure while reading an answer: the size limit, or a transport failure.
func bodyError(ctx context.Context, what string, err error) error {
	if errors.Is(err, models.ErrLimit) {
		return err
	}
	return classifyTransportError(ctx, what, err)
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
