package upstream

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

func TestRedirectsAreReported(t *testing.T) {
	var elsewhereCalls atomic.Int64
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhereCalls.Add(1)
		if r.Header.Get("Authorization") != "" {
			t.Errorf("the redirect carried the credentials to %s", r.Host)
		}
		_, _ = w.Write([]byte(`{"status":"success","data":{"resultType":"matrix","result":[]}}`))
	}))
	defer elsewhere.Close()
	for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect} {
		origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, elsewhere.URL+"/api/v1/query_range?state=abc", status)
		}))
		settings := models.Settings{PrometheusURL: origin.URL, PrometheusAuth: models.AuthBearer, PrometheusBearerToken: "tok"}
		prom, err := NewPrometheus(settings, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("should not follow a redirect but say where it points: "+http.StatusText(status), func(t *testing.T) {
			_, err := prom.Fetch(context.Background(), promRequest("up", time.Hour, time.Minute))
			want := "the upstream answered with a redirect (HTTP " + strings.Fields(http.StatusText(status))[0]
			if err == nil || !errors.Is(err, models.ErrUpstream) || !strings.Contains(err.Error(), "to "+elsewhere.URL+"/api/v1/query_range; set the URL it redirects to") {
				t.Fatalf("got %v, want %q…", err, want)
			}
			if strings.Contains(err.Error(), "state=abc") {
				t.Errorf("the redirect's query may hold state and is not shown: %v", err)
			}
			if n := elsewhereCalls.Load(); n != 0 {
				t.Errorf("the redirect was followed %d times", n)
			}
		})
		origin.Close()
	}
}

func TestContentTypeIsChecked(t *testing.T) {
	for _, c := range []struct {
		name, contentType string
		accepted          bool
	}{
		{"should refuse an HTML page (a login page or a proxy's error), saying what it was", "text/html; charset=utf-8", false},
		{"should refuse an XML answer", "application/xml", false},
		{"should read application/json", "application/json", true},
		{"should read text/plain, which servers send for a body they did not label", "text/plain; charset=utf-8", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", c.contentType)
				_, _ = w.Write([]byte(`{"status":"success","data":{"resultType":"matrix","result":[]}}`))
			}))
			defer server.Close()
			prom, err := NewPrometheus(models.Settings{PrometheusURL: server.URL}, nil)
			if err != nil {
				t.Fatal(err)
			}
			_, err = prom.Fetch(context.Background(), promRequest("up", time.Hour, time.Minute))
			if c.accepted != (err == nil) {
				t.Fatalf("got %v", err)
			}
			if !c.accepted && !strings.Contains(err.Error(), "answered (HTTP 200) with \""+c.contentType+"\", not JSON") {
				t.Errorf("got %v", err)
			}
		})
	}
}
