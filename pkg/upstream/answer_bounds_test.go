package upstream

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// hugeBytes is what each hostile answer below would serve in full: far past every bound the tests set.
const hugeBytes = 64 << 20

// hostileAnswer is an upstream answer of hugeBytes: a prefix, then filler bytes, generated as it is written.
type hostileAnswer struct {
	status int
	prefix string
	filler byte
	gzip   bool // sent compressed (a gzip bomb: a few KiB on the wire)
}

func (a hostileAnswer) serve(t *testing.T) *httptest.Server {
	t.Helper()
	var compressed []byte
	if a.gzip {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write([]byte(a.prefix))
		chunk := bytes.Repeat([]byte{a.filler}, 64<<10)
		for written := len(a.prefix); written < hugeBytes; written += len(chunk) {
			_, _ = zw.Write(chunk)
		}
		_ = zw.Close()
		compressed = buf.Bytes()
	}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		if a.gzip {
			w.Header().Set("Content-Encoding", "gzip")
			w.WriteHeader(a.status)
			_, _ = w.Write(compressed)
			return
		}
		w.WriteHeader(a.status)
		if _, err := io.WriteString(w, a.prefix); err != nil {
			return
		}
		chunk := bytes.Repeat([]byte{a.filler}, 64<<10)
		for sent := len(a.prefix); sent < hugeBytes; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return // the client hung up: it stopped reading
			}
		}
	}))
	t.Cleanup(server.Close)
	return server
}

// countingTransport counts the answer bytes the client reads, after Go's transparent gzip decompression.
type countingTransport struct {
	base http.RoundTripper
	read atomic.Int64
}

func (c *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := c.base.RoundTrip(req)
	if res != nil {
		res.Body = &countingBody{ReadCloser: res.Body, read: &c.read}
	}
	return res, err
}

type countingBody struct {
	io.ReadCloser
	read *atomic.Int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.read.Add(int64(n))
	return n, err
}

func countingClient(t *testing.T) (*http.Client, *countingTransport) {
	t.Helper()
	client := NewHTTPClient(false)
	counter := &countingTransport{base: client.Transport}
	client.Transport = counter
	t.Cleanup(client.CloseIdleConnections)
	return client, counter
}

// boundCase is a hostile answer, the most the client may read of it, and what the error must say.
type boundCase struct {
	name    string
	answer  hostileAnswer
	maxRead int64
	want    []string
}

func errorBodyCases(answerStart string) []boundCase {
	return []boundCase{
		{
			name:    "should read only an excerpt's worth of a huge error body",
			answer:  hostileAnswer{status: http.StatusInternalServerError, prefix: "overloaded ", filler: 'x'},
			maxRead: excerptReadBytes, want: []string{"HTTP 500: overloaded xxx", "…"},
		},
		{
			name:    "should read only an excerpt's worth of a gzip bomb on an error",
			answer:  hostileAnswer{status: http.StatusBadGateway, prefix: "bad gateway ", filler: ' ', gzip: true},
			maxRead: excerptReadBytes, want: []string{"HTTP 502: bad gateway"},
		},
		{
			name:    "should stop a gzip bomb on success at the bound the settings give the query",
			answer:  hostileAnswer{status: http.StatusOK, prefix: answerStart, filler: ' ', gzip: true},
			maxRead: answerOverheadBytes + 1<<20, want: []string{"answered with more than", "maxSeries (1)", "maxPointsPerSeries"},
		},
		{
			name:    "should stop a huge answer on success at the bound the settings give the query",
			answer:  hostileAnswer{status: http.StatusOK, prefix: answerStart, filler: ' '},
			maxRead: answerOverheadBytes + 1<<20, want: []string{"answered with more than", "maxSeries (1)", "maxPointsPerSeries"},
		},
	}
}

func checkBound(t *testing.T, c boundCase, counter *countingTransport, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("a hostile answer was accepted")
	}
	for _, want := range c.want {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if read := counter.read.Load(); read > c.maxRead {
		t.Errorf("read %d bytes of the answer, more than %d", read, c.maxRead)
	}
}

func TestPrometheusAnswerBounds(t *testing.T) {
	cases := append(errorBodyCases(`{"status":"success","data":{"resultType":"matrix","result":[`), boundCase{
		name:    "should refuse one huge JSON string without holding it",
		answer:  hostileAnswer{status: http.StatusOK, prefix: `{"status":"success","warnings":["`, filler: 'w'},
		maxRead: maxJSONStringBytes + jsonWindowBytes + 1<<10, want: []string{"a JSON string longer than 1.0 MiB"},
	})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			server := c.answer.serve(t)
			client, counter := countingClient(t)
			prom, err := NewPrometheus(models.Settings{PrometheusURL: server.URL}, client)
			if err != nil {
				t.Fatal(err)
			}
			req := promRequest("up", time.Hour, time.Minute)
			req.MaxSeries, req.MaxPoints = 1, 100
			if c.want[0] == "a JSON string longer than 1.0 MiB" {
				req.MaxSeries = 1000 // a byte bound far above the string's
			}
			_, err = prom.Fetch(context.Background(), req)
			checkBound(t, c, counter, err)
			if c.answer.status == http.StatusOK && !errors.Is(err, models.ErrLimit) {
				t.Errorf("%v is not a limit error", err)
			}
		})
	}
}

func TestGrafanaAnswerBounds(t *testing.T) {
	cases := append(errorBodyCases(`{"results":{"A":{"frames":[`), boundCase{
		name: "should refuse one huge JSON string without holding it",
		answer: hostileAnswer{status: http.StatusOK, filler: 'n',
			prefix: `{"results":{"A":{"frames":[{"schema":{"name":"`},
		maxRead: maxJSONStringBytes + jsonWindowBytes + 1<<10, want: []string{"a JSON string longer than 1.0 MiB"},
	})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			server := c.answer.serve(t)
			client, counter := countingClient(t)
			api, err := NewGrafanaAPI(context.Background(), models.Settings{GrafanaURL: server.URL, ServiceAccountToken: "glsa_x"}, client)
			if err != nil {
				t.Fatal(err)
			}
			req := grafanaRequest("prom")
			req.MaxSeries, req.MaxPoints = 1, 100
			if c.want[0] == "a JSON string longer than 1.0 MiB" {
				req.MaxSeries = 1000
			}
			_, err = Grafana{API: api}.Fetch(context.Background(), req)
			checkBound(t, c, counter, err)
		})
	}
}
