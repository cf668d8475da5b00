package plugin

import (
	"fmt"
	"strconv"
)

// maxSourceWarnings is how many distinct warnings of a source a query shows in full; the rest are counted.
const maxSourceWarnings = 10

// sourceWarnings collects what a source warns about an answer that still counts (Prometheus's warnings, series
// left out) as notices: each distinct text once, however many requests repeat it, and past maxSourceWarnings
// only their number, so a source that warns 10,000 times does not bury the panel.
type sourceWarnings struct {
	seen  map[string]bool
	shown []string
	more  int
}

func (w *sourceWarnings) add(text string) {
	if w.seen[text] {
		return
	}
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	w.seen[text] = true
	if len(w.shown) < maxSourceWarnings {
		w.shown = append(w.shown, text)
		return
	}
	w.more++
}

func (w *sourceWarnings) notices() []string {
	if w.more == 0 {
		return w.shown
	}
	return append(w.shown, fmt.Sprintf("… and %s more warnings", groupThousands(w.more)))
}

// groupThousands writes n with commas between groups of three digits (9990 → "9,990").
func groupThousands(n int) string {
	digits := strconv.Itoa(n)
	for i := len(digits) - 3; i > 0; i -= 3 {
		digits = digits[:i] + "," + digits[i:]
	}
	return digits
}
