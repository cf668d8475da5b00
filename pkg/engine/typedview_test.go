package engine

import (
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
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
	got, err := exportFloat64s(vm2, end, "yhat")
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("an empty result read as %v, %v; want an empty slice", got, err)
	}
	if _, err := exportFloat64s(vm2, vm2.ToValue([]any{}), "yhat"); err == nil {
		t.Fatal("an empty plain array must still be refused as no Float64Array")
	}
}

// A view is read by its own offset and length, not by a "length" property a script can give it: an empty view
// at its buffer's end that claims a length of 1 once passed the emptiness check and was exported past the buffer.
func TestViewsAreReadByTheirOwnLength(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(1))
	vm := hostRuntime(t)
	for round := 0; round < 5; round++ {
		v, err := run(vm, `
			let found = 0;
			for (let i = 0; i < 5000; i++) {
				const v = new Float64Array(2).subarray(2);
				Object.defineProperty(v, "length", { value: 1 });
				found += k.firstNonFinite(v) === -1 ? 0 : 1;
			}
			const middle = new Float64Array([1, NaN, 3, 4]).subarray(1, 3);
			Object.defineProperty(middle, "length", { value: 4 });
			return found + "," + k.firstNonFinite(middle);`)
		if err != nil {
			t.Fatal(err)
		}
		// No view of none holds a non-finite value; the two-value view holds NaN first, whatever it claims.
		if v.String() != "0,0" {
			t.Fatalf("got %s, want 0,0", v)
		}
		runtime.GC()
	}
	shadowed, err := vm.RunString(`(() => { const v = new Float64Array(3).subarray(3);
		Object.defineProperty(v, "length", { value: 1 }); return v; })()`)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := exportFloat64s(vm, shadowed, "yhat"); err != nil || len(got) != 0 {
		t.Fatalf("a result claiming a length read as %v, %v; want an empty slice", got, err)
	}
}

func TestKernelGuards(t *testing.T) {
	vm := hostRuntime(t)
	cases := []struct{ script, want string }{
		// Reading an argument ran script that called the same kernel, which zeroed the outer call's arguments:
		// the outer call answered with nothing and no error.
		{`const factor = { valueOf() { k.scaled(Float64Array.of(9), 1, false, null); return 2; } };
		  return k.scaled(Float64Array.of(1, 2), factor, false, null);`, "scaled: called again while reading its own arguments"},
		// Sizes the model never asks for were allocated as asked, and memory running out is no error to recover.
		{`return k.arPsiVariance(Int32Array.of(1), Float64Array.of(0.5), 2 ** 40);`, "steps is more than 20000"},
		{`return k.holtWintersStart(Float64Array.of(0), Float64Array.of(1), {origin: 0, step: 1, season_slots: 2 ** 31}, 1);`,
			"season_slots must be at most 10080"},
		{`return k.designMatrix(Float64Array.of(0), null, null);`, "design matrix needs a layout"},
		// A view where text is wanted is refused before anything exports it.
		{`return k.decodeFloat64s(new Float64Array(2).subarray(2));`, "decodeFloat64s: argument 0 must be a string"},
	}
	for _, c := range cases {
		_, err := run(vm, c.script)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s\n  got %v, want an error containing %q", c.script, err, c.want)
		}
	}
	v, err := run(vm, `return Array.from(new Float64Array(k.scaled(Float64Array.of(1, 2), 2, false, null))).join(",");`)
	if err != nil || v.String() != "2,4" {
		t.Fatalf("after the refusals the kernel answers %v, %v; want 2,4", v, err)
	}
}
