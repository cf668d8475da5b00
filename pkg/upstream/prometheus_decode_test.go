package upstream

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// sampleAnswer exercises what a query_range answer may hold: fields in any order, white space, escapes,
// special values, warnings and fields Foresight does not read.
const sampleAnswer = `{
  "data": {
    "result": [
      {"metric": {"__name__": "rps", "instance": "a\"1\u00e9", "path": "/x\\y"},
       "values": [[1700000000, "1"], [1700000000.5, "NaN"], [ 1700000001.25 , "+Inf" ], [1700000002.125,"-Inf"], [1.7000000030e9,"2.5e3"]]},
      {"values": [[1700000000,"-0.5"]], "histograms": [[1700000000, {"count": "1", "buckets": [[0, "1", "2", "1"]]}]], "metric": {}},
      {"metric": null, "values": null}
    ],
    "resultType": "matrix"
  },
  "stats": {"timings": {"evalTotalTime": 0.01}, "samples": {"totalQueryableSamples": 7}},
  "infos": ["PromQL info: metric might not be a counter"],
  "warnings": ["PromQL warning: something"],
  "status": "success"
}`

func TestDecodeQueryRange(t *testing.T) {
	t.Run("should read series, labels and values whatever the field order", func(t *testing.T) {
		answer, err := decodeQueryRange(strings.NewReader(sampleAnswer), answerLimits{})
		if err != nil {
			t.Fatal(err)
		}
		if answer.Status != "success" || answer.ResultType != "matrix" || len(answer.Series) != 3 {
			t.Fatalf("answer = %+v", answer)
		}
		if !reflect.DeepEqual(answer.Warnings, []string{"PromQL warning: something"}) {
			t.Errorf("warnings = %q", answer.Warnings)
		}
		a := answer.Series[0]
		if want := map[string]string{"__name__": "rps", "instance": "a\"1é", "path": `/x\y`}; !reflect.DeepEqual(a.Metric, want) {
			t.Errorf("labels = %q", a.Metric)
		}
		if want := []float64{1_700_000_000_000, 1_700_000_000_500, 1_700_000_001_250, 1_700_000_002_125, 1_700_000_003_000}; !reflect.DeepEqual(a.Times, want) {
			t.Errorf("times = %v", a.Times)
		}
		if a.Values[0] != 1 || !math.IsNaN(a.Values[1]) || !math.IsNaN(a.Values[2]) || !math.IsNaN(a.Values[3]) || a.Values[4] != 2500 {
			t.Errorf("values = %v (NaN and infinities must be missing)", a.Values)
		}
		if b := answer.Series[1]; b.Metric == nil || len(b.Metric) != 0 || !reflect.DeepEqual(b.Values, []float64{-0.5}) {
			t.Errorf("second series = %+v", b)
		}
		if c := answer.Series[2]; c.Metric != nil || len(c.Times) != 0 {
			t.Errorf("null metric and values = %+v", c)
		}
	})
	t.Run("should read the same answer one byte at a time", func(t *testing.T) {
		whole, err := decodeQueryRange(strings.NewReader(sampleAnswer), answerLimits{})
		if err != nil {
			t.Fatal(err)
		}
		byByte, err := decodeQueryRange(iotest.OneByteReader(strings.NewReader(sampleAnswer)), answerLimits{})
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(whole) != fmt.Sprint(byByte) { // fmt, since NaN != NaN for DeepEqual
			t.Errorf("byte by byte:\n%v\nwhole:\n%v", byByte, whole)
		}
	})
	t.Run("should read an answer much larger than its window, with strings longer than it", func(t *testing.T) {
		long := strings.Repeat("é", 3*jsonWindowBytes)
		var b strings.Builder
		fmt.Fprintf(&b, `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"long":%q},"values":[`, long)
		const n = 50_000
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `[%d.%03d,"%d.25"]`, 1_700_000_000+i, i%1000, i)
		}
		b.WriteString(`]}]}}`)
		answer, err := decodeQueryRange(strings.NewReader(b.String()), answerLimits{MaxPoints: n})
		if err != nil {
			t.Fatal(err)
		}
		s := answer.Series[0]
		if s.Metric["long"] != long || len(s.Times) != n || cap(s.Times) != n {
			t.Fatalf("%d points (cap %d), label of %d bytes", len(s.Times), cap(s.Times), len(s.Metric["long"]))
		}
		for i := range n {
			if s.Times[i] != float64(1_700_000_000+i)*1000+float64(i%1000) || s.Values[i] != float64(i)+0.25 {
				t.Fatalf("point %d = %v %v", i, s.Times[i], s.Values[i])
			}
		}
	})
	t.Run("should read an error answer", func(t *testing.T) {
		answer, err := decodeQueryRange(strings.NewReader(`{"status":"error","errorType":"bad_data","error":"1:5: parse error"}`), answerLimits{})
		if err != nil || answer.Status != "error" || answer.ErrorType != "bad_data" || answer.Error != "1:5: parse error" {
			t.Fatalf("answer = %+v, err = %v", answer, err)
		}
	})
	t.Run("should read past results of other types", func(t *testing.T) {
		for _, body := range []string{
			`{"status":"success","data":{"resultType":"scalar","result":[1700000000,"1"]}}`,
			`{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"b"},"value":[1700000000,"1"]}]}}`,
			`{"status":"success","data":{"resultType":"string","result":[1700000000,"x"]}}`,
		} {
			answer, err := decodeQueryRange(strings.NewReader(body), answerLimits{})
			if err != nil || answer.ResultType == "matrix" || answer.ResultType == "" {
				t.Errorf("%s: answer = %+v, err = %v", body, answer, err)
			}
		}
	})
	t.Run("should stop at maxSeries and maxPointsPerSeries", func(t *testing.T) {
		two := `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"i":"1"},"values":[[1,"1"],[2,"2"]]},{"metric":{"i":"2"},"values":[]}]}}`
		if _, err := decodeQueryRange(strings.NewReader(two), answerLimits{MaxSeries: 1}); !errors.Is(err, models.ErrLimit) || !strings.Contains(err.Error(), "maxSeries (1)") {
			t.Errorf("maxSeries: %v", err)
		}
		if _, err := decodeQueryRange(strings.NewReader(two), answerLimits{MaxPoints: 1}); !errors.Is(err, models.ErrLimit) || !strings.Contains(err.Error(), "maxPointsPerSeries (1)") {
			t.Errorf("maxPointsPerSeries: %v", err)
		}
		if _, err := decodeQueryRange(strings.NewReader(two), answerLimits{MaxSeries: 2, MaxPoints: 2}); err != nil {
			t.Errorf("at the limits: %v", err)
		}
	})
	t.Run("should pass on the reader's failure", func(t *testing.T) {
		broken := io.MultiReader(strings.NewReader(sampleAnswer[:200]), iotest.ErrReader(io.ErrUnexpectedEOF))
		if _, err := decodeQueryRange(broken, answerLimits{}); !errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, errJSONSyntax) {
			t.Errorf("got %v", err)
		}
		for _, cut := range []string{`{"stats":nu`, `{"data":{"result":[{"values":[[1e`, `{"status":"succ`} {
			broken := io.MultiReader(strings.NewReader(cut), iotest.ErrReader(context.DeadlineExceeded))
			if _, err := decodeQueryRange(broken, answerLimits{}); !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("cut at %s: got %v", cut, err)
			}
		}
	})
	t.Run("should pass on a failure that comes with the last bytes, and give up on a reader that gives nothing", func(t *testing.T) {
		// jsoniter drops a reader's error when the same Read brings bytes
		sent := false
		withData := readerFunc(func(p []byte) (int, error) {
			if sent {
				return 0, io.EOF // a reader that forgets its failure must not turn it into truncation
			}
			sent = true
			return copy(p, sampleAnswer[:200]), context.DeadlineExceeded
		})
		if _, err := decodeQueryRange(withData, answerLimits{}); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("failure with data: got %v", err)
		}
		calls := 0
		stuck := readerFunc(func([]byte) (int, error) {
			if calls++; calls > 10_000 {
				return 0, errors.New("still reading a reader that gives nothing") // rather than hang the test
			}
			return 0, nil
		})
		if _, err := decodeQueryRange(stuck, answerLimits{}); !errors.Is(err, io.ErrNoProgress) {
			t.Errorf("stuck reader: got %v", err)
		}
	})
}

