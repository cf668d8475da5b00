package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// One replay for every kernel's shared vectors (testdata/fixtures/kernels/<kernel>.json, written by
// src/engine/kernels.vectors.test.ts; the format is documented in src/engine/vectors/codec.ts). Each case's
// arguments are decoded into the Go kernel's parameter types, the kernel runs, and the result, the error,
// the arguments it wrote and the ones it must leave alone are compared with what the TypeScript kernel did.

type kernelVectors struct {
	Kernel string        `json:"kernel"`
	Arrays []storedArray `json:"arrays"`
	Cases  []vectorCase  `json:"cases"`
}

type storedArray struct {
	Type   string  `json:"type"`
	Values numbers `json:"values"`
}

type vectorCase struct {
	Name     string            `json:"name"`
	Args     []json.RawMessage `json:"args"`
	Expected struct {
		Result  json.RawMessage            `json:"result"`
		Error   string                     `json:"error"`
		Written map[string]json.RawMessage `json:"written"`
	} `json:"expected"`
}

// arrayTypes names the typed array each Go slice type is stored as.
var arrayTypes = map[reflect.Type]string{
	float64sType: "Float64Array",
	int8sType:    "Int8Array",
	int32sType:   "Int32Array",
}

// decode reads one encoded value as a value of type t; slices are fresh, so a kernel may write into them.
func (f *kernelVectors) decode(raw json.RawMessage, t reflect.Type) (reflect.Value, error) {
	raw = bytes.TrimSpace(raw)
	if string(raw) == "null" {
		switch t.Kind() {
		case reflect.Slice, reflect.Pointer:
			return reflect.Zero(t), nil
		}
		return reflect.Value{}, fmt.Errorf("null for a %s", t)
	}
	switch t.Kind() {
	case reflect.Float64:
		var n number
		err := json.Unmarshal(raw, &n)
		return reflect.ValueOf(float64(n)), err
	case reflect.Int, reflect.Int8, reflect.Int32, reflect.Int64:
		var i int64
		err := json.Unmarshal(raw, &i)
		return reflect.ValueOf(i).Convert(t), err
	case reflect.Bool:
		var b bool
		err := json.Unmarshal(raw, &b)
		return reflect.ValueOf(b), err
	case reflect.String:
		var text struct {
			Text *string `json:"$text"`
		}
		if err := json.Unmarshal(raw, &text); err != nil || text.Text == nil {
			return reflect.Value{}, fmt.Errorf("%s is not a stored string ({\"$text\": ...})", raw)
		}
		return reflect.ValueOf(*text.Text), nil
	case reflect.Pointer:
		v, err := f.decode(raw, t.Elem())
		if err != nil {
			return reflect.Value{}, err
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(v)
		return p, nil
	case reflect.Slice:
		if raw[0] == '{' {
			return f.storedArray(raw, t)
		}
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return reflect.Value{}, err
		}
		out := reflect.MakeSlice(t, len(items), len(items))
		for i, item := range items {
			v, err := f.decode(item, t.Elem())
			if err != nil {
				return reflect.Value{}, fmt.Errorf("[%d]: %w", i, err)
			}
			out.Index(i).Set(v)
		}
		return out, nil
	case reflect.Struct:
		var members map[string]json.RawMessage
		if err := json.Unmarshal(raw, &members); err != nil {
			return reflect.Value{}, err
		}
		out := reflect.New(t).Elem()
		for i := range t.NumField() {
			name := jsonName(t.Field(i))
			if name == "" {
				continue
			}
			member, ok := members[name]
			if !ok && strings.HasSuffix(t.Field(i).Tag.Get("json"), ",omitempty") {
				continue // an optional member (a Fourier block's condition) keeps its zero value
			}
			if !ok {
				return reflect.Value{}, fmt.Errorf("%s has no %s", t.Name(), name)
			}
			v, err := f.decode(member, t.Field(i).Type)
			if err != nil {
				return reflect.Value{}, fmt.Errorf("%s: %w", name, err)
			}
			out.Field(i).Set(v)
		}
		return out, nil
	}
	return reflect.Value{}, fmt.Errorf("no fixture form for %s", t)
}

// storedArray copies the typed array {"$array": k} refers to into a new slice of type t.
func (f *kernelVectors) storedArray(raw json.RawMessage, t reflect.Type) (reflect.Value, error) {
	var ref struct {
		Index *int `json:"$array"`
	}
	if err := json.Unmarshal(raw, &ref); err != nil || ref.Index == nil || *ref.Index < 0 || *ref.Index >= len(f.Arrays) {
		return reflect.Value{}, fmt.Errorf("%s is not a reference to one of %d arrays", raw, len(f.Arrays))
	}
	stored := f.Arrays[*ref.Index]
	if arrayTypes[t] != stored.Type {
		return reflect.Value{}, fmt.Errorf("a %s for a %s", stored.Type, t)
	}
	out := reflect.MakeSlice(t, len(stored.Values), len(stored.Values))
	for i, v := range stored.Values {
		if t == float64sType {
			out.Index(i).SetFloat(v)
		} else {
			out.Index(i).SetInt(int64(v))
		}
	}
	return out, nil
}

