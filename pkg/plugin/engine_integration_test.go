package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
)

// realDatasource builds an instance on the real model engine (the embedded TypeScript model).
func realDatasource(t *testing.T, jsonData string) *Datasource {
	t.Helper()
	inst, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{UID: "real", JSONData: []byte(jsonData)})
	if err != nil {
		t.Fatalf("NewDatasource: %v", err)
	}
	t.Cleanup(func() { inst.(instancemgmt.InstanceDisposer).Dispose() })
	return inst.(*Datasource)
}

func TestRealEngineDemoQuery(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the embedded model")
	}
	d := realDatasource(t, `{}`)
	// The demo metric's default scenario ends on 2025-10-20 with incidents in its last weeks.
	end := time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC)
	q := backend.DataQuery{
		RefID: "A", JSON: []byte(`{"trainingDays":14}`), Interval: 5 * time.Minute, MaxDataPoints: 2000,
		TimeRange: backend.TimeRange{From: end.Add(-2 * 24 * time.Hour), To: end},
	}
	started := time.Now()
	res, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Responses["A"]
	if r.Error != nil || len(r.Frames) != 1 {
		t.Fatalf("error %v, %d frames", r.Error, len(r.Frames))
	}
	t.Logf("two days of the demo metric judged in %v", time.Since(started))
	frame := r.Frames[0]
	if frame.Meta != nil && len(frame.Meta.Notices) > 0 {
		t.Errorf("notices: %+v", frame.Meta.Notices)
	}
	judged := 0
	for i := 0; i < frame.Rows(); i++ {
		if v, _ := frame.Fields[2].NullableFloatAt(i); v != nil {
			judged++
		}
	}
	if judged != frame.Rows() {
		t.Errorf("%d of %d points have an expectation", judged, frame.Rows())
	}
	encoded, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(encoded), "NaN") || strings.Contains(string(encoded), "entities") {
		t.Error("NaN in the response")
	}
}

func TestRealEngineDemoNow(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the embedded model")
	}
	d := realDatasource(t, `{}`)
	now := time.Now().UTC()
	q := backend.DataQuery{
		RefID: "A", JSON: []byte(`{"trainingDays":3,"mode":"alert"}`), Interval: 5 * time.Minute, MaxDataPoints: 100,
		TimeRange: backend.TimeRange{From: now.Add(-30 * time.Minute), To: now},
	}
	res, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Responses["A"]
	if r.Error != nil || len(r.Frames) != 1 || r.Frames[0].Rows() < 6 {
		t.Fatalf("the demo must serve a range ending now: %v %v", r.Error, r.Frames)
	}
	for i := 0; i < r.Frames[0].Rows(); i++ {
		if v, _ := r.Frames[0].Fields[1].NullableFloatAt(i); v == nil {
			t.Errorf("point %d not judged (notices %v)", i, r.Frames[0].Meta.Notices)
		}
	}
}

func TestRealEngineResources(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the embedded model")
	}
	d := realDatasource(t, `{}`)
	end := time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC)
	body := fmt.Sprintf(`{"query":{"trainingDays":10},"from":%d,"to":%d,"intervalMs":300000}`, end.Add(-24*time.Hour).UnixMilli(), end.UnixMilli())
	for _, path := range []string{"components", "cv"} {
		t.Run("should answer "+path+" on the real model", func(t *testing.T) {
			sender := &collectSender{}
			err := d.CallResource(context.Background(), &backend.CallResourceRequest{Path: path, Method: "POST", Body: []byte(body)}, sender)
			if err != nil || len(sender.responses) != 1 || sender.responses[0].Status != 200 {
				t.Fatalf("%v %+v", err, sender.responses)
			}
			var out resourceResponse
			if err := json.Unmarshal(sender.responses[0].Body, &out); err != nil {
				t.Fatal(err)
			}
			if len(out.Series) != 1 || out.Series[0].Error != "" {
				t.Fatalf("%s", sender.responses[0].Body)
			}
			if path == "components" && len(out.Series[0].Components["trend"]) != 289 {
				t.Errorf("components: %d trend values", len(out.Series[0].Components["trend"]))
			}
			if path == "cv" && len(out.Series[0].Report) < 10 {
				t.Errorf("cv report: %s", out.Series[0].Report)
			}
		})
	}
}
