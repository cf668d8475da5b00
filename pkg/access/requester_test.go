package access

import (
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func TestFromAlertNeedsTheScheduler(t *testing.T) {
	header := func(name string) string {
		if name == backend.FromAlertHeaderName {
			return "true"
		}
		return ""
	}
	none := func(string) string { return "" }
	cases := []struct {
		name   string
		user   *backend.User
		header func(string) string
		want   bool
	}{
		{"Grafana's scheduler with the header", &backend.User{Login: SchedulerLogin}, header, true},
		{"the scheduler without the header", &backend.User{Login: SchedulerLogin}, none, false},
		{"a signed-in user who sends the header", &backend.User{Login: "mallory"}, header, false},
		{"no user named, with the header", nil, header, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			who := NewRequester(backend.PluginContext{Namespace: "default", User: c.user}, c.header)
			if who.FromAlert != c.want {
				t.Errorf("FromAlert %v, want %v", who.FromAlert, c.want)
			}
		})
	}
}
