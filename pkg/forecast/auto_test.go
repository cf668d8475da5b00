package forecast_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/forecast"
	"github.com/foresight-anomaly/foresight/pkg/forecast/forecasttest"
	"github.com/foresight-anomaly/foresight/pkg/models"
	"github.com/foresight-anomaly/foresight/pkg/selection"
)

// familyRecorder records the `model` each fit was asked for.
type familyRecorder struct {
	*forecasttest.Fake
	mu       sync.Mutex
	families []string
}

func (r *familyRecorder) Fit(ctx context.Context, ts, ys []float64, params json.RawMessage) (forecast.Model, error) {
	var p struct {
		Model string `json:"model"`
	}
	_ = json.Unmarshal(params, &p)
	r.mu.Lock()
	r.families = append(r.families, p.Model)
	r.mu.Unlock()
	return r.Fake.Fit(ctx, ts, ys, params)
}

func (r *familyRecorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.families
	r.families = nil
	return out
}

func selectPast(calls *int) selection.SelectFunc {
	return func(_ context.Context, ts, _ []float64, params json.RawMessage, _ selection.Labels, _ *selection.Selection) (selection.Outcome, error) {
		*calls++
		if !strings.Contains(string(params), `"model":"auto"`) {
			panic("selection should get the query's params")
		}
		return selection.Outcome{Family: "past", Overrides: map[string]json.RawMessage{"model": json.RawMessage(`"past"`)}}, nil
	}
}

