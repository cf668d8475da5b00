package upstream

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	jsoniter "github.com/json-iterator/go"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// queryRangeAnswer is what Foresight reads of a Prometheus query_range answer. Fields may come in any order;
// unknown ones (stats, infos, native histograms) are skipped.
type queryRangeAnswer struct {
	Status     string
	ErrorType  string
	Error      string
	Warnings   []string
	ResultType string
	Series     []promSeries
	// Dropped are the series left out for a sample value that is no number; the others still count.
	Dropped []droppedSeries
}

// droppedSeries is a series left out of an answer, with its first sample value that is no number.
type droppedSeries struct {
	Metric map[string]string
	Value  string
	At     float64 // epoch ms
}

// promSeries is one series of a matrix result.
type promSeries struct {
	Metric map[string]string
	Times  []float64 // epoch ms
	Values []float64 // NaN for "NaN" and infinities (missing)
}

// answerLimits bounds what one answer may hold; zero means no bound.
type answerLimits struct {
	MaxSeries int
	MaxPoints int // per series
}

const (
	// jsonWindowBytes is the iterator's read buffer: the answer streams through it and is never held whole.
	jsonWindowBytes = 64 << 10
	// maxJSONDepth bounds the nesting of skipped values (the answers Foresight reads nest five deep).
	maxJSONDepth = 1000
)

// errJSONSyntax marks malformed JSON (as opposed to a failing reader).
var errJSONSyntax = errors.New("invalid JSON")

// errNotANumber marks a sample value that is a well-formed string but no number ("abc"): it costs its series,
// not the answer.
var errNotANumber = errors.New("not a number")

// decodeQueryRange streams a query_range answer through a jsoniter Iterator. A large matrix (1,000 series × 4
// weeks of 5-minute points is 8 million samples) is read without holding the body or boxing a value per
// sample. Malformed JSON gives an error wrapping errJSONSyntax; a limit gives models.ErrLimit; a failing reader
// gives its own error.
func decodeQueryRange(r io.Reader, limits answerLimits) (queryRangeAnswer, error) {
	body := &bodyReader{r: r}
	d := &matrixDecoder{iter: jsoniter.Parse(jsoniter.ConfigDefault, body, jsonWindowBytes), body: body, limits: limits}
	d.pointFn, d.sampleFieldFn = d.point, d.sampleField
	d.number = make([]byte, 0, 32) // not nil: jsoniter takes a nil capture buffer for "not capturing" and panics
	d.object(func(key string) bool {
		switch key {
		case "status":
			d.answer.Status = d.str()
		case "errorType":
			d.answer.ErrorType = d.str()
		case "error":
			d.answer.Error = d.str()
		case "warnings":
			d.array("an array", func() bool {
				text := d.str()
				d.answer.Warnings = append(d.answer.Warnings, text)
				return d.ok()
			})
		case "data":
			d.data()
		default:
			d.skip(0)
		}
		return d.ok()
	})
	if d.ok() { // only white space may follow
		d.iter.WhatIsNext()
		switch {
		case d.iter.Error == nil:
			d.fail("unexpected data after the top-level value")
		case errors.Is(d.iter.Error, io.EOF):
			d.iter.Error = nil
		}
	}
	return d.answer, d.result()
}

// bodyReader feeds the iterator and keeps the reader's own error, so a failing connection (timeout, size
// limit) is reported as itself rather than as the JSON it cut short.
type bodyReader struct {
	r       io.Reader
	err     error // the reader's first error (io.EOF at the end)
	drained bool  // the iterator asked for more after the last byte: the input ended there
}

func (b *bodyReader) Read(p []byte) (int, error) {
	if b.err == nil {
		for range 100 { // a reader may return 0, nil; give up after many such answers
			n, err := b.r.Read(p)
			b.err = err
			if n > 0 || err != nil {
				return n, err // the iterator drops err when n > 0 and reads again
			}
		}
		b.err = io.ErrNoProgress
	}
	b.drained = true
	return 0, b.err
}

