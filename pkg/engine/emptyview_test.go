package engine

import (
	"reflect"
	"runtime"
	"testing"

	"github.com/grafana/sobek"
)

// An empty view at the end of its buffer, handed to a Go kernel, must not reach Go as a slice pointing past the
// buffer: with the buffers after it freed, the next collection found that pointer and killed the process.
func TestEmptyViewsAtBufferEnds(t *testing.T) {
	vm := sobek.New()
	views, err := vm.RunString(`(() => {
		const views = [];
		for (let i = 0; i < 4000; i++) views.push(new Float64Array(10).subarray(10));
		return views;
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	var values []float64
	set := typedArray[float64]("a Float64Array")(vm, reflect.ValueOf(&values).Elem())
	list := views.ToObject(vm)
	n := int(list.Get("length").ToInteger())
	read := make([][]float64, 0, n)
	for i := 0; i < n; i++ {
		if err := set(list.Get(vm.ToValue(i).String())); err != nil {
			t.Fatal(err)
		}
		if values == nil || len(values) != 0 {
			t.Fatalf("view %d read as %v, want an empty slice", i, values)
		}
		read = append(read, values)
	}
	// Drop the views and their buffers; only the Go slices stay reachable.
	views, list = nil, nil
	vm = nil
	for i := 0; i < 3; i++ {
		runtime.GC()
	}
	runtime.KeepAlive(read)

	// Results come back through the same kind of read.
	vm2 := sobek.New()
	end, err := vm2.RunString(`new Float64Array(4).subarray(4)`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := exportFloat64s(end, "yhat")
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("an empty result read as %v, %v; want an empty slice", got, err)
	}
	if _, err := exportFloat64s(vm2.ToValue([]any{}), "yhat"); err == nil {
		t.Fatal("an empty plain array must still be refused as no Float64Array")
	}
}
