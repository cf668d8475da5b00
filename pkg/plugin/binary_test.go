package plugin

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/grpcplugin"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
)

// buildPluginBinary compiles pkg/main.go the way the plugin ships (CGO off) into a temporary directory.
func buildPluginBinary(t *testing.T) string {
	t.Helper()
	binary := filepath.Join(t.TempDir(), "gpx_foresight_anomaly_datasource_"+runtime.GOOS+"_"+runtime.GOARCH)
	// go test puts its own Go first on PATH, so this is the toolchain running the test.
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goTool, "build", "-o", binary, "github.com/foresight-anomaly/foresight/pkg") //nolint:gosec // the go tool, building this module
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build the plugin binary: %v\n%s", err, out)
	}
	return binary
}

// TestCompiledBinary starts the plugin executable as Grafana does (go-plugin, gRPC, handshake protocol 2 with
// the datasource magic cookie) and queries it.
func TestCompiledBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts the plugin binary")
	}
	binary := buildPluginBinary(t)
	client := goplugin.NewClient(&goplugin.ClientConfig{
		HandshakeConfig: goplugin.HandshakeConfig{
			ProtocolVersion:  grpcplugin.ProtocolVersion,
			MagicCookieKey:   grpcplugin.MagicCookieKey,
			MagicCookieValue: grpcplugin.MagicCookieValue,
		},
		Plugins: map[string]goplugin.Plugin{
			"diagnostics": &grpcplugin.DiagnosticsGRPCPlugin{},
			"data":        &grpcplugin.DataGRPCPlugin{},
		},
		Cmd:              exec.Command(binary), //nolint:gosec // the binary this test just built
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
		Logger:           hclog.New(&hclog.LoggerOptions{Output: io.Discard}),
		StartTimeout:     30 * time.Second,
	})
	t.Cleanup(client.Kill)
	rpc, err := client.Client()
	if err != nil {
		t.Fatalf("handshake with the plugin binary: %v", err)
	}
	rawDiagnostics, err := rpc.Dispense("diagnostics")
	if err != nil {
		t.Fatal(err)
	}
	rawData, err := rpc.Dispense("data")
	if err != nil {
		t.Fatal(err)
	}
	diagnostics := rawDiagnostics.(grpcplugin.DiagnosticsClient)
	dataClient := rawData.(grpcplugin.DataClient)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	pc := backend.PluginContext{
		PluginID: PluginID, Namespace: "default",
		DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{UID: "binary", JSONData: []byte(`{}`), Updated: time.Unix(1, 0)},
	}

	t.Run("should pass the health check", func(t *testing.T) {
		res, err := diagnostics.CheckHealth(ctx, &pluginv2.CheckHealthRequest{PluginContext: backend.ToProto().PluginContext(pc)})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status.String() != "OK" || !strings.Contains(res.Message, "demo source") {
			t.Errorf("health %v %q", res.Status, res.Message)
		}
	})
	t.Run("should answer a demo query in alert mode", func(t *testing.T) {
		end := time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC)
		req := &backend.QueryDataRequest{PluginContext: pc, Queries: []backend.DataQuery{{
			RefID: "A", JSON: []byte(`{"mode":"alert","trainingDays":3}`), Interval: 5 * time.Minute, MaxDataPoints: 100,
			TimeRange: backend.TimeRange{From: end.Add(-time.Hour), To: end},
		}}}
		protoRes, err := dataClient.QueryData(ctx, backend.ToProto().QueryDataRequest(req))
		if err != nil {
			t.Fatal(err)
		}
		res, err := backend.FromProto().QueryDataResponse(protoRes)
		if err != nil {
			t.Fatal(err)
		}
		r := res.Responses["A"]
		if r.Error != nil || len(r.Frames) != 1 || r.Frames[0].Fields[1].Name != "outlier" || r.Frames[0].Rows() != 13 {
			t.Fatalf("response: %v %v", r.Error, r.Frames)
		}
		for i := 0; i < 13; i++ {
			if v, _ := r.Frames[0].Fields[1].NullableFloatAt(i); v == nil {
				t.Errorf("point %d not judged", i)
			}
		}
	})
}
