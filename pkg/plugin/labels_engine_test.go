package plugin

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/foresight-anomaly/foresight/pkg/annotations"
)

// bumpedSeries is a daily cycle around 100 with a fixed pseudo-random wiggle, and +400 over [bumpFrom, bumpTo].
func bumpedSeries(t, bumpFrom, bumpTo float64) float64 {
	clean := 100 + 20*math.Sin(2*math.Pi*t/86_400_000) + 3*math.Sin(t/(7*60_000))
	if t >= bumpFrom && t <= bumpTo {
		return clean + 400
	}
	return clean
}

// servePrometheus answers query_range with one series of value(t) at the asked step.
func servePrometheus(t *testing.T, value func(ms float64) float64) string {
	t.Helper()
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.URL.Path != "/api/v1/query_range" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		start, _ := strconv.ParseFloat(r.Form.Get("start"), 64)
		end, _ := strconv.ParseFloat(r.Form.Get("end"), 64)
		step, _ := strconv.ParseFloat(r.Form.Get("step"), 64)
		var values [][2]any
		for s := start; s <= end; s += step {
			values = append(values, [2]any{s, strconv.FormatFloat(value(s*1000), 'f', 3, 64)})
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"status": "success", "data": map[string]any{
			"resultType": "matrix", "result": []any{map[string]any{"metric": map[string]string{"job": "shop"}, "values": values}},
		}})
	}))
	t.Cleanup(server.Close)
	return server.URL
}

// An incident the day before a six-hour range, labelled on the organisation: the model must not learn it, exactly
// as when the same span is an exclusion, while an unlabelled one pulls the expectation up.
func TestRealEngineIncidentNotLearned(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the embedded model")
	}
	end := time.Date(2025, 10, 20, 18, 0, 0, 0, time.UTC)
	bumpFrom, bumpTo := float64(end.Add(-30*time.Hour).UnixMilli()), float64(end.Add(-19*time.Hour).UnixMilli())
	promURL := servePrometheus(t, func(ms float64) float64 { return bumpedSeries(ms, bumpFrom, bumpTo) })
	g := newLabelGrafana(t)
	d := realDatasource(t, fmt.Sprintf(`{"defaultSource":"prometheus","prometheusUrl":%q}`, promURL))
	run := func(tag string) *data.Frame {
		t.Helper()
		g.set()
		if tag != "" {
			g.set(label(tag, "", bumpFrom, bumpTo))
		}
		return shopFrame(t, d, g, end, tag)
	}
	// offClean is the mean distance of the expectation from the clean cycle, and width the mean band width.
	measure := func(frame *data.Frame) (offClean, width float64) {
		for i := 0; i < frame.Rows(); i++ {
			at := float64(frame.Fields[0].At(i).(time.Time).UnixMilli())
			yhat, _ := fieldFloat(t, frame.Fields[2], i)
			upper, _ := fieldFloat(t, frame.Fields[3], i)
			lower, _ := fieldFloat(t, frame.Fields[4], i)
			offClean += math.Abs(yhat - bumpedSeries(at, 0, -1))
			width += upper - lower
		}
		n := float64(frame.Rows())
		return offClean / n, width / n
	}
	learnedOff, learnedWidth := measure(run(""))
	incident := run(annotations.IncidentTag)
	incidentOff, incidentWidth := measure(incident)
	t.Logf("expectation off the clean cycle by %.1f (band %.1f wide) with the incident learned, %.1f (band %.1f) labelled",
		learnedOff, learnedWidth, incidentOff, incidentWidth)
	t.Run("should keep the expectation and band off a labelled incident", func(t *testing.T) {
		if learnedOff < 3*incidentOff || learnedWidth < 1.5*incidentWidth {
			t.Errorf("the labelled incident was learned: off by %.1f vs %.1f unlabelled, band %.1f vs %.1f", incidentOff, learnedOff, incidentWidth, learnedWidth)
		}
	})
	t.Run("should leave a labelled incident out of training exactly as an exclusion", func(t *testing.T) {
		if frameJSON(t, incident) != frameJSON(t, run(annotations.ExcludeTag)) {
			t.Error("an incident label and an exclusion of the same span answer differently")
		}
	})
}