// agree compares a kernel's value with the expected one: floats within tolerance (closeTo), integers,
// booleans and nil-ness exactly, slices element by element, structs by their json fields.
func agree(actual, expected reflect.Value, tolerance float64) error {
	switch actual.Kind() {
	case reflect.Float64:
		return closeTo([]float64{actual.Float()}, []float64{expected.Float()}, tolerance)
	case reflect.Int, reflect.Int8, reflect.Int32, reflect.Int64:
		if actual.Int() != expected.Int() {
			return fmt.Errorf("%d, expected %d", actual.Int(), expected.Int())
		}
	case reflect.Bool:
		if actual.Bool() != expected.Bool() {
			return fmt.Errorf("%v, expected %v", actual.Bool(), expected.Bool())
		}
	case reflect.String:
		if actual.String() != expected.String() {
			return fmt.Errorf("%q, expected %q", actual.String(), expected.String())
		}
	case reflect.Pointer:
		if actual.IsNil() || expected.IsNil() {
			if actual.IsNil() != expected.IsNil() {
				return fmt.Errorf("nil %v, expected nil %v", actual.IsNil(), expected.IsNil())
			}
			return nil
		}
		return agree(actual.Elem(), expected.Elem(), tolerance)
	case reflect.Slice:
		if actual.IsNil() != expected.IsNil() {
			return fmt.Errorf("nil %v, expected nil %v", actual.IsNil(), expected.IsNil())
		}
		if actual.Type() == float64sType {
			return closeTo(actual.Interface().([]float64), expected.Interface().([]float64), tolerance)
		}
		if actual.Len() != expected.Len() {
			return fmt.Errorf("length %d, expected %d", actual.Len(), expected.Len())
		}
		for i := range actual.Len() {
			if err := agree(actual.Index(i), expected.Index(i), tolerance); err != nil {
				return fmt.Errorf("[%d]: %w", i, err)
			}
		}
	case reflect.Struct:
		for i := range actual.NumField() {
			if name := jsonName(actual.Type().Field(i)); name != "" {
				if err := agree(actual.Field(i), expected.Field(i), tolerance); err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
			}
		}
	default:
		return fmt.Errorf("cannot compare a %s", actual.Type())
	}
	return nil
}

// exactKernels must give the very numbers the TypeScript kernels did (a trained network's weights feed every
// later output): their vectors are replayed with no tolerance (EXACT_KERNELS in kernels.vectors.test.ts).
var exactKernels = map[string]bool{"trainNetwork": true, "networkOutputs": true, "dayKindDifference": true}

// tolerance is how far a result or written argument of this file's kernel may be from the vectors.
func (f *kernelVectors) tolerance() float64 {
	if exactKernels[f.Kernel] {
		return 0
	}
	return kernelTolerance
}

