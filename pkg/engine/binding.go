package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/grafana/sobek"
)

// A kernel is bound to the runtime by its Go signature, so it needs no conversion code of its own. What
// crosses, by the Go parameter's type (the JavaScript side is GoKernelHost in src/engine/goKernels.ts):
//   - []float64, []int8, []int32: a Float64Array, Int8Array or Int32Array, read in place (so a kernel
//     can write into it); null or undefined is nil.
//   - float64, int, bool, string: a number, a boolean or a string.
//   - a struct: an object, each field read by its json name; every field must be there.
//   - a pointer to a struct: null or undefined is nil, a string is the struct as JSON (a DesignLayout,
//     nested and cached as text on the JavaScript side), an object is read as a struct is.
//
// Results: a number as a number, a string as a string; []float64 as an ArrayBuffer over the slice; a struct of []float64
// fields as one ArrayBuffer of them one after another (Gram hands over its single allocation); a
// non-nil error is thrown as an Error naming the kernel.
//
// A kernel whose first parameter is a context.Context gets the context of the engine call running on the
// runtime (no JavaScript argument stands for it). When it returns that context's error, the binding panics
// with a kernelStop that no JavaScript catch can take, and the engine reports the call's deadline.

// argument reads one JavaScript value into an addressable Go value of its type: bound to a destination
// once per runtime, the setter it returns runs on every call without allocating (typed arrays are read in
// place). A setter's error completes "kernel: argument i ...".
type argument func(vm *sobek.Runtime, dst reflect.Value) setter

type setter func(v sobek.Value) error

type toJS func(vm *sobek.Runtime, v reflect.Value) sobek.Value

// binding is one kernel with its conversions, worked out once from its signature.
type binding struct {
	name        string
	fn          reflect.Value
	withContext bool // the first parameter is the call's context, not a JavaScript argument
	params      []reflect.Type
	args        []argument
	result      toJS // nil when the kernel returns nothing but perhaps an error
	failure     bool // the last result is an error
}

// callState is what a runtime's kernels learn of the engine call running on it.
type callState struct {
	ctx context.Context
}

func (s *callState) context() context.Context {
	if s == nil || s.ctx == nil {
		return context.Background()
	}
	return s.ctx
}

// kernelStop is the panic that ends a kernel whose call's context ended (the engine's protect recovers it).
type kernelStop struct{ cause error }

func (s kernelStop) Error() string { return "kernel stopped: " + s.cause.Error() }
func (s kernelStop) Unwrap() error { return s.cause }

var (
	float64sType = reflect.TypeFor[[]float64]()
	int8sType    = reflect.TypeFor[[]int8]()
	int32sType   = reflect.TypeFor[[]int32]()
	errorType    = reflect.TypeFor[error]()
	contextType  = reflect.TypeFor[context.Context]()
	packerType   = reflect.TypeFor[packer]()
)

// packer is a struct result that already holds its arrays in one slice.
type packer interface{ packed() []float64 }

func bind(name string, kernel any) (*binding, error) {
	fn := reflect.ValueOf(kernel)
	t := fn.Type()
	if t.Kind() != reflect.Func {
		return nil, fmt.Errorf("kernel %s is a %s, not a function", name, t)
	}
	b := &binding{name: name, fn: fn, withContext: t.NumIn() > 0 && t.In(0) == contextType}
	first := 0
	if b.withContext {
		first = 1
	}
	for i := first; i < t.NumIn(); i++ {
		read, err := argumentFor(t.In(i))
		if err != nil {
			return nil, fmt.Errorf("kernel %s, argument %d: %w", name, i, err)
		}
		b.params = append(b.params, t.In(i))
		b.args = append(b.args, read)
	}
	outs := t.NumOut()
	if outs > 0 && t.Out(outs-1) == errorType {
		b.failure = true
		outs--
	}
	switch outs {
	case 0:
	case 1:
		convert, err := result(t.Out(0))
		if err != nil {
			return nil, fmt.Errorf("kernel %s, result: %w", name, err)
		}
		b.result = convert
	default:
		return nil, fmt.Errorf("kernel %s returns %d values; one result (and an error) crosses", name, outs)
	}
	return b, nil
}

