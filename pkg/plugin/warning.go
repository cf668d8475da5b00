package plugin

import (
	"context"
	"errors"
	"fmt"

	"github.com/foresight-anomaly/foresight/pkg/access"
	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// earlyWarning is what a query asks of the pipeline's early warning: its thresholds (read from the alert rule it
// names, with the plugin's credentials, and used only when the requester may read that rule in Grafana) and lead
// time. A rule that cannot be read gives a notice naming it and
// no breach fields (drift, which needs no threshold, stays).
func (d *Datasource) earlyWarning(ctx context.Context, q models.Query, who access.Requester) (*forecast.Warning, string) {
	if !q.Warns() {
		return nil, ""
	}
	resolved := q.ResolvedWarning()
	warning := &forecast.Warning{Thresholds: resolved.Thresholds, LeadMs: float64(resolved.Lead.Milliseconds())}
	if resolved.RuleUID == "" {
		return warning, ""
	}
	off := func(reason string) (*forecast.Warning, string) {
		return &forecast.Warning{LeadMs: warning.LeadMs}, fmt.Sprintf("no early warning (breach_eta, breach_probability): %s", reason)
	}
	api, err := d.grafanaAPI(ctx, who)
	if errors.Is(err, models.ErrNotConfigured) {
		return off(fmt.Sprintf("alert rule %q cannot be read without a service account: %v", resolved.RuleUID, err))
	}
	if err != nil {
		return off(fmt.Sprintf("alert rule %q was not read: %v", resolved.RuleUID, err))
	}
	id, err := d.access.Identify(ctx, api, who)
	if err != nil {
		return off(fmt.Sprintf("alert rule %q was not read: %v", resolved.RuleUID, err))
	}
	if !id.Known() && !who.FromAlert && d.access.ChecksUsers() {
		// Refused before the rule is read, so the answer says nothing of whether it exists.
		return off(fmt.Sprintf("alert rule %q was not read: outside alert evaluation a rule's thresholds are used only when Grafana forwards the user's ID token (idForwarding), so Foresight can check the user may read the rule (%s)",
			resolved.RuleUID, access.ActionAlertRulesRead))
	}
	// The plugin's account reads the rule; its levels are used only if the requester could read it in Grafana.
	mayRead := func(folderUID string) error {
		if id.Known() {
			return d.access.UserMayReadAlertRules(ctx, api, id, folderUID)
		}
		return nil // alert evaluation, or user checks turned off by the admin
	}
	thresholds, err := api.AlertRuleThresholds(ctx, resolved.RuleUID, mayRead)
	if err != nil {
		return off(err.Error())
	}
	warning.Thresholds = thresholds
	return warning, ""
}
