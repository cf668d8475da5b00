package engine

import "github.com/grafana/sobek"

// jsonTextName is the global the bundle looks for (JSON_TEXT_HOST in src/engine/goKernels.ts).
const jsonTextName = "__foresightJsonText"

// quotedText is a string JSON.stringify writes whole: sobek's JSON.stringify writes a Go value's MarshalJSON
// output as it is, where it reads a string one character at a time through a UTF-16 decoder. A fit's model
// texts hold some 40,000 characters of encoded arrays; quoting them that way was 2% of a cold fit's CPU.
type quotedText struct{ text string }

// MarshalJSON is the text between quotes: what JSON.stringify writes for a text jsonText lets through.
func (q *quotedText) MarshalJSON() ([]byte, error) {
	out := make([]byte, 0, len(q.text)+2)
	out = append(out, '"')
	out = append(out, q.text...)
	return append(out, '"'), nil
}

// jsonText returns a string as a quotedText when JSON.stringify writes each of its characters as it is
// (printable ASCII but the quote and the backslash), else the value itself, for JSON.stringify to quote.
func jsonText(vm *sobek.Runtime) func(sobek.FunctionCall) sobek.Value {
	return func(call sobek.FunctionCall) sobek.Value {
		value := call.Argument(0)
		text, ok := value.Export().(string)
		if !ok {
			return value
		}
		for i := range len(text) {
			if c := text[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
				return value
			}
		}
		return vm.ToValue(&quotedText{text})
	}
}