func TestDecodeQueryRangeRefusesMalformedAnswers(t *testing.T) {
	wrap := func(values string) string {
		return `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[` + values + `]}]}}`
	}
	cases := []struct{ name, body, want string }{
		{"an unquoted value", wrap(`[1700000000,42]`), "quoted string"},
		{"a value holding a quote", wrap(`[1700000000,"4\"2"]`), "is not a number"},
		{"a missing value", wrap(`[1700000000]`), "expected ','"},
		{"a quoted time", wrap(`["1700000000","1"]`), "expected a number"},
		{"a bad time", wrap(`[17-00,"1"]`), "invalid number"},
		{"an extra sample field", wrap(`[1700000000,"1","2"]`), "expected ']'"},
		{"values as an object", `{"data":{"result":[{"values":{"a":1}}]}}`, "expected an array"},
		{"a number as a label value", `{"data":{"result":[{"metric":{"a":1}}]}}`, "expected a string"},
		{"a control character in a string", "{\"status\":\"succ\x01ess\"}", "control character"},
		{"a bad escape", `{"status":"\q"}`, "invalid escape char"},
		{"an unknown literal", `{"stats":nope}`, "expect ull"},
		{"a missing colon", `{"status" "success"}`, "expect : after object field"},
		{"a missing comma", `{"status":"success" "data":{}}`, "object not ended with }"},
		{"trailing data", `{"status":"success"} {}`, "after the top-level value"},
		{"not an object", `[]`, "expected an object"},
		{"nothing", ``, "unexpected end"},
		{"values nested without end", `{"stats":` + strings.Repeat("[", 5000), "nested too deeply"},
	}
	for _, tc := range cases {
		t.Run("should refuse "+tc.name, func(t *testing.T) {
			_, err := decodeQueryRange(strings.NewReader(tc.body), answerLimits{})
			if !errors.Is(err, errJSONSyntax) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want a syntax error with %q", err, tc.want)
			}
		})
	}
	t.Run("should refuse every truncation of a valid answer", func(t *testing.T) {
		for n := range len(sampleAnswer) {
			prefix := sampleAnswer[:n]
			if strings.TrimSpace(prefix) != prefix && strings.TrimSpace(sampleAnswer[n:]) == "" {
				continue // only white space was cut
			}
			if _, err := decodeQueryRange(strings.NewReader(prefix), answerLimits{}); !errors.Is(err, errJSONSyntax) {
				t.Fatalf("prefix of %d bytes: got %v", n, err)
			}
		}
	})
}

