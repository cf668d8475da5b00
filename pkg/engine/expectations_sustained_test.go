package engine

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// TestExpectationsSustainedAsPredict judges a day whose level shifts and holds: the model's sustained score rises
// where the shift sets in, and reads the other points judged in the same call, so the expectations must raise it
// over exactly the points they judge, as Predict does.
func TestExpectationsSustainedAsPredict(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 1})
	ctx := context.Background()
	ts, ys := dailyWave(15)
	train := len(ts) - 288 // the last day is judged
	grid := ts[train:]
	// From point 150 on, the day is 1.5 noise deviations higher: each point scores below one half on its own.
	const shiftFrom = 150
	values := append([]float64(nil), ys[train:]...)
	for i := shiftFrom; i < len(values); i++ {
		values[i] += 1.5
	}

	for _, params := range []string{`{}`, `{"model":"ensemble","ensemble_members":["decomposition","past"]}`} {
		t.Run("should raise the scores of a held shift as Predict does, params "+params, func(t *testing.T) {
			m, err := e.Fit(ctx, ts[:train], ys[:train], []byte(params))
			if err != nil {
				t.Fatal(err)
			}
			x, ok, err := e.Expectations(ctx, m, grid)
			if err != nil || !ok {
				t.Fatalf("expectations: ok %v, %v", ok, err)
			}
			if x.sustained == nil {
				t.Fatal("no sustained step was recorded: the model has no sustained score")
			}
			encoded, err := x.AppendBinary(nil)
			if err != nil {
				t.Fatal(err)
			}
			stored, err := DecodeExpectations(encoded) // as a restarted process reads them from the model store
			if err != nil {
				t.Fatal(err)
			}
			if !sameSustained(stored.sustained, x.sustained) {
				t.Fatalf("decoded sustained inputs %+v, recorded %+v", stored.sustained, *x.sustained)
			}
			without := x
			without.sustained = nil
			raisedInShift := 0
			// Spans that start before, at and inside the shift, so each call's running medians see other points.
			for _, span := range [][2]int{{0, 288}, {100, 200}, {140, 160}, {150, 151}, {150, 288}, {200, 288}} {
				a, b := span[0], span[1]
				want, err := e.Predict(ctx, m, grid[a:b], values[a:b])
				if err != nil {
					t.Fatal(err)
				}
				for name, from := range map[string]Expectations{"computed": x, "decoded": stored} {
					got, ok, err := from.Judge(grid[a:b], values[a:b])
					if err != nil || !ok {
						t.Fatalf("judge from the %s expectations: ok %v, %v", name, ok, err)
					}
					if !sameJudgement(got, want) {
						t.Fatalf("points %d-%d: the %s expectations judge otherwise than Predict", a, b, name)
					}
				}
				plain, _, err := without.Judge(grid[a:b], values[a:b])
				if err != nil {
					t.Fatal(err)
				}
				for i := range want.Score {
					if a+i >= shiftFrom && want.Score[i] > plain.Score[i] {
						raisedInShift++
					}
				}
			}
			if raisedInShift == 0 {
				t.Error("the sustained step raised no score of the shift: the comparison does not cover it")
			}
		})
	}

	t.Run("should leave out the same points as Predict when the skip flags change inside the judged times", func(t *testing.T) {
		// Three days of training from a Tuesday evening: the Saturday and Sunday judged after it are days of a kind
		// the model has not learned, left out of the sustained step, while Friday evening is not.
		days, dayYs := dailyWave(6)
		fitEnd, end := 3*288, 5*288
		judged := days[fitEnd:end]
		held := append([]float64(nil), dayYs[fitEnd:end]...)
		for i := 200; i < 400; i++ { // from Friday evening into Saturday
			held[i] += 1.5
		}
		for _, params := range []string{`{}`, `{"model":"decomposition"}`} {
			m, err := e.Fit(ctx, days[:fitEnd], dayYs[:fitEnd], []byte(params))
			if err != nil {
				t.Fatal(err)
			}
			x, ok, err := e.Expectations(ctx, m, judged)
			if err != nil || !ok || x.sustained == nil {
				t.Fatalf("params %s: ok %v, %v", params, ok, err)
			}
			if skipped := countNonZero(x.sustained.skip); skipped == 0 || skipped == len(judged) {
				t.Fatalf("params %s: %d of %d points skipped; the case needs the flags to change", params, skipped, len(judged))
			}
			var every3, late []int
			for i := range judged {
				if i%3 == 0 {
					every3 = append(every3, i)
				}
				if i >= 260 {
					late = append(late, i)
				}
			}
			for name, pick := range map[string][]int{"every third point": every3, "from Saturday on": late} {
				sub, vals := make([]float64, len(pick)), make([]float64, len(pick))
				for j, i := range pick {
					sub[j], vals[j] = judged[i], held[i]
				}
				want, err := e.Predict(ctx, m, sub, vals)
				if err != nil {
					t.Fatal(err)
				}
				got, ok, err := x.Judge(sub, vals)
				if err != nil || !ok || !sameJudgement(got, want) {
					t.Fatalf("params %s, %s: the expectations judge otherwise than Predict (ok %v, %v)", params, name, ok, err)
				}
			}
		}
	})

	t.Run("should record no sustained step for a model without a sustained score", func(t *testing.T) {
		for _, params := range []string{`{"sustained_points":0}`, `{"model":"past"}`} {
			m, err := e.Fit(ctx, ts[:train], ys[:train], []byte(params))
			if err != nil {
				t.Fatal(err)
			}
			x, ok, err := e.Expectations(ctx, m, grid)
			if err != nil || !ok || x.sustained != nil {
				t.Errorf("params %s: ok %v, %v, sustained %+v", params, ok, err, x.sustained)
			}
		}
	})
}

// dailyWave is days of 5-minute points: a daily wave of amplitude 10 about 100, with unit normal noise (seeded).
func dailyWave(days int) (ts, ys []float64) {
	rng := rand.New(rand.NewPCG(1, 2)) //nolint:gosec // reproducible test data
	n := days * 288
	ts, ys = make([]float64, n), make([]float64, n)
	for i := range ts {
		ts[i] = 1.7e12 + float64(i)*300e3
		ys[i] = 100 + 10*math.Sin(2*math.Pi*float64(i)/288) + rng.NormFloat64()
	}
	return ts, ys
}

func countNonZero(flags []int8) int {
	count := 0
	for _, f := range flags {
		if f != 0 {
			count++
		}
	}
	return count
}
