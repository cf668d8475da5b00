package annotations

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/config"

	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/upstream"
)

func serveAnnotations(t *testing.T, status int, gotQuery *url.Values) *httptest.Server {
	t.Helper()
	body, err := os.ReadFile("testdata/annotations.json")
	if err != nil {
		t.Fatal(err)
	}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/annotations" {
			http.NotFound(w, r)
			return
		}
		if gotQuery != nil {
			*gotQuery = r.URL.Query()
		}
		w.WriteHeader(status)
		if status == http.StatusOK {
			_, _ = w.Write(body)
		}
	}))
	t.Cleanup(server.Close)
	return server
}

func api(t *testing.T, serverURL string) *upstream.GrafanaAPI {
	t.Helper()
	cfg := config.NewGrafanaCfg(map[string]string{config.AppURL: serverURL, config.AppClientSecret: "secret"})
	a, err := upstream.NewGrafanaAPI(config.WithGrafanaConfig(context.Background(), cfg), models.Settings{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestRead(t *testing.T) {
	var query url.Values
	server := serveAnnotations(t, http.StatusOK, &query)
	ctx := context.Background()
	orgExcluded := []models.ExcludeRange{{From: 1700003600000, To: 1700007200000}, {From: 1700040000000, To: 1700040000000}}
	orgFalseAlarm := models.ExcludeRange{From: 1700045000000, To: 1700046000000}
	panel2Excluded := []models.ExcludeRange{{From: 1700003600000, To: 1700010000000}, {From: 1700040000000, To: 1700040000000}}
	dashBExcluded := []models.ExcludeRange{{From: 1700003600000, To: 1700007200000}, {From: 1700030000000, To: 1700031000000}, {From: 1700040000000, To: 1700040000000}}
	cases := []struct {
		name  string
		scope Scope
		want  Labels
	}{
		{"should keep only organisation-wide regions without a dashboard", Scope{},
			Labels{Excluded: orgExcluded, Exclusions: orgExcluded, FalseAlarms: []models.ExcludeRange{orgFalseAlarm}}},
		{"should add the panel's own regions and merge overlaps", Scope{DashboardUID: "dash-a", PanelID: 2},
			Labels{Excluded: panel2Excluded, Exclusions: panel2Excluded, FalseAlarms: []models.ExcludeRange{orgFalseAlarm}}},
		{"should take every panel's regions for a dashboard-level request, incidents among the excluded", Scope{DashboardUID: "dash-a"},
			Labels{
				Excluded: []models.ExcludeRange{{From: 1700003600000, To: 1700010000000}, {From: 1700020000000, To: 1700021000000},
					{From: 1700022000000, To: 1700023000000}, {From: 1700040000000, To: 1700040000000}},
				Exclusions: []models.ExcludeRange{{From: 1700003600000, To: 1700010000000}, {From: 1700020000000, To: 1700021000000},
					{From: 1700040000000, To: 1700040000000}},
				Incidents:   []models.ExcludeRange{{From: 1700022000000, To: 1700023000000}},
				FalseAlarms: []models.ExcludeRange{orgFalseAlarm},
			}},
		{"should keep another dashboard's labels to that dashboard", Scope{DashboardUID: "dash-b"},
			Labels{
				Excluded:    dashBExcluded,
				Exclusions:  dashBExcluded,
				FalseAlarms: []models.ExcludeRange{orgFalseAlarm, {From: 1700047000000, To: 1700048000000}},
			}},
		// Annotation 20 has a dashboardId but no dashboardUID (Grafana could not find its dashboard): it is that
		// dashboard's, so no scope takes it, not even as organisation-wide (the panel's appliesToPanel agrees).
		{"should apply a dashboard's annotation without a dashboard UID nowhere, not organisation-wide", Scope{DashboardUID: "dash-c", PanelID: 1},
			Labels{Excluded: orgExcluded, Exclusions: orgExcluded, FalseAlarms: []models.ExcludeRange{orgFalseAlarm}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read(ctx, api(t, server.URL), tc.scope, 1700000000000, 1700050000000)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v,\nwant %+v", got, tc.want)
			}
		})
	}
	t.Run("should ask for the three tags in one request, any of them matching", func(t *testing.T) {
		if _, err := Read(ctx, api(t, server.URL), Scope{}, 1700000000000, 1700050000000); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(query["tags"], []string{ExcludeTag, IncidentTag, FalseAlarmTag}) || query.Get("matchAny") != "true" ||
			query.Get("type") != "annotation" || query.Get("from") != "1700000000000" || query.Get("limit") != "5000" {
			t.Errorf("query = %v", query)
		}
	})
	t.Run("should name annotations:read when refused", func(t *testing.T) {
		refused := serveAnnotations(t, http.StatusForbidden, nil)
		_, err := Read(ctx, api(t, refused.URL), Scope{}, 0, 1)
		if !errors.Is(err, models.ErrPermission) || !strings.Contains(err.Error(), "annotations:read") {
			t.Fatalf("got %v", err)
		}
	})
}

// Grafana answers at most Limit annotations, newest first: another dashboard's many labels must not push this
// dashboard's own out of the read (a label on one dashboard changing another's model).
func TestReadOwnDashboardBesideACrowdedOrganisation(t *testing.T) {
	crowd := make([]map[string]any, Limit)
	for i := range crowd {
		crowd[i] = map[string]any{"dashboardUID": "dash-b", "dashboardId": 4, "time": 1700030000000 + i, "timeEnd": 1700030000000 + i,
			"tags": []string{ExcludeTag}}
	}
	own := []map[string]any{{"dashboardUID": "dash-a", "dashboardId": 3, "time": 1700003600000, "timeEnd": 1700007200000,
		"tags": []string{IncidentTag}}}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		items := crowd // the organisation's newest Limit: all dash-b's
		if uid := r.URL.Query().Get("dashboardUID"); uid != "" {
			items = nil
			if uid == "dash-a" {
				items = own
			}
		}
		_ = json.NewEncoder(w).Encode(items)
	}))
	t.Cleanup(server.Close)
	got, err := Read(context.Background(), api(t, server.URL), Scope{DashboardUID: "dash-a", PanelID: 2}, 1700000000000, 1700050000000)
	if !errors.Is(err, ErrTruncated) {
		t.Errorf("err %v, want ErrTruncated (organisation-wide labels may still be missing)", err)
	}
	want := []models.ExcludeRange{{From: 1700003600000, To: 1700007200000}}
	if !reflect.DeepEqual(got.Incidents, want) || !reflect.DeepEqual(got.Excluded, want) {
		t.Errorf("incidents %v excluded %v, want dash-a's own incident %v", got.Incidents, got.Excluded, want)
	}
}

