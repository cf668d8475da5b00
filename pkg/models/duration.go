package models

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// durationUnits are the units of the product's duration grammar, in milliseconds.
var durationUnits = map[string]float64{"ms": 1, "s": 1e3, "m": 60e3, "h": 3600e3, "d": 86400e3, "w": 604800e3}

// ParseDuration reads the product's one duration grammar (src/shared/duration.ts; the cases both sides test are
// in testdata/durations/cases.json): one or more parts <number><unit>, e.g. 14d, 12h, 90m, 1.5d, 1d12h or
// "1d 2h", units ms, s, m, h, d, w in any case, spaces allowed around parts, rounded to whole milliseconds and
// at least 1 ms. The error is one line and quotes the text.
func ParseDuration(text string) (time.Duration, error) {
	refused := fmt.Errorf("%q is not a duration like 14d, 12h, 30m or 1d12h (units ms, s, m, h, d, w)", text)
	rest := strings.ToLower(text)
	total, parts := 0.0, 0
	for strings.TrimSpace(rest) != "" {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		digits := len(rest) - len(strings.TrimLeft(rest, "0123456789."))
		number := rest[:digits]
		if digits == 0 || strings.HasPrefix(number, ".") || strings.HasSuffix(number, ".") || strings.Count(number, ".") > 1 {
			return 0, refused
		}
		amount, err := strconv.ParseFloat(number, 64)
		if err != nil {
			return 0, refused
		}
		rest = strings.TrimLeftFunc(rest[digits:], unicode.IsSpace)
		unit := ""
		for _, u := range []string{"ms", "s", "m", "h", "d", "w"} { // ms before m: 5ms is five milliseconds
			if strings.HasPrefix(rest, u) {
				unit = u
				break
			}
		}
		if unit == "" {
			return 0, refused
		}
		rest = rest[len(unit):]
		total += amount * durationUnits[unit]
		parts++
	}
	ms := math.Round(total)
	if parts == 0 || !(ms >= 1) || math.IsInf(ms, 0) || ms > float64(math.MaxInt64/int64(time.Millisecond)) {
		return 0, refused
	}
	return time.Duration(ms) * time.Millisecond, nil
}