// A moderate alarm yesterday labelled false, its repeat today and a larger incident today: through the backend and
// the real engine, the label silences the repeat and leaves the larger incident flagged, with the same scores.
func TestRealEngineFalseAlarmLabel(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the embedded model")
	}
	end := time.Date(2025, 10, 20, 18, 0, 0, 0, time.UTC)
	at := func(hoursBeforeEnd float64) float64 {
		return float64(end.Add(-time.Duration(hoursBeforeEnd * float64(time.Hour))).UnixMilli())
	}
	alarm := [2]float64{at(28), at(27.5)}  // yesterday 14:00-14:30
	repeat := [2]float64{at(4), at(3.5)}   // today 14:00-14:30
	incident := [2]float64{at(2), at(1.5)} // today 16:00-16:30
	value := func(ms float64) float64 {
		v := bumpedSeries(ms, 0, -1)
		switch {
		case ms >= alarm[0] && ms <= alarm[1], ms >= repeat[0] && ms <= repeat[1]:
			return v + 25
		case ms >= incident[0] && ms <= incident[1]:
			return v + 100
		}
		return v
	}
	promURL := servePrometheus(t, value)
	g := newLabelGrafana(t)
	d := realDatasource(t, fmt.Sprintf(`{"defaultSource":"prometheus","prometheusUrl":%q}`, promURL))
	flagged := func(labelled bool) (inRepeat, inIncident, elsewhere int, incidentScore float64) {
		t.Helper()
		g.set()
		if labelled {
			g.set(label(annotations.FalseAlarmTag, "", alarm[0], alarm[1]))
		}
		frame := shopFrame(t, d, g, end, fmt.Sprintf("false alarm labelled %v", labelled))
		for i := 0; i < frame.Rows(); i++ {
			ms := float64(frame.Fields[0].At(i).(time.Time).UnixMilli())
			if v, _ := fieldFloat(t, frame.Fields[5], i); v == 0 {
				continue
			}
			switch {
			case ms >= repeat[0] && ms <= repeat[1]:
				inRepeat++
			case ms >= incident[0] && ms <= incident[1]:
				inIncident++
				score, _ := fieldFloat(t, frame.Fields[6], i)
				incidentScore += score
			default:
				elsewhere++
			}
		}
		return inRepeat, inIncident, elsewhere, incidentScore
	}
	repeatBefore, incidentBefore, elsewhereBefore, scoreBefore := flagged(false)
	repeatAfter, incidentAfter, elsewhereAfter, scoreAfter := flagged(true)
	t.Logf("flagged points (of 7 each): repeat %d → %d, incident %d → %d, elsewhere %d → %d",
		repeatBefore, repeatAfter, incidentBefore, incidentAfter, elsewhereBefore, elsewhereAfter)
	if repeatBefore < 5 || incidentBefore < 6 {
		t.Fatalf("setup: unlabelled, the repeat and the incident should be flagged: %d, %d", repeatBefore, incidentBefore)
	}
	t.Run("should not raise the labelled false alarm again", func(t *testing.T) {
		if repeatAfter > 1 {
			t.Errorf("%d points of the repeat still flagged", repeatAfter)
		}
	})
	t.Run("should still flag a larger incident on the same series", func(t *testing.T) {
		if incidentAfter < incidentBefore {
			t.Errorf("the incident lost flags: %d → %d", incidentBefore, incidentAfter)
		}
	})
	t.Run("should keep the larger incident's scores", func(t *testing.T) {
		if math.Abs(scoreAfter-scoreBefore) > 1e-9 {
			t.Errorf("the incident's flagged scores sum to %.6f with the label, %.6f without", scoreAfter, scoreBefore)
		}
	})
}

