package engine

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// savedModel is a file of testdata/fixtures/saved-models (written by scripts/fixtures/save-model.ts).
type savedModel struct {
	Model   json.RawMessage `json:"model"`
	Predict *struct {
		Timestamps []float64  `json:"timestamps"`
		Values     []*float64 `json:"values"`
		Yhat       []float64  `json:"yhat"`
		Lower      []float64  `json:"yhat_lower"`
		Upper      []float64  `json:"yhat_upper"`
		Outlier    []int8     `json:"outlier"`
		Score      []float64  `json:"score"`
	} `json:"predict"`
}

// TestSavedModels: the newest saved model restores in the backend and predicts what the TypeScript model did;
// every older one is refused with a message to refit, never misread.
func TestSavedModels(t *testing.T) {
	files, err := filepath.Glob("../../testdata/fixtures/saved-models/v*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no saved models (%v)", err)
	}
	newest, newestVersion := "", -1.0
	fixtures := map[string]savedModel{}
	for _, file := range files {
		raw, err := os.ReadFile(file) //nolint:gosec // a fixture under testdata/fixtures, found by the test's own glob
		if err != nil {
			t.Fatal(err)
		}
		var f savedModel
		var header struct {
			Version float64 `json:"version"`
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if err := json.Unmarshal(f.Model, &header); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if header.Version > newestVersion {
			newest, newestVersion = file, header.Version
		}
		fixtures[file] = f
	}
	e := newEngine(t, Options{PoolSize: 1})
	for file, f := range fixtures {
		t.Run("should restore or refuse "+filepath.Base(file), func(t *testing.T) {
			if file != newest {
				_, err := e.Predict(context.Background(), Fitted{Text: string(f.Model)}, []float64{0}, nil)
				var input *InputError
				if !errors.As(err, &input) || !strings.Contains(err.Error(), "fit the model again") {
					t.Fatalf("an older model gave %v, want an input error asking to refit", err)
				}
				return
			}
			if f.Predict == nil {
				t.Fatal("the newest saved model has no predictions to compare with")
			}
			p := f.Predict
			values := make([]float64, len(p.Values))
			for i, v := range p.Values {
				values[i] = math.NaN()
				if v != nil {
					values[i] = *v
				}
			}
			got, err := e.Predict(context.Background(), Fitted{Text: string(f.Model)}, p.Timestamps, values)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				name      string
				got, want []float64
			}{{"yhat", got.Yhat, p.Yhat}, {"yhat_lower", got.Lower, p.Lower}, {"yhat_upper", got.Upper, p.Upper}, {"score", got.Score, p.Score}} {
				for i := range c.want {
					if math.Abs(c.got[i]-c.want[i]) > 1e-6*math.Max(1, math.Abs(c.want[i])) {
						t.Fatalf("%s[%d] = %v, want %v", c.name, i, c.got[i], c.want[i])
					}
				}
			}
			for i := range p.Outlier {
				if got.Outlier[i] != p.Outlier[i] {
					t.Fatalf("outlier[%d] = %d, want %d", i, got.Outlier[i], p.Outlier[i])
				}
			}
		})
	}
}
