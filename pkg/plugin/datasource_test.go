package plugin

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/experimental/datasourcetest"
)

// startPlugin serves the datasource over real plugin gRPC on a free loopback port, the way Grafana talks to it.
func startPlugin(t *testing.T) *datasourcetest.TestPluginClient {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("no free port: %v", err)
	}
	addr := listener.Addr().String()
	if err := listener.Close(); err != nil {
		t.Fatalf("release port: %v", err)
	}
	served, err := datasourcetest.Manage(NewDatasource, datasourcetest.ManageOpts{Address: addr})
	if err != nil {
		t.Fatalf("start plugin: %v", err)
	}
	t.Cleanup(func() {
		if err := served.Shutdown(); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	return served.Client
}

func pluginContext(jsonData string) backend.PluginContext {
	return backend.PluginContext{
		PluginID: PluginID,
		OrgID:    1,
		DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{
			UID:      "foresight-test",
			JSONData: []byte(jsonData),
			Updated:  time.Unix(1_700_000_000, 0),
		},
	}
}

func TestDatasourceOverGRPC(t *testing.T) {
	client := startPlugin(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	t.Run("should report the demo source as ready", func(t *testing.T) {
		res, err := client.CheckHealth(ctx, &backend.CheckHealthRequest{PluginContext: pluginContext(`{}`)})
		if err != nil {
			t.Fatalf("CheckHealth: %v", err)
		}
		if res.Status != backend.HealthStatusOk {
			t.Fatalf("status = %v, want OK (%s)", res.Status, res.Message)
		}
		if !strings.Contains(res.Message, "demo source") {
			t.Errorf("message %q does not mention the demo source", res.Message)
		}
	})

	t.Run("should fail health for an upstream it cannot read yet", func(t *testing.T) {
		pc := pluginContext(`{"upstreamUid":"prom-1"}`)
		pc.DataSourceInstanceSettings.UID = "foresight-upstream"
		res, err := client.CheckHealth(ctx, &backend.CheckHealthRequest{PluginContext: pc})
		if err != nil {
			t.Fatalf("CheckHealth: %v", err)
		}
		if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "prom-1") {
			t.Errorf("got %v %q, want an error naming prom-1", res.Status, res.Message)
		}
	})

	t.Run("should answer every refId with its own not-implemented error", func(t *testing.T) {
		res, err := client.QueryData(ctx, &backend.QueryDataRequest{
			PluginContext: pluginContext(`{}`),
			Queries: []backend.DataQuery{
				{RefID: "A", JSON: []byte(`{}`), TimeRange: backend.TimeRange{From: time.Unix(0, 0), To: time.Unix(3600, 0)}},
				{RefID: "B", JSON: []byte(`{}`), TimeRange: backend.TimeRange{From: time.Unix(0, 0), To: time.Unix(3600, 0)}},
			},
		})
		if err != nil {
			t.Fatalf("QueryData: %v", err)
		}
		if len(res.Responses) != 2 {
			t.Fatalf("got %d responses, want 2", len(res.Responses))
		}
		for _, refID := range []string{"A", "B"} {
			r, ok := res.Responses[refID]
			if !ok {
				t.Fatalf("no response for %s", refID)
			}
			if r.Error == nil || !strings.Contains(r.Error.Error(), "not implemented yet") {
				t.Errorf("%s: error = %v, want not implemented yet", refID, r.Error)
			}
			if r.ErrorSource != backend.ErrorSourcePlugin {
				t.Errorf("%s: error source = %q, want plugin", refID, r.ErrorSource)
			}
			if int(r.Status) != http.StatusNotImplemented {
				t.Errorf("%s: status = %d, want 501", refID, r.Status)
			}
		}
	})

	t.Run("should refuse an instance whose settings are malformed", func(t *testing.T) {
		pc := pluginContext(`{"upstreamUid":`)
		pc.DataSourceInstanceSettings.UID = "foresight-broken"
		res, err := client.CheckHealth(ctx, &backend.CheckHealthRequest{PluginContext: pc})
		if err != nil {
			t.Fatalf("CheckHealth: %v", err)
		}
		if res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "invalid datasource settings") {
			t.Errorf("got %v %q, want an invalid-settings error", res.Status, res.Message)
		}
	})
}
