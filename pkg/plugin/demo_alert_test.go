package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"go.yaml.in/yaml/v3"

	"github.com/foresight-anomaly/foresight/pkg/alerting"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// The target: on the demo metric, with persistence and a minimum size on, the alert rule fires once per
// injected incident and never outside them over eight weeks.
//
// The eight weeks are those of the demo's default scenario (2025-08-25 to 2025-10-20, Chuseok included), judged
// through the datasource as an alert rule reads them: alert mode, 28 days of training, the demo's Korean
// holidays, a model refitted each day. The weeks run as overlapping week-long queries (each starts a persistence
// window early) so every day has its own fit, as a live rule's short range has.
//
// Measured (seeds 20251020, 1 and 2, 3 of 6 points, 10% minimum): each incident fires exactly once (the spike
// and the outage 10 minutes in, the degradation after 1h45-2h10), and nothing fires outside them, holidays
// included. Two holidays are met for the first time: Chuseok's first day (25-30% below the expectation) and
// Hangeul Day (32-36% above), both in the first nine hours of the Korean day (15:00-24:00 UTC the day before),
// which the fit of the day before judges without having seen the day. They fired 4 times on every seed until a
// holiday the model has not learned widened its band (unseen_days_scale, 0.15 of the expectation by
// default; 0.05 still fired 4-5 times, 0.1 none).
const (
	demoStep     = 5 * time.Minute
	demoDay      = 24 * time.Hour
	demoRangeEnd = "2025-10-20T00:00:00Z"
	// The rule's range (relativeTimeRange 30 minutes, reduced by max, as provisioning/alerting's persistent
	// rule): alert runs closer than this keep its condition true, so they are one firing.
	ruleRange = 30 * time.Minute
	// persistentRule is the provisioned rule whose alerting object the target asserts.
	persistentRule = "foresight-demo-persistent"
)

// demoSpan is the generated series: 13 weeks from 28 days before the eight weeks. The generator places its three
// incidents at fixed shares of the span it draws (src/demo/messagingMetric.ts placeIncidents); a 91-day span
// puts all three inside the eight weeks with a full training window before the first.
func demoSpan(t *testing.T) (start, rangeFrom, rangeTo time.Time) {
	t.Helper()
	end, err := time.Parse(time.RFC3339, demoRangeEnd)
	if err != nil {
		t.Fatal(err)
	}
	rangeFrom = end.Add(-56 * demoDay)
	return rangeFrom.Add(-28 * demoDay), rangeFrom, end
}

type demoIncident struct {
	kind       string
	from, to   time.Time // to exclusive
	wantFactor float64   // how the incident scales the value at its middle, checked on the data
}

// demoIncidents mirrors placeIncidents for a span of `days` days: each incident on its day (a share of the span)
// at a fixed Korea-time hour.
func demoIncidents(start time.Time, days float64) []demoIncident {
	kst := 9 * time.Hour
	localDayStart := start.Add(kst).Truncate(demoDay).Add(-kst)
	at := func(share, localHour float64) time.Time {
		return localDayStart.Add(time.Duration(math.Floor(share*days))*demoDay + time.Duration(localHour*float64(time.Hour)))
	}
	return []demoIncident{
		{"spike", at(0.31, 14), at(0.31, 14).Add(20 * time.Minute), 1.8},
		{"outage", at(0.56, 20.5), at(0.56, 20.5).Add(45 * time.Minute), 0.08},
		{"degradation", at(0.92, 9), at(0.92, 9).Add(8 * time.Hour), 0.75},
	}
}

// fixedDemo is the real engine serving one pre-generated demo series for every span asked of it.
type fixedDemo struct {
	Model
	times, values []float64
}

func (m fixedDemo) Demo(_ context.Context, _ string, fromMs, toMs, _ float64, _ int64) ([]float64, []float64, error) {
	lo := sort.SearchFloat64s(m.times, fromMs)
	hi := sort.SearchFloat64s(m.times, toMs)
	return m.times[lo:hi], m.values[lo:hi], nil
}

// demoQuery is the provisioned demo rule's query with an alerting object.
func demoQuery(mode string, alertingJSON string) string {
	q := `{"source":"demo","demoSeries":"messaging","mode":"` + mode + `","trainingDays":28,
		"params":{"country_holidays":["KR"],"holidays_tz_offset_minutes":540}`
	if alertingJSON != "" {
		q += `,"alerting":` + alertingJSON
	}
	return q + "}"
}

