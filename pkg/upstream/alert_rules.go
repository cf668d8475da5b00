package upstream

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/foresight-anomaly/foresight/pkg/access"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// AlertRulePermission is what the plugin's account needs to read an alert rule through the provisioning API.
const AlertRulePermission = "alert.provisioning:read (or alert.rules:read on the rule's folder)"

// alertRule is the part of Grafana's ProvisionedAlertRule a warning reads.
type alertRule struct {
	UID       string          `json:"uid"`
	Title     string          `json:"title"`
	FolderUID string          `json:"folderUID"`
	Condition string          `json:"condition"`
	Data      []alertRuleNode `json:"data"`
}

type alertRuleNode struct {
	RefID string `json:"refId"`
	Model struct {
		Type       string `json:"type"`
		Expression string `json:"expression"`
		// Reducer of a reduce expression (last, mean, min, max, median, sum, count).
		Reducer    string `json:"reducer"`
		Conditions []struct {
			Evaluator struct {
				Type   string    `json:"type"`
				Params []float64 `json:"params"`
			} `json:"evaluator"`
			// Reducer of a classic condition (avg, min, max, last, median, sum, count, diff, ...).
			Reducer struct {
				Type string `json:"type"`
			} `json:"reducer"`
			// The query a classic condition reduces (its refId first), and how it joins the one before (and, or).
			Query struct {
				Params []string `json:"params"`
			} `json:"query"`
			Operator struct {
				Type string `json:"type"`
			} `json:"operator"`
		} `json:"conditions"`
	} `json:"model"`
}

// Reducers whose result is a level of the series itself, which a forecast can be compared with; a sum, a count
// or a difference is not, and a warning on it would watch a meaningless line.
var (
	levelReducers        = map[string]bool{"last": true, "mean": true, "min": true, "max": true, "median": true}
	levelClassicReducers = map[string]bool{"last": true, "avg": true, "min": true, "max": true, "median": true}
)

// AlertRuleThresholds reads an alert rule with GET /api/v1/provisioning/alert-rules/{uid} and returns the
// thresholds of its condition: a threshold (or classic condition) expression's gt/gte/lt/lte/outside_range(_included)
// evaluator, or a math expression comparing one variable with a number ($B > 80, $B <= 10 || $B > 90), each side
// marked inclusive where the rule fires at the level itself (gte, lte, >=, <=, _included), over a level of the
// series (a reduce or classic reducer of last, mean/avg, min, max or median). Errors name the rule
// and say what is missing: the API (404 on an old Grafana or a wrong uid), the permission, or a threshold.
// mayRead is asked about the rule's folder before anything of the rule is used: the plugin's account reads it,
// and the requester must be able to read it in Grafana too.
func (g *GrafanaAPI) AlertRuleThresholds(ctx context.Context, uid string, mayRead func(folderUID string) error) (models.Thresholds, error) {
	var rule alertRule
	_, err := g.call(ctx, http.MethodGet, "/api/v1/provisioning/alert-rules/"+url.PathEscape(uid), nil, nil, &rule, nil,
		answerLimit{Bytes: smallAnswerBytes, Why: "the most Foresight reads from Grafana's API outside queries"})
	var status *httpStatusError
	switch {
	case errors.Is(err, models.ErrPermission):
		return models.Thresholds{}, fmt.Errorf("alert rule %q was not read: %s", uid, g.permissionHint(AlertRulePermission))
	case errors.As(err, &status) && status.Status == http.StatusNotFound:
		return models.Thresholds{}, unreadableRule(uid, nil)
	case err != nil:
		return models.Thresholds{}, fmt.Errorf("alert rule %q was not read: %w", uid, err)
	}
	if err := mayRead(rule.FolderUID); errors.Is(err, models.ErrAccessDenied) {
		return models.Thresholds{}, unreadableRule(uid, err)
	} else if err != nil {
		return models.Thresholds{}, fmt.Errorf("alert rule %q was not used: %w", uid, err)
	}
	thresholds, err := rule.thresholds()
	if err != nil {
		return models.Thresholds{}, fmt.Errorf("alert rule %q has no threshold to warn about: %v", uid, err)
	}
	if err := thresholds.Check(fmt.Sprintf("alert rule %q's ", uid)); err != nil {
		return models.Thresholds{}, err
	}
	return thresholds, nil
}