type matrixDecoder struct {
	iter   *jsoniter.Iterator
	body   *bodyReader
	limits answerLimits
	answer queryRangeAnswer
	err    error // the decoder's own failure (a limit, a malformed sample); the iterator keeps its own
	// times and values collect one series' samples; each series then gets exactly sized copies, so a long
	// answer neither regrows slices nor keeps spare capacity per series.
	times, values []float64
	// the sample being read: which of its fields comes next, and the values read so far
	field  int
	t, v   float64
	number []byte
	// hasBad says whether the current series holds a sample value that is no number: bad is the first, badAt
	// its time
	hasBad bool
	bad    []byte
	badAt  float64
	// the per-sample callbacks, bound once (a method value allocates)
	pointFn, sampleFieldFn func(*jsoniter.Iterator) bool
}

// ok says whether decoding goes on: neither the decoder nor the iterator has failed.
func (d *matrixDecoder) ok() bool { return d.err == nil && d.iter.Error == nil }

// fail records malformed input found by the decoder and stops it (always returns false).
func (d *matrixDecoder) fail(format string, args ...any) bool {
	return d.stop(fmt.Errorf("%w: %s", errJSONSyntax, fmt.Sprintf(format, args...)))
}

func (d *matrixDecoder) stop(err error) bool {
	if d.err == nil {
		d.err = err
	}
	return false
}

// result is the decoding's error, by precedence: a limit, the reader's own failure, the decoder's, then the
// iterator's (a syntax error; any failure once the input ran out is its truncation).
func (d *matrixDecoder) result() error {
	switch {
	case errors.Is(d.err, models.ErrLimit):
		return d.err
	case d.body.err != nil && !errors.Is(d.body.err, io.EOF):
		return d.body.err
	case d.err != nil:
		return d.err
	case d.iter.Error == nil:
		return nil
	case d.body.drained || errors.Is(d.iter.Error, io.EOF):
		return fmt.Errorf("%w: unexpected end of input", errJSONSyntax)
	default:
		return fmt.Errorf("%w: %w", errJSONSyntax, withoutInputExcerpt(d.iter.Error))
	}
}

// next says what kind of value comes next, and false when the input failed or ended before it.
func (d *matrixDecoder) next() (jsoniter.ValueType, bool) {
	kind := d.iter.WhatIsNext()
	return kind, d.ok()
}

var valueKinds = map[jsoniter.ValueType]string{
	jsoniter.StringValue: "a string", jsoniter.NumberValue: "a number", jsoniter.NilValue: "null",
	jsoniter.BoolValue: "a boolean", jsoniter.ArrayValue: "an array", jsoniter.ObjectValue: "an object",
	jsoniter.InvalidValue: "an unexpected character",
}

// object reads {"key": value, ...} (or null), calling field with each key; field must consume the value and
// return d.ok().
func (d *matrixDecoder) object(field func(key string) bool) {
	kind, ok := d.next()
	if !ok {
		return
	}
	if kind != jsoniter.ObjectValue && kind != jsoniter.NilValue {
		d.fail("expected an object, found %s", valueKinds[kind])
		return
	}
	d.iter.ReadObjectCB(func(iter *jsoniter.Iterator, key string) bool {
		// jsoniter calls back even when the ':' after the key is missing
		return d.ok() && field(validUTF8(key))
	})
}

// array reads [value, ...] (or null), calling elem for each element; elem must consume it and return d.ok().
func (d *matrixDecoder) array(what string, elem func() bool) {
	kind, ok := d.next()
	if !ok {
		return
	}
	if kind != jsoniter.ArrayValue && kind != jsoniter.NilValue {
		d.fail("expected %s, found %s", what, valueKinds[kind])
		return
	}
	d.iter.ReadArrayCB(func(*jsoniter.Iterator) bool { return elem() })
}

