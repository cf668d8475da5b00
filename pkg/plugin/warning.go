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
// names, with the plugin's credentials) and lead time. A rule that cannot be read gives a notice naming it and
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
	thresholds, err := api.AlertRuleThresholds(ctx, resolved.RuleUID)
	if err != nil {
		return off(err.Error())
	}
	warning.Thresholds = thresholds
	return warning, ""
}
