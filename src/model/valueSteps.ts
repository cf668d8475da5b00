/**
 * Values on a grid of a power-of-two step as text inside a model's JSON ("value steps"): each value is a whole
 * number k of steps. The text holds k₀ and then each kᵢ − kᵢ₋₁, zigzagged (0, −1, 1, −2, … as 0, 1, 2, 3, …)
 * and written five bits a character, least significant first, in the base64 alphabet; a character from 'g' (32)
 * on says more bits follow. A noisy series on a step of about a thousandth of its noise takes 2–3 characters a
 * value, where float64 text (float64Text.ts) takes 10⅔. pkg/engine/valuesteps.go is the Go version and accepts
 * exactly the same texts.
 *
 * A power-of-two step keeps the grid exact: v / step and k × step are exact in float64, so values on the grid
 * come back from the text bit for bit. |k| stays under 2⁵¹, so a difference zigzags under 2⁵³, whole in a double.
 */
import { ALPHABET, sextetOrThrow } from './float64Text';

/** The bit of a character that says the number goes on. */
const MORE = 32;
/** Steps from 0 a value may be: its differences then zigzag under 2⁵³. */
export const MAX_GRID_STEPS = 2 ** 51;
/** Zigzagged differences are under this: |kᵢ − kᵢ₋₁| < 2⁵². */
const ZIGZAG_LIMIT = 2 ** 53;
/** Characters a number takes at most: 53 bits, five a character. */
const MAX_DIGITS = 11;
/** The most values decodeValueSteps writes: a model's own check (MAX_POINTS) comes first; this bounds the kernel. */
export const MAX_DECODED_STEPS = 50_000_000;

/** The one message for a step or values encodeValueSteps cannot write (the Go kernel's too). */
export const VALUE_GRID_ERROR =
  'the step must be a power of two of at least 2^-1022 and every value under 2^51 steps from 0';
/** The one message for any text and step decodeValueSteps refuses (the Go kernel's too). */
export const VALUE_STEPS_ERROR = 'the text is not steps of values on a power-of-two grid';

const scratch = new DataView(new ArrayBuffer(8));

/** Whether `step` is a power of two in [2⁻¹⁰²², 2¹⁰²³]: positive, a normal exponent, no mantissa bits. */
export function isGridStep(step: number): boolean {
  scratch.setFloat64(0, step);
  const high = scratch.getUint32(0);
  const exponent = high >>> 20; // the sign bit too: a negative step is out of range
  return exponent >= 1 && exponent <= 2046 && (high & 0xfffff) === 0 && scratch.getUint32(4) === 0;
}

/** The largest power of two at most x (x's exponent bits alone), for a normal positive x; 0 otherwise. */
export function powerOfTwoAtMost(x: number): number {
  scratch.setFloat64(0, x);
  const exponent = scratch.getUint32(0) >>> 20;
  if (!(exponent >= 1 && exponent <= 2046)) {
    return 0;
  }
  scratch.setUint32(0, exponent << 20);
  scratch.setUint32(4, 0);
  return scratch.getFloat64(0);
}

function trailingZeros32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** See TextKernels.coarsestBinaryStep in types.ts. */
export function coarsestBinaryStep(values: Float64Array): number {
  let lowest = Infinity;
  for (let i = 0; i < values.length; i++) {
    scratch.setFloat64(0, values[i]);
    const high = scratch.getUint32(0);
    const low = scratch.getUint32(4);
    const exponent = (high >>> 20) & 0x7ff;
    const mantissaHigh = high & 0xfffff;
    if (exponent === 0x7ff) {
      return 0;
    }
    if (exponent === 0 && mantissaHigh === 0 && low === 0) {
      continue; // ±0 is on every grid
    }
    const zeros = low !== 0 ? trailingZeros32(low) : mantissaHigh !== 0 ? 32 + trailingZeros32(mantissaHigh) : 52;
    lowest = Math.min(lowest, (exponent === 0 ? -1074 : exponent - 1075) + zeros);
  }
  if (lowest === Infinity) {
    return Infinity;
  }
  // 2^lowest, built from its bits (exact on every engine, where 2 ** n need not be).
  if (lowest >= -1022) {
    scratch.setUint32(0, (lowest + 1023) << 20);
    scratch.setUint32(4, 0);
  } else {
    const bit = lowest + 1074;
    scratch.setUint32(0, bit >= 32 ? 1 << (bit - 32) : 0);
    scratch.setUint32(4, bit < 32 ? 1 << bit : 0);
  }
  return scratch.getFloat64(0);
}

/** See TextKernels.encodeValueSteps in types.ts. */
export function encodeValueSteps(values: Float64Array, step: number): string {
  if (!isGridStep(step)) {
    throw new Error(VALUE_GRID_ERROR);
  }
  const parts: string[] = [];
  let previous = 0;
  for (let i = 0; i < values.length; i++) {
    // floor(x + 0.5), not Math.round: the Go kernel rounds ties the same way, and x + 0.5 is exact under 2⁵¹.
    const k = Math.floor(values[i] / step + 0.5);
    if (!(Math.abs(k) < MAX_GRID_STEPS && Math.abs(k * step) <= Number.MAX_VALUE)) {
      throw new Error(VALUE_GRID_ERROR);
    }
    const d = k - previous;
    previous = k;
    let z = d >= 0 ? 2 * d : -2 * d - 1;
    let digits = '';
    while (z >= MORE) {
      const digit = z % MORE;
      digits += ALPHABET[MORE + digit];
      z = (z - digit) / MORE;
    }
    parts.push(digits + ALPHABET[z]);
  }
  return parts.join('');
}

/**
 * See TextKernels.decodeValueSteps in types.ts. Refuses characters outside the alphabet, a number left open at
 * the end, one longer than 11 characters or written longer than it needs, a value 2⁵¹ steps or more from 0, one
 * past float64's range, and a step that is not a power of two.
 */
export function decodeValueSteps(text: string, step: number): Float64Array {
  if (!isGridStep(step)) {
    throw new Error(VALUE_STEPS_ERROR);
  }
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (sextetOrThrow(text, i, VALUE_STEPS_ERROR) < MORE) {
      n++;
    }
  }
  if ((text.length > 0 && sextetOrThrow(text, text.length - 1, VALUE_STEPS_ERROR) >= MORE) || n > MAX_DECODED_STEPS) {
    throw new Error(VALUE_STEPS_ERROR);
  }
  const values = new Float64Array(n);
  let k = 0;
  let z = 0;
  let scale = 1;
  let digits = 0;
  for (let i = 0, at = 0; i < text.length; i++) {
    const c = sextetOrThrow(text, i, VALUE_STEPS_ERROR);
    const digit = c % MORE;
    z += digit * scale;
    if (c >= MORE) {
      scale *= MORE;
      if (++digits >= MAX_DIGITS) {
        throw new Error(VALUE_STEPS_ERROR);
      }
      continue;
    }
    if ((digits > 0 && digit === 0) || z >= ZIGZAG_LIMIT) {
      throw new Error(VALUE_STEPS_ERROR);
    }
    k += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
    const v = k * step;
    if (!(Math.abs(k) < MAX_GRID_STEPS && Math.abs(v) <= Number.MAX_VALUE)) {
      throw new Error(VALUE_STEPS_ERROR);
    }
    values[at++] = v;
    z = 0;
    scale = 1;
    digits = 0;
  }
  return values;
}
