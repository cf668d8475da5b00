package engine

import (
	"testing"
)

func TestJSONTextWritesAsJSONStringifyDoes(t *testing.T) {
	program, err := compileBundle()
	if err != nil {
		t.Fatal(err)
	}
	rt, err := newRuntime(program)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("should write every string as JSON.stringify writes it, passing on those it would change", func(t *testing.T) {
		result, err := rt.vm.RunString(`(() => {
			const jsonText = globalThis.` + jsonTextName + `;
			const texts = ['', 'AAAA+/09zz==', 'a"b', 'a\\b', 'line\nbreak', '\u0001\u001f', 'del\u007f', 'é', '\ud800',
				'😀', 'x'.repeat(100000)];
			const bad = texts.filter((s) => JSON.stringify({ s: jsonText(s) }) !== JSON.stringify({ s }));
			const passed = texts.filter((s) => jsonText(s) === s);
			return JSON.stringify({ bad, passed, other: [jsonText(5), jsonText(null)] });
		})()`)
		if err != nil {
			t.Fatal(err)
		}
		want := `{"bad":[],"passed":["a\"b","a\\b","line\nbreak","\u0001\u001f","é","\ud800","😀"],"other":[5,null]}`
		if got := result.String(); got != want {
			t.Errorf("got %s\nwant %s", got, want)
		}
	})

	t.Run("should leave a fit's texts as they are without it", func(t *testing.T) {
		result, err := rt.vm.RunString(`(() => {
			const n = 21 * 288;
			const ts = new Float64Array(n);
			const ys = new Float64Array(n);
			for (let i = 0; i < n; i++) {
				ts[i] = Date.UTC(2024, 0, 1) + i * 300000;
				ys[i] = 100 + 10 * Math.sin((2 * Math.PI * i) / 288) + ((i * 7919) % 13) / 7;
			}
			const host = globalThis.` + jsonTextName + `;
			let written = 0;
			globalThis.` + jsonTextName + ` = (text) => (written++, host(text));
			const fast = ` + apiGlobal + `.fit(ts.buffer, ys.buffer, '');
			globalThis.` + jsonTextName + ` = undefined;
			const plain = ` + apiGlobal + `.fit(ts.buffer, ys.buffer, '');
			globalThis.` + jsonTextName + ` = host;
			return [fast.model === plain.model, fast.state === plain.state, fast.model.length, fast.state.length, written];
		})()`)
		if err != nil {
			t.Fatal(err)
		}
		got := result.Export().([]any)
		if got[0] != true || got[1] != true {
			t.Errorf("texts differ: model %v, state %v", got[0], got[1])
		}
		if got[2].(int64) < 10000 || got[3].(int64) < 10000 || got[4].(int64) < 2 {
			t.Errorf("texts of %v and %v characters, %v written by the host: no long text to write", got[2], got[3], got[4])
		}
	})
}
