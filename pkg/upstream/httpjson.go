package upstream

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	jsoniter "github.com/json-iterator/go"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// NewHTTPClient builds the client for upstream calls. Time is bounded by each request's context; the
// transport only bounds connection set-up so a dead host fails fast. Redirects are not followed: one would
// carry the credentials to wherever it points (another port, another host), and a 302 turns a POST into a GET.
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
	return &http.Client{
		Transport:     transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
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

// exchange describes one upstream call for send and doJSON: its name in messages, the secrets its excerpts
// must not show, the non-2xx statuses whose body is still the answer, and the answer's byte bound.
type exchange struct {
	what    string
	secrets models.Secrets
	accept  func(status int) bool
	limit   answerLimit
}

// doJSON sends req and decodes a JSON answer into out (when the status is 2xx, or when accept says so),
// streaming it within the exchange's bounds. It classifies failures: timeouts, refused permissions, other
// statuses and transport errors. The request's headers (which may carry credentials) never enter an error
// message, and configured secrets an upstream echoes are scrubbed from excerpts.
func doJSON(client *http.Client, req *http.Request, x exchange, out any) (int, error) {
	res, err := send(client, req, x)
	if err != nil {
		return statusOf(res), err
	}
	defer res.Body.Close() //nolint:errcheck
	body := newAnswerReader(res.Body, x.what, x.limit)
	var decodeErr error
	if out == nil {
		_, _ = io.Copy(io.Discard, body) // only the status counts; a read failure or the bound shows in body.Err
	} else {
		decodeErr = decodeJSON(body, out)
	}
	if readErr := body.Err(); readErr != nil {
		return res.StatusCode, bodyError(req.Context(), x.what, readErr)
	}
	if decodeErr != nil {
		return res.StatusCode, fmt.Errorf("%w: %s answered with JSON it could not read: %s", models.ErrUpstream, x.what, excerpt(x.secrets, decodeErr.Error()))
	}
	return res.StatusCode, nil
}

// decodeJSON reads one JSON value from r into out through jsoniter's streaming iterator (the SDK registers
// its data-frame decoder there), so the answer is never held whole; only white space may follow the value.
func decodeJSON(r io.Reader, out any) error {
	iter := jsoniter.Parse(jsoniter.ConfigCompatibleWithStandardLibrary, &bodyReader{r: r}, jsonWindowBytes)
	iter.ReadVal(out)
	if iter.Error != nil {
		if errors.Is(iter.Error, io.EOF) {
			return errors.New("unexpected end of input")
		}
		return withoutInputExcerpt(iter.Error)
	}
	if iter.WhatIsNext(); iter.Error == nil {
		return errors.New("unexpected data after the top-level value")
	} else if !errors.Is(iter.Error, io.EOF) {
		return withoutInputExcerpt(iter.Error)
	}
	return nil
}

// withoutInputExcerpt is a jsoniter error without its excerpts of the input around the error ("... of ...|text|...,
// bigger context ..."): cut anywhere, they could hold part of a secret the answer echoed, which no scrubbing
// recognises. What went wrong and the byte offset stay.
func withoutInputExcerpt(err error) error {
	message := err.Error()
	at := strings.Index(message, " of ...|")
	if at < 0 {
		return err
	}
	return errors.New(message[:at])
}

// send sends req and returns the response, whose body the caller reads (through an answerReader) and closes,
// when its status is 2xx or x.accept takes it and it is JSON. Other answers become errors with an excerpt of
// the body, of which only the excerpt's worth is read (the response, body closed, is still returned for its
// status). A redirect is reported, not followed.
func send(client *http.Client, req *http.Request, x exchange) (*http.Response, error) {
	res, err := client.Do(req)
	if err != nil {
		return nil, classifyTransportError(req.Context(), x.what, err)
	}
	ok := res.StatusCode >= 200 && res.StatusCode < 300
	if ok || (x.accept != nil && x.accept(res.StatusCode)) {
		if kind := res.Header.Get("Content-Type"); !isJSONContentType(kind) {
			defer res.Body.Close() //nolint:errcheck
			text, err := readExcerpt(req.Context(), res.Body, x)
			if err != nil {
				return res, err
			}
			return res, fmt.Errorf("%w: %s answered (HTTP %d) with %s, not JSON; check that the configured URL is the API's own address: %s",
				models.ErrUpstream, x.what, res.StatusCode, strconv.Quote(x.secrets.Scrub(kind)), text)
		}
		return res, nil
	}
	defer res.Body.Close() //nolint:errcheck
	if res.StatusCode >= 300 && res.StatusCode < 400 && res.Header.Get("Location") != "" {
		return res, fmt.Errorf("%w: %s: the upstream answered with a redirect (HTTP %d) to %s; set the URL it redirects to",
			models.ErrUpstream, x.what, res.StatusCode, x.secrets.Scrub(redirectTarget(req.URL, res.Header.Get("Location"))))
	}
	text, err := readExcerpt(req.Context(), res.Body, x)
	if err != nil {
		return res, err
	}
	statusErr := &httpStatusError{Status: res.StatusCode, Excerpt: text}
	if res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden {
		return res, fmt.Errorf("%w: %s: %w", models.ErrPermission, x.what, statusErr)
	}
	return res, fmt.Errorf("%w: %s: %w", models.ErrUpstream, x.what, statusErr)
}

// excerptReadBytes is all that is read of an answer shown only as an excerpt.
const excerptReadBytes = 4 << 10

func readExcerpt(ctx context.Context, body io.Reader, x exchange) (string, error) {
	raw, err := io.ReadAll(io.LimitReader(body, excerptReadBytes))
	if err != nil {
		return "", bodyError(ctx, x.what, err)
	}
	text := string(raw)
	if len(raw) == excerptReadBytes {
		// The read may have ended inside an echoed secret: its start is scrubbed before the excerpt collapses white
		// space (only then: a whole answer that merely ends like a secret begins is left as it is).
		text = x.secrets.ScrubCut(text)
	}
	return excerpt(x.secrets, text), nil
}

// isJSONContentType accepts application/json, any +json type, an answer that names no type, and text/plain
// (what Go's and other servers send for a body they did not label). Anything else (an HTML login page, an XML
// error from a proxy) is not an API's answer.
func isJSONContentType(value string) bool {
	if value == "" {
		return true
	}
	media, _, err := mime.ParseMediaType(value)
	return err == nil && (media == "application/json" || strings.HasSuffix(media, "+json") || media == "text/plain")
}

// redirectTarget is where a redirect points, resolved against the request, without credentials or query.
func redirectTarget(from *url.URL, location string) string {
	target, err := from.Parse(location)
	if err != nil {
		return strconv.Quote(excerpt(models.Secrets{}, location))
	}
	target.User, target.RawQuery, target.ForceQuery, target.Fragment = nil, "", false, ""
	return target.String()
}

func statusOf(res *http.Response) int {
	if res == nil {
		return 0
	}
	return res.StatusCode
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

// excerpt keeps the start of an upstream's text (an error body, an error or warning it reported), short enough
// for a panel notice, with configured secrets scrubbed before it is cut so no part of one survives.
func excerpt(secrets models.Secrets, text string) string {
	text = secrets.Scrub(strings.Join(strings.Fields(secrets.Scrub(text)), " "))
	const limit = 300
	if len(text) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut] + "…"
	}
	return text
}