// thresholds finds the rule's condition node and reads its levels.
func (r alertRule) thresholds() (models.Thresholds, error) {
	for _, node := range r.Data {
		if node.RefID != r.Condition {
			continue
		}
		switch node.Model.Type {
		case "threshold":
			reducer, err := r.levelInput(node.Model.Expression)
			if err != nil {
				return models.Thresholds{}, err
			}
			return node.evaluatorThresholds(func(int) string { return reducer })
		case "classic_conditions":
			if err := node.classicOnOneSeries(); err != nil {
				return models.Thresholds{}, err
			}
			return node.evaluatorThresholds(func(i int) string { return node.Model.Conditions[i].Reducer.Type })
		case "math":
			variable, thresholds, err := mathThresholds(node.Model.Expression)
			if err != nil {
				return thresholds, err
			}
			reducer, err := r.levelInput(variable)
			if aggregateAbove[reducer] {
				thresholds.Point.Above, thresholds.Point.AboveInclusive = nil, false
			}
			if aggregateBelow[reducer] {
				thresholds.Point.Below, thresholds.Point.BelowInclusive = nil, false
			}
			return thresholds, err
		}
		return models.Thresholds{}, fmt.Errorf("its condition %s is a %q expression, not a threshold or math comparison", r.Condition, node.Model.Type)
	}
	return models.Thresholds{}, fmt.Errorf("its condition %q names no expression of the rule", r.Condition)
}

// levelInput checks that the expression a threshold compares is a level of the series: a reduce expression
// with a level reducer, or anything that is not a reduce (a query or math the rule author shaped). It returns
// the reducer ("" for what is not a reduce).
func (r alertRule) levelInput(refID string) (string, error) {
	for _, node := range r.Data {
		if node.RefID == refID && node.Model.Type == "reduce" {
			if !levelReducers[node.Model.Reducer] {
				return "", fmt.Errorf("its %s expression reduces with %q, which is not a level of the series (use last, mean, min, max or median)", refID, node.Model.Reducer)
			}
			return node.Model.Reducer, nil
		}
	}
	return "", nil
}

// Reducers that make a rule compare an aggregate of its window with an upper level (aggregateAbove) or a lower
// one (aggregateBelow): one point past the level does not make the rule fire. A last, or the extreme that crosses
// first (max against an upper level, min against a lower one), fires with the point.
var (
	aggregateAbove = map[string]bool{"mean": true, "avg": true, "median": true, "min": true}
	aggregateBelow = map[string]bool{"mean": true, "avg": true, "median": true, "max": true}
)

// classicOnOneSeries checks that a classic condition's comparisons are levels of one query, any of which fires
// the rule: bounds of two queries merged, or comparisons that must all hold, would warn about a line no rule
// compares.
func (n alertRuleNode) classicOnOneSeries() error {
	query := ""
	for i, c := range n.Model.Conditions {
		if !levelClassicReducers[c.Reducer.Type] {
			return fmt.Errorf("its classic condition reduces with %q, which is not a level of the series (use last, avg, min, max or median)", c.Reducer.Type)
		}
		if i > 0 && strings.EqualFold(c.Operator.Type, "and") {
			return fmt.Errorf("its classic condition joins comparisons with AND: a warning watches for one level crossed (join them with OR)")
		}
		if len(c.Query.Params) > 0 {
			if ref := c.Query.Params[0]; query != "" && ref != query {
				return fmt.Errorf("its classic condition compares queries %s and %s: a warning watches one series", query, ref)
			} else if query == "" {
				query = ref
			}
		}
	}
	return nil
}

