package engine

import (
	"fmt"

	"github.com/grafana/sobek"
)

// pointKernelFunctions binds the per-point kernels (pointkernels.go) for the runtime, with the
// arguments of GoKernelHost in src/model/engine-entry.ts. Arrays marked as outputs there are written
// in place: Export hands Go the typed array's own memory.
func pointKernelFunctions(vm *sobek.Runtime) map[string]func(call sobek.FunctionCall) sobek.Value {
	fail := func(kernel string, err error) {
		if err != nil {
			panic(vm.NewGoError(fmt.Errorf("%s: %w", kernel, err)))
		}
	}
	return map[string]func(call sobek.FunctionCall) sobek.Value{
		"madSigma": func(call sobek.FunctionCall) sobek.Value {
			return vm.ToValue(MadSigma(float64Arg(vm, call, 0, "madSigma")))
		},
		"updateResiduals": func(call sobek.FunctionCall) sobek.Value {
			const k = "updateResiduals"
			change, err := UpdateResiduals(float64Arg(vm, call, 0, k), float64Arg(vm, call, 1, k), float64Arg(vm, call, 2, k))
			fail(k, err)
			return vm.ToValue(change)
		},
		"hampelWeights": func(call sobek.FunctionCall) sobek.Value {
			const k = "hampelWeights"
			below, err := HampelWeights(float64Arg(vm, call, 0, k), floatArg(call, 1), float64Arg(vm, call, 2, k), float64Arg(vm, call, 3, k))
			fail(k, err)
			return vm.ToValue(below)
		},
		"scaled": func(call sobek.FunctionCall) sobek.Value {
			const k = "scaled"
			out, err := Scaled(float64Arg(vm, call, 0, k), floatArg(call, 1), call.Argument(2).ToBoolean(), optionalFloat64Arg(vm, call, 3, k))
			fail(k, err)
			return ownedArrayBuffer(vm, out)
		},
		"addScaled": func(call sobek.FunctionCall) sobek.Value {
			const k = "addScaled"
			fail(k, AddScaled(float64Arg(vm, call, 0, k), float64Arg(vm, call, 1, k), floatArg(call, 2)))
			return sobek.Undefined()
		},
		"differences": func(call sobek.FunctionCall) sobek.Value {
			out := Differences(float64Arg(vm, call, 0, "differences"), call.Argument(1).ToBoolean(), call.Argument(2).ToBoolean())
			return ownedArrayBuffer(vm, out)
		},
		"firstNonFinite": func(call sobek.FunctionCall) sobek.Value {
			return vm.ToValue(FirstNonFinite(float64Arg(vm, call, 0, "firstNonFinite")))
		},
		"trainingRows": func(call sobek.FunctionCall) sobek.Value {
			const k = "trainingRows"
			count, err := TrainingRows(float64Arg(vm, call, 0, k), float64Arg(vm, call, 1, k), float64Arg(vm, call, 2, k),
				float64Arg(vm, call, 3, k), float64Arg(vm, call, 4, k))
			fail(k, err)
			return vm.ToValue(count)
		},
		"lagCorrelation": func(call sobek.FunctionCall) sobek.Value {
			const k = "lagCorrelation"
			r, err := LagCorrelation(float64Arg(vm, call, 0, k), float64Arg(vm, call, 1, k), float64Arg(vm, call, 2, k),
				floatArg(call, 3), floatArg(call, 4), intArg(call, 5))
			fail(k, err)
			return vm.ToValue(r)
		},
		"seasonalRemainder": func(call sobek.FunctionCall) sobek.Value {
			const k = "seasonalRemainder"
			out, err := SeasonalRemainder(float64Arg(vm, call, 0, k), float64Arg(vm, call, 1, k), float64Arg(vm, call, 2, k),
				floatArg(call, 3), floatArg(call, 4), floatArg(call, 5))
			fail(k, err)
			return ownedArrayBuffer(vm, out)
		},
		"judge": func(call sobek.FunctionCall) sobek.Value {
			const k = "judge"
			out := Judgement{
				Lower:   float64Arg(vm, call, 4, k),
				Upper:   float64Arg(vm, call, 5, k),
				Outlier: int8Arg(vm, call, 6, k),
				Score:   float64Arg(vm, call, 7, k),
			}
			fail(k, Judge(float64Arg(vm, call, 0, k), optionalFloat64Arg(vm, call, 1, k), optionalFloat64Arg(vm, call, 2, k),
				float64Arg(vm, call, 3, k), out))
			return sobek.Undefined()
		},
	}
}
