package models

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestWarning(t *testing.T) {
	settings := testSettings(t)
	t.Run("should read numbers, interpolated variables and the default lead time", func(t *testing.T) {
		q, err := LoadQuery(dataQuery(`{"warning":{"above":90,"below":" 12.5 "}}`), settings)
		if err != nil {
			t.Fatal(err)
		}
		w := q.ResolvedWarning()
		if *w.Thresholds.Above != 90 || *w.Thresholds.Below != 12.5 || w.Lead != 6*time.Hour || w.RuleUID != "" || !q.DetectsDrift() {
			t.Errorf("resolved = %+v", w)
		}
	})
	t.Run("should read lead times as Go durations or whole days", func(t *testing.T) {
		for text, want := range map[string]time.Duration{"90m": 90 * time.Minute, "2d": 48 * time.Hour, "168h": MaxLeadTime} {
			q, err := LoadQuery(dataQuery(`{"warning":{"below":1,"leadTime":"`+text+`"}}`), settings)
			if err != nil {
				t.Fatalf("%s: %v", text, err)
			}
			if got := q.ResolvedWarning().Lead; got != want {
				t.Errorf("%s: lead %v, want %v", text, got, want)
			}
		}
	})
	t.Run("should take a rule alone", func(t *testing.T) {
		q, err := LoadQuery(dataQuery(`{"mode":"alert","alertField":"breach_probability","warning":{"rule":{"uid":"disk-high"}}}`), settings)
		if err != nil {
			t.Fatal(err)
		}
		if w := q.ResolvedWarning(); w.RuleUID != "disk-high" || w.Thresholds.Any() {
			t.Errorf("resolved = %+v", w)
		}
	})
	cases := map[string]string{
		`{"warning":{}}`:                             "invalid query: warning needs above, below or rule.uid: without a threshold nothing can be warned about",
		`{"warning":{"above":"$threshold"}}`:         `invalid query: warning.above must be a number or a dashboard variable holding one, got "$threshold"`,
		`{"warning":{"below":true}}`:                 "invalid query: warning.below must be a number or a dashboard variable holding one, got true",
		`{"warning":{"above":"NaN"}}`:                `invalid query: warning.above must be a number or a dashboard variable holding one, got "NaN"`,
		`{"warning":{"above":10,"below":10}}`:        "invalid query: warning.below (10) must be less than warning.above (10)",
		`{"warning":{"above":1,"leadTime":"soon"}}`:  `invalid query: warning.leadTime "soon" is not a duration like 14d, 12h, 30m or 1d12h (units ms, s, m, h, d, w)`,
		`{"warning":{"above":1,"leadTime":"0s"}}`:    `invalid query: warning.leadTime "0s" is not a duration like 14d, 12h, 30m or 1d12h (units ms, s, m, h, d, w)`,
		`{"warning":{"above":1,"leadTime":"8d"}}`:    "invalid query: warning.leadTime must be at most 168h0m0s, got 192h0m0s",
		`{"warning":{"above":1,"leadTime":"-1h"}}`:   `invalid query: warning.leadTime "-1h" is not a duration like 14d, 12h, 30m or 1d12h (units ms, s, m, h, d, w)`,
		`{"warning":{"rule":{"uid":" "}}}`:           "invalid query: warning.rule.uid is empty: name the alert rule whose threshold to warn about",
		`{"warning":{"rule":{"uid":".."}}}`:          `invalid query: warning.rule.uid ".." is not an alert rule uid (letters, digits, - and _, at most 40)`,
		`{"warning":{"above":1,"rule":{"uid":"r"}}}`: "invalid query: warning.rule and warning.above/below are exclusive: the rule's threshold is the one warned about",
		`{"mode":"alert","alertField":"breach_eta"}`: "invalid query: alertField breach_eta needs a warning object (warning.above, warning.below or warning.rule)",
	}
	for body, want := range cases {
		t.Run("should refuse "+body, func(t *testing.T) {
			_, err := LoadQuery(dataQuery(body), settings)
			if err == nil || err.Error() != want || !errors.Is(err, ErrInvalidQuery) {
				t.Errorf("error = %v\nwant    %s", err, want)
			}
		})
	}
	t.Run("should detect drift for alert mode on drift without a warning", func(t *testing.T) {
		q, err := LoadQuery(dataQuery(`{"mode":"alert","alertField":"drift"}`), settings)
		if err != nil || !q.DetectsDrift() || q.Warns() {
			t.Errorf("err %v, drift %v, warns %v", err, q.DetectsDrift(), q.Warns())
		}
	})
}

func TestThresholdsBreached(t *testing.T) {
	t.Run("should count the level itself only on an inclusive side, and send the engine the flags", func(t *testing.T) {
		for _, c := range []struct {
			t    Thresholds
			v    float64
			want bool
		}{
			{Thresholds{Above: new(90.0)}, 90, false},
			{Thresholds{Above: new(90.0), AboveInclusive: true}, 90, true},
			{Thresholds{Above: new(90.0), AboveInclusive: true}, 89.9, false},
			{Thresholds{Below: new(10.0)}, 10, false},
			{Thresholds{Below: new(10.0), BelowInclusive: true}, 10, true},
			{Thresholds{Below: new(10.0)}, 9, true},
			// A rule's levels one point past fires are its Point ones: not a mean over its window above 90.
			{Thresholds{Above: new(90.0), Point: &Thresholds{}}, 95, false},
			{Thresholds{Above: new(90.0), Below: new(10.0), Point: &Thresholds{Below: new(10.0)}}, 5, true},
			{Thresholds{Above: new(80.0), Point: &Thresholds{Above: new(90.0)}}, 85, false},
			{Thresholds{Above: new(80.0), Point: &Thresholds{Above: new(90.0)}}, 95, true},
		} {
			if got := c.t.Breached(c.v); got != c.want {
				t.Errorf("%+v breached by %v = %v, want %v", c.t, c.v, got, c.want)
			}
		}
		raw, err := json.Marshal(Thresholds{Above: new(90.0), AboveInclusive: true, Below: new(10.0), Point: &Thresholds{}})
		if err != nil || string(raw) != `{"above":90,"below":10,"above_inclusive":true}` {
			t.Errorf("engine JSON = %s (%v)", raw, err)
		}
	})
}
