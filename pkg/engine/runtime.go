package engine

import (
	"fmt"

	"github.com/grafana/sobek"
)

// jsRuntime is one JavaScript runtime with the bundle loaded. It serves one goroutine at a time.
type jsRuntime struct {
	vm    *sobek.Runtime
	api   map[string]sobek.Callable
	calls *callState // the engine call running on it, for the kernels
}

func newRuntime(program *sobek.Program) (*jsRuntime, error) {
	vm := sobek.New()
	calls := &callState{}
	if err := installKernels(vm, calls); err != nil {
		return nil, fmt.Errorf("installing the Go kernels: %w", err)
	}
	if _, err := vm.RunProgram(program); err != nil {
		return nil, fmt.Errorf("loading the model bundle: %w", err)
	}
	global := vm.Get(apiGlobal)
	if global == nil || sobek.IsUndefined(global) || sobek.IsNull(global) {
		return nil, fmt.Errorf("the model bundle defines no %s", apiGlobal)
	}
	object := global.ToObject(vm)
	api := make(map[string]sobek.Callable, len(apiFunctions))
	for _, name := range apiFunctions {
		fn, ok := sobek.AssertFunction(object.Get(name))
		if !ok {
			return nil, fmt.Errorf("the model bundle's %s has no function %s", apiGlobal, name)
		}
		api[name] = fn
	}
	return &jsRuntime{vm: vm, api: api, calls: calls}, nil
}

// call runs one API function; the caller classifies the error.
func (rt *jsRuntime) call(name string, args ...sobek.Value) (sobek.Value, error) {
	fn, ok := rt.api[name]
	if !ok {
		return nil, fmt.Errorf("the model bundle's %s has no function %s", apiGlobal, name)
	}
	return fn(sobek.Undefined(), args...)
}
