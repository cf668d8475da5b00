package engine

import (
	"strings"
	"testing"

	"github.com/grafana/sobek"
)

// hostRuntime is a runtime with only the Go kernels installed, as the bundle finds them.
func hostRuntime(t *testing.T) *sobek.Runtime {
	t.Helper()
	vm := sobek.New()
	if err := installKernels(vm, &callState{}); err != nil {
		t.Fatal(err)
	}
	return vm
}

// run evaluates a script that uses `k`, the kernel host.
func run(vm *sobek.Runtime, script string) (sobek.Value, error) {
	return vm.RunString("(() => { const k = " + kernelHostName + ";\n" + script + "\n})()")
}

func TestKernelBinding(t *testing.T) {
	t.Run("should bind every kernel in the table", func(t *testing.T) {
		bindings, err := kernelBindings()
		if err != nil {
			t.Fatal(err)
		}
		if len(bindings) != len(kernelTable) {
			t.Fatalf("%d bindings for %d kernels", len(bindings), len(kernelTable))
		}
	})

	t.Run("should define the host under the name the bundle looks for", func(t *testing.T) {
		// Under any other name the bundle would quietly run its TypeScript kernels in the interpreter.
		if !strings.Contains(bundleSource, `"`+kernelHostName+`"`) {
			t.Errorf("the bundle never names %q (GO_KERNEL_HOST in src/engine/goKernels.ts)", kernelHostName)
		}
	})

	t.Run("should read typed arrays in place and objects by field name", func(t *testing.T) {
		v, err := run(hostRuntime(t), `
			const out = { yhat: new Float64Array(2), lower: new Float64Array(2), upper: new Float64Array(2), outlier: new Int8Array(2), score: new Float64Array(2) };
			const band = { band_below: 2, band_above: 1, z: 1, outlier_below: 2, outlier_above: 1, outlier_z: 1,
				scale_below: 2, scale_above: 1, score_half: 1, floor: -Infinity };
			const r = k.judge(Float64Array.of(10, 10), Float64Array.of(13, 9), null, band, out);
			return [r === undefined, out.lower[0], out.upper[0], out.outlier[0], out.score[0], out.outlier[1]].join(' ');`)
		if err != nil {
			t.Fatal(err)
		}
		// Value 13 is 3 above-scales out: score 3 / (3 + 1) with half-point 1.
		if got := v.String(); got != "true 8 11 1 0.75 0" {
			t.Errorf("judge gave %q", got)
		}
	})

	t.Run("should hand back numbers, arrays as ArrayBuffers and weightedGram's two arrays as one", func(t *testing.T) {
		v, err := run(hostRuntime(t), `
			const X = Float64Array.of(1, 2, 3, 4, 5, 6);
			const both = new Float64Array(k.weightedGram(X, 3, 2, Float64Array.of(1, 0, 2), null));
			const scaled = new Float64Array(k.scaled(Float64Array.of(1, -2), 3, true, null));
			const q = k.quantile(Float64Array.of(4, 1, 3, 2), 0.25);
			const n = k.firstNonFinite(Float64Array.of(1, NaN));
			const text = k.encodeFloat64s(Float64Array.of(1.5, -2));
			const back = new Float64Array(k.decodeFloat64s(text));
			return [Array.from(both).join(','), Array.from(scaled).join(','), q, n, text, Array.from(back).join(',')].join(' ');`)
		if err != nil {
			t.Fatal(err)
		}
		if got := v.String(); got != "35,44,44,56,11,14 3,6 1.75 1 AAAAAAAA+D8AAAAAAAAAwA== 1.5,-2" {
			t.Errorf("got %q", got)
		}
	})

	t.Run("should read a layout from JSON text and a multiplicative object or null", func(t *testing.T) {
		v, err := run(hostRuntime(t), `
			const layout = JSON.stringify({ t0: 0, t_scale: 10, linear: true, changepoints_t: [], fourier: [], indicators: [] });
			const plain = new Float64Array(k.designMatrix(Float64Array.of(5), layout, null));
			const scaled = new Float64Array(k.designMatrix(Float64Array.of(5), layout, { columns: Int32Array.of(1), row_scale: Float64Array.of(4) }));
			return Array.from(plain).join(',') + ' ' + Array.from(scaled).join(',');`)
		if err != nil {
			t.Fatal(err)
		}
		if got := v.String(); got != "1,0.5 1,2" {
			t.Errorf("got %q", got)
		}
	})

	for _, c := range []struct{ name, script, want string }{
		{"should throw a TypeError naming the kernel for a plain array", `k.madSigma([1, 2], 1.4826)`,
			"TypeError: madSigma: argument 0 must be a Float64Array"},
		{"should throw a TypeError naming a missing field", `k.hampelWeights(Float64Array.of(1), 1, new Float64Array(1), new Float64Array(1), { a: 2.5, b: 4.5 })`,
			"TypeError: hampelWeights: argument 4 has no c"},
		{"should throw a TypeError naming a field of the wrong type", `k.judge(Float64Array.of(1), null, null,
			{ band_below: 1, band_above: 1, z: 1, outlier_below: 1, outlier_above: 1, outlier_z: 1, scale_below: 1, scale_above: 1, score_half: 3, floor: 0 },
			{ yhat: new Float64Array(1), lower: new Float64Array(1), upper: new Float64Array(1), outlier: new Float64Array(1), score: new Float64Array(1) })`,
			"TypeError: judge: argument 4 outlier must be an Int8Array"},
		{"should throw a TypeError naming the kernel for a number where a string goes", `k.decodeFloat64s(5)`,
			"TypeError: decodeFloat64s: argument 0 must be a string"},
		{"should throw the text kernel's error for text it did not write", `k.decodeFloat64s('AAAA')`,
			"decodeFloat64s: the text is not base64 of float64 values"},
		{"should throw a TypeError for a layout that is not JSON", `k.designMatrix(Float64Array.of(1), '{', null)`,
			"TypeError: designMatrix: argument 1 is not a Layout in JSON"},
		{"should throw the kernel's own error, naming the kernel", `k.solveSpd(Float64Array.of(-1), Float64Array.of(1), 1)`,
			"solveSpd: normal equations are not positive definite"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := run(hostRuntime(t), c.script)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one with %q", err, c.want)
			}
		})
	}

	t.Run("should refuse a kernel whose types have no JavaScript form", func(t *testing.T) {
		for name, kernel := range map[string]any{
			"a slice of strings": func([]string) float64 { return 0 },
			"two results":        func([]float64) ([]float64, []float64) { return nil, nil },
			"a map result":       func() map[string]float64 { return nil },
			"not a function":     42,
		} {
			if _, err := bind(name, kernel); err == nil {
				t.Errorf("%s bound without an error", name)
			}
		}
	})
}