// str reads a string, or null as "". Its content is decoded exactly as encoding/json does (escapes, invalid
// UTF-8, control characters).
func (d *matrixDecoder) str() string {
	kind, ok := d.next()
	switch {
	case !ok:
		return ""
	case kind == jsoniter.NilValue:
		d.iter.ReadNil()
		return ""
	case kind != jsoniter.StringValue:
		d.fail("expected a string, found %s", valueKinds[kind])
		return ""
	}
	quoted := d.iter.SkipAndReturnBytes()
	if !d.ok() {
		return ""
	}
	if hasControlCharacter(quoted) { // jsoniter misses those after an escape
		d.fail("control character in a string")
		return ""
	}
	content := quoted[1 : len(quoted)-1]
	if bytes.IndexByte(content, '\\') < 0 && utf8.Valid(content) {
		return string(content)
	}
	var decoded string
	if err := json.Unmarshal(quoted, &decoded); err != nil {
		d.fail("bad string: %v", err)
	}
	return decoded
}

func hasControlCharacter(raw []byte) bool {
	for _, c := range raw {
		if c < 0x20 {
			return true
		}
	}
	return false
}

// validUTF8 replaces each byte of invalid UTF-8 with U+FFFD, as encoding/json does (jsoniter keeps them).
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s { // ranging decodes an invalid byte as utf8.RuneError, one byte at a time
		b.WriteRune(r)
	}
	return b.String()
}

// skip reads any value and drops it.
func (d *matrixDecoder) skip(depth int) bool {
	if depth > maxJSONDepth {
		return d.fail("values nested too deeply")
	}
	kind, ok := d.next()
	if !ok {
		return false
	}
	switch kind {
	case jsoniter.ObjectValue:
		d.object(func(string) bool { return d.skip(depth + 1) })
	case jsoniter.ArrayValue:
		d.array("an array", func() bool { return d.skip(depth + 1) })
	case jsoniter.StringValue:
		d.str()
	case jsoniter.NumberValue:
		if number := d.iter.ReadNumber(); d.ok() && !json.Valid([]byte(number)) {
			d.fail("invalid number %.40q", number)
		}
	case jsoniter.BoolValue:
		d.iter.ReadBool()
	case jsoniter.NilValue:
		d.iter.ReadNil()
	default:
		d.fail("unexpected character")
	}
	return d.ok()
}

func (d *matrixDecoder) data() {
	d.object(func(key string) bool {
		switch key {
		case "resultType":
			d.answer.ResultType = d.str()
		case "result":
			d.array("an array", d.resultElement)
		default:
			d.skip(0)
		}
		return d.ok()
	})
}

// resultElement reads one series of a matrix; elements of other result types (a scalar's time and value, a
// vector's objects hold no "values") are read past, and the caller refuses the result type.
func (d *matrixDecoder) resultElement() bool {
	if kind, ok := d.next(); !ok || kind != jsoniter.ObjectValue {
		return ok && d.skip(0)
	}
	if d.limits.MaxSeries > 0 && len(d.answer.Series) >= d.limits.MaxSeries {
		return d.stop(maxSeriesError(d.limits.MaxSeries))
	}
	var series promSeries
	d.hasBad = false
	d.object(func(key string) bool {
		switch key {
		case "metric":
			series.Metric = d.labels()
		case "values":
			series.Times, series.Values = d.samples()
		default:
			d.skip(0)
		}
		return d.ok()
	})
	if d.hasBad {
		d.answer.Dropped = append(d.answer.Dropped, droppedSeries{Metric: series.Metric, Value: string(d.bad), At: d.badAt})
		return d.ok()
	}
	d.answer.Series = append(d.answer.Series, series)
	return d.ok()
}

// labels reads {"name": "value", ...}; null gives nil.
func (d *matrixDecoder) labels() map[string]string {
	kind, ok := d.next()
	if !ok {
		return nil
	}
	if kind == jsoniter.NilValue {
		d.iter.ReadNil()
		return nil
	}
	labels := map[string]string{}
	d.object(func(name string) bool {
		labels[name] = d.str()
		return d.ok()
	})
	return labels
}

