package models

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Bounds of the warning object.
const (
	DefaultLeadTime = "6h"
	// MaxLeadTime bounds how far ahead a warning looks (the forecast it needs grows with it).
	MaxLeadTime = 7 * 24 * time.Hour
	// DriftHistory is how much of a series before the range's end drift reads: the current day and the 7 days
	// it compares each time of day with, so a drift can build up over days and a daily misfit cancels.
	DriftHistory = 8 * 24 * time.Hour
)

// Warning asks for an early warning: how soon each series' forecast crosses a threshold (breach_eta), how
// likely it is to cross within the lead time (breach_probability), and whether it drifts (drift).
type Warning struct {
	// Warn before the series rises above this (a number, or a dashboard variable holding one).
	Above *Level `json:"above,omitempty"`
	// Warn before the series falls below this (a number, or a dashboard variable holding one).
	Below *Level `json:"below,omitempty"`
	// How far ahead to look: a duration such as 6h, 90m, 2d or 1d12h (default 6h, at most 7 days).
	LeadTime string `json:"leadTime,omitempty"`
	// An existing Grafana alert rule whose threshold to warn about, instead of above and below.
	Rule *RuleRef `json:"rule,omitempty"`
}

// RuleRef names a Grafana alert rule.
type RuleRef struct {
	UID string `json:"uid"`
}

// Level is a threshold as the query JSON holds it: a number, or a string holding one (Grafana interpolates a
// dashboard variable into the query as text). It is read when the query is validated.
type Level []byte

// UnmarshalJSON keeps the value as written, so a bad one is reported by validation with the field's name.
func (l *Level) UnmarshalJSON(raw []byte) error {
	*l = append((*l)[:0], raw...)
	return nil
}

// MarshalJSON writes the value back as it was read.
func (l Level) MarshalJSON() ([]byte, error) {
	if len(l) == 0 {
		return []byte("null"), nil
	}
	return l, nil
}

