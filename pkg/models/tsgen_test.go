package models_test

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/foresight-anomaly/foresight/pkg/frames"
	"github.com/foresight-anomaly/foresight/pkg/models"
)

// goSource holds what reflection cannot see in Go packages: doc comments of struct fields and constants, and
// the constants themselves in declaration order.
type goSource struct {
	docs   map[string]string // "Type.Field" or "Const" → doc text
	consts []goConst
}

type goConst struct {
	name, value, doc string
}

// readGoSource parses the non-test files matching the globs.
func readGoSource(t *testing.T, globs ...string) goSource {
	t.Helper()
	src := goSource{docs: map[string]string{}}
	fset := token.NewFileSet()
	for _, glob := range globs {
		paths, err := filepath.Glob(glob)
		if err != nil || len(paths) == 0 {
			t.Fatalf("no Go files match %s", glob)
		}
		for _, path := range paths {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			src.addFile(file)
		}
	}
	return src
}

func (s *goSource) addFile(file *ast.File) {
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gen.Specs {
			switch spec := spec.(type) {
			case *ast.TypeSpec:
				if st, ok := spec.Type.(*ast.StructType); ok {
					for _, field := range st.Fields.List {
						for _, name := range field.Names {
							s.docs[spec.Name.Name+"."+name.Name] = field.Doc.Text()
						}
					}
				}
			case *ast.ValueSpec:
				doc := spec.Doc.Text()
				for i, name := range spec.Names {
					s.docs[name.Name] = doc
					if gen.Tok != token.CONST || i >= len(spec.Values) {
						continue
					}
					if lit, ok := spec.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						value, _ := strconv.Unquote(lit.Value)
						s.consts = append(s.consts, goConst{name: name.Name, value: value, doc: doc})
					}
				}
			}
		}
	}
}

// constsNamed returns the string constants named prefix+Something, with Something as their name.
func (s goSource) constsNamed(t *testing.T, prefix string) []goConst {
	t.Helper()
	var out []goConst
	for _, c := range s.consts {
		rest, ok := strings.CutPrefix(c.name, prefix)
		if !ok || rest == "" || !unicode.IsUpper(rune(rest[0])) {
			continue
		}
		out = append(out, goConst{name: rest, value: c.value, doc: docFor(c.name, c.doc)})
	}
	if len(out) == 0 {
		t.Fatalf("no string constants named %s*", prefix)
	}
	return out
}

// keyedByName renders constants as object members named after the constant (ResourceTune → tune).
func keyedByName(consts []goConst) []tsEntry {
	out := make([]tsEntry, len(consts))
	for i, c := range consts {
		out[i] = tsEntry{key: lowerFirst(c.name), value: tsString(c.value), doc: c.doc}
	}
	return out
}

// optionalStringKeys renders constants that are JSON keys as optional string members.
func optionalStringKeys(consts []goConst) []tsEntry {
	out := make([]tsEntry, len(consts))
	for i, c := range consts {
		out[i] = tsEntry{key: c.value + "?", value: "string", doc: c.doc}
	}
	return out
}

// docFor drops Go's habit of opening a comment with the identifier ("ResourceTune searches …" → "Searches …").
func docFor(name, doc string) string {
	doc = strings.TrimSpace(doc)
	rest, ok := strings.CutPrefix(doc, name+" ")
	if !ok {
		return doc
	}
	for _, verb := range []string{"is ", "are "} {
		rest = strings.TrimPrefix(rest, verb)
	}
	if rest == "" {
		return doc
	}
	return strings.ToUpper(rest[:1]) + rest[1:]
}

func lowerFirst(s string) string {
	return strings.ToLower(s[:1]) + s[1:]
}

// tsWriter renders TypeScript in the layout Prettier keeps: objects and interfaces one member a line,
// arrays and nested types inline.
type tsWriter struct {
	b bytes.Buffer
}

type tsEntry struct {
	key, value, doc string
}

func (w *tsWriter) comment(indent, doc string) {
	lines := strings.Split(strings.TrimSpace(doc), "\n")
	if len(lines) == 1 && lines[0] == "" {
		return
	}
	if len(lines) == 1 {
		w.b.WriteString(indent + "/** " + lines[0] + " */\n")
		return
	}
	w.b.WriteString(indent + "/**\n")
	for _, line := range lines {
		w.b.WriteString(strings.TrimRight(indent+" * "+line, " ") + "\n")
	}
	w.b.WriteString(indent + " */\n")
}

// union writes a const tuple of the values and the union type of its members.
// printWidth is Prettier's line length in this repository (.prettierrc.js).
const printWidth = 120

func (w *tsWriter) union(constName, typeName, doc string, values []string) {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = tsString(v)
	}
	w.b.WriteString("\n")
	w.comment("", doc)
	line := "export const " + constName + " = [" + strings.Join(quoted, ", ") + "] as const;"
	if len(line) > printWidth { // one value a line, as Prettier breaks it
		line = "export const " + constName + " = [\n  " + strings.Join(quoted, ",\n  ") + ",\n] as const;"
	}
	w.b.WriteString(line + "\n")
	w.b.WriteString("export type " + typeName + " = (typeof " + constName + ")[number];\n")
}

