// Package annotations reads the region annotations Foresight's labels live in: foresight:exclude and
// foresight:incident spans are left out of training, foresight:false-alarm spans tell the model what it flagged
// wrongly.
package annotations

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/url"
	"sort"
	"strconv"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// Tags of the annotations Foresight reads.
const (
	// ExcludeTag marks a span left out of training.
	ExcludeTag = "foresight:exclude"
	// IncidentTag marks a real incident: left out of training like an exclusion, and a label that evaluation
	// and selection count as one the detector should find.
	IncidentTag = "foresight:incident"
	// FalseAlarmTag marks a span the detector flagged that was normal behaviour.
	FalseAlarmTag = "foresight:false-alarm"
)

// Limit bounds how many annotations one request reads; a read pages on through at most MaxPages requests.
const (
	Limit    = 5000
	MaxPages = 4
)

// ErrTruncated means the pages read were all full, so some annotations may be missing; the ranges read still apply.
var ErrTruncated = errors.New("the span holds more foresight:exclude, foresight:incident and foresight:false-alarm annotations than Foresight reads (4 pages of 5,000 for the organisation, and as many for this dashboard), so some were not read and the incidents they mark may have been learned; narrow the time range or remove old annotations")

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

// Labels are the spans of the annotations that apply to a request, each list sorted and merged.
type Labels struct {
	// Excluded are the spans left out of training: exclusions and incidents together.
	Excluded []models.ExcludeRange
	// Exclusions are the foresight:exclude spans alone (calls that take incidents as labels, not exclusions).
	Exclusions []models.ExcludeRange
	// Incidents and FalseAlarms are the spans labelled so, for the fits (false alarms) and for evaluation.
	Incidents   []models.ExcludeRange
	FalseAlarms []models.ExcludeRange
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

// Read returns the spans of Foresight's annotations overlapping [fromMs, toMs] that apply to scope:
// organisation-wide ones always, dashboard ones when the request comes from that dashboard (and, for panel
// annotations, that panel). Point annotations cover their single instant. One read takes all three tags
// (Grafana's matchAny), and one more the scope's dashboard's own; each pages on while its pages are full (readAll),
// and when one still is after MaxPages the labels come with ErrTruncated.
func Read(ctx context.Context, api Getter, scope Scope, fromMs, toMs float64) (Labels, error) {
	query := url.Values{}
	query["tags"] = []string{ExcludeTag, IncidentTag, FalseAlarmTag}
	query.Set("matchAny", "true")
	query.Set("type", "annotation")
	query.Set("from", strconv.FormatInt(int64(fromMs), 10))
	query.Set("to", strconv.FormatInt(int64(toMs), 10))
	query.Set("limit", strconv.Itoa(Limit))
	items, truncated, err := readAll(ctx, api, query)
	if err != nil {
		return Labels{}, err
	}
	if scope.DashboardUID != "" {
		// The organisation's page holds its newest Limit annotations, which other dashboards' labels can fill:
		// this dashboard's own are asked for apart (a range read twice merges with itself).
		own := url.Values{}
		for k, v := range query {
			own[k] = v
		}
		own.Set("dashboardUID", scope.DashboardUID)
		ownItems, ownTruncated, err := readAll(ctx, api, own)
		if err != nil {
			return Labels{}, err
		}
		items, truncated = append(items, ownItems...), truncated || ownTruncated
	}
	var exclusions, incidents, falseAlarms []models.ExcludeRange
	for _, a := range items {
		if !applies(a, scope) {
			continue
		}
		span := models.ExcludeRange{From: a.Time, To: max(a.Time, a.TimeEnd)}
		if hasTag(a.Tags, ExcludeTag) {
			exclusions = append(exclusions, span)
		}
		if hasTag(a.Tags, IncidentTag) {
			incidents = append(incidents, span)
		}
		if hasTag(a.Tags, FalseAlarmTag) {
			falseAlarms = append(falseAlarms, span)
		}
	}
	labels := Labels{
		Excluded:   Merge(append(append([]models.ExcludeRange(nil), exclusions...), incidents...)),
		Exclusions: Merge(exclusions), Incidents: Merge(incidents), FalseAlarms: Merge(falseAlarms),
	}
	if truncated {
		return labels, ErrTruncated
	}
	return labels, nil
}

// readAll reads the annotations of query's span, page by page. Grafana answers the Limit annotations that end
// latest (ordered by end, then start, both descending), so a full page holds every one ending after its earliest
// end E; the next page asks for those starting by E (`to`), which holds every one ending by E, plus ones read
// already that span E (merged away later). It stops, truncated, after MaxPages full pages, at a page that ends no
// earlier than the one before (so many spanning annotations make no progress), or at a page not in that order
// (another Grafana's: its pages cannot be joined safely).
func readAll(ctx context.Context, api Getter, query url.Values) ([]annotation, bool, error) {
	next := url.Values{}
	for k, v := range query {
		next[k] = v
	}
	var all []annotation
	for page := 1; ; page++ {
		items, full, err := readPage(ctx, api, next)
		if err != nil {
			return nil, false, err
		}
		all = append(all, items...)
		if !full {
			return all, false, nil
		}
		earliest, ordered := earliestEnd(items)
		to, _ := strconv.ParseInt(next.Get("to"), 10, 64)
		if page == MaxPages || !ordered || earliest >= to {
			return all, true, nil
		}
		next.Set("to", strconv.FormatInt(earliest, 10))
	}
}

// earliestEnd is the earliest end (ms) of a page, and whether its ends are in Grafana's descending order.
func earliestEnd(items []annotation) (int64, bool) {
	earliest := int64(math.MaxInt64)
	for _, a := range items {
		end := int64(max(a.Time, a.TimeEnd))
		if end > earliest {
			return 0, false
		}
		earliest = end
	}
	return earliest, true
}

// readPage reads one page of annotations and says whether it was cut at Limit.
func readPage(ctx context.Context, api Getter, query url.Values) ([]annotation, bool, error) {
	var items []annotation
	if err := api.GetJSON(ctx, "/api/annotations", query, &items); err != nil {
		if errors.Is(err, models.ErrPermission) {
			return nil, false, fmt.Errorf("%w: %s", models.ErrPermission, api.PermissionHint("annotations:read"))
		}
		return nil, false, err
	}
	return items, len(items) >= Limit, nil
}

// applies says whether an annotation labels the scope's series. Grafana fills dashboardUID from dashboardId and
// leaves it empty when it cannot find that dashboard (deleted): such an annotation is still a dashboard's, so it
// applies nowhere rather than organisation-wide (the panel's appliesToPanel reads it the same way).
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
