package engine

import (
	"fmt"
	"reflect"
	"unsafe"

	"github.com/grafana/sobek"
)

// Arrays cross between Go and JavaScript as whole buffers: a Go []float64 is handed to the runtime as
// the bytes of an ArrayBuffer (native byte order, which is what typed arrays use), and a Float64Array
// comes back through Export as a []float64 over the same memory. No element goes through a Value.

// float64Bytes views a float64 slice as its bytes (no copy).
func float64Bytes(values []float64) []byte {
	if len(values) == 0 {
		return []byte{}
	}
	// A []float64's backing array is 8-byte aligned and 8·len bytes long, and the byte view keeps it alive.
	return unsafe.Slice((*byte)(unsafe.Pointer(&values[0])), len(values)*8) //nolint:gosec // audited: see above
}

// arrayBufferOf returns a runtime ArrayBuffer holding a copy of values, so the script cannot change
// the caller's slice.
func arrayBufferOf(vm *sobek.Runtime, values []float64) sobek.Value {
	return vm.ToValue(vm.NewArrayBuffer(float64Bytes(append([]float64(nil), values...))))
}

// ownedArrayBuffer hands values to the runtime without copying; the caller must not use them afterwards.
func ownedArrayBuffer(vm *sobek.Runtime, values []float64) sobek.Value {
	return vm.ToValue(vm.NewArrayBuffer(float64Bytes(values)))
}

// isEmptyView says whether v is a typed array of type T and length 0, read without exporting it. sobek exports a
// typed array as a slice starting at its buffer's data plus its offset, so an empty view at the end of its buffer
// (subarray(n) of n elements) exports as a slice pointing one past the buffer. The garbage collector takes that
// pointer for one into whatever object follows, and a collection meanwhile kills the process ("found pointer to
// free object"): cross-validation's early folds hand kernels such views.
func isEmptyView[T any](v sobek.Value) bool {
	obj, ok := v.(*sobek.Object)
	return ok && obj.ExportType() == reflect.TypeFor[[]T]() && obj.Get("length").ToInteger() == 0
}

// exportFloat64s copies a Float64Array value out of the runtime.
func exportFloat64s(value sobek.Value, what string) ([]float64, error) {
	if value == nil {
		return nil, fmt.Errorf("model result has no %s", what)
	}
	if isEmptyView[float64](value) {
		return []float64{}, nil
	}
	view, ok := value.Export().([]float64)
	if !ok {
		return nil, fmt.Errorf("model result %s is %T, not a Float64Array", what, value.Export())
	}
	return append(make([]float64, 0, len(view)), view...), nil
}

// exportInt8s copies an Int8Array value out of the runtime.
func exportInt8s(value sobek.Value, what string) ([]int8, error) {
	if value == nil {
		return nil, fmt.Errorf("model result has no %s", what)
	}
	if isEmptyView[int8](value) {
		return []int8{}, nil
	}
	view, ok := value.Export().([]int8)
	if !ok {
		return nil, fmt.Errorf("model result %s is %T, not an Int8Array", what, value.Export())
	}
	return append(make([]int8, 0, len(view)), view...), nil
}
