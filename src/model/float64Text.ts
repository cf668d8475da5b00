/**
 * Float64 arrays as text inside a model's JSON: base64 (standard alphabet, padded) of their little-endian
 * IEEE 754 bytes. A past model keeps thousands of training points; as JSON numbers every prediction in the
 * backend parsed and checked each in JavaScript, as text the Go kernel restores them in one call.
 * pkg/engine/float64text.go is the Go version and accepts exactly the same texts. expandRuns, beside them,
 * turns the past model's time runs back into times in one call too, and collapseRuns writes them.
 */

/** The standard base64 alphabet, which the value steps' text (valueSteps.ts) writes in too. */
export const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The 6-bit value of each character code, −1 for characters outside the alphabet. */
const SEXTETS = Int8Array.from({ length: 128 }, (_, code) => ALPHABET.indexOf(String.fromCharCode(code)));

/** The 6-bit value of the character of `text` at `at`; throws `message` for a character outside the alphabet. */
export function sextetOrThrow(text: string, at: number, message: string): number {
  const code = text.charCodeAt(at);
  const v = code < 128 ? SEXTETS[code] : -1;
  if (v < 0) {
    throw new Error(message);
  }
  return v;
}

/** The one message for any text that is not such an array (the Go kernel's too). */
export const FLOAT64_TEXT_ERROR = 'the text is not base64 of float64 values';

/** Little-endian bytes of the values, every NaN as the one canonical NaN (0x7ff8000000000000, as in Go). */
function bytesOf(values: Float64Array): Uint8Array {
  const bytes = new Uint8Array(8 * values.length);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) {
      view.setFloat64(8 * i, v, true);
    } else {
      view.setUint32(8 * i + 4, 0x7ff80000, true);
    }
  }
  return bytes;
}

export function encodeFloat64s(values: Float64Array): string {
  const bytes = bytesOf(values);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const left = bytes.length - i;
    const triple = (bytes[i] << 16) | ((left > 1 ? bytes[i + 1] : 0) << 8) | (left > 2 ? bytes[i + 2] : 0);
    parts.push(
      ALPHABET[triple >> 18] +
        ALPHABET[(triple >> 12) & 63] +
        (left > 1 ? ALPHABET[(triple >> 6) & 63] : '=') +
        (left > 2 ? ALPHABET[triple & 63] : '=')
    );
  }
  return parts.join('');
}

/** The most times expandRuns writes: a model's own check (MAX_POINTS) comes first; this bounds the kernel. */
export const MAX_EXPANDED_TIMES = 50_000_000;

/** The one message for runs expandRuns refuses (the Go kernel's too). */
export const EXPAND_RUNS_ERROR = `each run's count must be a whole number of at least 1, and all runs at most ${MAX_EXPANDED_TIMES} times`;

/** See TextKernels.expandRuns in types.ts; runs with a count that is not whole and positive are refused. */
export function expandRuns(runs: Float64Array): Float64Array {
  let n = runs.length > 0 ? 1 : 0;
  for (let r = 1; r + 1 < runs.length; r += 2) {
    const count = runs[r + 1];
    if (!(Number.isInteger(count) && count >= 1)) {
      throw new Error(EXPAND_RUNS_ERROR);
    }
    n += count;
    if (n > MAX_EXPANDED_TIMES) {
      throw new Error(EXPAND_RUNS_ERROR);
    }
  }
  const times = new Float64Array(n);
  if (n === 0) {
    return times;
  }
  let t = runs[0];
  times[0] = t;
  let i = 1;
  for (let r = 1; r + 1 < runs.length; r += 2) {
    const step = runs[r];
    for (let end = i + runs[r + 1]; i < end; i++) {
      t += step;
      times[i] = t;
    }
  }
  return times;
}

/** See TextKernels.collapseRuns in types.ts. */
export function collapseRuns(times: Float64Array): Float64Array {
  if (times.length === 0) {
    return new Float64Array(0);
  }
  const runs = [times[0]];
  let step = NaN;
  let count = 0;
  for (let i = 1; i < times.length; i++) {
    const d = times[i] - times[i - 1];
    if (count > 0 && d === step) {
      count++;
    } else {
      if (count > 0) {
        runs.push(step, count);
      }
      step = d;
      count = 1;
    }
  }
  if (count > 0) {
    runs.push(step, count);
  }
  return Float64Array.from(runs);
}

/** Reads what encodeFloat64s wrote; anything else (bad characters, length or padding bits) throws. */
export function decodeFloat64s(text: string): Float64Array {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const byteLength = (3 * text.length) / 4 - padding;
  if (text.length % 4 !== 0 || byteLength % 8 !== 0) {
    throw new Error(FLOAT64_TEXT_ERROR);
  }
  const bytes = new Uint8Array(byteLength);
  for (let i = 0, b = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const a = sextetOrThrow(text, i, FLOAT64_TEXT_ERROR);
    const c = sextetOrThrow(text, i + 1, FLOAT64_TEXT_ERROR);
    const d = last && padding === 2 ? 0 : sextetOrThrow(text, i + 2, FLOAT64_TEXT_ERROR);
    const e = last && padding >= 1 ? 0 : sextetOrThrow(text, i + 3, FLOAT64_TEXT_ERROR);
    const triple = (a << 18) | (c << 12) | (d << 6) | e;
    // Bits the padding cuts off must be zero (Go's strict decoder).
    if (last && padding > 0 && (triple & (padding === 2 ? 0xffff : 0xff)) !== 0) {
      throw new Error(FLOAT64_TEXT_ERROR);
    }
    bytes[b++] = triple >> 16;
    if (b < byteLength) {
      bytes[b++] = (triple >> 8) & 255;
    }
    if (b < byteLength) {
      bytes[b++] = triple & 255;
    }
  }
  const view = new DataView(bytes.buffer);
  return Float64Array.from({ length: byteLength / 8 }, (_, i) => view.getFloat64(8 * i, true));
}
