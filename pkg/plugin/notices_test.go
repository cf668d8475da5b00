package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/foresight-anomaly/foresight/pkg/annotations"
)

func TestSourceWarningsAreCapped(t *testing.T) {
	warnings := make([]string, 10_000)
	for i := range warnings {
		warnings[i] = fmt.Sprintf("store %d did not answer", i)
	}
	prom := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		answer, _ := json.Marshal(map[string]any{"status": "success", "warnings": warnings,
			"data": map[string]any{"resultType": "matrix", "result": []any{}}})
		_, _ = w.Write(answer)
	}))
	defer prom.Close()
	pc := pluginContext(fmt.Sprintf(`{"prometheusUrl":%q}`, prom.URL), nil, "")
	res, err := startPlugin(t).QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pc, Queries: []backend.DataQuery{
		dataQuery("A", `{"source":"prometheus","expr":"up","trainingDays":1}`, time.Hour),
	}})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Responses["A"]
	if r.Error != nil || len(r.Frames) == 0 || r.Frames[0].Meta == nil {
		t.Fatalf("%v, %d frames", r.Error, len(r.Frames))
	}
	var texts []string
	for _, n := range r.Frames[0].Meta.Notices {
		texts = append(texts, n.Text)
	}
	t.Run("should show the first ten warnings and count the rest", func(t *testing.T) {
		want := []string{"Prometheus warns: store 0 did not answer", "Prometheus warns: store 9 did not answer", "… and 9,990 more warnings"}
		if len(texts) != 12 || texts[0] != want[0] || texts[9] != want[1] || texts[10] != want[2] {
			t.Errorf("%d notices: %q…", len(texts), texts[:min(len(texts), 12)])
		}
	})
}

func TestGroupThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 9990: "9,990", 1234567: "1,234,567"} {
		if got := groupThousands(n); got != want {
			t.Errorf("should group %d as %s, got %s", n, want, got)
		}
	}
}

func TestDuplicateRefIDs(t *testing.T) {
	pc := pluginContext(`{}`, nil, "")
	res, err := startPlugin(t).QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pc, Queries: []backend.DataQuery{
		dataQuery("A", `{"trainingDays":1}`, time.Hour),
		dataQuery("A", `{"trainingDays":2}`, time.Hour),
		dataQuery("B", `{"trainingDays":1}`, time.Hour),
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("should refuse a refId shared by two queries with an error on that refId", func(t *testing.T) {
		r := res.Responses["A"]
		if r.Error == nil || r.Error.Error() != `invalid query: refId "A" names 2 queries of this request; give each query its own refId` || r.Status != backend.StatusBadRequest {
			t.Errorf("got %v (%v)", r.Error, r.Status)
		}
	})
	t.Run("should still answer the other refIds", func(t *testing.T) {
		if r := res.Responses["B"]; r.Error != nil || len(r.Frames) == 0 {
			t.Errorf("got %v, %d frames", r.Error, len(r.Frames))
		}
	})
}

func TestAnnotationLimitIsNoticed(t *testing.T) {
	grafana := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/org" { // the organisation the plugin's credentials belong to
			_, _ = w.Write([]byte(`{"id":1,"name":"Main Org."}`))
			return
		}
		if r.URL.Path != "/api/annotations" {
			http.NotFound(w, r)
			return
		}
		items := make([]map[string]any, annotations.Limit)
		for i := range items {
			at := rangeEnd.Add(-time.Duration(i+1) * time.Minute).UnixMilli()
			items[i] = map[string]any{"time": at, "timeEnd": at, "tags": []string{annotations.ExcludeTag}}
		}
		_ = json.NewEncoder(w).Encode(items)
	}))
	defer grafana.Close()
	res, err := startPlugin(t).QueryData(context.Background(), &backend.QueryDataRequest{
		PluginContext: pluginContext(`{}`, nil, grafana.URL),
		Queries:       []backend.DataQuery{dataQuery("A", `{"trainingDays":1}`, time.Hour)},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Responses["A"]
	t.Run("should say when the annotations read reach the limit, and still apply them", func(t *testing.T) {
		if r.Error != nil || len(r.Frames) == 0 || r.Frames[0].Meta == nil {
			t.Fatalf("%v, %d frames", r.Error, len(r.Frames))
		}
		if notices := fmt.Sprint(r.Frames[0].Meta.Notices); !strings.Contains(notices, "more foresight:exclude, foresight:incident and foresight:false-alarm annotations than Foresight reads") {
			t.Errorf("notices: %s", notices)
		}
		excluded := r.Frames[0].Fields[7]
		if v, _ := fieldFloat(t, excluded, r.Frames[0].Rows()-2); v != 1 {
			t.Errorf("the annotations read were not applied: excluded = %v near the range's end", v)
		}
	})
}
