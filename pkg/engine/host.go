package engine

import (
	"encoding/json"
	"fmt"

	"github.com/grafana/sobek"
)

// kernelHostName is the global the bundle looks for (src/model/engine-entry.ts, GoKernelHost).
const kernelHostName = "__foresightGoKernels"

// installKernels defines the Go kernels in the runtime. Typed-array arguments are read in place
// through Export; results go back as ArrayBuffers over Go memory.
func installKernels(vm *sobek.Runtime) error {
	host := vm.NewObject()
	functions := map[string]func(call sobek.FunctionCall) sobek.Value{
		"designMatrix": func(call sobek.FunctionCall) sobek.Value {
			timestamps := float64Arg(vm, call, 0, "designMatrix")
			var layout Layout
			if err := json.Unmarshal([]byte(call.Argument(1).String()), &layout); err != nil {
				panic(vm.NewGoError(fmt.Errorf("designMatrix: layout: %w", err)))
			}
			var mult *Multiplicative
			if !isAbsent(call.Argument(2)) {
				columns, ok := call.Argument(2).Export().([]int32)
				if !ok {
					panic(vm.NewTypeError("designMatrix: columns must be an Int32Array"))
				}
				mult = &Multiplicative{Columns: columns, RowScale: float64Arg(vm, call, 3, "designMatrix")}
			}
			return resultBuffer(vm, "designMatrix")(DesignMatrix(timestamps, &layout, mult))
		},
		"weightedGram": func(call sobek.FunctionCall) sobek.Value {
			X := float64Arg(vm, call, 0, "weightedGram")
			n, p := intArg(call, 1), intArg(call, 2)
			y := float64Arg(vm, call, 3, "weightedGram")
			var w []float64
			if !isAbsent(call.Argument(4)) {
				w = float64Arg(vm, call, 4, "weightedGram")
			}
			return resultBuffer(vm, "weightedGram")(weightedGramPacked(X, n, p, y, w))
		},
		"solveSpd": func(call sobek.FunctionCall) sobek.Value {
			A := float64Arg(vm, call, 0, "solveSpd")
			b := float64Arg(vm, call, 1, "solveSpd")
			return resultBuffer(vm, "solveSpd")(SolveSPD(A, b, intArg(call, 2)))
		},
		"multiply": func(call sobek.FunctionCall) sobek.Value {
			X := float64Arg(vm, call, 0, "multiply")
			n, p := intArg(call, 1), intArg(call, 2)
			beta := float64Arg(vm, call, 3, "multiply")
			return resultBuffer(vm, "multiply")(Multiply(X, n, p, beta, intArg(call, 4), intArg(call, 5)))
		},
		"quantile": func(call sobek.FunctionCall) sobek.Value {
			return vm.ToValue(Quantile(float64Arg(vm, call, 0, "quantile"), call.Argument(1).ToFloat()))
		},
	}
	for name, fn := range pointKernelFunctions(vm) {
		functions[name] = fn
	}
	for name, fn := range functions {
		if err := host.Set(name, fn); err != nil {
			return err
		}
	}
	return vm.Set(kernelHostName, host)
}

func isAbsent(v sobek.Value) bool {
	return v == nil || sobek.IsUndefined(v) || sobek.IsNull(v)
}

func float64Arg(vm *sobek.Runtime, call sobek.FunctionCall, i int, kernel string) []float64 {
	values, ok := call.Argument(i).Export().([]float64)
	if !ok {
		panic(vm.NewTypeError(fmt.Sprintf("%s: argument %d must be a Float64Array", kernel, i)))
	}
	return values
}

// optionalFloat64Arg is float64Arg that allows null or undefined (nil).
func optionalFloat64Arg(vm *sobek.Runtime, call sobek.FunctionCall, i int, kernel string) []float64 {
	if isAbsent(call.Argument(i)) {
		return nil
	}
	return float64Arg(vm, call, i, kernel)
}

func int8Arg(vm *sobek.Runtime, call sobek.FunctionCall, i int, kernel string) []int8 {
	values, ok := call.Argument(i).Export().([]int8)
	if !ok {
		panic(vm.NewTypeError(fmt.Sprintf("%s: argument %d must be an Int8Array", kernel, i)))
	}
	return values
}

func floatArg(call sobek.FunctionCall, i int) float64 {
	return call.Argument(i).ToFloat()
}

func intArg(call sobek.FunctionCall, i int) int {
	return int(call.Argument(i).ToInteger())
}

// resultBuffer turns a kernel's (result, error) into an ArrayBuffer or a thrown JavaScript Error.
func resultBuffer(vm *sobek.Runtime, kernel string) func([]float64, error) sobek.Value {
	return func(values []float64, err error) sobek.Value {
		if err != nil {
			panic(vm.NewGoError(fmt.Errorf("%s: %w", kernel, err)))
		}
		return ownedArrayBuffer(vm, values)
	}
}
