package engine

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestExpectationsJudgeAsPredict(t *testing.T) {
	e := newEngine(t, Options{PoolSize: 1})
	ctx := context.Background()
	ts, ys := demoSeries(t, e, 15)
	train := len(ts) - 288 // the last day is judged
	grid := ts[train:]
	values := append([]float64(nil), ys[train:]...)
	values[100], values[101], values[200] = values[100]*3, math.NaN(), -values[200] // a spike, a gap, a drop

	pair := `"model":"ensemble","ensemble_members":["decomposition","past"]`
	// A holiday in training and on the judged day, which the ensemble's decomposition judges alone.
	holiday := `"holidays":[{"name":"x","dates":["2023-11-20","2023-11-29"]}]`
	for _, params := range []string{
		`{}`, `{"seasonality_mode":"multiplicative","interval_width":0.995}`, `{"nonnegative":true,"country_holidays":["US"]}`,
		`{"model":"past"}`, `{` + pair + `}`, `{` + pair + `,` + holiday + `}`, `{"model":"ensemble","ensemble_members":["past","decomposition"]}`,
	} {
		t.Run("should judge every point of the day as Predict does, params "+params, func(t *testing.T) {
			m, err := e.Fit(ctx, ts[:train], ys[:train], []byte(params))
			if err != nil {
				t.Fatal(err)
			}
			x, ok, err := e.Expectations(ctx, m, grid)
			if err != nil || !ok {
				t.Fatalf("expectations: ok %v, %v", ok, err)
			}
			encoded, err := x.AppendBinary(nil)
			if err != nil {
				t.Fatal(err)
			}
			stored, err := DecodeExpectations(encoded) // as a restarted process reads them from the model store
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(params, "holidays") && strings.Contains(params, "ensemble") && !slices.Contains(x.combine.alone, 1) {
				t.Error("no point of the holiday is judged by the decomposition alone: the test does not cover it")
			}
			flagged := 0
			for _, span := range [][2]int{{0, 3}, {98, 103}, {199, 201}, {285, 288}, {0, 288}} {
				a, b := span[0], span[1]
				want, err := e.Predict(ctx, m, grid[a:b], values[a:b])
				if err != nil {
					t.Fatal(err)
				}
				got, ok, err := x.Judge(grid[a:b], values[a:b])
				if err != nil || !ok {
					t.Fatalf("judge: ok %v, %v", ok, err)
				}
				fromStore, ok, err := stored.Judge(grid[a:b], values[a:b])
				if err != nil || !ok {
					t.Fatalf("judge from the decoded expectations: ok %v, %v", ok, err)
				}
				if !sameJudgement(fromStore, got) {
					t.Fatalf("points %d-%d: the decoded expectations judge otherwise", a, b)
				}
				for i := range want.Yhat {
					same := sameBits(got.Yhat[i], want.Yhat[i]) && sameBits(got.Lower[i], want.Lower[i]) && sameBits(got.Upper[i], want.Upper[i]) &&
						sameBits(got.Score[i], want.Score[i]) && got.Outlier[i] == want.Outlier[i]
					if !same {
						t.Fatalf("point %d: got %v %v %v %v %v, Predict gave %v %v %v %v %v", a+i, got.Yhat[i], got.Lower[i], got.Upper[i], got.Score[i], got.Outlier[i],
							want.Yhat[i], want.Lower[i], want.Upper[i], want.Score[i], want.Outlier[i])
					}
					if got.Outlier[i] != 0 {
						flagged++
					}
				}
			}
			if flagged == 0 {
				t.Error("the spike and the drop were not flagged: the comparison saw no outlier")
			}
			if _, ok, _ := x.Judge([]float64{grid[0] + 1}, []float64{1}); ok {
				t.Error("judged a time off the grid")
			}
		})
	}

	t.Run("should leave a model fitted with a false-alarm label to Predict, even one that left no mark", func(t *testing.T) {
		// An hour of training where nothing is flagged: no mark, but the recent peaks that quiet repeats.
		label := fmt.Sprintf(`"false_alarms":[[%d,%d]]`, int64(ts[train-200]), int64(ts[train-188]))
		for _, params := range []string{`{` + label + `}`, `{"model":"decomposition",` + label + `}`} {
			m, err := e.Fit(ctx, ts[:train], ys[:train], []byte(params))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(m.Text, `"false_alarm_recent_peaks"`) || strings.Contains(m.Text, `"false_alarm_marks"`) {
				t.Fatalf("%s: the model should keep recent peaks and no mark", params)
			}
			if _, ok, err := e.Expectations(ctx, m, grid); ok || err != nil {
				t.Errorf("%s: ok %v, %v", params, ok, err)
			}
		}
	})

	t.Run("should leave families that judge points by the values before them to Predict", func(t *testing.T) {
		m, err := e.Fit(ctx, ts[:train], ys[:train], []byte(`{"model":"holt_winters"}`))
		if err != nil {
			t.Fatal(err)
		}
		if _, ok, err := e.Expectations(ctx, m, grid); ok || err != nil {
			t.Errorf("holt_winters: ok %v, %v", ok, err)
		}
		for text, want := range map[string]bool{
			`{"format":2,"beta":[1]}`:                                                                                 true,
			`{"family":"decomposition","false_alarm_marks":[]}`:                                                       true,
			`{"family":"decomposition","false_alarm_marks":[{"raise":2}]}`:                                            false,
			`{"family":"past"}`:                                                                                       true,
			`{"family":"holt_winters"}`:                                                                               false,
			`{"family":"ensemble","members":[{"family":"decomposition"},{"family":"past"}]}`:                          true,
			`{"family":"ensemble","members":[{"family":"decomposition"},{"family":"autoregressive"}]}`:                false,
			`{"family":"ensemble","members":[{"family":"past","false_alarm_marks":[{"raise":2}]},{"family":"past"}]}`: false,
			`{"family":"decomposition","false_alarm_recent_peaks":{"below":[],"above":[[0,3]]}}`:                      false,
			`{"family":"ensemble","members":[{"family":"decomposition","false_alarm_recent_peaks":{"below":[],"above":[[0,3]]}},{"family":"past"}]}`: false,
			`{"family":"ensemble","members":[]}`: false,
			`{"family":"ensemble","members":[{"family":"ensemble","members":[{"family":"past"}]},{"family":"past"}]}`:         false,
			`{"family":"holt_winters","FAMILY":"past"}`:                                                                       false,
			`{"family":"ensemble","members":[{"family":"past","False_Alarm_Marks":[{"raise":2}]},{"family":"holt_winters"}]}`: false,
			`not json`: false,
		} {
			if _, _, ok := pointwiseModel(text); ok != want {
				t.Errorf("pointwiseModel(%s) = %v", text, !want)
			}
		}
	})
}

func sameJudgement(a, b Prediction) bool {
	if len(a.Yhat) != len(b.Yhat) || !slices.Equal(a.Outlier, b.Outlier) {
		return false
	}
	for i := range a.Yhat {
		if !sameBits(a.Yhat[i], b.Yhat[i]) || !sameBits(a.Lower[i], b.Lower[i]) || !sameBits(a.Upper[i], b.Upper[i]) || !sameBits(a.Score[i], b.Score[i]) {
			return false
		}
	}
	return true
}

func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}
