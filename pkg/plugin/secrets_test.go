package plugin

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// Secrets with characters that escape differently in JSON, URLs and headers.
const (
	echoBearer   = "prom/bearer+token=&<x>"      //nolint:gosec // made-up credentials of the echoing upstream
	echoPassword = "hunter2/pass word+&"         //nolint:gosec // made-up
	echoSAToken  = "glsa_settings_token_1234567" //nolint:gosec // made-up
	echoManaged  = "glsa_managed"                // pluginContext's managed service-account token
)

var echoSecrets = []string{echoBearer, echoPassword, echoSAToken, echoManaged,
	base64.StdEncoding.EncodeToString([]byte("alice:" + echoPassword))}

// echoingUpstream repeats the request's credentials in every answer it gives, as a misconfigured proxy or a
// debugging endpoint might: raw in text, and JSON-escaped in a header dump.
func echoingUpstream(t *testing.T) *httptest.Server {
	t.Helper()
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		echo := "Authorization: " + r.Header.Get("Authorization")
		if user, pass, ok := r.BasicAuth(); ok {
			echo += " (" + user + ":" + pass + ")"
		}
		headers, _ := json.Marshal(r.Header)
		echo += " " + string(headers)
		_ = r.ParseForm()
		switch {
		case r.URL.Path == "/api/v1/query_range" && r.Form.Get("query") == "warn":
			answer, _ := json.Marshal(map[string]any{"status": "success", "warnings": []string{echo},
				"data": map[string]any{"resultType": "matrix", "result": []any{}}})
			_, _ = w.Write(answer)
		case r.URL.Path == "/api/v1/query_range":
			answer, _ := json.Marshal(map[string]any{"status": "error", "errorType": "bad_data", "error": echo})
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write(answer)
		case r.URL.Path == "/api/ds/query" && strings.Contains(r.Header.Get("Authorization"), echoManaged):
			answer, _ := json.Marshal(map[string]any{"results": map[string]any{"A": map[string]any{"error": echo}}})
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write(answer)
		default:
			http.Error(w, echo, http.StatusBadGateway)
		}
	}))
	t.Cleanup(server.Close)
	return server
}

func checkScrubbed(t *testing.T, what, text string) {
	t.Helper()
	for _, secret := range echoSecrets {
		for _, form := range []string{secret, strings.Trim(fmt.Sprintf("%q", secret), `"`), mustJSON(secret)} {
			if strings.Contains(text, form) {
				t.Errorf("%s shows a secret (%q): %s", what, form, text)
			}
		}
	}
	if !strings.Contains(text, models.Redacted) {
		t.Errorf("%s shows no sign of the echo it scrubbed, so this check proves nothing: %s", what, text)
	}
}

func mustJSON(s string) string {
	quoted, _ := json.Marshal(s)
	return strings.Trim(string(quoted), `"`)
}

func TestSecretsNeverShown(t *testing.T) {
	client := startPlugin(t)
	ctx := context.Background()
	echo := echoingUpstream(t)
	promBearer := fmt.Sprintf(`{"defaultSource":"prometheus","prometheusUrl":%q,"prometheusAuth":"bearer"}`, echo.URL)
	promBasic := fmt.Sprintf(`{"defaultSource":"prometheus","prometheusUrl":%q,"prometheusAuth":"basic","prometheusUser":"alice"}`, echo.URL)
	grafanaToken := fmt.Sprintf(`{"defaultSource":"grafana","grafanaUrl":%q,"allowedDatasources":["x"]}`, echo.URL)
	secrets := map[string]string{
		models.SecurePrometheusBearerToken: echoBearer, models.SecurePrometheusPassword: echoPassword,
		models.SecureServiceAccountToken: echoSAToken,
	}
	sources := []struct {
		name string
		pc   backend.PluginContext
		body string
	}{
		{"Prometheus with a bearer token", pluginContext(promBearer, secrets, ""), `{"source":"prometheus","expr":"up","trainingDays":1}`},
		{"Prometheus with basic authentication", pluginContext(promBasic, secrets, ""), `{"source":"prometheus","expr":"up","trainingDays":1}`},
		{"Grafana with the settings' token", pluginContext(grafanaToken, secrets, ""), `{"source":"grafana","sourceDatasource":{"uid":"x"},"sourceQuery":{},"trainingDays":1}`},
		{"Grafana with the managed account", pluginContext(`{"defaultSource":"grafana","allowedDatasources":["x"]}`, secrets, echo.URL), `{"source":"grafana","sourceDatasource":{"uid":"x"},"sourceQuery":{},"trainingDays":1}`},
	}
	for _, source := range sources {
		t.Run("should scrub a query's error: "+source.name, func(t *testing.T) {
			res, err := client.QueryData(ctx, &backend.QueryDataRequest{PluginContext: source.pc, Queries: []backend.DataQuery{dataQuery("A", source.body, time.Hour)}})
			if err != nil {
				t.Fatal(err)
			}
			r := res.Responses["A"]
			if r.Error == nil {
				t.Fatal("the echoing upstream's refusal was not reported")
			}
			checkScrubbed(t, "the error", r.Error.Error())
		})
		t.Run("should scrub the health message: "+source.name, func(t *testing.T) {
			res, err := client.CheckHealth(ctx, &backend.CheckHealthRequest{PluginContext: source.pc})
			if err != nil {
				t.Fatal(err)
			}
			checkScrubbed(t, "the health message", res.Message)
		})
		t.Run("should scrub a resource call's error: "+source.name, func(t *testing.T) {
			sender := &collectSender{}
			body := fmt.Sprintf(`{"query":%s,"from":%d,"to":%d,"intervalMs":300000}`, source.body, rangeEnd.Add(-time.Hour).UnixMilli(), rangeEnd.UnixMilli())
			err := client.CallResource(ctx, &backend.CallResourceRequest{PluginContext: source.pc, Path: "components", Method: http.MethodPost, Body: []byte(body)}, sender)
			if err != nil || len(sender.responses) != 1 {
				t.Fatalf("%v, %d responses", err, len(sender.responses))
			}
			checkScrubbed(t, "the resource answer", string(sender.responses[0].Body))
		})
	}
	t.Run("should scrub notices: Prometheus warnings and unreadable annotations", func(t *testing.T) {
		// Prometheus with a bearer token warns with the echo; the annotations (managed account) fail with it.
		pc := pluginContext(promBearer, secrets, echo.URL)
		res, err := client.QueryData(ctx, &backend.QueryDataRequest{PluginContext: pc, Queries: []backend.DataQuery{
			dataQuery("A", `{"source":"prometheus","expr":"warn","trainingDays":1}`, time.Hour),
		}})
		if err != nil {
			t.Fatal(err)
		}
		r := res.Responses["A"]
		if r.Error != nil || len(r.Frames) == 0 || r.Frames[0].Meta == nil {
			t.Fatalf("%v, %d frames", r.Error, len(r.Frames))
		}
		notices := fmt.Sprint(r.Frames[0].Meta.Notices)
		if !strings.Contains(notices, "Prometheus warns") || !strings.Contains(notices, "exclusion annotations were not read") {
			t.Fatalf("notices: %s", notices)
		}
		checkScrubbed(t, "the notices", notices)
	})
}
