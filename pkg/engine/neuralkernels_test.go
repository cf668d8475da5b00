package engine

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

// networkData is n rows of two inputs and a target of a saturating and a linear part.
func networkData(n int) (rows, targets []float64) {
	rows, targets = make([]float64, 2*n), make([]float64, n)
	for r := range n {
		a, b := math.Sin(float64(r)), math.Cos(float64(3*r))
		rows[2*r], rows[2*r+1] = a, b
		targets[r] = a/(1+math.Abs(2*a)) - 0.5*b
	}
	return rows, targets
}

var networkDefaults = NetworkSettings{Inputs: 2, Hidden: 4, Steps: 100, Batch: 8, LearningRate: 0.01, Seed: 5}

func TestNetworkRefusals(t *testing.T) {
	rows, targets := networkData(10)
	with := func(change func(*NetworkSettings)) NetworkSettings {
		s := networkDefaults
		change(&s)
		return s
	}
	train := func(rows, targets []float64, s NetworkSettings) error {
		_, err := TrainNetwork(context.Background(), rows, targets, s)
		return err
	}
	outputs := func(weights []float64, inputs, hidden float64) error {
		_, err := NetworkOutputs(context.Background(), weights, rows, inputs, hidden)
		return err
	}
	// The TypeScript kernel's messages (neuralKernels.ts), numbers written as JavaScript writes them.
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"no rows", train(nil, nil, networkDefaults),
			"a network trains on at least one row with one target each, got 0 rows and 0 targets"},
		{"a target short", train(rows, targets[1:], networkDefaults),
			"a network trains on at least one row with one target each, got 10 rows and 9 targets"},
		{"rows that are not whole", train(rows[1:], targets, networkDefaults), "19 input values are not whole rows of 2"},
		{"0 inputs", train(rows, targets, with(func(s *NetworkSettings) { s.Inputs = 0 })), "a network takes 1-64 inputs, got 0"},
		{"2.5 inputs", train(rows, targets, with(func(s *NetworkSettings) { s.Inputs = 2.5 })), "a network takes 1-64 inputs, got 2.5"},
		{"NaN hidden units", train(rows, targets, with(func(s *NetworkSettings) { s.Hidden = math.NaN() })),
			"a network takes 1-256 hidden units, got NaN"},
		{"257 hidden units", train(rows, targets, with(func(s *NetworkSettings) { s.Hidden = 257 })),
			"a network takes 1-256 hidden units, got 257"},
		{"a million steps", train(rows, targets, with(func(s *NetworkSettings) { s.Steps = 1e6 })),
			"a network trains for 1-100000 steps, got 1000000"},
		{"1e21 steps", train(rows, targets, with(func(s *NetworkSettings) { s.Steps = 1e21 })),
			"a network trains for 1-100000 steps, got 1e+21"},
		{"a batch of 0.5", train(rows, targets, with(func(s *NetworkSettings) { s.Batch = 0.5 })),
			"a network trains on 1-1024 rows per step, got 0.5"},
		{"a negative learning rate", train(rows, targets, with(func(s *NetworkSettings) { s.LearningRate = -1e-7 })),
			"a network's learning rate must be a positive number, got -1e-7"},
		{"an infinite learning rate", train(rows, targets, with(func(s *NetworkSettings) { s.LearningRate = math.Inf(1) })),
			"a network's learning rate must be a positive number, got Infinity"},
		{"weights of another shape", outputs(make([]float64, 3), 2, 16),
			"3 weights do not make a network of 2 inputs and 16 hidden units"},
		{"outputs for 1.5 hidden units", outputs(make([]float64, 3), 2, 1.5), "a network takes 1-256 hidden units, got 1.5"},
	}
	for _, c := range cases {
		t.Run("should refuse "+c.name+" with the TypeScript's one-line message", func(t *testing.T) {
			if c.err == nil || c.err.Error() != c.want {
				t.Errorf("error %v, want %q", c.err, c.want)
			}
			if c.err != nil && strings.Contains(c.err.Error(), "\n") {
				t.Errorf("a message of more than one line: %q", c.err)
			}
		})
	}
}