// function is the binding as a function of one runtime, with its own argument destinations (a runtime
// serves one goroutine, and a kernel never calls back into JavaScript); calls says which engine call runs.
func (b *binding) function(vm *sobek.Runtime, calls *callState) func(sobek.FunctionCall) sobek.Value {
	offset := 0
	if b.withContext {
		offset = 1
	}
	all := make([]reflect.Value, offset+len(b.params))
	if b.withContext {
		all[0] = reflect.New(contextType).Elem()
	}
	sets := make([]setter, len(b.params))
	for i, t := range b.params {
		all[offset+i] = reflect.New(t).Elem()
		sets[i] = b.args[i](vm, all[offset+i])
	}
	// Drop the references to the call's arrays, so the runtime's garbage is not kept alive from here.
	release := func() {
		for _, v := range all {
			v.SetZero()
		}
	}
	// One set of argument slots per runtime: reading an argument can run script (valueOf, a getter), and a call of
	// the same kernel from there would read its own arguments into these slots and then zero them.
	busy := false
	return func(call sobek.FunctionCall) sobek.Value {
		if busy {
			panic(vm.NewTypeError(b.name + ": called again while reading its own arguments"))
		}
		busy = true
		defer func() { busy = false }()
		for i, set := range sets {
			if err := set(call.Argument(i)); err != nil {
				release()
				panic(vm.NewTypeError(fmt.Sprintf("%s: argument %d %v", b.name, i, err)))
			}
		}
		if b.withContext {
			all[0].Set(reflect.ValueOf(calls.context()))
		}
		out := b.fn.Call(all)
		release()
		if b.failure {
			if err, _ := out[len(out)-1].Interface().(error); err != nil {
				if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
					panic(kernelStop{cause: err})
				}
				panic(vm.NewGoError(fmt.Errorf("%s: %w", b.name, err)))
			}
		}
		if b.result == nil {
			return sobek.Undefined()
		}
		return b.result(vm, out[0])
	}
}

func argumentFor(t reflect.Type) (argument, error) {
	switch t {
	case float64sType:
		return typedArray[float64]("a Float64Array"), nil
	case int8sType:
		return typedArray[int8]("an Int8Array"), nil
	case int32sType:
		return typedArray[int32]("an Int32Array"), nil
	}
	switch t.Kind() {
	case reflect.Float64:
		return func(_ *sobek.Runtime, dst reflect.Value) setter {
			return func(v sobek.Value) error { dst.SetFloat(v.ToFloat()); return nil }
		}, nil
	case reflect.Int:
		return func(_ *sobek.Runtime, dst reflect.Value) setter {
			return func(v sobek.Value) error { dst.SetInt(v.ToInteger()); return nil }
		}, nil
	case reflect.Bool:
		return func(_ *sobek.Runtime, dst reflect.Value) setter {
			return func(v sobek.Value) error { dst.SetBool(v.ToBoolean()); return nil }
		}, nil
	case reflect.String:
		return func(_ *sobek.Runtime, dst reflect.Value) setter {
			return func(v sobek.Value) error {
				// Tested before any Export: exporting a typed array is what typedView avoids.
				if !sobek.IsString(v) {
					return fmt.Errorf("must be a string")
				}
				dst.SetString(v.String())
				return nil
			}
		}, nil
	case reflect.Struct:
		return object(t)
	case reflect.Pointer:
		if t.Elem().Kind() == reflect.Struct {
			return nullableObject(t), nil
		}
	}
	return nil, fmt.Errorf("%s has no JavaScript form", t)
}

func isAbsent(v sobek.Value) bool {
	return v == nil || sobek.IsUndefined(v) || sobek.IsNull(v)
}

// typedArray reads a typed array in place (typedView): Go gets the array's own memory.
func typedArray[T any](kind string) argument {
	return func(vm *sobek.Runtime, dst reflect.Value) setter {
		p := dst.Addr().Interface().(*[]T)
		return func(v sobek.Value) error {
			if isAbsent(v) {
				*p = nil
				return nil
			}
			values, ok := typedView[T](vm, v)
			if !ok {
				return fmt.Errorf("must be %s", kind)
			}
			*p = values
			return nil
		}
	}
}

