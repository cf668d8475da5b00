/**
 * Float64Arrays as base64 text (little-endian IEEE doubles), for model parts too large to write as JSON
 * numbers: exact, and about a third of the length. Written by hand: the Go backend's JavaScript engine has
 * neither `btoa` nor `Buffer`.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) {
  CODES[ALPHABET.charCodeAt(i)] = i;
}

function littleEndianBytes(values: Float64Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    view.setFloat64(i * 8, values[i], true);
  }
  return bytes;
}

export function float64ToBase64(values: Float64Array): string {
  const bytes = littleEndianBytes(values);
  const out: string[] = [];
  // Every Float64Array is a multiple of 8 bytes, so only the last group of 3 may be short (8k mod 3 ≠ 0).
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i];
    const b1 = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2] : 0;
    out.push(
      ALPHABET[b0 >> 2] +
        ALPHABET[((b0 & 3) << 4) | (b1 >> 4)] +
        (i + 1 < bytes.length ? ALPHABET[((b1 & 15) << 2) | (b2 >> 6)] : '=') +
        (i + 2 < bytes.length ? ALPHABET[b2 & 63] : '=')
    );
  }
  return out.join('');
}

/** The Float64Array `float64ToBase64` wrote; null for text that is not one. */
export function base64ToFloat64(text: string): Float64Array | null {
  if (text.length % 4 !== 0) {
    return null;
  }
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const length = (text.length / 4) * 3 - padding;
  if (length % 8 !== 0) {
    return null;
  }
  const bytes = new Uint8Array(length);
  let k = 0;
  for (let i = 0; i < text.length; i += 4) {
    let triple = 0;
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      const digit = code === 61 && i + j >= text.length - padding ? 0 : code < 128 ? CODES[code] : -1;
      if (digit < 0) {
        return null;
      }
      triple = (triple << 6) | digit;
    }
    for (let j = 0; j < 3 && k < length; j++) {
      bytes[k++] = (triple >> (16 - 8 * j)) & 255;
    }
  }
  const view = new DataView(bytes.buffer);
  const out = new Float64Array(length / 8);
  for (let i = 0; i < out.length; i++) {
    out[i] = view.getFloat64(i * 8, true);
  }
  return out;
}