// object writes a const object; satisfies names an interface it must fit, if any.
func (w *tsWriter) object(name, doc, satisfies string, entries []tsEntry) {
	closing := "} as const"
	if satisfies != "" {
		closing += " satisfies " + satisfies
	}
	w.block(doc, "export const "+name+" = {", entries, ",", closing+";")
}

func (w *tsWriter) iface(name, doc string, entries []tsEntry) {
	w.block(doc, "export interface "+name+" {", entries, ";", "}")
}

// block writes a documented declaration with one member a line.
func (w *tsWriter) block(doc, opening string, entries []tsEntry, separator, closing string) {
	w.b.WriteString("\n")
	w.comment("", doc)
	w.b.WriteString(opening + "\n")
	for _, e := range entries {
		w.comment("  ", e.doc)
		w.b.WriteString("  " + e.key + ": " + e.value + separator + "\n")
	}
	w.b.WriteString(closing + "\n")
}

func tsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

// jsonField is one field of a struct as encoding/json sees it.
type jsonField struct {
	goName, name string
	optional     bool
	typ          reflect.Type
}

func jsonFields(t reflect.Type) []jsonField {
	var out []jsonField
	for f := range t.Fields() {
		tag := f.Tag.Get("json")
		if !f.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		out = append(out, jsonField{goName: f.Name, name: name, optional: strings.Contains(opts, "omitempty"), typ: f.Type})
	}
	return out
}

var rawMessage = reflect.TypeFor[json.RawMessage]()

// namedInterfaces are structs the contract declares as interfaces of their own (with their field docs) and
// names where they are used, instead of spelling them inline.
var namedInterfaces = map[reflect.Type]string{
	reflect.TypeFor[models.Alerting]():    "AlertingJson",
	reflect.TypeFor[models.Warning]():     "WarningJson",
	reflect.TypeFor[frames.WarningMeta](): "WarningMetaJson",
}

// levelType is a threshold the query holds as written: a number, or a dashboard variable interpolated as text.
var levelType = reflect.TypeFor[models.Level]()

// tsType is the TypeScript type of a Go type as encoding/json writes it. Raw JSON is an object everywhere the
// contract uses it (the backend refuses anything else); enums maps JSON field names to union types.
func tsType(t *testing.T, typ reflect.Type, enums map[string]string, field string) string {
	t.Helper()
	if union, ok := enums[field]; ok {
		if typ.Kind() != reflect.String {
			t.Fatalf("field %s is an enum but its Go type is %s", field, typ)
		}
		return union
	}
	if typ == rawMessage {
		return "Record<string, unknown>"
	}
	if typ == levelType {
		return "number | string"
	}
	switch typ.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Pointer:
		return tsType(t, typ.Elem(), enums, field)
	case reflect.Slice:
		elem := tsType(t, typ.Elem(), nil, "")
		if strings.IndexFunc(elem, func(r rune) bool { return !unicode.IsLetter(r) }) < 0 {
			return elem + "[]" // ESLint's array-type rule: T[] for simple types, Array<…> for the rest
		}
		return "Array<" + elem + ">"
	case reflect.Map:
		if typ.Key().Kind() == reflect.String {
			return "Record<string, " + tsType(t, typ.Elem(), nil, "") + ">"
		}
	case reflect.Struct:
		if name, ok := namedInterfaces[typ]; ok {
			return name
		}
		var members []string
		for _, f := range jsonFields(typ) {
			members = append(members, f.name+optionalMark(f)+": "+tsType(t, f.typ, nil, ""))
		}
		return "{ " + strings.Join(members, "; ") + " }"
	}
	t.Fatalf("no TypeScript type for Go type %s (field %s)", typ, field)
	return ""
}

func optionalMark(f jsonField) string {
	if f.optional {
		return "?"
	}
	return ""
}

// interfaceEntries describes a struct's JSON fields with their Go doc comments.
func interfaceEntries(t *testing.T, typ reflect.Type, src goSource, enums map[string]string) []tsEntry {
	t.Helper()
	var out []tsEntry
	for _, f := range jsonFields(typ) {
		out = append(out, tsEntry{
			key:   f.name + optionalMark(f),
			value: tsType(t, f.typ, enums, f.name),
			doc:   src.docs[typ.Name()+"."+f.goName],
		})
	}
	return out
}

// valueEntries renders the JSON encoding of v (a struct) as TypeScript literals, in field order; keep, when
// given, picks the fields.
func valueEntries(t *testing.T, v any, keep func(jsonField) bool) []tsEntry {
	t.Helper()
	encoded, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	decoder := json.NewDecoder(bytes.NewReader(encoded))
	decoder.UseNumber()
	var values map[string]any
	if err := decoder.Decode(&values); err != nil {
		t.Fatal(err)
	}
	var out []tsEntry
	for _, f := range jsonFields(reflect.TypeOf(v)) {
		value, ok := values[f.name]
		if !ok || (keep != nil && !keep(f)) {
			continue
		}
		out = append(out, tsEntry{key: f.name, value: tsLiteral(t, value)})
	}
	return out
}

func tsLiteral(t *testing.T, v any) string {
	t.Helper()
	switch v := v.(type) {
	case string:
		return tsString(v)
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	t.Fatalf("no TypeScript literal for %T", v)
	return ""
}