// Number reads the level: a finite JSON number, or a string holding one.
func (l Level) Number() (float64, bool) {
	raw := bytes.TrimSpace(l)
	var text string
	if len(raw) > 0 && raw[0] == '"' {
		if json.Unmarshal(raw, &text) != nil {
			return 0, false
		}
	} else {
		text = string(raw)
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// LevelOf is a level holding v (for tests and callers that build queries).
func LevelOf(v float64) *Level {
	l := Level(strconv.FormatFloat(v, 'g', -1, 64))
	return &l
}

// Thresholds are the levels a warning is about; a nil side is not checked.
type Thresholds struct {
	Above *float64 `json:"above,omitempty"`
	Below *float64 `json:"below,omitempty"`
	// AboveInclusive: the level itself is a breach (a rule's >= or gte); otherwise only a value past it is (> or
	// gt, as the query's warning.above is read). BelowInclusive likewise for <= and lte.
	AboveInclusive bool `json:"above_inclusive,omitempty"`
	BelowInclusive bool `json:"below_inclusive,omitempty"`
	// Point, when set, holds the levels one point past which makes the rule fire: an alert rule's comparisons of
	// its latest point, or of the extreme that crosses first (a maximum against an upper level, a minimum against a
	// lower one), and not those of an aggregate of its window (a mean or median, a minimum against an upper level,
	// a maximum against a lower one). Nil: every level is such a one (a query's own above and below). The engine
	// never reads it.
	Point *Thresholds `json:"-"`
}

// Any says whether a side is set.
func (t Thresholds) Any() bool { return t.Above != nil || t.Below != nil }

// Breached says whether a latest value already makes the rule fire: past one of its Point levels (at the level
// only on an inclusive side); a level the rule compares with an aggregate is left to the forecast.
func (t Thresholds) Breached(v float64) bool {
	if t.Point != nil {
		return t.Point.Breached(v)
	}
	above := t.Above != nil && (v > *t.Above || (t.AboveInclusive && v == *t.Above))
	below := t.Below != nil && (v < *t.Below || (t.BelowInclusive && v == *t.Below))
	return above || below
}

// Check refuses thresholds a warning cannot use (below must stay under above); prefix names their origin.
func (t Thresholds) Check(prefix string) error {
	if t.Above != nil && t.Below != nil && *t.Below >= *t.Above {
		return errorf("%sbelow (%v) must be less than %sabove (%v)", prefix, *t.Below, prefix, *t.Above)
	}
	return nil
}

// ResolvedWarning is a valid warning object read into numbers.
type ResolvedWarning struct {
	Thresholds Thresholds
	Lead       time.Duration
	// RuleUID, when set, names the alert rule the thresholds come from (Thresholds is then empty until read).
	RuleUID string
}

// Resolve reads a validated warning object: its thresholds, its lead time with the default filled, its rule.
func (w Warning) Resolve() (ResolvedWarning, error) {
	out := ResolvedWarning{}
	for _, side := range []struct {
		name  string
		level *Level
		dst   **float64
	}{{"above", w.Above, &out.Thresholds.Above}, {"below", w.Below, &out.Thresholds.Below}} {
		if side.level == nil || string(bytes.TrimSpace(*side.level)) == "null" {
			continue
		}
		v, ok := side.level.Number()
		if !ok {
			return out, errorf("warning.%s must be a number or a dashboard variable holding one, got %s", side.name, string(*side.level))
		}
		*side.dst = &v
	}
	if err := out.Thresholds.Check("warning."); err != nil {
		return out, err
	}
	lead, err := ParseLeadTime(w.LeadTime)
	if err != nil {
		return out, err
	}
	out.Lead = lead
	if w.Rule != nil {
		out.RuleUID = strings.TrimSpace(w.Rule.UID)
		if out.RuleUID == "" {
			return out, errorf("warning.rule.uid is empty: name the alert rule whose threshold to warn about")
		}
		if !ruleUIDPattern.MatchString(out.RuleUID) {
			return out, errorf("warning.rule.uid %q is not an alert rule uid (letters, digits, - and _, at most 40)", out.RuleUID)
		}
		if out.Thresholds.Any() {
			return out, errorf("warning.rule and warning.above/below are exclusive: the rule's threshold is the one warned about")
		}
	}
	if !out.Thresholds.Any() && out.RuleUID == "" {
		return out, errorf("warning needs above, below or rule.uid: without a threshold nothing can be warned about")
	}
	return out, nil
}

// ParseLeadTime reads a lead time: "" is the default, else the product's duration grammar (ParseDuration: 6h,
// 90m, 2d, 1d12h).
func ParseLeadTime(text string) (time.Duration, error) {
	if strings.TrimSpace(text) == "" {
		text = DefaultLeadTime
	}
	lead, err := ParseDuration(text)
	if err != nil {
		return 0, errorf("warning.leadTime %v", err)
	}
	if lead > MaxLeadTime {
		return 0, errorf("warning.leadTime must be at most %v, got %v", MaxLeadTime, lead)
	}
	return lead, nil
}

// Warns says whether the query asks for an early warning.
func (q Query) Warns() bool { return q.Warning != nil }

// DetectsDrift says whether the query's frames carry drift: with a warning object, or alert mode on drift.
func (q Query) DetectsDrift() bool {
	return q.Warns() || (q.Mode == ModeAlert && q.AlertField == AlertFieldDrift)
}

// ResolvedWarning reads the query's warning object (call only after LoadQuery validated it).
func (q Query) ResolvedWarning() ResolvedWarning {
	if q.Warning == nil {
		return ResolvedWarning{}
	}
	resolved, _ := q.Warning.Resolve()
	return resolved
}

// ruleUIDPattern is Grafana's shape of a uid: checked before the uid becomes part of an API path.
var ruleUIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,40}$`)

func errorf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidQuery}, args...)...)
}

func (q Query) validateWarning() error {
	if q.Warning == nil {
		if q.AlertField == AlertFieldBreachETA || q.AlertField == AlertFieldBreachProbability {
			return errorf("alertField %s needs a warning object (warning.above, warning.below or warning.rule)", q.AlertField)
		}
		return nil
	}
	_, err := q.Warning.Resolve()
	return err
}