// jsonName is a field's name in JavaScript, "" for a field that does not cross.
func jsonName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" {
		return ""
	}
	return name
}

// object reads a struct from an object's properties, by the fields' json names.
func object(t reflect.Type) (argument, error) {
	type field struct {
		index int
		name  string
		read  argument
	}
	var fields []field
	for i := range t.NumField() {
		f := t.Field(i)
		name := jsonName(f)
		if name == "" {
			continue
		}
		read, err := argumentFor(f.Type)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t.Name(), f.Name, err)
		}
		fields = append(fields, field{index: i, name: name, read: read})
	}
	return func(vm *sobek.Runtime, dst reflect.Value) setter {
		sets := make([]setter, len(fields))
		for i, f := range fields {
			sets[i] = f.read(vm, dst.Field(f.index))
		}
		return func(v sobek.Value) error {
			if isAbsent(v) {
				return fmt.Errorf("must be an object (%s)", t.Name())
			}
			o := v.ToObject(vm)
			for i, f := range fields {
				value := o.Get(f.name)
				if value == nil {
					return fmt.Errorf("has no %s", f.name)
				}
				if err := sets[i](value); err != nil {
					return fmt.Errorf("%s %w", f.name, err)
				}
			}
			return nil
		}
	}, nil
}

// nullableObject reads a pointer to a struct: nil, JSON text, or (when every field can cross) an object.
// Either way the struct is new for the call.
func nullableObject(t reflect.Type) argument {
	fields, fieldsErr := object(t.Elem())
	return func(vm *sobek.Runtime, dst reflect.Value) setter {
		return func(v sobek.Value) error {
			if isAbsent(v) {
				dst.SetZero()
				return nil
			}
			p := reflect.New(t.Elem())
			if sobek.IsString(v) {
				text := v.String()
				if err := json.Unmarshal([]byte(text), p.Interface()); err != nil {
					return fmt.Errorf("is not a %s in JSON: %w", t.Elem().Name(), err)
				}
			} else if fieldsErr != nil {
				return fmt.Errorf("must be a %s as JSON text", t.Elem().Name())
			} else if err := fields(vm, p.Elem())(v); err != nil {
				return err
			}
			dst.Set(p)
			return nil
		}
	}
}

func result(t reflect.Type) (toJS, error) {
	switch {
	case t == float64sType:
		return func(vm *sobek.Runtime, v reflect.Value) sobek.Value {
			return ownedArrayBuffer(vm, v.Interface().([]float64))
		}, nil
	case t.Kind() == reflect.Float64:
		return func(vm *sobek.Runtime, v reflect.Value) sobek.Value { return vm.ToValue(v.Float()) }, nil
	case t.Kind() == reflect.Int:
		return func(vm *sobek.Runtime, v reflect.Value) sobek.Value { return vm.ToValue(v.Int()) }, nil
	case t.Kind() == reflect.Bool:
		return func(vm *sobek.Runtime, v reflect.Value) sobek.Value { return vm.ToValue(v.Bool()) }, nil
	case t.Kind() == reflect.String:
		return func(vm *sobek.Runtime, v reflect.Value) sobek.Value { return vm.ToValue(v.String()) }, nil
	case t.Implements(packerType):
		return func(vm *sobek.Runtime, v reflect.Value) sobek.Value {
			return ownedArrayBuffer(vm, v.Interface().(packer).packed())
		}, nil
	case t.Kind() == reflect.Struct:
		return packedFields(t)
	}
	return nil, fmt.Errorf("%s has no JavaScript form", t)
}

// packedFields hands a struct of []float64 fields over as one buffer of them in field order.
func packedFields(t reflect.Type) (toJS, error) {
	var fields []int
	for i := range t.NumField() {
		f := t.Field(i)
		if jsonName(f) == "" {
			continue
		}
		if f.Type != float64sType {
			return nil, fmt.Errorf("%s.%s: a struct result crosses as []float64 fields only", t.Name(), f.Name)
		}
		fields = append(fields, i)
	}
	return func(vm *sobek.Runtime, v reflect.Value) sobek.Value {
		var all []float64
		for _, i := range fields {
			all = append(all, v.Field(i).Interface().([]float64)...)
		}
		return ownedArrayBuffer(vm, all)
	}, nil
}