// replay runs one case through kernel and says what differs from the vectors, or nil.
func (f *kernelVectors) replay(kernel any, c vectorCase) (failure error) {
	fn := reflect.ValueOf(kernel)
	t := fn.Type()
	// A context parameter comes first and stands for no JavaScript argument (binding.go).
	var in []reflect.Value
	if t.NumIn() > 0 && t.In(0) == contextType {
		in = append(in, reflect.ValueOf(context.Background()))
	}
	offset := len(in)
	if len(c.Args) != t.NumIn()-offset {
		return fmt.Errorf("%d arguments for a kernel of %d", len(c.Args), t.NumIn()-offset)
	}
	args := make([]reflect.Value, len(c.Args))
	for i, raw := range c.Args {
		v, err := f.decode(raw, t.In(offset+i))
		if err != nil {
			return fmt.Errorf("argument %d: %w", i, err)
		}
		args[i] = v
	}
	defer func() {
		if r := recover(); r != nil {
			failure = fmt.Errorf("panicked: %v", r)
		}
	}()
	out := fn.Call(append(in, args...))
	var err error
	if n := len(out); n > 0 && t.Out(n-1) == errorType {
		err, _ = out[n-1].Interface().(error)
		out = out[:n-1]
	}
	if c.Expected.Error != "" {
		if err == nil || err.Error() != c.Expected.Error {
			return fmt.Errorf("error %v, expected %q", err, c.Expected.Error)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("error %w", err)
	}
	if (len(c.Expected.Result) > 0) != (len(out) > 0) {
		return fmt.Errorf("%d results, expected %d", len(out), len(c.Expected.Result))
	}
	if len(out) > 0 {
		want, err := f.decode(c.Expected.Result, out[0].Type())
		if err != nil {
			return fmt.Errorf("expected result: %w", err)
		}
		if err := agree(out[0], want, f.tolerance()); err != nil {
			return fmt.Errorf("result: %w", err)
		}
	}
	for i, arg := range args {
		raw, written := c.Expected.Written[strconv.Itoa(i)]
		tolerance := f.tolerance()
		if !written {
			raw, tolerance = c.Args[i], 0
		}
		want, err := f.decode(raw, arg.Type())
		if err != nil {
			return fmt.Errorf("argument %d after the call: %w", i, err)
		}
		if err := agree(arg, want, tolerance); err != nil {
			if written {
				return fmt.Errorf("argument %d (written): %w", i, err)
			}
			return fmt.Errorf("argument %d (must be left alone): %w", i, err)
		}
	}
	return nil
}

func readKernelVectors(t *testing.T, kernel string) *kernelVectors {
	t.Helper()
	var f kernelVectors
	readFixture(t, &f, "kernels", kernel+".json")
	if f.Kernel != kernel || len(f.Cases) == 0 {
		t.Fatalf("%s.json holds %d cases of kernel %q", kernel, len(f.Cases), f.Kernel)
	}
	return &f
}

func TestKernelVectors(t *testing.T) {
	for _, k := range kernelTable {
		t.Run("should reproduce "+k.name, func(t *testing.T) {
			f := readKernelVectors(t, k.name)
			for _, c := range f.Cases {
				if err := f.replay(k.kernel, c); err != nil {
					t.Errorf("%s: %v", c.Name, err)
				}
			}
		})
	}

	t.Run("should have a vector file for every bound kernel and a bound kernel for every file", func(t *testing.T) {
		files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "fixtures", "kernels", "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		var stored, bound []string
		for _, file := range files {
			stored = append(stored, strings.TrimSuffix(filepath.Base(file), ".json"))
		}
		for _, k := range kernelTable {
			bound = append(bound, k.name)
		}
		slices.Sort(stored)
		slices.Sort(bound)
		if !slices.Equal(stored, bound) {
			t.Errorf("vector files %v, bound kernels %v", stored, bound)
		}
	})
}

func TestVectorReplay(t *testing.T) {
	f := readKernelVectors(t, "addScaled")
	i := slices.IndexFunc(f.Cases, func(c vectorCase) bool { return c.Name == "subtract" })
	if i < 0 {
		t.Fatal("no case named subtract")
	}
	c := f.Cases[i]
	cases := []struct {
		name   string
		kernel func(target, values []float64, factor float64) error
		want   string
	}{
		{"should pass the kernel itself", AddScaled, ""},
		{"should catch a wrong write", func(target, values []float64, _ float64) error {
			return AddScaled(target, values, 1)
		}, "argument 0 (written)"},
		{"should catch a missed write", func([]float64, []float64, float64) error { return nil }, "argument 0 (written)"},
		{"should catch a write into an input", func(target, values []float64, factor float64) error {
			err := AddScaled(target, values, factor)
			values[0] = 0
			return err
		}, "argument 1 (must be left alone)"},
		{"should catch an error the vectors do not expect", func([]float64, []float64, float64) error {
			return errors.New("refused")
		}, "error refused"},
		{"should catch a panic", func(target, _ []float64, _ float64) error {
			target[99] = 0
			return nil
		}, "panicked"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := f.replay(tc.kernel, c)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("replay failed: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("replay gave %v, want an error with %q", err, tc.want)
			}
		})
	}

	t.Run("should decode a fixture's numbers, arrays and objects into Go types", func(t *testing.T) {
		vf := &kernelVectors{Arrays: []storedArray{{Type: "Float64Array", Values: numbers{1, math.NaN()}}, {Type: "Int8Array", Values: numbers{-1, 7}}}}
		band, err := vf.decode(json.RawMessage(`{"band_below":1,"band_above":"Infinity","z":1.5,"outlier_below":2,"outlier_above":3,"outlier_z":2.5,"scale_below":"NaN","scale_above":2,"score_half":3,"floor":"-Infinity"}`), reflect.TypeFor[JudgeBand]())
		if err != nil {
			t.Fatal(err)
		}
		if b := band.Interface().(JudgeBand); b.BandAbove != math.Inf(1) || !math.IsNaN(b.ScaleBelow) || b.ScoreHalf != 3 || b.Floor != math.Inf(-1) {
			t.Errorf("decoded %+v", b)
		}
		out, err := vf.decode(json.RawMessage(`{"yhat":{"$array":0},"lower":{"$array":0},"upper":null,"outlier":{"$array":1},"score":{"$array":0}}`), reflect.TypeFor[Judgement]())
		if err != nil {
			t.Fatal(err)
		}
		if j := out.Interface().(Judgement); j.Upper != nil || !slices.Equal(j.Outlier, []int8{-1, 7}) || j.Lower[0] != 1 || &j.Lower[0] == &j.Score[0] {
			t.Errorf("decoded %+v (each reference must be a fresh copy)", j)
		}
		if _, err := vf.decode(json.RawMessage(`{"$array":1}`), float64sType); err == nil {
			t.Error("an Int8Array decoded as []float64")
		}
		if _, err := vf.decode(json.RawMessage(`{"a":1,"b":2}`), reflect.TypeFor[HampelKnees]()); err == nil {
			t.Error("knees without c decoded")
		}
	})
}
