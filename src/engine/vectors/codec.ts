/**
 * The format of the shared kernel vectors (testdata/fixtures/kernels/<kernel>.json), one for every kernel:
 * each case holds the kernel's arguments in call order and what the call gave. pkg/engine's fixture replay
 * (fixtures_test.go) reads the same format through the Go kernels' parameter types.
 *
 * - Numbers: finite ones as JSON numbers; NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity".
 *   null stands for null (an absent optional argument).
 * - Strings: as {"$text": string} (a bare JSON string is one of the numbers above).
 * - Typed arrays: stored once per file in `arrays` ({type, values}), referred to as {"$array": index}.
 * - Plain arrays and objects: as JSON, their members encoded by the same rules.
 * - `expected.result`: the return value (absent when the kernel returns nothing); `expected.error`: the
 *   message when it throws; `expected.written`: by argument index, the arguments the call changed, as they
 *   are afterwards. Every other argument must be left exactly as it was.
 */

export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';
export type Json = JsonNumber | boolean | null | Json[] | { $text: string } | { [key: string]: Json };

export type TypedArrayName = 'Float64Array' | 'Int32Array' | 'Int8Array';
type TypedArray = Float64Array | Int32Array | Int8Array;

export interface StoredArray {
  type: TypedArrayName;
  values: JsonNumber[];
}

export interface Expected {
  result?: Json;
  error?: string;
  written?: Record<string, Json>;
}

export interface VectorCase {
  name: string;
  args: Json[];
  expected: Expected;
}

export interface KernelVectors {
  kernel: string;
  arrays: StoredArray[];
  cases: VectorCase[];
}

const CONSTRUCTORS: Record<TypedArrayName, { from(values: number[]): TypedArray }> = {
  Float64Array,
  Int32Array,
  Int8Array,
};

function isTypedArray(value: unknown): value is TypedArray {
  return value instanceof Float64Array || value instanceof Int32Array || value instanceof Int8Array;
}

export function numberToJson(v: number): JsonNumber {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  return v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v;
}

function numberFromJson(v: JsonNumber): number {
  if (typeof v === 'number') {
    return v;
  }
  if (v === 'NaN') {
    return NaN;
  }
  if (v === 'Infinity' || v === '-Infinity') {
    return v === 'Infinity' ? Infinity : -Infinity;
  }
  throw new Error(`fixture number ${JSON.stringify(v)} is neither a number, "NaN" nor ±"Infinity"`);
}

function isText(json: Json): json is { $text: string } {
  return typeof json === 'object' && json !== null && !Array.isArray(json) && typeof json.$text === 'string';
}

function isArrayRef(json: Json): json is { $array: number } {
  return typeof json === 'object' && json !== null && !Array.isArray(json) && '$array' in json;
}

/** Encodes values into one file's format, storing each distinct typed array once. */
export class VectorWriter {
  readonly arrays: StoredArray[] = [];
  private readonly ids = new Map<string, number>();

  encode(value: unknown): Json {
    if (typeof value === 'number') {
      return numberToJson(value);
    }
    if (typeof value === 'boolean' || value === null || value === undefined) {
      return value ?? null;
    }
    if (typeof value === 'string') {
      return { $text: value };
    }
    if (isTypedArray(value)) {
      const stored: StoredArray = { type: value.constructor.name as TypedArrayName, values: [] };
      stored.values = Array.from(value, numberToJson);
      const key = JSON.stringify(stored);
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.arrays.length;
        this.arrays.push(stored);
        this.ids.set(key, id);
      }
      return { $array: id };
    }
    if (Array.isArray(value)) {
      return value.map((v) => this.encode(v));
    }
    if (typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.encode(v)]));
    }
    throw new Error(
      `kernel vectors hold numbers, booleans, null, strings, typed arrays, arrays and objects, not ${typeof value}`
    );
  }
}

/** Decodes a value; every typed array is a fresh copy, so a kernel may write into it. */
export function decode(json: Json, arrays: StoredArray[]): unknown {
  if (typeof json === 'number' || typeof json === 'string') {
    return numberFromJson(json);
  }
  if (typeof json === 'boolean' || json === null) {
    return json;
  }
  if (Array.isArray(json)) {
    return json.map((v) => decode(v, arrays));
  }
  if (isText(json)) {
    return json.$text;
  }
  if (isArrayRef(json)) {
    const stored = arrays[json.$array];
    if (!stored || !(stored.type in CONSTRUCTORS)) {
      throw new Error(`fixture array ${json.$array} is missing or of an unknown type`);
    }
    return CONSTRUCTORS[stored.type].from(stored.values.map(numberFromJson));
  }
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, decode(v, arrays)]));
}

/** |actual − expected| ≤ tolerance · max(1, |expected|); NaN and the infinities only where the same is expected. */
function numbersAgree(actual: number, expected: number, tolerance: number): boolean {
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) {
    return actual === expected || (Number.isNaN(actual) && Number.isNaN(expected));
  }
  return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
}