// samples reads [[seconds, "value"], ...].
func (d *matrixDecoder) samples() ([]float64, []float64) {
	d.times, d.values = d.times[:0], d.values[:0]
	if kind, ok := d.next(); !ok || kind != jsoniter.ArrayValue && kind != jsoniter.NilValue {
		if ok {
			d.fail("expected an array, found %s", valueKinds[kind])
		}
		return nil, nil
	}
	d.iter.ReadArrayCB(d.pointFn)
	if !d.ok() {
		return nil, nil
	}
	return exactCopy(d.times), exactCopy(d.values)
}

func exactCopy(values []float64) []float64 {
	out := make([]float64, len(values))
	copy(out, values)
	return out
}

// point reads one sample `[1700000000.123,"42.5"]` of a series.
func (d *matrixDecoder) point(iter *jsoniter.Iterator) bool {
	if d.limits.MaxPoints > 0 && len(d.times) >= d.limits.MaxPoints {
		return d.stop(maxPointsError(d.limits.MaxPoints))
	}
	d.field = 0
	iter.ReadArrayCB(d.sampleFieldFn) // checks the '[' itself
	switch {
	case !d.ok():
		return false
	case d.field == 0: // [] or null
		return d.fail("expected a sample [time, \"value\"]")
	case d.field == 1:
		return d.fail("expected ',' between a sample's time and value, found ']'")
	}
	d.times = append(d.times, d.t)
	d.values = append(d.values, d.v)
	return true
}

// sampleField reads a sample's time (field 0) or value (field 1).
func (d *matrixDecoder) sampleField(iter *jsoniter.Iterator) bool {
	switch d.field {
	case 0:
		// The time's own bytes, into a reused buffer (ReadNumber would allocate a string per sample); whether
		// they are a number shows from the first.
		d.number = iter.SkipAndAppendBytes(d.number[:0])
		if !d.ok() {
			return false
		}
		seconds := bytes.TrimLeft(d.number, " \t\n\r") // the capture may start before white space
		if len(seconds) == 0 || seconds[0] != '-' && (seconds[0] < '0' || seconds[0] > '9') {
			return d.fail("expected a number (a sample's time), found %.20q", seconds)
		}
		t, err := parseSampleTime(seconds)
		if err != nil {
			return d.fail("%v", err)
		}
		d.t = t
	case 1:
		kind, ok := d.next()
		if !ok {
			return false
		}
		if kind != jsoniter.StringValue {
			return d.fail("sample value must be a quoted string, found %s", valueKinds[kind])
		}
		text := iter.ReadStringAsSlice() // the string's raw bytes, escapes undecoded, valid until the next read
		if !d.ok() {
			return false
		}
		v, short := parseShortDecimal(text)
		if !short {
			var err error
			v, err = parseRawSampleValue(text)
			switch {
			case errors.Is(err, errNotANumber):
				if !d.hasBad {
					d.hasBad, d.bad, d.badAt = true, append(d.bad[:0], text[:min(len(text), 40)]...), d.t
				}
				v = math.NaN()
			case err != nil:
				return d.fail("%v", err)
			}
		}
		d.v = v
	default:
		return d.fail("expected ']' after a sample's value")
	}
	d.field++
	return true
}

