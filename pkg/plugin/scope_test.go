package plugin

import (
	"testing"

	"github.com/foresight-anomaly/foresight/pkg/annotations"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

func TestQueryScopePrefersTheDashboardTheQueryNames(t *testing.T) {
	headers := map[string]string{"http_X-Dashboard-Uid": "from-header", "http_X-Panel-Id": "3"}
	cases := []struct {
		name  string
		query models.Query
		want  annotations.Scope
	}{
		{"stamped by the frontend", models.Query{DashboardUID: "dash", PanelID: 7}, annotations.Scope{DashboardUID: "dash", PanelID: 7}},
		{"forwarded headers otherwise", models.Query{}, annotations.Scope{DashboardUID: "from-header", PanelID: 3}},
	}
	for _, c := range cases {
		if got := queryScope(c.query, headers); got != c.want {
			t.Errorf("%s: scope %+v, want %+v", c.name, got, c.want)
		}
	}
	if got := queryScope(models.Query{}, nil); got != (annotations.Scope{}) {
		t.Errorf("no dashboard anywhere: scope %+v, want organisation-wide only", got)
	}
}
