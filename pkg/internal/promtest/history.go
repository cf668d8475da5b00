package promtest

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// Series describes one synthetic metric series: a daily cycle around Level with Gaussian noise, plus bumps.
type Series struct {
	Labels map[string]string
	Level  float64
	Noise  float64
	Bumps  []Bump
	Seed   uint64
}

// Bump adds Add to the values with From <= t < To (epoch ms).
type Bump struct {
	From, To float64
	Add      float64
}

// Value is the series' value at t (epoch ms), the same every call.
func (s Series) Value(t float64, noise float64) float64 {
	hour := math.Mod(t/3_600_000, 24)
	v := s.Level * (1 + 0.3*math.Sin(2*math.Pi*hour/24))
	v += noise * s.Noise
	for _, b := range s.Bumps {
		if t >= b.From && t < b.To {
			v += b.Add
		}
	}
	return v
}

// OpenMetrics renders the series as gauge `name`, one sample every stepMs on [fromMs, toMs].
func OpenMetrics(name string, series []Series, fromMs, toMs, stepMs float64) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# HELP %s Synthetic history for Foresight's tests.\n# TYPE %s gauge\n", name, name)
	for _, s := range series {
		rng := rand.New(rand.NewPCG(s.Seed, 7)) //nolint:gosec // test history must be reproducible from its seed, not secret
		labels := renderLabels(s.Labels)
		for t := fromMs; t <= toMs; t += stepMs {
			fmt.Fprintf(&b, "%s%s %.4f %.3f\n", name, labels, s.Value(t, rng.NormFloat64()), t/1000)
		}
	}
	b.WriteString("# EOF\n")
	return []byte(b.String())
}

func renderLabels(labels map[string]string) string {
	if len(labels) == 0 {
		return ""
	}
	keys := slices.Sorted(maps.Keys(labels))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%q", k, labels[k])
	}
	return "{" + strings.Join(parts, ",") + "}"
}