func TestAutoModel(t *testing.T) {
	from := float64(rangeEnd.Add(-10 * 24 * time.Hour).UnixMilli())
	to := float64(rangeEnd.UnixMilli())
	series := func() []models.Series { return []models.Series{noisy("a", from, to)} }

	t.Run("should serve the default family with a notice until the background selection lands, then the selection", func(t *testing.T) {
		calls := 0
		service := selection.New(selectPast(&calls), selection.Options{})
		defer service.Close()
		rec := &familyRecorder{Fake: &forecasttest.Fake{}}
		p := forecast.NewPipeline(rec, forecast.NewFitCache(1<<20), 1).WithSelections(service)
		req := buildRequest(t, 1, 7, nil)
		req.Params = json.RawMessage(`{"model":"auto"}`)

		results, err := p.Run(context.Background(), req, series())
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rec.take() {
			if f != forecast.DefaultFamily {
				t.Fatalf("before selection every fit should use %s, got %s", forecast.DefaultFamily, f)
			}
		}
		if len(results[0].Notices) != 1 || !strings.Contains(results[0].Notices[0], "no selection for this series yet") {
			t.Fatalf("notices %v", results[0].Notices)
		}
		service.WaitIdle()
		if calls != 1 {
			t.Fatalf("one selection should have run, got %d", calls)
		}

		results, err = p.Run(context.Background(), req, series())
		if err != nil {
			t.Fatal(err)
		}
		fits := rec.take()
		if len(fits) == 0 || fits[0] != "past" {
			t.Fatalf("after selection the fits should use the selected family, got %v", fits)
		}
		if len(results[0].Notices) != 0 {
			t.Fatalf("no notice once selected, got %v", results[0].Notices)
		}
		if _, ok := p.CachedFits(context.Background(), req, series()); !ok {
			t.Fatal("the selected family's fits should be found in the cache")
		}
	})

	t.Run("should keep each label scope's selection to itself, so one dashboard's labels never choose another's model", func(t *testing.T) {
		var mu sync.Mutex
		ranked := map[int]int{} // incidents in the labels -> selections run with them
		service := selection.New(func(_ context.Context, _, _ []float64, _ json.RawMessage, labels selection.Labels, _ *selection.Selection) (selection.Outcome, error) {
			mu.Lock()
			ranked[len(labels.Incidents)]++
			mu.Unlock()
			family := "past"
			if len(labels.Incidents) > 0 {
				family = "holt_winters" // what dashboard A's labels made win
			}
			return selection.Outcome{Family: family, Overrides: map[string]json.RawMessage{"model": json.RawMessage(`"` + family + `"`)}}, nil
		}, selection.Options{})
		defer service.Close()
		rec := &familyRecorder{Fake: &forecasttest.Fake{}}
		p := forecast.NewPipeline(rec, forecast.NewFitCache(1<<20), 1).WithSelections(service)
		labelled := buildRequest(t, 1, 7, nil)
		labelled.Params = json.RawMessage(`{"model":"auto"}`)
		incident := models.ExcludeRange{From: float64(rangeEnd.Add(-2 * 24 * time.Hour).UnixMilli()), To: float64(rangeEnd.Add(-47 * time.Hour).UnixMilli())}
		labelled.Incidents, labelled.Exclude, labelled.LabelScope = []models.ExcludeRange{incident}, []models.ExcludeRange{incident}, "dashboard-a"
		other := buildRequest(t, 1, 7, nil)
		other.Params, other.LabelScope = labelled.Params, "dashboard-b"
		for _, req := range []forecast.Request{labelled, other} {
			if _, err := p.Run(context.Background(), req, series()); err != nil {
				t.Fatal(err)
			}
			service.WaitIdle()
		}
		rec.take()
		if _, err := p.Run(context.Background(), other, series()); err != nil {
			t.Fatal(err)
		}
		if fits := rec.take(); len(fits) == 0 || fits[0] != "past" {
			t.Fatalf("dashboard B should be served its own selection (past), got %v", fits)
		}
		if ranked[0] != 1 || ranked[1] != 1 {
			t.Fatalf("one selection per scope, with its own labels: %v", ranked)
		}
	})

	t.Run("should rank on the history the fits train on, not the weeks before it read for vs_past", func(t *testing.T) {
		var first float64
		service := selection.New(func(_ context.Context, ts, _ []float64, _ json.RawMessage, _ selection.Labels, _ *selection.Selection) (selection.Outcome, error) {
			first = ts[0]
			return selection.Outcome{Family: "past", Overrides: map[string]json.RawMessage{"model": json.RawMessage(`"past"`)}}, nil
		}, selection.Options{})
		defer service.Close()
		p := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 1).WithSelections(service)
		req := buildRequest(t, 1, 7, nil)
		req.Params = json.RawMessage(`{"model":"auto"}`)
		longer := noisy("a", req.Plan.FetchFrom-14*24*3_600_000, to) // two weeks more than the training needs
		if _, err := p.Run(context.Background(), req, []models.Series{longer}); err != nil {
			t.Fatal(err)
		}
		service.WaitIdle()
		if first < req.Plan.FetchFrom {
			t.Errorf("the selection saw history from %v, before the training's read start %v", first, req.Plan.FetchFrom)
		}
	})

	t.Run("should give the selection the labels over the series' history, apart from its params", func(t *testing.T) {
		var got selection.Labels
		var gotParams string
		service := selection.New(func(_ context.Context, _, _ []float64, params json.RawMessage, labels selection.Labels, _ *selection.Selection) (selection.Outcome, error) {
			got, gotParams = labels, string(params)
			return selection.Outcome{Family: "past", Overrides: map[string]json.RawMessage{"model": json.RawMessage(`"past"`)}}, nil
		}, selection.Options{})
		defer service.Close()
		p := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 1).WithSelections(service)
		req := buildRequest(t, 1, 7, nil)
		req.Params = json.RawMessage(`{"model":"auto","false_alarms":[[` + ms(rangeEnd.Add(-3*24*time.Hour)) + `,` + ms(rangeEnd.Add(-3*24*time.Hour+time.Hour)) + `]]}`)
		incident := models.ExcludeRange{From: float64(rangeEnd.Add(-2 * 24 * time.Hour).UnixMilli()), To: float64(rangeEnd.Add(-47 * time.Hour).UnixMilli())}
		req.Incidents, req.Exclude = []models.ExcludeRange{incident}, []models.ExcludeRange{incident}
		longBefore := models.ExcludeRange{From: from - 86_400_000, To: from - 3_600_000} // before the series' history
		req.FalseAlarms = []models.ExcludeRange{longBefore, {From: incident.From + 1, To: incident.To}}
		if _, err := p.Run(context.Background(), req, series()); err != nil {
			t.Fatal(err)
		}
		service.WaitIdle()
		want := selection.Labels{
			Incidents:   [][2]float64{{incident.From, incident.To}},
			FalseAlarms: [][2]float64{{float64(rangeEnd.Add(-3 * 24 * time.Hour).UnixMilli()), float64(rangeEnd.Add(-71 * time.Hour).UnixMilli())}, {incident.From + 1, incident.To}},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("labels %+v, want %+v", got, want)
		}
		if strings.Contains(gotParams, "false_alarms") || strings.Contains(gotParams, "exclude") {
			t.Errorf("the selection's params should leave the labels to the labels option (the engine scores an incident only outside the exclusions): %s", gotParams)
		}
	})

	t.Run("should not answer from the cache alone while a series has no selection", func(t *testing.T) {
		calls := 0
		service := selection.New(selectPast(&calls), selection.Options{})
		defer service.Close()
		p := forecast.NewPipeline(&forecasttest.Fake{}, forecast.NewFitCache(1<<20), 1).WithSelections(service)
		req := buildRequest(t, 1, 7, nil)
		req.Params = json.RawMessage(`{"model":"auto"}`)
		if _, ok := p.CachedFits(context.Background(), req, series()); ok {
			t.Fatal("without a selection the history must be read so selection can be asked for")
		}
	})

	t.Run("should leave queries that name a family alone", func(t *testing.T) {
		calls := 0
		service := selection.New(selectPast(&calls), selection.Options{})
		defer service.Close()
		rec := &familyRecorder{Fake: &forecasttest.Fake{}}
		p := forecast.NewPipeline(rec, forecast.NewFitCache(1<<20), 1).WithSelections(service)
		req := buildRequest(t, 1, 7, nil)
		req.Params = json.RawMessage(`{"model":"decomposition"}`)
		if _, err := p.Run(context.Background(), req, series()); err != nil {
			t.Fatal(err)
		}
		service.WaitIdle()
		if calls != 0 || service.Stats().Entries != 0 {
			t.Fatalf("no selection should run, got %d", calls)
		}
	})

	t.Run("should say so when selection is off", func(t *testing.T) {
		rec := &familyRecorder{Fake: &forecasttest.Fake{}}
		p := forecast.NewPipeline(rec, forecast.NewFitCache(1<<20), 1)
		req := buildRequest(t, 1, 7, nil)
		req.Params = json.RawMessage(`{"model":"auto"}`)
		results, err := p.Run(context.Background(), req, series())
		if err != nil {
			t.Fatal(err)
		}
		if fits := rec.take(); len(fits) == 0 || fits[0] != forecast.DefaultFamily {
			t.Fatalf("fits %v", fits)
		}
		if len(results[0].Notices) != 1 || !strings.Contains(results[0].Notices[0], "background selection is off") {
			t.Fatalf("notices %v", results[0].Notices)
		}
	})
}

func ms(at time.Time) string { return strconv.FormatInt(at.UnixMilli(), 10) }
