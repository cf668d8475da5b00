package engine

import (
	"sync"

	"github.com/grafana/sobek"
)

// kernelHostName is the global the bundle looks for (GO_KERNEL_HOST in src/engine/goKernels.ts).
const kernelHostName = "__foresightGoKernels"

// kernelTable lists the Go kernels by their names in Kernels (src/model/types.ts). The runtime binds each
// by its signature (binding.go), and the shared vectors replay each (fixtures_test.go): a kernel is one
// line here.
var kernelTable = []struct {
	name   string
	kernel any
}{
	{"designMatrix", DesignMatrix},
	{"weightedGram", WeightedGram},
	{"solveSpd", SolveSPD},
	{"solveColumns", SolveColumns},
	{"multiply", Multiply},
	{"quantile", Quantile},
	{"quantiles", Quantiles},
	{"madSigma", MadSigma},
	{"updateResiduals", UpdateResiduals},
	{"hampelWeights", HampelWeights},
	{"scaled", Scaled},
	{"addScaled", AddScaled},
	{"differences", Differences},
	{"firstNonFinite", FirstNonFinite},
	{"trainingRows", TrainingRows},
	{"lagCorrelation", LagCorrelation},
	{"seasonalRemainder", SeasonalRemainder},
	{"judge", judgeKernel},
	{"rollingMedians", RollingMedians},
	{"raiseSustained", raiseSustainedKernel},
	{"equalRuns", EqualRuns},
	{"slotSummaries", SlotSummaries},
	{"combineVerdicts", combineVerdictsKernel},
	{"gridSeries", GridSeries},
	{"gridLookup", GridLookup},
	{"lagDesign", LagDesign},
	{"arRecursion", ArRecursion},
	{"arPsiVariance", ArPsiVariance},
	{"binnedSums", BinnedSums},
	{"dayKindDifference", DayKindDifference},
	{"holtWintersStart", HoltWintersStart},
	{"holtWintersFilter", HoltWintersFilter},
	{"trainNetwork", TrainNetwork},
	{"networkOutputs", NetworkOutputs},
	{"encodeFloat64s", EncodeFloat64s},
	{"decodeFloat64s", DecodeFloat64s},
	{"expandRuns", ExpandRuns},
	{"collapseRuns", CollapseRuns},
	{"coarsestBinaryStep", CoarsestBinaryStep},
	{"encodeValueSteps", EncodeValueSteps},
	{"decodeValueSteps", DecodeValueSteps},
}

// kernelBindings works out every kernel's conversions once, for all runtimes.
var kernelBindings = sync.OnceValues(func() ([]*binding, error) {
	bindings := make([]*binding, 0, len(kernelTable))
	for _, k := range kernelTable {
		b, err := bind(k.name, k.kernel)
		if err != nil {
			return nil, err
		}
		bindings = append(bindings, b)
	}
	return bindings, nil
})

// installKernels defines the Go kernels in the runtime, one function per kernel on the host object, and jsonText;
// calls carries the running engine call's context to the kernels that take one.
func installKernels(vm *sobek.Runtime, calls *callState) error {
	bindings, err := kernelBindings()
	if err != nil {
		return err
	}
	host := vm.NewObject()
	for _, b := range bindings {
		if err := host.Set(b.name, b.function(vm, calls)); err != nil {
			return err
		}
	}
	if err := vm.Set(jsonTextName, jsonText(vm)); err != nil {
		return err
	}
	return vm.Set(kernelHostName, host)
}