// Cross-validation on the real engine, from a dashboard with labels in the history: the report carries
// label_metrics whose counts agree with each other.
func TestRealEngineCrossValidationLabelMetrics(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the embedded model")
	}
	end := time.Date(2025, 10, 20, 18, 0, 0, 0, time.UTC)
	at := func(hoursBeforeEnd float64) float64 {
		return float64(end.Add(-time.Duration(hoursBeforeEnd * float64(time.Hour))).UnixMilli())
	}
	incidents := [][2]float64{{at(30), at(29)}, {at(54), at(53)}}
	falseAlarm := [2]float64{at(40), at(39.5)}
	value := func(ms float64) float64 {
		v := bumpedSeries(ms, 0, -1)
		for _, r := range incidents {
			if ms >= r[0] && ms <= r[1] {
				return v + 150
			}
		}
		if ms >= falseAlarm[0] && ms <= falseAlarm[1] {
			return v + 25
		}
		return v
	}
	g := newLabelGrafana(t)
	g.set(label(annotations.IncidentTag, "ops", incidents[0][0], incidents[0][1]), label(annotations.IncidentTag, "", incidents[1][0], incidents[1][1]),
		label(annotations.FalseAlarmTag, "ops", falseAlarm[0], falseAlarm[1]))
	d := realDatasource(t, fmt.Sprintf(`{"defaultSource":"prometheus","prometheusUrl":%q}`, servePrometheus(t, value)))
	sender := &collectSender{}
	body := fmt.Sprintf(`{"query":{"expr":"shop","trainingDays":7},"from":%d,"to":%d,"intervalMs":300000,"options":{"initial":%d,"period":%d,"horizon":%d}}`,
		end.Add(-6*time.Hour).UnixMilli(), end.UnixMilli(), (4 * 24 * time.Hour).Milliseconds(), (12 * time.Hour).Milliseconds(), (24 * time.Hour).Milliseconds())
	err := d.CallResource(g.context(), &backend.CallResourceRequest{
		PluginContext: backend.PluginContext{Namespace: "default"}, Path: "cv", Method: http.MethodPost,
		Headers: map[string][]string{"X-Dashboard-Uid": {"ops"}}, Body: []byte(body),
	}, sender)
	if err != nil || len(sender.responses) != 1 || sender.responses[0].Status != http.StatusOK {
		t.Fatalf("%v %+v", err, sender.responses)
	}
	var out resourceResponse
	if err := json.Unmarshal(sender.responses[0].Body, &out); err != nil || len(out.Series) != 1 || out.Series[0].Error != "" {
		t.Fatalf("%v %s", err, sender.responses[0].Body)
	}
	var report struct {
		LabelMetrics *struct {
			Incidents          int      `json:"incidents"`
			IncidentsFound     int      `json:"incidents_found"`
			Alarms             int      `json:"alarms"`
			AlarmsOnFalseAlarm int      `json:"alarms_on_false_alarms"`
			AlarmsInIncidents  int      `json:"alarms_in_incidents"`
			Precision          *float64 `json:"precision"`
			Recall             *float64 `json:"recall"`
		} `json:"label_metrics"`
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(out.Series[0].Report, &keys); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out.Series[0].Report, &report); err != nil || report.LabelMetrics == nil {
		t.Fatalf("no label_metrics in the report (its fields: %v) %v", slices.Sorted(maps.Keys(keys)), err)
	}
	m := *report.LabelMetrics
	t.Logf("label_metrics: %d of %d incidents found, %d alarms (%d in incidents, %d on the false alarm), precision %.2f, recall %.2f",
		m.IncidentsFound, m.Incidents, m.Alarms, m.AlarmsInIncidents, m.AlarmsOnFalseAlarm, deref(m.Precision), deref(m.Recall))
	if m.Incidents != len(incidents) || m.IncidentsFound > m.Incidents || m.AlarmsInIncidents > m.Alarms || m.AlarmsOnFalseAlarm > m.Alarms {
		t.Errorf("inconsistent counts %+v", m)
	}
	if m.Recall == nil || *m.Recall != float64(m.IncidentsFound)/float64(m.Incidents) {
		t.Errorf("recall %v for %d of %d incidents found", m.Recall, m.IncidentsFound, m.Incidents)
	}
	if m.IncidentsFound == 0 {
		t.Errorf("incidents six times the wiggle should be found: %+v", m)
	}
}

func deref(v *float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return *v
}

// shopFrame runs the "shop" query over the 6 hours before end (7 days of training) with the labels g serves, and
// returns its one frame; an error, another frame count or any notice fails the test (what names the run).
func shopFrame(t *testing.T, d *Datasource, g *labelGrafana, end time.Time, what string) *data.Frame {
	t.Helper()
	res, err := d.QueryData(g.context(), &backend.QueryDataRequest{
		PluginContext: backend.PluginContext{Namespace: "default"},
		Queries: []backend.DataQuery{{
			RefID: "A", Interval: 5 * time.Minute, MaxDataPoints: 1000,
			JSON:      []byte(`{"expr":"shop","trainingDays":7}`),
			TimeRange: backend.TimeRange{From: end.Add(-6 * time.Hour), To: end},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Responses["A"]
	if r.Error != nil || len(r.Frames) != 1 {
		t.Fatalf("%s: %v, %d frames", what, r.Error, len(r.Frames))
	}
	if r.Frames[0].Meta != nil && len(r.Frames[0].Meta.Notices) > 0 {
		t.Fatalf("%s: notices %v", what, r.Frames[0].Meta.Notices)
	}
	return r.Frames[0]
}