// parseRawSampleValue reads a sample value parseShortDecimal could not, from the raw bytes of its string (as
// ReadStringAsSlice gives them): escapes are decoded as encoding/json does, and control characters are refused.
func parseRawSampleValue(raw []byte) (float64, error) {
	if hasControlCharacter(raw) {
		return 0, errors.New("control character in a string")
	}
	switch backslashes := len(raw) - len(bytes.TrimRight(raw, `\`)); {
	case backslashes%2 == 1:
		// ReadStringAsSlice stopped at an escaped quote: the value holds a '"', so it is no number.
		// The iterator is left inside the string, so this is no number and the answer cannot be read on.
		return 0, fmt.Errorf("sample value %.40q is not a number", string(raw[:len(raw)-1])+`"…`)
	case bytes.IndexByte(raw, '\\') >= 0:
		var decoded string
		if err := json.Unmarshal([]byte(`"`+string(raw)+`"`), &decoded); err != nil {
			return 0, fmt.Errorf("bad string: %v", err)
		}
		return parseSampleValue([]byte(decoded))
	}
	return parseLongSampleValue(raw)
}

// parseSampleTime reads a sample time in seconds (as Prometheus writes it: digits, at most three decimals)
// into epoch milliseconds; other spellings go through strconv and are rounded to the millisecond.
func parseSampleTime(text []byte) (float64, error) {
	const maxExactMs = 1 << 53
	ms, decimals, dot := int64(0), 0, false
	for _, c := range text {
		switch {
		case c >= '0' && c <= '9' && (!dot || decimals < 3) && ms < maxExactMs/10:
			ms = ms*10 + int64(c-'0')
			if dot {
				decimals++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return parseSampleTimeSlow(text)
		}
	}
	if len(text) == 0 || dot && decimals == 0 {
		return parseSampleTimeSlow(text)
	}
	for ; decimals < 3; decimals++ {
		ms *= 10
	}
	if ms >= maxExactMs {
		return parseSampleTimeSlow(text)
	}
	return float64(ms), nil
}

func parseSampleTimeSlow(text []byte) (float64, error) {
	seconds, err := strconv.ParseFloat(string(text), 64)
	if err != nil || math.IsNaN(seconds) || math.IsInf(seconds, 0) {
		return 0, fmt.Errorf("sample time %.40q is not a number", text)
	}
	return math.Round(seconds * 1000), nil
}

// parseSampleValue reads a sample value ("42.5", "NaN", "+Inf", "-Inf"); infinities, and numbers too large for
// a float64 ("1e999"), become NaN (missing).
func parseSampleValue(text []byte) (float64, error) {
	if v, ok := parseShortDecimal(text); ok {
		return v, nil
	}
	return parseLongSampleValue(text)
}

// parseLongSampleValue reads a sample value parseShortDecimal could not.
func parseLongSampleValue(text []byte) (float64, error) {
	if len(text) == 0 {
		return 0, fmt.Errorf("%w: sample value %q", errNotANumber, text)
	}
	// The string view only lives for this call: strconv keeps it only in its error, which is dropped here.
	v, err := strconv.ParseFloat(unsafe.String(&text[0], len(text)), 64) //nolint:gosec // audited: see above
	if err != nil && !(errors.Is(err, strconv.ErrRange) && math.IsInf(v, 0)) {
		return 0, fmt.Errorf("%w: sample value %.40q", errNotANumber, string(text))
	}
	if math.IsInf(v, 0) {
		v = math.NaN()
	}
	return v, nil
}

// exactPowersOf10 are the powers of ten a float64 holds exactly (10^22 is the largest).
var exactPowersOf10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// parseShortDecimal reads a plain decimal of at most 15 digits ("-512.345") and says whether it could. Its
// digits m and decimals k give m / 10^k with m and 10^k both exact, so the one division rounds correctly: the
// same float64 as strconv.ParseFloat, for a fraction of its cost. Anything else is left to strconv.
func parseShortDecimal(text []byte) (float64, bool) {
	i, negative := 0, false
	if len(text) > 0 && (text[0] == '-' || text[0] == '+') {
		negative, i = text[0] == '-', 1
	}
	var mantissa uint64
	digits, decimals, dot := 0, 0, false
	for ; i < len(text); i++ {
		switch c := text[i]; {
		case c >= '0' && c <= '9':
			mantissa = mantissa*10 + uint64(c-'0')
			digits++
			if dot {
				decimals++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	v := float64(mantissa) / exactPowersOf10[decimals]
	if negative {
		v = -v
	}
	return v, true
}

func maxSeriesError(limit int) error {
	return fmt.Errorf("%w: the Prometheus query returns more than maxSeries (%d) series; narrow it (e.g. with topk or a label filter)", models.ErrLimit, limit)
}

func maxPointsError(limit int) error {
	return fmt.Errorf("%w: a series holds more than maxPointsPerSeries (%d) points", models.ErrLimit, limit)
}