// evaluatorThresholds reads the node's evaluators; reducerOf(i) is what the i-th condition compares.
func (n alertRuleNode) evaluatorThresholds(reducerOf func(i int) string) (models.Thresholds, error) {
	out := models.Thresholds{Point: &models.Thresholds{}}
	for i, c := range n.Model.Conditions {
		params := c.Evaluator.Params
		reducer := reducerOf(i)
		switch kind := c.Evaluator.Type; {
		case (kind == "gt" || kind == "gte") && len(params) >= 1:
			above(&out, params[0], kind == "gte", aggregateAbove[reducer])
		case (kind == "lt" || kind == "lte") && len(params) >= 1:
			below(&out, params[0], kind == "lte", aggregateBelow[reducer])
		case (kind == "outside_range" || kind == "outside_range_included") && len(params) >= 2:
			inclusive := kind == "outside_range_included"
			below(&out, min(params[0], params[1]), inclusive, aggregateBelow[reducer])
			above(&out, max(params[0], params[1]), inclusive, aggregateAbove[reducer])
		default:
			return models.Thresholds{}, fmt.Errorf("its %s expression's evaluator %q (params %v) is not above or below a level", n.RefID, kind, params)
		}
	}
	if !out.Any() {
		return out, fmt.Errorf("its %s expression has no evaluator", n.RefID)
	}
	return out, nil
}

// comparison is one side of a math condition: $A > 80, 80 < $A, ${A} >= 80.
var comparison = regexp.MustCompile(`^\(?\s*(?:\$\{?(\w+)\}?\s*(>=|<=|>|<)\s*([-+0-9.eE]+)|([-+0-9.eE]+)\s*(>=|<=|>|<)\s*\$\{?(\w+)\}?)\s*\)?$`)

// mathThresholds reads a math expression of comparisons of one variable joined by ||, and names the variable.
func mathThresholds(expression string) (string, models.Thresholds, error) {
	out := models.Thresholds{Point: &models.Thresholds{}}
	variable := ""
	for part := range strings.SplitSeq(expression, "||") {
		m := comparison.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil {
			return "", models.Thresholds{}, fmt.Errorf("its math condition %q is not a comparison of the query with a number", expression)
		}
		name, op, number := m[1], m[2], m[3]
		if op == "" { // number first: 80 < $A reads as $A > 80
			name, op, number = m[6], strings.NewReplacer("<", ">", ">", "<").Replace(m[5]), m[4]
		}
		if variable != "" && name != variable {
			return "", models.Thresholds{}, fmt.Errorf("its math condition %q compares $%s and $%s: a warning watches one series", expression, variable, name)
		}
		variable = name
		v, err := strconv.ParseFloat(number, 64)
		if err != nil {
			return "", models.Thresholds{}, fmt.Errorf("its math condition %q compares with %q, not a number", expression, number)
		}
		if strings.HasPrefix(op, ">") {
			above(&out, v, op == ">=", false)
		} else {
			below(&out, v, op == "<=", false)
		}
	}
	return variable, out, nil
}

// above keeps the nearer of two above-thresholds (the first to be crossed), and among those one point past fires
// (not aggregate) the nearer in t.Point; at one level an inclusive side is crossed first (reaching it is a
// breach). below keeps the nearer below ones alike.
func above(t *models.Thresholds, v float64, inclusive, aggregate bool) {
	nearerAbove(t, v, inclusive)
	if !aggregate {
		nearerAbove(t.Point, v, inclusive)
	}
}

func below(t *models.Thresholds, v float64, inclusive, aggregate bool) {
	nearerBelow(t, v, inclusive)
	if !aggregate {
		nearerBelow(t.Point, v, inclusive)
	}
}

func nearerAbove(t *models.Thresholds, v float64, inclusive bool) {
	if t.Above == nil || v < *t.Above || (v == *t.Above && inclusive) {
		t.Above, t.AboveInclusive = &v, inclusive
	}
}

func nearerBelow(t *models.Thresholds, v float64, inclusive bool) {
	if t.Below == nil || v > *t.Below || (v == *t.Below && inclusive) {
		t.Below, t.BelowInclusive = &v, inclusive
	}
}

// unreadableRule is one answer for a rule that does not exist and for one the requester may not read (cause, an
// ErrAccessDenied), so a user cannot learn from it which rules exist or where.
func unreadableRule(uid string, cause error) error {
	text := fmt.Sprintf("alert rule %q was not found, or you may not read it in Grafana (%s on its folder; the alerting "+
		"provisioning API came with Grafana 9)", uid, access.ActionAlertRulesRead)
	if cause == nil {
		return errors.New(text)
	}
	return fmt.Errorf("%s%w", text, noText{cause})
}

// noText keeps an error's identity for errors.Is without adding its text.
type noText struct{ err error }

func (n noText) Error() string { return "" }
func (n noText) Unwrap() error { return n.err }
