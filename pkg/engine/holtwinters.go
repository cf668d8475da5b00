package engine

import (
	"context"
	"fmt"
	"math"
)

// The Holt-Winters family's kernels (src/model/families/holtWintersKernels.ts documents the filter): the
// same operation order as the TypeScript, explicit float64 conversions where a multiply meets an add.

// hwStateHeader counts the state's entries before the season: next slot, last updated slot, level, trend,
// robust scale, signed run of clipped errors.
const hwStateHeader = 6

const (
	sdPerMeanAbs   = 1.2533141373155003 // √(π/2)
	sdPerMedianAbs = 1.4826
)

// HoltWintersGrid mirrors HoltWintersGrid in src/model/types.ts.
type HoltWintersGrid struct {
	Origin      float64 `json:"origin"`
	Step        float64 `json:"step"`
	SeasonSlots int     `json:"season_slots"`
}

// HoltWintersSettings mirrors HoltWintersSettings in src/model/types.ts.
type HoltWintersSettings struct {
	Origin         float64 `json:"origin"`
	Step           float64 `json:"step"`
	SeasonSlots    int     `json:"season_slots"`
	Alpha          float64 `json:"alpha"`
	Beta           float64 `json:"beta"`
	Gamma          float64 `json:"gamma"`
	Phi            float64 `json:"phi"`
	Clip           float64 `json:"clip"`
	ShiftPoints    float64 `json:"shift_points"`
	ScaleSmoothing float64 `json:"scale_smoothing"`
	ScaleFloor     float64 `json:"scale_floor"`
	ScoreFrom      float64 `json:"score_from"`
}

// HoltWintersTrace mirrors HoltWintersTrace: what the filter writes per point.
type HoltWintersTrace struct {
	Yhat            []float64 `json:"yhat"`
	Level           []float64 `json:"level"`
	Error           []float64 `json:"error"`
	HorizonVariance []float64 `json:"horizon_variance"`
	Weight          []float64 `json:"weight"`
}

func slotOf(t, origin, step float64) float64 {
	return math.Floor((t-origin)/step + 0.5)
}

// maxSeasonSlots bounds a season as MAX_SEASON_SLOTS does in src/model/families/holtWinters.ts (a week of
// minutes): an allocation past memory is a fatal error no recover catches.
const maxSeasonSlots = 10_080

// HoltWintersStart is the state before slot 0 from the points of the first initSlots slots.
func HoltWintersStart(ctx context.Context, timestamps, values []float64, grid HoltWintersGrid, initSlots int) ([]float64, error) {
	m := grid.SeasonSlots
	if m < 1 {
		return nil, fmt.Errorf("season_slots must be at least 1, got %d", m)
	}
	if m > maxSeasonSlots {
		return nil, fmt.Errorf("season_slots must be at most %d, got %d", maxSeasonSlots, m)
	}
	if len(values) < len(timestamps) {
		return nil, fmt.Errorf("%d times and %d values", len(timestamps), len(values))
	}
	state := make([]float64, hwStateHeader+m)
	state[1] = -1
	half := initSlots / 2
	slots := make([]float64, 0, len(timestamps))
	ys := make([]float64, 0, len(timestamps))
	firstHalf := 0
	for i, t := range timestamps {
		if err := stopped(ctx, i); err != nil {
			return nil, err
		}
		slot := slotOf(t, grid.Origin, grid.Step)
		if slot >= float64(initSlots) {
			break
		}
		if v := values[i]; slot >= 0 && isFinite(v) {
			slots = append(slots, slot)
			ys = append(ys, v)
			if slot < float64(half) {
				firstHalf++
			}
		}
	}
	n := len(ys)
	if n == 0 {
		return state, nil
	}
	center := Quantile(ys, 0.5)
	trend := 0.0
	if firstHalf > 0 && firstHalf < n {
		early, late := Quantile(ys[:firstHalf], 0.5), Quantile(ys[firstHalf:], 0.5)
		trend = (late - early) / float64(initSlots-half)
	}
	middle := float64(initSlots-1) / 2
	counts := make([]int, m+1)
	for _, slot := range slots {
		counts[int(slot)%m+1]++
	}
	for j := range m {
		counts[j+1] += counts[j]
	}
	grouped := make([]float64, n)
	fill := append([]int(nil), counts[:m]...)
	for k, slot := range slots {
		j := int(slot) % m
		grouped[fill[j]] = ys[k] - (center + float64(trend*(slot-middle)))
		fill[j]++
	}
	season := make([]float64, m)
	mean := 0.0
	for j := range m {
		if counts[j+1] > counts[j] {
			season[j] = quantileInPlace(grouped[counts[j]:counts[j+1]], 0.5)
		}
		mean += season[j]
	}
	mean /= float64(m)
	for k, slot := range slots {
		grouped[k] = math.Abs(ys[k] - (center + float64(trend*(slot-middle))) - season[int(slot)%m])
	}
	state[0] = 0
	state[2] = center - float64(trend*(middle+1))
	state[3] = trend
	state[4] = sdPerMedianAbs * quantileInPlace(grouped, 0.5)
	state[5] = 0
	for j := range m {
		state[hwStateHeader+j] = season[j] - mean
	}
	return state, nil
}

