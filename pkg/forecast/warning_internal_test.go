package forecast

import "testing"

func TestOutlookStep(t *testing.T) {
	const minute, hour = 60_000.0, 3_600_000.0
	cases := []struct{ step, lead, want float64 }{
		{5 * minute, 6 * hour, 5 * minute},                      // the query's step when the lead holds few of them
		{1000, 168 * hour, 168 * hour / MaxOutlookSteps},        // a week of seconds is read at 5-minute steps
		{24 * hour, 6 * hour, 6 * hour},                         // never longer than the lead: one step at it
		{minute, 7 * hour, max(minute, 7*hour/MaxOutlookSteps)}, // a lead within the cap keeps the step
	}
	for _, c := range cases {
		if got := outlookStepMs(c.step, c.lead); got != c.want {
			t.Errorf("step %v lead %v: got %v, want %v", c.step, c.lead, got, c.want)
		}
		if steps := c.lead / outlookStepMs(c.step, c.lead); steps > MaxOutlookSteps || steps < 1 {
			t.Errorf("step %v lead %v: %v outlook steps", c.step, c.lead, steps)
		}
	}
}
