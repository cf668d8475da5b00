package upstream

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// ruleWithCondition is the provisioned rule of testdata with its condition node's model replaced.
func ruleWithCondition(t *testing.T, conditionModel string) string {
	t.Helper()
	raw, err := os.ReadFile("testdata/alert_rule_threshold.json")
	if err != nil {
		t.Fatal(err)
	}
	rule := string(raw)
	start := strings.LastIndex(rule, `"model": {`)
	end := strings.Index(rule[start:], "\n      }\n") + start + len("\n      }")
	return rule[:start] + `"model": ` + conditionModel + rule[end:]
}

func readRule(t *testing.T, status int, body string) (models.Thresholds, *http.Request, error) {
	t.Helper()
	return readRuleAs(t, status, body, func(string) error { return nil })
}

// readRuleAs reads the rule for a requester whose access to the rule's folder mayRead decides.
func readRuleAs(t *testing.T, status int, body string, mayRead func(folderUID string) error) (models.Thresholds, *http.Request, error) {
	t.Helper()
	var got *http.Request
	server := serveText(t, status, body, func(r *http.Request) { got = r })
	ctx := managedContext(server.URL)
	api, err := NewGrafanaAPI(ctx, models.Settings{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	thresholds, err := api.ForOrg(3).AlertRuleThresholds(context.WithoutCancel(ctx), "disk-high", mayRead)
	return thresholds, got, err
}

func serveText(t *testing.T, status int, body string, check func(*http.Request)) *httptest.Server {
	t.Helper()
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		check(r)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(server.Close)
	return server
}

func TestAlertRuleThresholds(t *testing.T) {
	t.Run("should read a threshold expression's gt level with the managed token, in the request's organisation", func(t *testing.T) {
		raw, err := os.ReadFile("testdata/alert_rule_threshold.json")
		if err != nil {
			t.Fatal(err)
		}
		got, req, err := readRule(t, 200, string(raw))
		if err != nil {
			t.Fatal(err)
		}
		if got.Above == nil || *got.Above != 90 || got.Below != nil {
			t.Errorf("thresholds = %+v, want above 90 only", got)
		}
		if req.URL.Path != "/api/v1/provisioning/alert-rules/disk-high" || req.Method != http.MethodGet {
			t.Errorf("request = %s %s", req.Method, req.URL.Path)
		}
		if req.Header.Get("Authorization") != "Bearer "+testSecret || req.Header.Get(OrgHeader) != "3" {
			t.Errorf("headers = %v", req.Header)
		}
	})

	cases := []struct {
		name, model  string
		above, below *float64
		wantErr      string
	}{
		{name: "lt", model: `{"type":"threshold","expression":"B","conditions":[{"evaluator":{"params":[10],"type":"lt"}}]}`, below: new(10.0)},
		{name: "outside_range", model: `{"type":"threshold","expression":"B","conditions":[{"evaluator":{"params":[80,20],"type":"outside_range"}}]}`, above: new(80.0), below: new(20.0)},
		{name: "math with both sides", model: `{"type":"math","expression":"$B < 10 || ${B} > 95"}`, above: new(95.0), below: new(10.0)},
		{name: "math with the number first", model: `{"type":"math","expression":"95 < $B"}`, above: new(95.0)},
		{name: "within_range", model: `{"type":"threshold","expression":"B","conditions":[{"evaluator":{"params":[20,80],"type":"within_range"}}]}`,
			wantErr: `alert rule "disk-high" has no threshold to warn about: its C expression's evaluator "within_range" (params [20 80]) is not above or below a level`},
		{name: "a reduce condition", model: `{"type":"reduce","expression":"A","reducer":"last"}`,
			wantErr: `alert rule "disk-high" has no threshold to warn about: its condition C is a "reduce" expression, not a threshold or math comparison`},
		{name: "math that is not a comparison", model: `{"type":"math","expression":"$B * 2"}`,
			wantErr: `alert rule "disk-high" has no threshold to warn about: its math condition "$B * 2" is not a comparison of the query with a number`},
		// Each was read as a level of the series: a count, a difference, or two queries' bounds merged into one.
		{name: "a classic condition on a level", model: `{"type":"classic_conditions","conditions":[{"evaluator":{"params":[90],"type":"gt"},"reducer":{"type":"avg"}}]}`, above: new(90.0)},
		{name: "a classic condition on a count", model: `{"type":"classic_conditions","conditions":[{"evaluator":{"params":[5],"type":"gt"},"reducer":{"type":"count_non_null"}}]}`,
			wantErr: `alert rule "disk-high" has no threshold to warn about: its classic condition reduces with "count_non_null", which is not a level of the series (use last, avg, min, max or median)`},
		{name: "a classic condition with either of two levels of one query", model: `{"type":"classic_conditions","conditions":[` +
			`{"evaluator":{"params":[90],"type":"gt"},"operator":{"type":"and"},"query":{"params":["A"]},"reducer":{"type":"avg"}},` +
			`{"evaluator":{"params":[5],"type":"lt"},"operator":{"type":"or"},"query":{"params":["A"]},"reducer":{"type":"last"}}]}`,
			above: new(90.0), below: new(5.0)},
		{name: "a classic condition over two queries", model: `{"type":"classic_conditions","conditions":[` +
			`{"evaluator":{"params":[90],"type":"gt"},"operator":{"type":"and"},"query":{"params":["A"]},"reducer":{"type":"avg"}},` +
			`{"evaluator":{"params":[5],"type":"lt"},"operator":{"type":"or"},"query":{"params":["X"]},"reducer":{"type":"avg"}}]}`,
			wantErr: `alert rule "disk-high" has no threshold to warn about: its classic condition compares queries A and X: a warning watches one series`},
		{name: "a classic condition whose comparisons must all hold", model: `{"type":"classic_conditions","conditions":[` +
			`{"evaluator":{"params":[80],"type":"gt"},"operator":{"type":"and"},"query":{"params":["A"]},"reducer":{"type":"avg"}},` +
			`{"evaluator":{"params":[95],"type":"lt"},"operator":{"type":"and"},"query":{"params":["A"]},"reducer":{"type":"avg"}}]}`,
			wantErr: `alert rule "disk-high" has no threshold to warn about: its classic condition joins comparisons with AND: a warning watches for one level crossed (join them with OR)`},
		{name: "math over two queries", model: `{"type":"math","expression":"$B > 80 || $X < 10"}`,
			wantErr: `alert rule "disk-high" has no threshold to warn about: its math condition "$B > 80 || $X < 10" compares $B and $X: a warning watches one series`},
	}
	for _, c := range cases {
		t.Run("should read "+c.name, func(t *testing.T) {
			got, _, err := readRule(t, 200, ruleWithCondition(t, c.model))
			if c.wantErr != "" {
				if err == nil || err.Error() != c.wantErr {
					t.Fatalf("error = %v, want %s", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !sameLevel(got.Above, c.above) || !sameLevel(got.Below, c.below) {
				t.Errorf("thresholds = above %v below %v, want %v %v", deref(got.Above), deref(got.Below), deref(c.above), deref(c.below))
			}
		})
	}

	t.Run("should mark a side inclusive where the rule fires at the level itself", func(t *testing.T) {
		// gte, lte, >=, <= and outside_range_included were read as gt and lt: a forecast that reached the level,
		// which fires the rule, was no breach for the warning.
		inclusive := []struct {
			name, model          string
			above, below         *float64
			aboveIncl, belowIncl bool
		}{
			{name: "gte", model: `{"type":"threshold","expression":"B","conditions":[{"evaluator":{"params":[90],"type":"gte"}}]}`, above: new(90.0), aboveIncl: true},
			{name: "lte", model: `{"type":"threshold","expression":"B","conditions":[{"evaluator":{"params":[10],"type":"lte"}}]}`, below: new(10.0), belowIncl: true},
			{name: "gt", model: `{"type":"threshold","expression":"B","conditions":[{"evaluator":{"params":[90],"type":"gt"}}]}`, above: new(90.0)},
			{name: "outside_range_included", model: `{"type":"threshold","expression":"B","conditions":[{"evaluator":{"params":[80,20],"type":"outside_range_included"}}]}`,
				above: new(80.0), below: new(20.0), aboveIncl: true, belowIncl: true},
			{name: "math >= and <", model: `{"type":"math","expression":"$B < 10 || $B >= 95"}`, above: new(95.0), below: new(10.0), aboveIncl: true},
			{name: "math with the number first", model: `{"type":"math","expression":"10 >= $B"}`, below: new(10.0), belowIncl: true},
			{name: "math at one level, > and >=", model: `{"type":"math","expression":"$B > 95 || $B >= 95"}`, above: new(95.0), aboveIncl: true},
		}
		for _, c := range inclusive {
			got, _, err := readRule(t, 200, ruleWithCondition(t, c.model))
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if !sameLevel(got.Above, c.above) || !sameLevel(got.Below, c.below) || got.AboveInclusive != c.aboveIncl || got.BelowInclusive != c.belowIncl {
				t.Errorf("%s: thresholds = %v (inclusive %v) / %v (inclusive %v), want %v (%v) / %v (%v)", c.name,
					deref(got.Above), got.AboveInclusive, deref(got.Below), got.BelowInclusive, deref(c.above), c.aboveIncl, deref(c.below), c.belowIncl)
			}
		}
	})

	t.Run("should keep apart the levels one point past fires from those of an aggregate of the window", func(t *testing.T) {
		threshold := `{"type":"threshold","expression":"B","conditions":[{"evaluator":{"params":[10,90],"type":"outside_range"}}]}`
		for _, c := range []struct {
			reducer                string
			pointAbove, pointBelow bool
		}{
			{"last", true, true},
			{"mean", false, false},
			{"median", false, false},
			{"max", true, false}, // the max crosses an upper level with its point; against a lower one it is the last to go
			{"min", false, true},
		} {
			rule := strings.Replace(ruleWithCondition(t, threshold), `"reducer": "last"`, `"reducer": "`+c.reducer+`"`, 1)
			got, _, err := readRule(t, 200, rule)
			if err != nil {
				t.Fatal(err)
			}
			if got.Point == nil || (got.Point.Above != nil) != c.pointAbove || (got.Point.Below != nil) != c.pointBelow {
				t.Errorf("reduce by %s: point levels %+v, want above %v below %v", c.reducer, got.Point, c.pointAbove, c.pointBelow)
			}
		}
		classic := func(conditions ...string) models.Thresholds {
			t.Helper()
			model := `{"type":"classic_conditions","conditions":[` + strings.Join(conditions, ",") + `]}`
			got, _, err := readRule(t, 200, ruleWithCondition(t, model))
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		cond := func(reducer, op string, level float64) string {
			return fmt.Sprintf(`{"evaluator":{"params":[%v],"type":%q},"operator":{"type":"or"},"query":{"params":["A"]},"reducer":{"type":%q}}`, level, op, reducer)
		}
		// Whichever comes first, and whether the aggregate's level is nearer: the max's level fires with a point.
		for _, got := range []models.Thresholds{
			classic(cond("avg", "gt", 80), cond("max", "gt", 80)),
			classic(cond("max", "gt", 80), cond("avg", "gt", 80)),
		} {
			if !got.Breached(95) || *got.Above != 80 {
				t.Errorf("avg() > 80 or max() > 80: %+v, point %+v; 95 must breach now", got, got.Point)
			}
		}
		farther := classic(cond("max", "gt", 90), cond("avg", "gt", 80))
		if *farther.Above != 80 || !farther.Breached(95) || farther.Breached(85) {
			t.Errorf("max() > 90 or avg() > 80: %+v, point %+v; want the warning at 80 and a breach now past 90 only", farther, farther.Point)
		}
		math := strings.Replace(ruleWithCondition(t, `{"type":"math","expression":"$B > 95"}`), `"reducer": "last"`, `"reducer": "mean"`, 1)
		if got, _, err := readRule(t, 200, math); err != nil || got.Breached(99) {
			t.Errorf("math over a mean: %+v %v", got, err)
		}
	})

	t.Run("should refuse a threshold on a sum or a count of the series", func(t *testing.T) {
		for _, reducer := range []string{"sum", "count"} {
			rule := strings.Replace(ruleWithCondition(t, `{"type":"threshold","expression":"B","conditions":[{"evaluator":{"params":[90],"type":"gt"}}]}`),
				`"reducer": "last"`, `"reducer": "`+reducer+`"`, 1)
			_, _, err := readRule(t, 200, rule)
			want := `its B expression reduces with "` + reducer + `", which is not a level of the series`
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("reducer %s: error %v, want %q", reducer, err, want)
			}
		}
	})

	t.Run("should name the rule and the missing permission on 403, never the token", func(t *testing.T) {
		body, _ := os.ReadFile("testdata/alert_rule_forbidden.json")
		_, _, err := readRule(t, 403, string(body))
		if err == nil || !strings.Contains(err.Error(), `alert rule "disk-high" was not read`) ||
			!strings.Contains(err.Error(), "alert.provisioning:read") || strings.Contains(err.Error(), testSecret) {
			t.Fatalf("error = %v", err)
		}
	})

	t.Run("should ask about the rule's folder and use nothing of a rule the requester may not read", func(t *testing.T) {
		raw, err := os.ReadFile("testdata/alert_rule_threshold.json")
		if err != nil {
			t.Fatal(err)
		}
		var asked []string
		got, _, err := readRuleAs(t, 200, string(raw), func(folder string) error {
			asked = append(asked, folder)
			return fmt.Errorf("%w: user viewer cannot read the alert rules of folder %q", models.ErrAccessDenied, folder)
		})
		if len(asked) != 1 || asked[0] != "ops" {
			t.Errorf("folders asked about = %q, want [ops]", asked)
		}
		if err == nil || !errors.Is(err, models.ErrAccessDenied) || err.Error() != unreadableRule("disk-high", nil).Error() {
			t.Fatalf("error = %v", err)
		}
		if got.Above != nil || got.Below != nil {
			t.Errorf("thresholds = %+v, want none", got)
		}
	})

	t.Run("should say a rule is not found in the words it uses for a rule the requester may not read", func(t *testing.T) {
		body, _ := os.ReadFile("testdata/alert_rule_not_found.json")
		_, _, err := readRule(t, 404, string(body))
		want := `alert rule "disk-high" was not found, or you may not read it in Grafana (alert.rules:read on its folder; the alerting provisioning API came with Grafana 9)`
		if err == nil || err.Error() != want {
			t.Fatalf("error = %v, want %s", err, want)
		}
	})

	t.Run("should refuse a rule whose below is not under its above", func(t *testing.T) {
		_, _, err := readRule(t, 200, ruleWithCondition(t, `{"type":"math","expression":"$B > 10 || $B < 20"}`))
		if err == nil || !strings.Contains(err.Error(), `alert rule "disk-high"'s below (20) must be less than alert rule "disk-high"'s above (10)`) {
			t.Fatalf("error = %v", err)
		}
	})
}

func sameLevel(a, b *float64) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

func deref(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}