func TestNetworkDeadline(t *testing.T) {
	rows, targets := networkData(50)
	long := networkDefaults
	long.Steps = maxNetworkSteps

	t.Run("should return the context's error at once for a context already cancelled or past its deadline", func(t *testing.T) {
		cancelled, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := TrainNetwork(cancelled, rows, targets, long); !errors.Is(err, context.Canceled) {
			t.Errorf("TrainNetwork: error %v, want context.Canceled", err)
		}
		if _, err := NetworkOutputs(cancelled, make([]float64, networkSize(2, 4)), rows, 2, 4); !errors.Is(err, context.Canceled) {
			t.Errorf("NetworkOutputs: error %v, want context.Canceled", err)
		}
		expired, cancelExpired := context.WithDeadline(context.Background(), time.Unix(0, 0))
		defer cancelExpired()
		if _, err := TrainNetwork(expired, rows, targets, long); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("TrainNetwork: error %v, want context.DeadlineExceeded", err)
		}
	})

	t.Run("should stop a long training at the first step after its deadline passes", func(t *testing.T) {
		ctx := &countdownContext{Context: context.Background(), left: 3}
		if _, err := TrainNetwork(ctx, rows, targets, long); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("error %v, want the context's", err)
		}
		// A check every step: the third said stop, and none of the other 99,997 steps ran.
		if ctx.calls != 3 {
			t.Errorf("%d checks", ctx.calls)
		}
	})
}

func TestNetworkTraining(t *testing.T) {
	rows, targets := networkData(60)
	train := func(t *testing.T, seed float64) []float64 {
		t.Helper()
		s := networkDefaults
		s.Seed = seed
		weights, err := TrainNetwork(context.Background(), rows, targets, s)
		if err != nil {
			t.Fatal(err)
		}
		return weights
	}
	same := func(a, b []float64) bool {
		return slices.EqualFunc(a, b, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) })
	}

	t.Run("should train the same weights, bit for bit, from the same seed and others from another", func(t *testing.T) {
		a, b := train(t, 5), train(t, 5)
		if len(a) != networkSize(2, 4) || !same(a, b) {
			t.Errorf("two runs of seed 5 gave %v and %v", a, b)
		}
		if same(a, train(t, 6)) {
			t.Error("seeds 5 and 6 gave the same weights")
		}
	})

	t.Run("should read the seed as JavaScript's seed >>> 0", func(t *testing.T) {
		for _, c := range []struct{ seed, as float64 }{
			{-1, 4294967295}, {-2.7, 4294967294}, {4294967297.5, 1}, {7.9, 7}, {math.NaN(), 0}, {math.Inf(-1), 0},
		} {
			if !same(train(t, c.seed), train(t, c.as)) {
				t.Errorf("seed %v did not train as seed %v", c.seed, c.as)
			}
		}
	})

	t.Run("should draw mulberry32's numbers (Node's first three for seeds 0, 1 and -2.7)", func(t *testing.T) {
		for seed, want := range map[float64][3]float64{
			0:    {1144304738, 1416247, 958946056},
			1:    {2693262067, 11749833, 2265367787},
			-2.7: {677713132, 210922997, 3337126793},
		} {
			next := uniformSource(seed)
			for i, w := range want {
				if got := next(); got != w/4294967296 {
					t.Errorf("seed %v, draw %d: %v, want %v", seed, i, got*4294967296, w)
				}
			}
		}
	})

	t.Run("should fit the data far better than its mean", func(t *testing.T) {
		s := networkDefaults
		s.Steps, s.Hidden = 2000, 8
		weights, err := TrainNetwork(context.Background(), rows, targets, s)
		if err != nil {
			t.Fatal(err)
		}
		out, err := NetworkOutputs(context.Background(), weights, rows, 2, 8)
		if err != nil {
			t.Fatal(err)
		}
		mean := 0.0
		for _, y := range targets {
			mean += y / float64(len(targets))
		}
		var fitted, spread float64
		for r, y := range targets {
			fitted += math.Abs(out[r] - y)
			spread += math.Abs(mean - y)
		}
		if fitted > spread/4 {
			t.Errorf("mean absolute error %v against %v about the mean", fitted/60, spread/60)
		}
	})
}

