// Package annotations reads the region annotations tagged foresight:exclude that leave incidents out of
// training.
package annotations

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// ExcludeTag marks a region annotation whose span is left out of training.
const ExcludeTag = "foresight:exclude"

// Limit bounds how many annotations one query reads.
const Limit = 5000

// ErrTruncated means Grafana returned Limit annotations, so some may be missing; the ranges read still apply.
var ErrTruncated = errors.New("the span holds at least 5,000 foresight:exclude annotations, the most Foresight reads, so some were not read and the incidents they mark may have been learned; narrow the time range or remove old annotations")

// Getter is the slice of Grafana's API this package needs (upstream.GrafanaAPI implements it).
type Getter interface {
	GetJSON(ctx context.Context, path string, query url.Values, out any) error
	PermissionHint(permission string) string
}

// Scope says which dashboard and panel a request comes from (empty for alert rules and Explore).
type Scope struct {
	DashboardUID string
	PanelID      int64
}

// annotation is the part of an /api/annotations item Foresight reads.
type annotation struct {
	DashboardUID string   `json:"dashboardUID"`
	DashboardID  int64    `json:"dashboardId"`
	PanelID      int64    `json:"panelId"`
	Time         float64  `json:"time"`
	TimeEnd      float64  `json:"timeEnd"`
	Tags         []string `json:"tags"`
}

// ExcludedRanges returns the spans of foresight:exclude annotations overlapping [fromMs, toMs] that apply to
// scope: organisation-wide ones always, dashboard ones when the request comes from that dashboard (and, for
// panel annotations, that panel). Point annotations exclude their single instant. Ranges are sorted and merged.
// When Grafana returns Limit annotations the ranges come with ErrTruncated.
func ExcludedRanges(ctx context.Context, api Getter, scope Scope, fromMs, toMs float64) ([]models.ExcludeRange, error) {
	query := url.Values{}
	query.Set("tags", ExcludeTag)
	query.Set("type", "annotation")
	query.Set("from", strconv.FormatInt(int64(fromMs), 10))
	query.Set("to", strconv.FormatInt(int64(toMs), 10))
	query.Set("limit", strconv.Itoa(Limit))
	var items []annotation
	if err := api.GetJSON(ctx, "/api/annotations", query, &items); err != nil {
		if errors.Is(err, models.ErrPermission) {
			return nil, fmt.Errorf("%w: %s", models.ErrPermission, api.PermissionHint("annotations:read"))
		}
		return nil, err
	}
	var ranges []models.ExcludeRange
	for _, a := range items {
		if !hasTag(a.Tags, ExcludeTag) || !applies(a, scope) {
			continue
		}
		end := a.TimeEnd
		if end < a.Time {
			end = a.Time
		}
		ranges = append(ranges, models.ExcludeRange{From: a.Time, To: end})
	}
	if len(items) >= Limit {
		return Merge(ranges), ErrTruncated
	}
	return Merge(ranges), nil
}

func applies(a annotation, scope Scope) bool {
	orgWide := a.DashboardUID == "" && a.DashboardID == 0
	if orgWide {
		return true
	}
	if scope.DashboardUID == "" || a.DashboardUID != scope.DashboardUID {
		return false
	}
	return a.PanelID == 0 || scope.PanelID == 0 || a.PanelID == scope.PanelID
}

func hasTag(tags []string, want string) bool {
	for _, t := range tags {
		if t == want {
			return true
		}
	}
	return false
}

// Merge sorts ranges and joins overlapping ones.
func Merge(ranges []models.ExcludeRange) []models.ExcludeRange {
	if len(ranges) < 2 {
		return ranges
	}
	sorted := append([]models.ExcludeRange(nil), ranges...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].From < sorted[j].From })
	merged := sorted[:1]
	for _, r := range sorted[1:] {
		last := &merged[len(merged)-1]
		if r.From <= last.To {
			last.To = max(last.To, r.To)
			continue
		}
		merged = append(merged, r)
	}
	return merged
}