// judgeWeeks runs the query over the eight weeks in week-long pieces, each starting lead points early, and
// returns the frames' fields by name over the eight weeks (the lead points dropped).
func judgeWeeks(t *testing.T, d *Datasource, query string, lead int, rangeFrom, rangeTo time.Time) (times []time.Time, fields map[string][]float64) {
	t.Helper()
	fields = map[string][]float64{}
	for week := rangeFrom; week.Before(rangeTo); week = week.Add(7 * demoDay) {
		q := backend.DataQuery{RefID: "A", JSON: []byte(query), Interval: demoStep, MaxDataPoints: 5000,
			TimeRange: backend.TimeRange{From: week.Add(-time.Duration(lead) * demoStep), To: week.Add(7*demoDay - demoStep)}}
		res, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
		if err != nil {
			t.Fatal(err)
		}
		r := res.Responses["A"]
		if r.Error != nil || len(r.Frames) != 1 {
			t.Fatalf("week of %s: error %v, %d frames", week.Format(time.DateOnly), r.Error, len(r.Frames))
		}
		frame := r.Frames[0]
		if frame.Meta != nil && len(frame.Meta.Notices) > 0 {
			t.Fatalf("week of %s: notices %v", week.Format(time.DateOnly), frame.Meta.Notices)
		}
		first := 0
		for first < frame.Rows() && frame.Fields[0].At(first).(time.Time).Before(week) {
			first++
		}
		for i := first; i < frame.Rows(); i++ {
			times = append(times, frame.Fields[0].At(i).(time.Time))
		}
		for _, field := range frame.Fields[1:] {
			for i := first; i < frame.Rows(); i++ {
				fields[field.Name] = append(fields[field.Name], floatOrNaN(field, i))
			}
		}
	}
	return times, fields
}

func floatOrNaN(field *data.Field, i int) float64 {
	if v, ok := field.ConcreteAt(i); ok {
		return v.(float64)
	}
	return math.NaN()
}

type firing struct{ from, to time.Time }

// firings are the runs of alert = 1, runs closer than the rule's range merged.
func firings(times []time.Time, alert []float64) []firing {
	var out []firing
	for i, a := range alert {
		if a != 1 {
			continue
		}
		if n := len(out); n > 0 && times[i].Sub(out[n-1].to) <= ruleRange {
			out[n-1].to = times[i]
			continue
		}
		out = append(out, firing{times[i], times[i]})
	}
	return out
}

// tally counts firings per incident and firings outside them. A firing belongs to an incident when it overlaps
// it or starts within the persistence window after its end (the k-of-n alert lags by up to that window).
func tally(incidents []demoIncident, fired []firing, lag time.Duration) (perIncident []int, outside []firing) {
	perIncident = make([]int, len(incidents))
	for _, f := range fired {
		matched := false
		for k, inc := range incidents {
			if !f.from.After(inc.to.Add(lag)) && !f.to.Before(inc.from) {
				perIncident[k]++
				matched = true
			}
		}
		if !matched {
			outside = append(outside, f)
		}
	}
	return perIncident, outside
}

// demoSettings are alerting objects an SRE might set; the first is the provisioned rule's (checked below).
var demoSettings = []struct {
	name, json string
	window     int
}{
	{"3 of 6, 10% minimum", `{"minRelative":0.1,"persistence":{"window":6,"required":3}}`, 6},
	{"none (today's outlier)", ``, 1},
	{"1 of 1, 10% minimum", `{"minRelative":0.1}`, 1},
	{"3 of 6, no minimum", `{"persistence":{"window":6,"required":3}}`, 6},
	{"2 of 3, 10% minimum", `{"minRelative":0.1,"persistence":{"window":3,"required":2}}`, 3},
	{"3 of 6, 20% minimum", `{"minRelative":0.2,"persistence":{"window":6,"required":3}}`, 6},
	{"4 of 6, 10% minimum", `{"minRelative":0.1,"persistence":{"window":6,"required":4}}`, 6},
}

func TestDemoAlertFiresOncePerIncident(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the embedded model over eight weeks")
	}
	engine, err := sharedEngine()
	if err != nil {
		t.Fatal(err)
	}
	for _, seed := range []int64{20251020, 1, 2} {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) { checkDemoAlert(t, engine, seed) })
	}
}