func TestDecodeQueryRangeDropsSeriesWithNonNumbers(t *testing.T) {
	body := `{"status":"success","data":{"resultType":"matrix","result":[
		{"metric":{"i":"text"},"values":[[1700000000,"1"],[1700000060,"high"],[1700000120,"low"]]},
		{"metric":{"i":"empty"},"values":[[1700000000,""]]},
		{"metric":{"i":"escaped"},"values":[[1700000000,"4\u0032x"]]},
		{"metric":{"i":"good"},"values":[[1700000000,"1"],[1700000060,"1e999"],[1700000120,"-1e999"]]}]}}`
	answer, err := decodeQueryRange(strings.NewReader(body), answerLimits{MaxSeries: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("should keep the other series, and read numbers past a float64 as missing", func(t *testing.T) {
		if len(answer.Series) != 1 || answer.Series[0].Metric["i"] != "good" || len(answer.Series[0].Values) != 3 ||
			!math.IsNaN(answer.Series[0].Values[1]) || !math.IsNaN(answer.Series[0].Values[2]) {
			t.Fatalf("series %+v", answer.Series)
		}
	})
	t.Run("should name each series left out with its first bad value and its time", func(t *testing.T) {
		want := []droppedSeries{
			{Metric: map[string]string{"i": "text"}, Value: "high", At: 1_700_000_060_000},
			{Metric: map[string]string{"i": "empty"}, Value: "", At: 1_700_000_000_000},
			{Metric: map[string]string{"i": "escaped"}, Value: `4\u0032x`, At: 1_700_000_000_000},
		}
		if fmt.Sprint(answer.Dropped) != fmt.Sprint(want) {
			t.Errorf("dropped %+v, want %+v", answer.Dropped, want)
		}
	})
}

func TestParseSampleTime(t *testing.T) {
	cases := map[string]float64{
		"1700000000":       1_700_000_000_000,
		"1700000000.5":     1_700_000_000_500,
		"1700000000.123":   1_700_000_000_123,
		"1700000000.1235":  1_700_000_000_124, // more than milliseconds: rounded
		"1.7e9":            1_700_000_000_000,
		"-1.5":             -1_500,
		"0":                0,
		"1.":               1_000,
		"9007199254740993": 9007199254740992 * 1000, // past 2^53 ms: as strconv reads it
	}
	for text, want := range cases {
		if got, err := parseSampleTime([]byte(text)); err != nil || got != want {
			t.Errorf("parseSampleTime(%q) = %v, %v; want %v", text, got, err, want)
		}
	}
	for _, bad := range []string{"", "-", "1e", "NaN", "Inf", "1..2"} {
		if _, err := parseSampleTime([]byte(bad)); err == nil {
			t.Errorf("parseSampleTime(%q) took it", bad)
		}
	}
	t.Run("should agree with strconv on Prometheus's spellings", func(t *testing.T) {
		for ms := int64(1_700_000_000_000); ms < 1_700_000_000_000+5_000; ms += 7 {
			text := strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64)
			seconds, _ := strconv.ParseFloat(text, 64)
			if got, _ := parseSampleTime([]byte(text)); got != math.Round(seconds*1000) || got != float64(ms) {
				t.Fatalf("%s: got %v, want %d", text, got, ms)
			}
		}
	})
}

func TestParseSampleValue(t *testing.T) {
	for text, want := range map[string]float64{"42.5": 42.5, "-0.5": -0.5, "+3": 3, "1e3": 1000, ".5": 0.5, "1.": 1, "0x1p-2": 0.25} {
		if got, err := parseSampleValue([]byte(text)); err != nil || got != want {
			t.Errorf("parseSampleValue(%q) = %v, %v; want %v", text, got, err, want)
		}
	}
	for _, missing := range []string{"NaN", "+Inf", "-Inf", "Inf", "inf", "1e999", "-1e999"} {
		if got, err := parseSampleValue([]byte(missing)); err != nil || !math.IsNaN(got) {
			t.Errorf("parseSampleValue(%q) = %v, %v; want NaN (missing)", missing, got, err)
		}
	}
	if got, _ := parseSampleValue([]byte("-0")); got != 0 || !math.Signbit(got) {
		t.Errorf("-0 read as %v", got)
	}
	for _, bad := range []string{"", "-", ".", "1.2.3", "12a", "high", "--1"} {
		if _, err := parseSampleValue([]byte(bad)); !errors.Is(err, errNotANumber) {
			t.Errorf("parseSampleValue(%q) took it", bad)
		}
	}
	t.Run("should give strconv's float64 for every short decimal", func(t *testing.T) {
		x := uint64(1)
		for i := range 200_000 {
			x ^= x << 13 // xorshift: a reproducible spread of mantissas and decimal places
			x ^= x >> 7
			x ^= x << 17
			digits := 1 + int(x%15)
			mantissa := int64(x>>8) % int64(math.Pow10(digits))
			text := strconv.FormatInt(mantissa, 10)
			if point := int(x>>4) % (len(text) + 1); point < len(text) {
				text = text[:point] + "." + text[point:]
			}
			if i%2 == 1 {
				text = "-" + text
			}
			want, _ := strconv.ParseFloat(text, 64)
			if got, ok := parseShortDecimal([]byte(text)); !ok || got != want || math.Signbit(got) != math.Signbit(want) {
				t.Fatalf("%q: got %v (%v), strconv %v", text, got, ok, want)
			}
		}
	})
}

// FuzzDecodeQueryRange checks that no input panics and that what decodes as JSON here is JSON to encoding/json.
func FuzzDecodeQueryRange(f *testing.F) {
	f.Add(sampleAnswer)
	f.Add(`{"status":"error","errorType":"bad_data","error":"x"}`)
	f.Add(`{"data":{"result":[{"values":[[1,"1"]]}]}}`)
	f.Add(`{"":{"":[{"":[[00]]}]}}`) // an invalid number in a skipped value
	f.Fuzz(func(t *testing.T, body string) {
		if _, err := decodeQueryRange(strings.NewReader(body), answerLimits{MaxSeries: 10, MaxPoints: 100}); err == nil && !json.Valid([]byte(body)) {
			t.Errorf("took invalid JSON %q", body)
		}
	})
}

// BenchmarkDecodeQueryRange decodes a realistic answer: 100 series × 4 weeks of 5-minute points (8,064 each),
// with values written as the bench's fake Prometheus writes them (three decimals) or with a float64's full
// precision (as Prometheus writes a rate).
func BenchmarkDecodeQueryRange(b *testing.B) {
	const series, points = 100, 8064
	for _, format := range []struct {
		name      string
		precision int
		bounded   bool // read through the answer's byte and string bounds, as Fetch does
	}{{"3 decimals", 3, false}, {"full precision", -1, false}, {"full precision, bounded", -1, true}} {
		body := benchAnswer(series, points, format.precision)
		b.Run(format.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				var r io.Reader = bytes.NewReader(body)
				if format.bounded {
					r = newAnswerReader(r, "bench", seriesAnswerLimit(series, points, prometheusBytesPerPoint, "bench"))
				}
				answer, err := decodeQueryRange(r, answerLimits{MaxSeries: series, MaxPoints: points})
				if err != nil || len(answer.Series) != series {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(series*points), "ns/sample")
		})
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

func benchAnswer(series, points, precision int) []byte {
	body := []byte(`{"status":"success","data":{"resultType":"matrix","result":[`)
	x := uint64(1)
	for i := range series {
		if i > 0 {
			body = append(body, ',')
		}
		body = fmt.Appendf(body, `{"metric":{"__name__":"bench_metric","instance":"host-%d","job":"node"},"values":[`, i)
		for p := range points {
			if p > 0 {
				body = append(body, ',')
			}
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			v := (500 + float64(i%17)*100) * (1 + 0.3*math.Sin(float64(p)/288*2*math.Pi) + float64(x%1000)/50_000)
			body = append(body, '[')
			body = strconv.AppendInt(body, 1_760_000_000+int64(p)*300, 10)
			body = append(body, `,"`...)
			body = strconv.AppendFloat(body, v, 'f', precision, 64)
			body = append(body, `"]`...)
		}
		body = append(body, "]}"...)
	}
	return append(body, "]}}"...)
}