/**
 * Where `actual` departs from the encoded `expected`, or null when it does not. Floats agree within
 * `tolerance` (see numbersAgree); integer arrays, booleans and null exactly.
 */
export function mismatch(
  actual: unknown,
  expected: Json,
  arrays: StoredArray[],
  tolerance: number,
  at = ''
): string | null {
  const where = at || 'value';
  if (typeof expected === 'number' || typeof expected === 'string') {
    const e = numberFromJson(expected);
    return typeof actual === 'number' && numbersAgree(actual, e, tolerance)
      ? null
      : `${where}: ${String(actual)}, expected ${String(e)} (tolerance ${tolerance})`;
  }
  if (typeof expected === 'boolean' || expected === null) {
    return actual === expected ? null : `${where}: ${String(actual)}, expected ${String(expected)}`;
  }
  if (isText(expected)) {
    return actual === expected.$text
      ? null
      : `${where}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected.$text)}`;
  }
  if (isArrayRef(expected)) {
    const e = decode(expected, arrays) as TypedArray;
    if (!isTypedArray(actual) || actual.constructor !== e.constructor) {
      return `${where}: not a ${e.constructor.name}`;
    }
    if (actual.length !== e.length) {
      return `${where}: length ${actual.length}, expected ${e.length}`;
    }
    const exact = !(e instanceof Float64Array);
    for (let i = 0; i < e.length; i++) {
      if (exact ? actual[i] !== e[i] : !numbersAgree(actual[i], e[i], tolerance)) {
        return `${where}[${i}]: ${actual[i]}, expected ${e[i]} (tolerance ${exact ? 0 : tolerance})`;
      }
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return `${where}: not an array of ${expected.length}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(actual[i], expected[i], arrays, tolerance, `${where}[${i}]`);
      if (m !== null) {
        return m;
      }
    }
    return null;
  }
  if (typeof actual !== 'object' || actual === null) {
    return `${where}: not an object`;
  }
  for (const [key, value] of Object.entries(expected)) {
    const m = mismatch((actual as Record<string, unknown>)[key], value, arrays, tolerance, `${where}.${key}`);
    if (m !== null) {
      return m;
    }
  }
  return null;
}

/** A deep copy of typed arrays, arrays and plain objects (structuredClone would make another realm's arrays under Jest). */
function copy(value: unknown): unknown {
  if (isTypedArray(value)) {
    return value.slice();
  }
  if (Array.isArray(value)) {
    return value.map(copy);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
  }
  return value;
}

/** Runs `kernel` on copies of `args` and records the case: arguments before the call, result, error, writes. */
export function recordCase(
  writer: VectorWriter,
  kernel: (...args: never[]) => unknown,
  name: string,
  args: readonly unknown[]
): VectorCase {
  const before = args.map((a) => writer.encode(a));
  const live = args.map(copy);
  const expected: Expected = {};
  try {
    const result = kernel(...(live as never[]));
    if (result !== undefined) {
      expected.result = writer.encode(result);
    }
  } catch (error) {
    expected.error = (error as Error).message;
  }
  const written: Record<string, Json> = {};
  live.forEach((arg, i) => {
    if (mismatch(arg, before[i], writer.arrays, 0) !== null) {
      written[i] = writer.encode(arg);
    }
  });
  if (Object.keys(written).length > 0) {
    expected.written = written;
  }
  return { name, args: before, expected };
}

/**
 * Replays one case against `kernel`: the same result or error, the written arguments as recorded and every
 * other argument untouched. Returns what differs, or null.
 */
export function replayCase(
  vectors: KernelVectors,
  kernel: (...args: never[]) => unknown,
  c: VectorCase,
  tolerance: number
): string | null {
  const args = c.args.map((a) => decode(a, vectors.arrays));
  let result: unknown;
  try {
    result = kernel(...(args as never[]));
  } catch (error) {
    const message = (error as Error).message;
    return c.expected.error === message ? null : `threw "${message}", expected ${c.expected.error ?? 'no error'}`;
  }
  if (c.expected.error !== undefined) {
    return `returned, expected the error "${c.expected.error}"`;
  }
  if (c.expected.result === undefined) {
    if (result !== undefined) {
      return 'returned a value, expected none';
    }
  } else {
    const m = mismatch(result, c.expected.result, vectors.arrays, tolerance, 'result');
    if (m !== null) {
      return m;
    }
  }
  for (let i = 0; i < args.length; i++) {
    const written = c.expected.written?.[i];
    const m =
      written === undefined
        ? mismatch(args[i], c.args[i], vectors.arrays, 0, `argument ${i} (must be left alone)`)
        : mismatch(args[i], written, vectors.arrays, tolerance, `argument ${i} (written)`);
    if (m !== null) {
      return m;
    }
  }
  return null;
}