func TestJSNumber(t *testing.T) {
	t.Run("should write numbers as JavaScript's String does", func(t *testing.T) {
		// What Node prints for each.
		for v, want := range map[float64]string{
			2.5: "2.5", 1e21: "1e+21", 123456789012345680000: "123456789012345680000", 1e-7: "1e-7",
			0.000001: "0.000001", 1.5e-7: "1.5e-7", math.Copysign(0, -1): "0", 1e6: "1000000", -1234.5678: "-1234.5678",
			5e-324: "5e-324", math.MaxFloat64: "1.7976931348623157e+308",
			9007199254740994: "9007199254740994", math.Inf(-1): "-Infinity", math.NaN(): "NaN",
		} {
			if got := jsNumber(v); got != want {
				t.Errorf("jsNumber(%v) = %q, want %q", v, got, want)
			}
		}
	})
}

func TestNetworkBinding(t *testing.T) {
	t.Run("should read the settings by their names and hand the weights and outputs back as buffers", func(t *testing.T) {
		v, err := run(hostRuntime(t), `
			const rows = Float64Array.from({ length: 40 }, (_, i) => Math.sin(i));
			const targets = Float64Array.from({ length: 20 }, (_, r) => rows[2 * r] - 0.5 * rows[2 * r + 1]);
			const settings = { inputs: 2, hidden: 4, steps: 30, batch: 8, learning_rate: 0.01, seed: 3 };
			const weights = new Float64Array(k.trainNetwork(rows, targets, settings));
			const out = new Float64Array(k.networkOutputs(weights, rows.subarray(0, 4), 2, 4));
			return weights.length + ' ' + out.length;`)
		if err != nil {
			t.Fatal(err)
		}
		if got := v.String(); got != "19 2" {
			t.Errorf("got %q", got)
		}
	})

	for _, c := range []struct{ name, script, want string }{
		{"should throw the kernel's message, naming it", `k.trainNetwork(Float64Array.of(1), Float64Array.of(1),
			{ inputs: 1, hidden: 2, steps: 1, batch: 1, learning_rate: 0, seed: 1 })`,
			"trainNetwork: a network's learning rate must be a positive number, got 0"},
		{"should throw a TypeError naming a missing setting", `k.trainNetwork(Float64Array.of(1), Float64Array.of(1),
			{ inputs: 1, hidden: 2, steps: 1, batch: 1, learning_rate: 0.1 })`,
			"TypeError: trainNetwork: argument 2 has no seed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := run(hostRuntime(t), c.script)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one with %q", err, c.want)
			}
		})
	}
}

func TestNeuralMatchesTypeScript(t *testing.T) {
	var f modelFixture
	readFixture(t, &f, "model", "detect-neural-5min.json")
	// Two trainings and five passes of the inputs in the script engine: under the race detector on a loaded
	// machine that can pass the default 30 s, so the bound here is generous (this test checks numbers, not time).
	e := newEngine(t, Options{PoolSize: 1, Timeout: 10 * time.Minute})
	ctx := context.Background()

	t.Run("should fit and judge the fixture series with the neural family as TypeScript does", func(t *testing.T) {
		p := judgeFixture(t, e, f)
		// The inputs and the training use only operations both engines round alike, so the expectation is Node's
		// to the bit (the band's normal quantiles may differ in the last bit; judgeFixture allows for that).
		if err := closeTo(p.Yhat, f.Expected.Yhat, 0); err != nil {
			t.Errorf("yhat is not Node's to the bit: %v", err)
		}
	})

	t.Run("should refuse a bad neural parameter with its one-line message", func(t *testing.T) {
		_, err := e.Fit(ctx, f.Timestamps, f.Values, []byte(`{"model":"neural","neural_hidden":500}`))
		var input *InputError
		if !errors.As(err, &input) || input.Message != "neural_hidden must be a whole number from 1 to 128, got 500" {
			t.Fatalf("error %v", err)
		}
	})
}

// BenchmarkNeuralFitPredict fits the neural family with its defaults on two weeks of 5-minute data (the KR
// fixture series) and judges the series, in the engine: what one refit costs the backend.
//
//	go test ./pkg/engine -run '^$' -bench NeuralFitPredict -benchtime 5x
func BenchmarkNeuralFitPredict(b *testing.B) {
	var f modelFixture
	readFixture(b, &f, "model", "detect-kr-5min.json")
	e, err := New(Options{PoolSize: 1, Timeout: time.Minute})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	for b.Loop() {
		m, err := e.Fit(ctx, f.Timestamps, f.Values, []byte(`{"model":"neural"}`))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.Predict(ctx, m, f.Timestamps, f.Values); err != nil {
			b.Fatal(err)
		}
	}
}