// hwFilter is one filter run's state between points.
type hwFilter struct {
	s                          HoltWintersSettings
	state                      []float64
	m                          int
	next, lastUpdate           int
	level, trend, scale, run   float64
	trendGain, seasonGain      float64
	sse, sum                   float64
	count                      int
	variance, phiPower, phiSum float64
	steps                      int
}

// limit is how far an error may go before it is clipped: clip robust scales, never fewer than the floor's.
func (f *hwFilter) limit() float64 {
	if f.scale > f.s.ScaleFloor {
		return f.s.Clip * f.scale
	}
	return f.s.Clip * f.s.ScaleFloor
}

// leave applies the errors collected for slot next (or only advances when there are none).
func (f *hwFilter) leave() {
	s := f.s
	base := f.level + float64(s.Phi*f.trend)
	if f.count == 0 {
		f.level = base
		f.trend = s.Phi * f.trend
		return
	}
	e := f.sum / float64(f.count)
	limit := f.limit()
	clipped := e
	switch {
	case e > limit:
		clipped = limit
		if f.run > 0 {
			f.run++
		} else {
			f.run = 1
		}
	case e < -limit:
		clipped = -limit
		if f.run < 0 {
			f.run--
		} else {
			f.run = -1
		}
	default:
		f.run = 0
	}
	levelStep := s.Alpha * clipped
	if f.run >= s.ShiftPoints || -f.run >= s.ShiftPoints {
		levelStep = e
		f.run = 0
	}
	f.level = base + levelStep
	f.trend = float64(s.Phi*f.trend) + float64(f.trendGain*clipped)
	j := hwStateHeader + f.next%f.m
	f.state[j] = f.state[j] + float64(f.seasonGain*clipped)
	a := math.Abs(e)
	f.scale = float64((1-s.ScaleSmoothing)*f.scale) + float64(s.ScaleSmoothing*sdPerMeanAbs*min(a, limit))
	if float64(f.next) >= s.ScoreFrom {
		f.sse += clipped * clipped
	}
	f.lastUpdate = f.next
	f.sum, f.count = 0, 0
	f.variance, f.steps, f.phiPower, f.phiSum = 0, 0, 1, 0
}

// HoltWintersFilter runs the damped additive Holt-Winters filter over points in time order from state
// (written with the state after the last point's slot), writes each point's one-step expectation into out,
// and returns the sum of squared clipped errors of the updated slots from ScoreFrom on.
func HoltWintersFilter(ctx context.Context, timestamps, values, exclude []float64, s HoltWintersSettings, state []float64, out HoltWintersTrace) (float64, error) {
	n := len(timestamps)
	m := s.SeasonSlots
	if m < 1 || len(state) != hwStateHeader+m {
		return 0, fmt.Errorf("a state of %d entries for %d season slots", len(state), m)
	}
	if len(values) < n || len(out.Yhat) < n || len(out.Level) < n || len(out.Error) < n || len(out.HorizonVariance) < n || len(out.Weight) < n {
		return 0, fmt.Errorf("%d times with mismatched values or outputs", n)
	}
	values = values[:n]
	f := &hwFilter{
		s: s, state: state, m: m,
		next: int(state[0]), lastUpdate: int(state[1]),
		level: state[2], trend: state[3], scale: state[4], run: state[5],
		trendGain: s.Alpha * s.Beta, seasonGain: s.Gamma * (1 - s.Alpha),
		phiPower: 1,
	}
	work := 0
	for i, v := range values {
		t := timestamps[i]
		slot := int(slotOf(t, s.Origin, s.Step))
		slot = max(slot, f.next)
		for slot > f.next {
			if err := stopped(ctx, work); err != nil {
				return 0, err
			}
			work++
			f.leave()
			f.next++
		}
		for f.steps < f.next-f.lastUpdate-1 {
			f.steps++
			f.phiPower = f.phiPower * s.Phi
			f.phiSum = f.phiSum + f.phiPower
			c := s.Alpha + float64(f.trendGain*f.phiSum)
			if m > 1 && f.steps%m == 0 {
				c += f.seasonGain
			}
			f.variance = f.variance + float64(c*c)
		}
		if err := stopped(ctx, work); err != nil {
			return 0, err
		}
		work++
		base := f.level + float64(s.Phi*f.trend)
		yhat := base + state[hwStateHeader+f.next%m]
		out.Yhat[i], out.Level[i], out.HorizonVariance[i] = yhat, base, f.variance
		usable := isFinite(v)
		for e := 0; usable && e+1 < len(exclude); e += 2 {
			if t >= exclude[e] && t <= exclude[e+1] {
				usable = false
			}
		}
		if !usable {
			out.Error[i], out.Weight[i] = math.NaN(), 0
			continue
		}
		e := v - yhat
		out.Error[i] = e
		if limit := f.limit(); e > limit || e < -limit {
			out.Weight[i] = 0
		} else {
			out.Weight[i] = 1
		}
		f.sum += e
		f.count++
	}
	if n > 0 {
		f.leave()
		f.next++
	}
	state[0], state[1], state[2], state[3], state[4], state[5] =
		float64(f.next), float64(f.lastUpdate), f.level, f.trend, f.scale, f.run
	return f.sse, nil
}