// grafanaLike answers /api/annotations as Grafana does: the annotations overlapping [from, to] (start by to, end
// from from on), those that end latest first (then start latest), at most limit; it counts the requests.
func grafanaLike(t *testing.T, items []map[string]any, requests *int) *httptest.Server {
	t.Helper()
	end := func(a map[string]any) int64 { return a["timeEnd"].(int64) }
	start := func(a map[string]any) int64 { return a["time"].(int64) }
	sorted := append([]map[string]any(nil), items...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if end(sorted[i]) != end(sorted[j]) {
			return end(sorted[i]) > end(sorted[j])
		}
		return start(sorted[i]) > start(sorted[j])
	})
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*requests++
		q := r.URL.Query()
		from, _ := strconv.ParseInt(q.Get("from"), 10, 64)
		to, _ := strconv.ParseInt(q.Get("to"), 10, 64)
		limit, _ := strconv.Atoi(q.Get("limit"))
		var page []map[string]any
		for _, a := range sorted {
			if start(a) <= to && end(a) >= from && len(page) < limit {
				page = append(page, a)
			}
		}
		_ = json.NewEncoder(w).Encode(page)
	}))
	t.Cleanup(server.Close)
	return server
}

// Other dashboards' labels fill Grafana's pages of Limit: the organisation-wide label beneath them is read on a
// later page, within MaxPages.
func TestReadPagesPastOtherDashboardsLabels(t *testing.T) {
	const from, to = int64(1700000000000), int64(1700900000000)
	crowd := func(n int, span int64) []map[string]any {
		items := make([]map[string]any, n)
		for i := range items {
			at := to - int64(i)*30_000
			items[i] = map[string]any{"dashboardUID": "dash-b", "dashboardId": 4, "time": at - span, "timeEnd": at, "tags": []string{FalseAlarmTag}}
		}
		return items
	}
	orgWide := map[string]any{"dashboardUID": "", "dashboardId": 0, "time": from + 1000, "timeEnd": from + 3_600_000, "tags": []string{IncidentTag}}
	want := []models.ExcludeRange{{From: float64(from + 1000), To: float64(from + 3_600_000)}}

	t.Run("should read the organisation's label under 12,000 of another dashboard's", func(t *testing.T) {
		requests := 0
		server := grafanaLike(t, append(crowd(12_000, 0), orgWide), &requests)
		got, err := Read(context.Background(), api(t, server.URL), Scope{}, float64(from), float64(to))
		if err != nil {
			t.Fatalf("err %v, want none: the pages reach every label", err)
		}
		if !reflect.DeepEqual(got.Incidents, want) || !reflect.DeepEqual(got.Excluded, want) {
			t.Errorf("incidents %v, excluded %v, want %v", got.Incidents, got.Excluded, want)
		}
		if requests != 3 {
			t.Errorf("%d requests, want 3 pages", requests)
		}
	})
	t.Run("should stop after MaxPages full pages, truncated", func(t *testing.T) {
		requests := 0
		server := grafanaLike(t, append(crowd(MaxPages*Limit+10, 0), orgWide), &requests)
		_, err := Read(context.Background(), api(t, server.URL), Scope{}, float64(from), float64(to))
		if !errors.Is(err, ErrTruncated) || requests != MaxPages {
			t.Errorf("err %v after %d requests, want ErrTruncated after %d", err, requests, MaxPages)
		}
	})
	t.Run("should stop, truncated, when the next page ends no earlier", func(t *testing.T) {
		requests := 0
		// Every crowd label spans the whole range: each page repeats the one before.
		server := grafanaLike(t, append(crowd(Limit+10, to-from), orgWide), &requests)
		_, err := Read(context.Background(), api(t, server.URL), Scope{}, float64(from), float64(to))
		if !errors.Is(err, ErrTruncated) || requests > 2 {
			t.Errorf("err %v after %d requests, want ErrTruncated after at most 2", err, requests)
		}
	})
}
