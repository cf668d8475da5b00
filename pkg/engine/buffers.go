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

// typedView reads a typed array of element type T in place, or reports false when v is none. It does not use
// Export: sobek builds that slice header at the buffer's data plus the view's offset, so an empty view at the end
// of its buffer (subarray(n) of n elements) came out pointing one past the buffer, and the garbage collector,
// taking it for a pointer into whatever object follows, killed the process ("found pointer to free object").
// ExportTo a []byte slices the buffer with Go's own slicing, by the view's internal offset and length, which no
// script property can change.
func typedView[T any](vm *sobek.Runtime, v sobek.Value) ([]T, bool) {
	obj, ok := v.(*sobek.Object)
	if !ok || obj.ExportType() != reflect.TypeFor[[]T]() {
		return nil, false
	}
	var raw []byte
	if err := vm.ExportTo(v, &raw); err != nil {
		return nil, false
	}
	n := len(raw) / int(unsafe.Sizeof(*new(T)))
	if n == 0 {
		return []T{}, true
	}
	// A typed array's offset is a multiple of its element size, in a buffer the allocator aligned for it.
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(raw))), n), true //nolint:gosec // audited: see above
}

// exportFloat64s copies a Float64Array value out of the runtime.
func exportFloat64s(vm *sobek.Runtime, value sobek.Value, what string) ([]float64, error) {
	if value == nil {
		return nil, fmt.Errorf("model result has no %s", what)
	}
	view, ok := typedView[float64](vm, value)
	if !ok {
		return nil, fmt.Errorf("model result %s is %v, not a Float64Array", what, value.ExportType())
	}
	return append(make([]float64, 0, len(view)), view...), nil
}

// exportInt8s copies an Int8Array value out of the runtime.
func exportInt8s(vm *sobek.Runtime, value sobek.Value, what string) ([]int8, error) {
	if value == nil {
		return nil, fmt.Errorf("model result has no %s", what)
	}
	view, ok := typedView[int8](vm, value)
	if !ok {
		return nil, fmt.Errorf("model result %s is %v, not an Int8Array", what, value.ExportType())
	}
	return append(make([]int8, 0, len(view)), view...), nil
}