// checkDemoAlert judges the eight weeks of one demo series and asserts the provisioned rule's firings.
func checkDemoAlert(t *testing.T, engine Model, seed int64) {
	t.Helper()
	start, rangeFrom, rangeTo := demoSpan(t)
	spanEnd := start.Add(91 * demoDay)
	ts, ys, err := engine.Demo(context.Background(), "messaging", float64(start.UnixMilli()), float64(spanEnd.UnixMilli()),
		float64(demoStep.Milliseconds()), seed)
	if err != nil {
		t.Fatal(err)
	}
	incidents := demoIncidents(start, 91)
	checkIncidentsInData(t, incidents, ts, ys)
	d := newDatasource(t, `{}`, fixedDemo{Model: engine, times: ts, values: ys})
	started := time.Now()

	// The model's own outputs once (full mode, no alerting object); every setting's fields follow from them.
	times, raw := judgeWeeks(t, d, demoQuery(models.ModeFull, ""), 0, rangeFrom, rangeTo)
	t.Logf("eight weeks judged in %v", time.Since(started))
	judged := alerting.Judged{Values: raw["value"], Yhat: raw["yhat"], Outlier: raw["outlier"], Score: raw["score"]}
	var report []string
	for _, s := range demoSettings {
		out := alerting.Compute(judged, mustAlerting(t, s.json).Resolved(), nil)
		perIncident, outside := tally(incidents, firings(times, out.Alert), time.Duration(s.window)*demoStep)
		report = append(report, fmt.Sprintf("%-24s firings per incident %v, outside %d %s", s.name, perIncident, len(outside), describe(outside)))
	}
	t.Log("eight weeks of the demo metric:\n" + strings.Join(report, "\n"))

	// The asserted setting through alert mode itself: the rule's frame, not a recomputation.
	chosen := demoSettings[0]
	if provisioned := provisionedAlerting(t, persistentRule); !reflect.DeepEqual(provisioned, *mustAlerting(t, chosen.json)) {
		t.Fatalf("rule %s sets %+v, the test asserts %s", persistentRule, provisioned, chosen.json)
	}
	alertTimes, alertFields := judgeWeeks(t, d, demoQuery(models.ModeAlert, chosen.json), chosen.window-1, rangeFrom, rangeTo)
	perIncident, outside := tally(incidents, firings(alertTimes, alertFields[models.AlertFieldOutlier]), time.Duration(chosen.window)*demoStep)
	for k, n := range perIncident {
		if n != 1 {
			t.Errorf("%s (%s): the rule fired %d times, want once", incidents[k].kind, incidents[k].from.Format(time.DateTime), n)
		}
	}
	for _, f := range outside {
		t.Errorf("the rule fired outside the incidents: %s", describe([]firing{f}))
	}
	t.Logf("%s: firings per incident %v, outside them %d", chosen.name, perIncident, len(outside))
}

// checkIncidentsInData guards the mirrored placement: the value at each incident's middle is scaled as the
// generator scales it, against the same slot a week before.
func checkIncidentsInData(t *testing.T, incidents []demoIncident, ts, ys []float64) {
	t.Helper()
	valueAt := func(at time.Time) float64 {
		i := sort.SearchFloat64s(ts, float64(at.UnixMilli()))
		if i >= len(ts) || ts[i] != float64(at.UnixMilli()) {
			t.Fatalf("no demo point at %s", at)
		}
		return ys[i]
	}
	for _, inc := range incidents {
		middle := inc.from.Add(inc.to.Sub(inc.from) / 2).Truncate(demoStep)
		ratio := valueAt(middle) / valueAt(middle.Add(-7*demoDay))
		if math.Abs(ratio-inc.wantFactor) > 0.15 {
			t.Fatalf("%s at %s: the value is %.2f times the week before, want about %.2f: the generator's incidents moved",
				inc.kind, middle, ratio, inc.wantFactor)
		}
	}
}

func describe(fired []firing) string {
	parts := make([]string, 0, len(fired))
	for _, f := range fired {
		parts = append(parts, f.from.Format("01-02 15:04")+"+"+f.to.Sub(f.from).String())
	}
	return strings.Join(parts, " ")
}

// mustAlerting decodes an alerting object (nil for "").
func mustAlerting(t *testing.T, text string) *models.Alerting {
	t.Helper()
	if text == "" {
		return nil
	}
	object := &models.Alerting{}
	if err := json.Unmarshal([]byte(text), object); err != nil {
		t.Fatal(err)
	}
	return object
}

// provisionedAlerting reads the alerting object of a rule in provisioning/alerting.
func provisionedAlerting(t *testing.T, uid string) models.Alerting {
	t.Helper()
	var file struct {
		Groups []struct {
			Rules []struct {
				UID  string `yaml:"uid"`
				Data []struct {
					Model struct {
						Alerting map[string]any `yaml:"alerting"`
					} `yaml:"model"`
				} `yaml:"data"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	text, err := os.ReadFile("../../provisioning/alerting/foresight-alerts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(text, &file); err != nil {
		t.Fatal(err)
	}
	for _, g := range file.Groups {
		for _, r := range g.Rules {
			if r.UID == uid && len(r.Data) > 0 {
				encoded, err := json.Marshal(r.Data[0].Model.Alerting)
				if err != nil {
					t.Fatal(err)
				}
				return *mustAlerting(t, string(encoded))
			}
		}
	}
	t.Fatalf("no provisioned rule %s", uid)
	return models.Alerting{}
}
