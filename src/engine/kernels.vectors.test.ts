/**
 * Shared test vectors (testdata/fixtures/): the TypeScript kernels and the whole model must reproduce
 * them here, and pkg/engine's Go kernels and engine must reproduce the same files in `go test`.
 *
 * Regenerate after a deliberate change to the kernels or the model:
 *   npm run fixtures:update   (FORESIGHT_UPDATE_FIXTURES=1 npx jest src/engine/kernels.vectors.test.ts)
 *
 * Numbers in the files: JSON has no NaN or infinities, so NaN is written as null and ±Infinity as the
 * strings "Infinity" and "-Infinity" (pkg/engine's `numbers` decodes the same convention). Kernels that
 * write into arrays they are given are recorded after the call: the array's starting contents are in the
 * case (explicitly, or as `fill`) and `expected` holds the whole array afterwards.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { generateDemoSeries } from '../demo/messagingMetric';
import { seededRandom } from '../demo/random';
import { detectBatch, typescriptKernels } from '../model';
import type { DesignLayout } from '../model';

const FIXTURES = join(__dirname, '../../testdata/fixtures');
const UPDATE = process.env.FORESIGHT_UPDATE_FIXTURES === '1';
const KERNEL_TOLERANCE = 1e-9;
const MODEL_TOLERANCE = 1e-6;

/** One number as JSON: null for NaN, "Infinity" / "-Infinity" for the infinities. */
type JsonNumber = number | 'Infinity' | '-Infinity' | null;
type Numbers = JsonNumber[];

function numberToJson(v: number): JsonNumber {
  if (Number.isNaN(v)) {
    return null;
  }
  return v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v;
}

function numberFromJson(v: JsonNumber): number {
  if (v === null) {
    return NaN;
  }
  if (typeof v === 'string') {
    if (v !== 'Infinity' && v !== '-Infinity') {
      throw new Error(`fixture number ${JSON.stringify(v)} is neither a number, null nor ±Infinity`);
    }
    return v === 'Infinity' ? Infinity : -Infinity;
  }
  return v;
}

function toJson(values: ArrayLike<number>): Numbers {
  return Array.from(values, numberToJson);
}

function fromJson(values: Numbers): Float64Array {
  return Float64Array.from(values, numberFromJson);
}

/**
 * |actual − expected| ≤ tolerance · max(1, |expected|), elementwise; NaN only where NaN is expected and
 * an infinity only where the same infinity is expected.
 */
function expectClose(actual: ArrayLike<number>, expected: Numbers, tolerance: number, what: string): void {
  expect({ what, length: actual.length }).toEqual({ what, length: expected.length });
  let worst = { index: -1, excess: 0 };
  for (let i = 0; i < expected.length; i++) {
    const e = numberFromJson(expected[i]);
    const a = actual[i];
    if (!Number.isFinite(e) || !Number.isFinite(a)) {
      if (!(a === e || (Number.isNaN(a) && Number.isNaN(e)))) {
        throw new Error(`${what}[${i}]: expected ${String(e)}, got ${a}`);
      }
      continue;
    }
    const excess = Math.abs(a - e) / (tolerance * Math.max(1, Math.abs(e)));
    if (!(excess <= 1) && !(excess < worst.excess)) {
      worst = { index: i, excess };
    }
  }
  if (worst.index >= 0) {
    const i = worst.index;
    throw new Error(`${what}[${i}]: expected ${String(expected[i])}, got ${actual[i]} (tolerance ${tolerance})`);
  }
}

function fixturePath(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

function readFixture<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(fixturePath(...parts), 'utf8')) as T;
}

function writeFixture(value: unknown, ...parts: string[]): void {
  const path = fixturePath(...parts);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(value) + '\n');
}

// ---- Kernel cases -----------------------------------------------------------------------------------

interface DesignCase {
  name: string;
  timestamps: Numbers;
  layout: DesignLayout;
  multiplicative?: { columns: number[]; row_scale: Numbers };
  expected: Numbers;
}

interface GramCase {
  name: string;
  X: Numbers;
  n: number;
  p: number;
  y: Numbers;
  w: Numbers | null;
  expected: { gram: Numbers; xty: Numbers };
}

interface SolveCase {
  name: string;
  A: Numbers;
  b: Numbers;
  p: number;
  expected: { x: Numbers } | { error: string };
}

interface MultiplyCase {
  name: string;
  X: Numbers;
  n: number;
  p: number;
  beta: Numbers;
  from: number;
  to: number;
  expected: Numbers;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2025, 8, 29);

function uniformArray(length: number, seed: number, lo = -1, hi = 1): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length }, () => lo + (hi - lo) * random.uniform());
}

function fullLayout(): DesignLayout {
  return {
    t0: START,
    t_scale: 14 * DAY,
    linear: true,
    changepoints_t: [0.1, 0.25, 0.5, 0.8],
    fourier: [
      { period_ms: DAY, order: 4 },
      { period_ms: 7 * DAY, order: 3 },
      { period_ms: 365.25 * DAY, order: 10 },
    ],
    indicators: [
      { intervals: [START + 5 * DAY, START + 8 * DAY] },
      { intervals: [START + DAY, START + DAY + 6 * HOUR, START + 10 * DAY, START + 11 * DAY] },
    ],
  };
}

function designCases(): DesignCase[] {
  // Five-minute points over two weeks, then a stretch that goes back in time (the cursor reset), a
  // duplicate and points before t0 and before the epoch.
  const regular = Array.from({ length: 14 * 288 }, (_, i) => START + i * 300_000);
  const irregular = [START + 9 * DAY, START + 2 * DAY, START + 2 * DAY, START + 10.5 * DAY, START - 3 * DAY, -5 * DAY];
  const timestamps = Float64Array.from([...regular.filter((_, i) => i % 31 === 0), ...irregular]);
  const layout = fullLayout();
  const multiplicative = {
    columns: Int32Array.from({ length: 2 * (4 + 3) }, (_, j) => 6 + j),
    row_scale: uniformArray(timestamps.length, 7, 0.5, 2),
  };
  const flat: DesignLayout = { ...layout, linear: false, changepoints_t: [], indicators: [] };
  return [
    { name: 'linear trend, three seasonalities, two holidays', ts: timestamps, layout },
    { name: 'multiplicative seasonal columns', ts: timestamps, layout, multiplicative },
    { name: 'flat growth, no holidays', ts: timestamps, layout: flat },
    { name: 'no points', ts: new Float64Array(0), layout },
  ].map(({ name, ts, layout: l, multiplicative: m }) => ({
    name,
    timestamps: toJson(ts),
    layout: l,
    ...(m ? { multiplicative: { columns: Array.from(m.columns), row_scale: toJson(m.row_scale) } } : {}),
    expected: toJson(typescriptKernels.designMatrix(ts, l, m)),
  }));
}

function sparseMatrix(n: number, p: number, seed: number): Float64Array {
  const X = uniformArray(n * p, seed, -3, 3);
  for (let i = 0; i < n; i++) {
    X[i * p] = 1;
    // A holiday-like column: zero on most rows, so the kernel's zero-skipping paths run.
    X[i * p + p - 1] = i % 5 === 0 ? 1 : 0;
  }
  return X;
}

function gramCases(): GramCase[] {
  const n = 103; // not a multiple of four: the remainder loop runs too
  const p = 9;
  const X = sparseMatrix(n, p, 11);
  const y = uniformArray(n, 12, -50, 50);
  const w = uniformArray(n, 13, 0, 1).map((v, i) => (i % 4 === 1 ? 0 : v));
  return [
    { name: 'unit weights', w: null },
    { name: 'weights with zeros', w },
    { name: 'all weights zero', w: new Float64Array(n) },
  ].map(({ name, w: weights }) => {
    const { gram, xty } = typescriptKernels.weightedGram(X, n, p, y, weights);
    return {
      name,
      X: toJson(X),
      n,
      p,
      y: toJson(y),
      w: weights ? toJson(weights) : null,
      expected: { gram: toJson(gram), xty: toJson(xty) },
    };
  });
}

function solveCases(): SolveCase[] {
  const p = 8;
  const n = 40;
  const X = sparseMatrix(n, p, 21);
  const spd = typescriptKernels.weightedGram(X, n, p, uniformArray(n, 22), null).gram;
  for (let j = 0; j < p; j++) {
    spd[j * p + j] += 0.01;
  }
  // Rank one: positive semi-definite, so only the jitter retry makes it solvable.
  const v = uniformArray(p, 23);
  const rankOne = Float64Array.from({ length: p * p }, (_, k) => v[Math.floor(k / p)] * v[k % p]);
  const negative = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    negative[j * p + j] = -1;
  }
  const b = uniformArray(p, 24, -10, 10);
  return [
    { name: 'positive definite', A: spd },
    { name: 'rank one (jitter)', A: rankOne },
    { name: 'negative definite', A: negative },
  ].map(({ name, A }) => {
    let expected: SolveCase['expected'];
    try {
      expected = { x: toJson(typescriptKernels.solveSpd(A, b, p)) };
    } catch (error) {
      expected = { error: (error as Error).message };
    }
    return { name, A: toJson(A), b: toJson(b), p, expected };
  });
}

function multiplyCases(): MultiplyCase[] {
  const n = 57;
  const p = 12;
  const X = sparseMatrix(n, p, 31);
  const beta = uniformArray(p, 32, -2, 2);
  return [
    { name: 'all columns', from: 0, to: p },
    { name: 'a column range', from: 2, to: 7 },
    { name: 'an empty range', from: 5, to: 5 },
  ].map(({ name, from, to }) => ({
    name,
    X: toJson(X),
    n,
    p,
    beta: toJson(beta),
    from,
    to,
    expected: toJson(typescriptKernels.multiply(X, n, p, beta, from, to)),
  }));
}

// ---- Per-point kernel cases (pointKernels.ts, quantile) ------------------------------------------------

/** A few thousand points, odd, so index walks, remainders and quickselect partitions all get exercised. */
const LARGE = 3001;
const STEP = 300_000;

interface QuantileCase {
  name: string;
  values: Numbers;
  /** Each q is one call; expected[k] = quantile(values, q[k]). */
  q: Numbers;
  expected: Numbers;
}

interface MadSigmaCase {
  name: string;
  values: Numbers;
  expected: JsonNumber;
}

interface UpdateResidualsCase {
  name: string;
  ys: Numbers;
  fitted: Numbers;
  /** Residuals before the call (the kernel overwrites them). */
  residuals: Numbers;
  expected: { change: JsonNumber; residuals: Numbers };
}

interface HampelWeightsCase {
  name: string;
  residuals: Numbers;
  scale: JsonNumber;
  /** weights and deficit start as arrays of residuals.length filled with this. */
  fill: number;
  expected: { below: number; weights: Numbers; deficit: Numbers };
}

interface ScaledCase {
  name: string;
  values: Numbers;
  factor: JsonNumber;
  abs: boolean;
  keep: Numbers | null;
  expected: Numbers;
}

interface AddScaledCase {
  name: string;
  /** Target before the call. */
  target: Numbers;
  values: Numbers;
  factor: JsonNumber;
  expected: Numbers;
}

interface DifferencesCase {
  name: string;
  values: Numbers;
  sort: boolean;
  positive_only: boolean;
  expected: Numbers;
}

interface FirstNonFiniteCase {
  name: string;
  values: Numbers;
  expected: number;
}

interface TrainingRowsCase {
  name: string;
  timestamps: Numbers;
  values: Numbers;
  exclude: Numbers;
  /** out_times and out_values start as arrays of timestamps.length + room filled with `fill`. */
  room: number;
  fill: number;
  expected: { count: number; out_times: Numbers; out_values: Numbers };
}

/** One data set, several calls (the arrays are large; the parameters are what vary). */
interface LagCorrelationCase {
  name: string;
  timestamps: Numbers;
  residuals: Numbers;
  weights: Numbers;
  calls: Array<{ name: string; lag_ms: number; tolerance_ms: number; min_pairs: number; expected: JsonNumber }>;
}

interface SeasonalRemainderCase {
  name: string;
  timestamps: Numbers;
  residuals: Numbers;
  weights: Numbers;
  calls: Array<{ name: string; period_ms: number; tolerance_ms: number; rho: number; expected: Numbers }>;
}

interface JudgeCase {
  name: string;
  yhat: Numbers;
  values: Numbers | null;
  extra_variance: Numbers | null;
  /** band_below, band_above, scale_below, scale_above, z. */
  summary: Numbers;
  /** lower, upper and score start filled with `fill`, outlier with `outlier_fill`. */
  fill: number;
  outlier_fill: number;
  expected: { lower: Numbers; upper: Numbers; outlier: number[]; score: Numbers };
}

const f64 = (values: number[]): Float64Array => Float64Array.from(values);

function normalArray(length: number, seed: number, sd = 1): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length }, () => sd * random.normal());
}

/** Sorted epoch-ms times about `step` apart: jitter, ~3% duplicates and ~5% gaps of 2–11 steps. */
function irregularTimes(length: number, seed: number, step = STEP): Float64Array {
  const random = seededRandom(seed);
  const out = new Float64Array(length);
  let t = START;
  for (let i = 0; i < length; i++) {
    if (i > 0) {
      const u = random.uniform();
      if (u < 0.03) {
        // duplicate
      } else if (u < 0.08) {
        t += step * (2 + Math.floor(10 * random.uniform()));
      } else {
        t += step + Math.round((random.uniform() - 0.5) * 0.2 * step);
      }
    }
    out[i] = t;
  }
  return out;
}

/** Seeded Fisher–Yates shuffle of a copy. */
function shuffled(values: Float64Array, seed: number): Float64Array {
  const random = seededRandom(seed);
  const out = values.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/** Residual-like noise: normal with a few wild values, as a robust fit sees it. */
function noisy(length: number, seed: number): Float64Array {
  const r = normalArray(length, seed);
  const random = seededRandom(seed + 1000);
  for (let i = 0; i < length; i++) {
    if (random.uniform() < 0.03) {
      r[i] *= 4 + 20 * random.uniform();
    }
  }
  return r;
}

/** First-order autoregressive noise (a residual with memory) on top of `noisy`. */
function autoregressive(length: number, seed: number, phi: number): Float64Array {
  const r = noisy(length, seed);
  for (let i = 1; i < length; i++) {
    r[i] += phi * r[i - 1];
  }
  return r;
}

/** Weights as a robust fit leaves them: mostly 1, some downweighted, some 0. */
function fitWeights(length: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length }, () => {
    const u = random.uniform();
    return u < 0.05 ? 0 : u < 0.12 ? random.uniform() : 1;
  });
}

const SPECIALS = [NaN, Infinity, -Infinity];

function quantileCases(): QuantileCase[] {
  const qs = [0, 1, 0.5, 0.25, 0.75, 0.01, 0.99, 0.999, 1 / 3, 0.123456789, -0.5, 1.5];
  const random = seededRandom(41);
  const ties = Float64Array.from({ length: 1001 }, () => Math.floor(5 * random.uniform()));
  const ascending = Float64Array.from({ length: 2000 }, (_, i) => i * 0.5);
  const sawtooth = Float64Array.from({ length: LARGE }, (_, i) => (i % 17) - 8);
  const withInfinities = f64([3, -Infinity, 1, Infinity, 2, Infinity, 0]);
  return [
    { name: 'no values', values: new Float64Array(0), q: [0, 0.5, 1] },
    { name: 'one value', values: f64([3.5]), q: qs },
    { name: 'two values', values: f64([7, -2]), q: qs },
    { name: 'four values (numpy: q = 0.25 gives 1.75)', values: f64([4, 1, 3, 2]), q: qs },
    { name: 'ties: 1001 values from five integers', values: ties, q: qs },
    { name: 'all equal', values: new Float64Array(64).fill(-1.25), q: qs },
    { name: 'sorted ascending', values: ascending, q: qs },
    { name: 'sorted descending', values: ascending.slice().reverse(), q: qs },
    { name: 'sawtooth (periodic, many ties)', values: sawtooth, q: qs },
    { name: `${LARGE} noisy residuals`, values: noisy(LARGE, 42), q: qs },
    {
      name: `${LARGE} residual magnitudes (abs, as the band's tail uses)`,
      values: noisy(LARGE, 43).map(Math.abs),
      q: qs,
    },
    { name: 'infinities at both ends (interpolation between them is NaN)', values: withInfinities, q: qs },
    // The model never passes NaN; the order it gives is meaningless but both sides must pick the same pivots.
    { name: 'NaN first among values', values: f64([NaN, 5, 1, 4, 2, 3]), q: qs },
    { name: 'NaN in the middle', values: f64([1, 2, 3, NaN, 5, 6, 7]), q: qs },
    { name: 'q is NaN', values: f64([4, 1, 3, 2]), q: [NaN] },
  ].map(({ name, values, q }) => ({
    name,
    values: toJson(values),
    q: toJson(q),
    expected: toJson(q.map((x) => typescriptKernels.quantile(values, x))),
  }));
}

function madSigmaCases(): MadSigmaCase[] {
  const random = seededRandom(51);
  const ties = Float64Array.from({ length: 999 }, () => Math.floor(3 * random.uniform()));
  const mostlyEqual = new Float64Array(101).fill(4);
  mostlyEqual[3] = 1000;
  mostlyEqual[50] = -3;
  return [
    { name: 'no values (0)', values: new Float64Array(0) },
    { name: 'one value (0)', values: f64([12.5]) },
    { name: 'one wild value among five', values: f64([4, 1000, 1, 3, 2]) },
    { name: 'even count', values: f64([10, -4, 7, 7, 1, 2.5]) },
    { name: 'more than half equal (0)', values: mostlyEqual },
    { name: 'ties: 999 values from three integers', values: ties },
    { name: 'infinities in the tails', values: f64([1, Infinity, 2, -Infinity, 3, 4, 5]) },
    { name: `${LARGE} noisy residuals`, values: noisy(LARGE, 52) },
    {
      name: `${LARGE} noisy residuals, every 37th NaN`,
      values: noisy(LARGE, 5).map((v, i) => (i % 37 === 0 ? NaN : v)),
    },
    { name: `${LARGE - 1} first differences`, values: typescriptKernels.differences(noisy(LARGE, 53), false, false) },
  ].map(({ name, values }) => ({
    name,
    values: toJson(values),
    expected: numberToJson(typescriptKernels.madSigma(values)),
  }));
}

function updateResidualsCases(): UpdateResidualsCase[] {
  const ys = noisy(LARGE, 61);
  const fitted = normalArray(LARGE, 62, 0.5);
  const previous = ys.map((y, i) => y - fitted[i] + (i % 7 === 0 ? 0.01 * normalArray(1, 63 + i)[0] : 0));
  return [
    { name: 'no points', ys: new Float64Array(0), fitted: new Float64Array(0), residuals: new Float64Array(0) },
    { name: 'three points (change 2)', ys: f64([1, 2, 3]), fitted: f64([1, 0, 5]), residuals: f64([0, 1, 0]) },
    { name: `${LARGE} points, first iteration (residuals start at 0)`, ys, fitted, residuals: new Float64Array(LARGE) },
    { name: `${LARGE} points, a late iteration (small changes)`, ys, fitted, residuals: previous },
    {
      name: 'NaN and infinities in values, fit and old residuals',
      ys: f64([1, NaN, 3, Infinity, 5, 6, -Infinity, 8]),
      fitted: f64([0.5, 2, NaN, 1, Infinity, 6, 0, 8]),
      residuals: f64([0, 0, 0, 0, 0, NaN, 0, Infinity]),
    },
    {
      name: 'more values than residuals (only residuals.length are read)',
      ys: f64([1, 2, 3, 4]),
      fitted: f64([0, 0, 0, 0]),
      residuals: f64([9, 9]),
    },
  ].map(({ name, ys: y, fitted: fit, residuals }) => {
    const after = residuals.slice();
    const change = typescriptKernels.updateResiduals(y, fit, after);
    return {
      name,
      ys: toJson(y),
      fitted: toJson(fit),
      residuals: toJson(residuals),
      expected: { change: numberToJson(change), residuals: toJson(after) },
    };
  });
}

function hampelWeightsCases(): HampelWeightsCase[] {
  // Scale 2: the knees at 2.5, 4.5 and 9 scales are residuals ±5, ±9 and ±18 exactly.
  const knees = f64([0, 5, -5, 5.000001, 7, -9, 9.5, 12, -18, 18, 18.000001, -40, 4.999999]);
  return [
    { name: 'no residuals', residuals: new Float64Array(0), scale: 1 },
    { name: 'on and around the knees (scale 2)', residuals: knees, scale: 2 },
    { name: 'negative scale', residuals: knees, scale: -2 },
    { name: 'scale 0 (every non-zero residual is infinitely far, 0/0 is NaN)', residuals: knees, scale: 0 },
    { name: 'NaN and infinite residuals', residuals: f64([1, NaN, Infinity, -Infinity, -1]), scale: 0.5 },
    { name: 'NaN scale', residuals: f64([1, 0, -1]), scale: NaN },
    { name: `${LARGE} noisy residuals`, residuals: noisy(LARGE, 71), scale: 1.3 },
  ].map(({ name, residuals, scale }) => {
    const fill = -999.5;
    const weights = new Float64Array(residuals.length).fill(fill);
    const deficit = new Float64Array(residuals.length).fill(fill);
    const below = typescriptKernels.hampelWeights(residuals, scale, weights, deficit);
    return {
      name,
      residuals: toJson(residuals),
      scale: numberToJson(scale),
      fill,
      expected: { below, weights: toJson(weights), deficit: toJson(deficit) },
    };
  });
}

function scaledCases(): ScaledCase[] {
  const values = f64([1, -2, 3, -0.5, 0, NaN, Infinity, -Infinity, 7.25]);
  const keep = f64([1, 0.5, 0, -1, 1, 1, NaN, 1, 1e-300]);
  const large = noisy(LARGE, 81);
  const largeKeep = fitWeights(LARGE, 82);
  return [
    { name: 'no values', values: new Float64Array(0), factor: 2, abs: false, keep: null },
    { name: 'no values, empty keep', values: new Float64Array(0), factor: 2, abs: true, keep: new Float64Array(0) },
    { name: 'times 2', values, factor: 2, abs: false, keep: null },
    { name: 'times −3, magnitudes', values, factor: -3, abs: true, keep: null },
    { name: 'times 0 (infinities give NaN)', values, factor: 0, abs: false, keep: null },
    { name: 'keep: zeros, negatives and NaN drop rows', values, factor: 1.5, abs: false, keep },
    { name: 'keep nothing', values, factor: 1, abs: true, keep: new Float64Array(values.length) },
    { name: `${LARGE} residuals to y units`, values: large, factor: 123.456, abs: false, keep: null },
    { name: `${LARGE} residuals, weighted rows, magnitudes`, values: large, factor: 0.37, abs: true, keep: largeKeep },
  ].map(({ name, values: v, factor, abs, keep: k }) => ({
    name,
    values: toJson(v),
    factor: numberToJson(factor),
    abs,
    keep: k === null ? null : toJson(k),
    expected: toJson(typescriptKernels.scaled(v, factor, abs, k)),
  }));
}

function addScaledCases(): AddScaledCase[] {
  return [
    { name: 'no values', target: new Float64Array(0), values: new Float64Array(0), factor: 1 },
    { name: 'subtract', target: f64([1, 1, 5]), values: f64([2, 3, -1]), factor: -1 },
    {
      name: 'NaN and infinities',
      target: f64([NaN, 1, Infinity, Infinity, 0, 2]),
      values: f64([1, NaN, 1, -Infinity, Infinity, 3]),
      factor: 0.5,
    },
    {
      name: 'values longer than the target (only target.length are read)',
      target: f64([1, 2]),
      values: f64([10, 20, 30]),
      factor: 3,
    },
    { name: `${LARGE} points`, target: noisy(LARGE, 91), values: normalArray(LARGE, 92, 100), factor: 0.731 },
  ].map(({ name, target, values, factor }) => {
    const after = target.slice();
    typescriptKernels.addScaled(after, values, factor);
    return {
      name,
      target: toJson(target),
      values: toJson(values),
      factor: numberToJson(factor),
      expected: toJson(after),
    };
  });
}

function differencesCases(): DifferencesCase[] {
  const unsorted = f64([5, 0, 3, 3, 9, -2.5, 9, 1e-9]);
  const times = irregularTimes(LARGE, 101);
  const counts = Float64Array.from(noisy(LARGE, 102), (v) => Math.round(10 * v) / 4);
  const withNaN = f64([3, NaN, 1, 2, NaN, 5, 5]);
  const countsWithNaN = counts.map((v, i) => (i % 37 === 0 ? NaN : v));
  const cases: Array<{ name: string; values: Float64Array; sort: boolean; positive_only: boolean }> = [];
  for (const sort of [false, true]) {
    for (const positiveOnly of [false, true]) {
      cases.push({ name: 'unsorted with duplicates', values: unsorted, sort, positive_only: positiveOnly });
    }
  }
  cases.push(
    { name: 'no values', values: new Float64Array(0), sort: true, positive_only: false },
    { name: 'one value', values: f64([4]), sort: false, positive_only: true },
    { name: 'infinities', values: f64([1, Infinity, 2, -Infinity, Infinity]), sort: false, positive_only: false },
    {
      name: 'infinities, sorted',
      values: f64([1, Infinity, 2, -Infinity, Infinity]),
      sort: true,
      positive_only: false,
    },
    // A Float64Array sorts NaN last, so the NaN differences come last too.
    { name: 'NaN, in order', values: withNaN, sort: false, positive_only: false },
    { name: 'NaN, sorted copy (NaNs last)', values: withNaN, sort: true, positive_only: false },
    { name: 'NaN, sorted copy, positive gaps', values: withNaN, sort: true, positive_only: true },
    {
      name: `${LARGE} quantised values with NaN, sorted copy`,
      values: countsWithNaN,
      sort: true,
      positive_only: false,
    },
    { name: `${LARGE} irregular times (spacing)`, values: times, sort: false, positive_only: true },
    { name: `${LARGE} irregular times, all gaps`, values: times, sort: false, positive_only: false },
    { name: `${LARGE} shuffled times, sorted copy`, values: shuffled(times, 103), sort: true, positive_only: true },
    { name: `${LARGE} quantised values (resolution)`, values: counts, sort: true, positive_only: true }
  );
  return cases.map((c) => ({
    ...c,
    values: toJson(c.values),
    expected: toJson(typescriptKernels.differences(c.values, c.sort, c.positive_only)),
  }));
}

function firstNonFiniteCases(): FirstNonFiniteCase[] {
  const large = noisy(LARGE, 111);
  const last = large.slice();
  last[LARGE - 1] = NaN;
  const middle = large.slice();
  middle[1234] = -Infinity;
  middle[2345] = NaN;
  return [
    { name: 'no values (−1)', values: new Float64Array(0) },
    { name: 'all finite (−1)', values: f64([0, -1, 1e308, -1e-308]) },
    { name: 'NaN first', values: f64([NaN, 1, Infinity]) },
    { name: 'infinity before NaN', values: f64([1, 2, Infinity, NaN]) },
    { name: '−infinity', values: f64([1, -Infinity]) },
    { name: `${LARGE} finite (−1)`, values: large },
    { name: `${LARGE}, NaN only at the last index`, values: last },
    { name: `${LARGE}, −infinity at 1234 and NaN at 2345`, values: middle },
  ].map(({ name, values }) => ({
    name,
    values: toJson(values),
    expected: typescriptKernels.firstNonFinite(values),
  }));
}

function trainingRowsCases(): TrainingRowsCase[] {
  // Unsorted with duplicate times: stability shows in the values (their original index).
  const ts = f64([5, 1, 3, 1, 4, 2, 1, 5, 0]);
  const vs = f64([50, 10, NaN, 11, 40, 20, 12, Infinity, -Infinity]);
  const sortedTimes = irregularTimes(LARGE, 121);
  const shuffledTimes = shuffled(sortedTimes, 122);
  const largeValues = Float64Array.from({ length: LARGE }, (_, i) =>
    i % 13 === 0 ? NaN : i % 101 === 0 ? Infinity : i + 0.25
  );
  const exclude = f64([
    sortedTimes[100],
    sortedTimes[180],
    sortedTimes[1500],
    sortedTimes[1500],
    sortedTimes[2900],
    sortedTimes[2950],
  ]);
  const oneLate = sortedTimes.slice();
  oneLate[LARGE - 1] = sortedTimes[10];
  return [
    {
      name: 'no points',
      timestamps: new Float64Array(0),
      values: new Float64Array(0),
      exclude: new Float64Array(0),
      room: 0,
    },
    {
      name: 'unsorted, duplicates, NaN and infinite values',
      timestamps: ts,
      values: vs,
      exclude: new Float64Array(0),
      room: 0,
    },
    { name: 'one excluded range, inclusive at both ends', timestamps: ts, values: vs, exclude: f64([3, 4]), room: 0 },
    {
      name: 'a point range [5, 5] and more room than points',
      timestamps: ts,
      values: vs,
      exclude: f64([5, 5]),
      room: 3,
    },
    {
      name: 'odd exclude length (the unpaired start is ignored)',
      timestamps: ts,
      values: vs,
      exclude: f64([0, 1, 2]),
      room: 0,
    },
    { name: 'NaN bounds exclude nothing', timestamps: ts, values: vs, exclude: f64([NaN, 10, -10, NaN]), room: 0 },
    { name: 'everything excluded', timestamps: ts, values: vs, exclude: f64([-Infinity, Infinity]), room: 0 },
    {
      name: `${LARGE} sorted times with duplicates (no sort)`,
      timestamps: sortedTimes,
      values: largeValues,
      exclude,
      room: 0,
    },
    {
      name: `${LARGE} shuffled times with duplicates (stable sort)`,
      timestamps: shuffledTimes,
      values: largeValues,
      exclude,
      room: 0,
    },
    {
      name: `${LARGE} sorted but the last (sort)`,
      timestamps: oneLate,
      values: largeValues,
      exclude: new Float64Array(0),
      room: 0,
    },
  ].map(({ name, timestamps, values, exclude: ex, room }) => {
    const fill = -999.5;
    const outTimes = new Float64Array(timestamps.length + room).fill(fill);
    const outValues = new Float64Array(timestamps.length + room).fill(fill);
    const count = typescriptKernels.trainingRows(timestamps, values, ex, outTimes, outValues);
    return {
      name,
      timestamps: toJson(timestamps),
      values: toJson(values),
      exclude: toJson(ex),
      room,
      fill,
      expected: { count, out_times: toJson(outTimes), out_values: toJson(outValues) },
    };
  });
}

function lagCorrelationCases(): LagCorrelationCase[] {
  const grid = Float64Array.from({ length: 40 }, (_, i) => i * 10);
  const alternating = Float64Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : -1));
  const ones = new Float64Array(40).fill(1);
  const residuals = autoregressive(LARGE, 132, 0.6);
  const withNaN = residuals.slice();
  withNaN[777] = NaN;
  const large = { timestamps: irregularTimes(LARGE, 131), weights: fitWeights(LARGE, 133) };
  const largeCalls = [
    { name: 'one step', lag_ms: STEP, tolerance_ms: STEP / 5, min_pairs: 50 },
    { name: 'one day', lag_ms: DAY, tolerance_ms: STEP / 2, min_pairs: 50 },
    { name: 'lag 0 (duplicates and near neighbours)', lag_ms: 0, tolerance_ms: STEP, min_pairs: 1 },
    { name: 'exact lag, no tolerance', lag_ms: STEP, tolerance_ms: 0, min_pairs: 1 },
    { name: 'fewer pairs than min_pairs (NaN)', lag_ms: DAY, tolerance_ms: STEP / 2, min_pairs: 100_000 },
  ];
  return [
    {
      name: 'no points',
      timestamps: new Float64Array(0),
      residuals: new Float64Array(0),
      weights: new Float64Array(0),
      calls: [{ name: 'min_pairs 0 (still NaN: no variance)', lag_ms: 10, tolerance_ms: 5, min_pairs: 0 }],
    },
    {
      name: '40 alternating residuals, 10 apart',
      timestamps: grid,
      residuals: alternating,
      weights: ones,
      calls: [
        { name: 'one step (−1)', lag_ms: 10, tolerance_ms: 5, min_pairs: 10 },
        { name: 'two steps (1)', lag_ms: 20, tolerance_ms: 5, min_pairs: 10 },
        { name: 'too few pairs (NaN)', lag_ms: 350, tolerance_ms: 5, min_pairs: 10 },
        { name: 'exactly min_pairs pairs', lag_ms: 350, tolerance_ms: 5, min_pairs: 5 },
      ],
    },
    {
      name: '40 zero residuals (no variance)',
      timestamps: grid,
      residuals: new Float64Array(40),
      weights: ones,
      calls: [{ name: 'NaN', lag_ms: 10, tolerance_ms: 5, min_pairs: 1 }],
    },
    {
      name: '40 alternating residuals, every other weight 0',
      timestamps: grid,
      residuals: alternating,
      weights: alternating.map((v) => (v > 0 ? 1 : 0)),
      calls: [
        { name: 'two steps, no tolerance', lag_ms: 20, tolerance_ms: 0, min_pairs: 1 },
        { name: 'one step (every pair has a zero weight: NaN)', lag_ms: 10, tolerance_ms: 0, min_pairs: 1 },
      ],
    },
    { name: `${LARGE} irregular points, autoregressive residuals`, ...large, residuals, calls: largeCalls },
    {
      name: `${LARGE} irregular points, one NaN residual (NaN)`,
      ...large,
      residuals: withNaN,
      calls: largeCalls.slice(0, 1),
    },
  ].map((c) => ({
    name: c.name,
    timestamps: toJson(c.timestamps),
    residuals: toJson(c.residuals),
    weights: toJson(c.weights),
    calls: c.calls.map((call) => ({
      ...call,
      expected: numberToJson(
        typescriptKernels.lagCorrelation(
          c.timestamps,
          c.residuals,
          c.weights,
          call.lag_ms,
          call.tolerance_ms,
          call.min_pairs
        )
      ),
    })),
  }));
}

function seasonalRemainderCases(): SeasonalRemainderCase[] {
  const residuals = autoregressive(LARGE, 142, 0.3);
  const withNaN = residuals.slice();
  withNaN[500] = NaN;
  const large = { timestamps: irregularTimes(LARGE, 141), weights: fitWeights(LARGE, 143) };
  return [
    {
      name: 'no points',
      timestamps: new Float64Array(0),
      residuals: new Float64Array(0),
      weights: new Float64Array(0),
      calls: [{ name: 'any period', period_ms: 20, tolerance_ms: 5, rho: 0.5 }],
    },
    {
      name: 'four points, a zero weight',
      timestamps: f64([0, 10, 20, 30]),
      residuals: f64([1, 2, 3, 4]),
      weights: f64([1, 0, 1, 1]),
      calls: [{ name: 'two steps', period_ms: 20, tolerance_ms: 5, rho: 0.5 }],
    },
    {
      name: 'duplicate times',
      timestamps: f64([0, 0, 10, 10, 20]),
      residuals: f64([1, 2, 3, 4, 5]),
      weights: f64([1, 1, 1, 1, 1]),
      calls: [
        { name: 'one step, no tolerance', period_ms: 10, tolerance_ms: 0, rho: 1 },
        { name: 'period 0 (the earlier duplicate)', period_ms: 0, tolerance_ms: 0, rho: 1 },
      ],
    },
    {
      name: `${LARGE} irregular points, autoregressive residuals`,
      ...large,
      residuals,
      calls: [
        { name: 'one day, rho 0.4', period_ms: DAY, tolerance_ms: STEP / 2, rho: 0.4 },
        { name: 'one step, rho −0.7', period_ms: STEP, tolerance_ms: STEP / 5, rho: -0.7 },
        { name: 'rho 0', period_ms: DAY, tolerance_ms: STEP / 2, rho: 0 },
      ],
    },
    {
      name: `${LARGE} irregular points, a NaN residual`,
      ...large,
      residuals: withNaN,
      calls: [{ name: 'carried a day', period_ms: DAY, tolerance_ms: STEP / 2, rho: 0.4 }],
    },
  ].map((c) => ({
    name: c.name,
    timestamps: toJson(c.timestamps),
    residuals: toJson(c.residuals),
    weights: toJson(c.weights),
    calls: c.calls.map((call) => ({
      ...call,
      expected: toJson(
        typescriptKernels.seasonalRemainder(
          c.timestamps,
          c.residuals,
          c.weights,
          call.period_ms,
          call.tolerance_ms,
          call.rho
        )
      ),
    })),
  }));
}

function judgeCases(): JudgeCase[] {
  const summary = f64([2, 1, 2 / 1.28, 1 / 1.28, 1.28]);
  const yhat5 = f64([10, 10, 10, 10, 10]);
  // Band [8, 11] around 10: values on the edges are inside, just past them outside.
  const edges = f64([8, 11, 7.999999, 11.000001, 10]);
  const random = seededRandom(151);
  const yhat = Float64Array.from({ length: LARGE }, (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / 288));
  const noise = noisy(LARGE, 152);
  const values = Float64Array.from(yhat, (y, i) => {
    const u = random.uniform();
    return u < 0.02 ? NaN : u < 0.025 ? SPECIALS[i % 3] : y + 1.5 * noise[i];
  });
  const extra = Float64Array.from({ length: LARGE }, (_, i) => (i < 2500 ? 0 : 0.01 * (i - 2500)));
  const largeSummary = f64([3.1, 2.4, 1.2, 0.9, 2.576]);
  return [
    { name: 'no points', yhat: new Float64Array(0), values: new Float64Array(0), extra: null, summary },
    { name: 'on and past the band edges', yhat: yhat5, values: edges, extra: null, summary },
    { name: 'no values (bands only)', yhat: yhat5, values: null, extra: f64([1, 0, 0.5, 2, 0]), summary },
    {
      name: 'NaN and infinite values',
      yhat: yhat5,
      values: f64([NaN, Infinity, -Infinity, 10.5, 7.5]),
      extra: null,
      summary,
    },
    {
      name: 'zero scales: on the expectation 0/0 scores NaN',
      yhat: yhat5,
      values: f64([10, 10.5, 9, 10, 10]),
      extra: null,
      summary: f64([0, 0, 0, 0, 1.96]),
    },
    {
      name: `${LARGE} points, values with spikes, NaN and infinities`,
      yhat,
      values,
      extra: null,
      summary: largeSummary,
    },
    { name: `${LARGE} points, extra variance growing over the last 501`, yhat, values, extra, summary: largeSummary },
    { name: `${LARGE} points, no values, extra variance`, yhat, values: null, extra, summary: largeSummary },
  ].map(({ name, yhat: y, values: v, extra: e, summary: s }) => {
    const fill = -999.5;
    const outlierFill = 7;
    const n = y.length;
    const lower = new Float64Array(n).fill(fill);
    const upper = new Float64Array(n).fill(fill);
    const outlier = new Int8Array(n).fill(outlierFill);
    const score = new Float64Array(n).fill(fill);
    typescriptKernels.judge(y, v, e, s, lower, upper, outlier, score);
    return {
      name,
      yhat: toJson(y),
      values: v === null ? null : toJson(v),
      extra_variance: e === null ? null : toJson(e),
      summary: toJson(s),
      fill,
      outlier_fill: outlierFill,
      expected: { lower: toJson(lower), upper: toJson(upper), outlier: Array.from(outlier), score: toJson(score) },
    };
  });
}

// ---- Whole-model case -------------------------------------------------------------------------------

interface ModelCase {
  description: string;
  params: Record<string, unknown>;
  timestamps: Numbers;
  values: Numbers;
  expected: {
    yhat: Numbers;
    yhat_lower: Numbers;
    yhat_upper: Numbers;
    score: Numbers;
    outlier: number[];
  };
}

/** Two weeks of 5-minute demo data over Chuseok 2025 with gaps and a spike, as the CLI's `detect` judges it. */
function modelCase(): ModelCase {
  const end = Date.UTC(2025, 9, 12);
  const series = generateDemoSeries({ start: end - 14 * DAY, end, seed: 7 });
  const values = Float64Array.from(series.values);
  for (let i = 0; i < values.length; i++) {
    if (i % 97 === 0 || (i >= 2000 && i < 2012)) {
      values[i] = NaN;
    }
  }
  values[3000] *= 3;
  const params = { country_holidays: ['KR'], holidays_tz_offset_minutes: 540, interval_width: 0.99 };
  const detection = detectBatch(series.timestamps, values, params);
  return {
    description:
      'Two weeks of 5-minute demo data (seed 7, Chuseok 2025) with every 97th value and one hour missing and a 3× spike at row 3000; expected = detectBatch (the CLI detect default) on TypeScript kernels.',
    params,
    timestamps: toJson(series.timestamps),
    values: toJson(values),
    expected: {
      yhat: toJson(detection.yhat),
      yhat_lower: toJson(detection.yhat_lower),
      yhat_upper: toJson(detection.yhat_upper),
      score: toJson(detection.score),
      outlier: Array.from(detection.outlier),
    },
  };
}

// ---- Tests ------------------------------------------------------------------------------------------

const KERNEL_FILES = {
  designMatrix: designCases,
  weightedGram: gramCases,
  solveSpd: solveCases,
  multiply: multiplyCases,
  quantile: quantileCases,
  madSigma: madSigmaCases,
  updateResiduals: updateResidualsCases,
  hampelWeights: hampelWeightsCases,
  scaled: scaledCases,
  addScaled: addScaledCases,
  differences: differencesCases,
  firstNonFinite: firstNonFiniteCases,
  trainingRows: trainingRowsCases,
  lagCorrelation: lagCorrelationCases,
  seasonalRemainder: seasonalRemainderCases,
  judge: judgeCases,
};
const MODEL_FILE = ['model', 'detect-kr-5min.json'];

if (UPDATE) {
  beforeAll(() => {
    for (const [kernel, make] of Object.entries(KERNEL_FILES)) {
      writeFixture({ kernel, cases: make() }, 'kernels', `${kernel}.json`);
    }
    writeFixture(modelCase(), ...MODEL_FILE);
  });
}

describe('shared kernel vectors (testdata/fixtures/kernels)', () => {
  it('designMatrix(timestamps, layout, multiplicative) reproduces every case', () => {
    const { cases } = readFixture<{ cases: DesignCase[] }>('kernels', 'designMatrix.json');
    expect(cases.length).toBeGreaterThanOrEqual(4);
    for (const c of cases) {
      const m = c.multiplicative
        ? { columns: Int32Array.from(c.multiplicative.columns), row_scale: fromJson(c.multiplicative.row_scale) }
        : undefined;
      const X = typescriptKernels.designMatrix(fromJson(c.timestamps), c.layout, m);
      expectClose(X, c.expected, KERNEL_TOLERANCE, c.name);
    }
  });

  it('weightedGram(X, n, p, y, w) reproduces every case', () => {
    const { cases } = readFixture<{ cases: GramCase[] }>('kernels', 'weightedGram.json');
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const c of cases) {
      const { gram, xty } = typescriptKernels.weightedGram(
        fromJson(c.X),
        c.n,
        c.p,
        fromJson(c.y),
        c.w ? fromJson(c.w) : null
      );
      expectClose(gram, c.expected.gram, KERNEL_TOLERANCE, `${c.name} gram`);
      expectClose(xty, c.expected.xty, KERNEL_TOLERANCE, `${c.name} xty`);
    }
  });

  it('solveSpd(A, b, p) reproduces every solution and the indefinite error', () => {
    const { cases } = readFixture<{ cases: SolveCase[] }>('kernels', 'solveSpd.json');
    expect(cases.some((c) => 'error' in c.expected)).toBe(true);
    for (const c of cases) {
      const solve = () => typescriptKernels.solveSpd(fromJson(c.A), fromJson(c.b), c.p);
      if ('error' in c.expected) {
        expect(solve).toThrow(c.expected.error);
      } else {
        expectClose(solve(), c.expected.x, KERNEL_TOLERANCE, c.name);
      }
    }
  });

  it('multiply(X, n, p, beta, from, to) reproduces every case', () => {
    const { cases } = readFixture<{ cases: MultiplyCase[] }>('kernels', 'multiply.json');
    for (const c of cases) {
      const out = typescriptKernels.multiply(fromJson(c.X), c.n, c.p, fromJson(c.beta), c.from, c.to);
      expectClose(out, c.expected, KERNEL_TOLERANCE, c.name);
    }
  });

  it('the tolerance check fails on a real difference', () => {
    expect(() => expectClose([1, 2.000001], [1, 2], KERNEL_TOLERANCE, 'probe')).toThrow('probe[1]');
    expect(() => expectClose([NaN], [1], KERNEL_TOLERANCE, 'probe')).toThrow('probe[0]');
    expect(() => expectClose([Infinity], [1e308], KERNEL_TOLERANCE, 'probe')).toThrow('probe[0]');
    expect(() => expectClose([Infinity], ['-Infinity'], KERNEL_TOLERANCE, 'probe')).toThrow('probe[0]');
    expect(() => expectClose([NaN], ['Infinity'], KERNEL_TOLERANCE, 'probe')).toThrow('probe[0]');
    expect(() => expectClose([NaN, Infinity, -Infinity], [null, 'Infinity', '-Infinity'], 0, 'probe')).not.toThrow();
  });

  it('±Infinity round-trips through the fixture convention', () => {
    const values = [1.5, NaN, Infinity, -Infinity, -0.25];
    const json = JSON.parse(JSON.stringify(toJson(values))) as Numbers;
    expect(json).toEqual([1.5, null, 'Infinity', '-Infinity', -0.25]);
    expect(Array.from(fromJson(json))).toEqual(values);
  });
});

/** Inputs the kernels must not modify: compared bit for bit (NaN equal to NaN) after the call. */
function expectUnchanged(actual: Float64Array, fixture: Numbers, what: string): void {
  expect({ what, values: Array.from(actual) }).toEqual({ what, values: Array.from(fromJson(fixture)) });
}

describe('shared per-point kernel vectors (testdata/fixtures/kernels)', () => {
  function cases<T>(kernel: string, atLeast: number): T[] {
    const file = readFixture<{ kernel: string; cases: T[] }>('kernels', `${kernel}.json`);
    expect(file.kernel).toBe(kernel);
    expect(file.cases.length).toBeGreaterThanOrEqual(atLeast);
    return file.cases;
  }

  it('quantile(values, q) reproduces every case and leaves values alone', () => {
    for (const c of cases<QuantileCase>('quantile', 10)) {
      const values = fromJson(c.values);
      const got = Array.from(fromJson(c.q), (q) => typescriptKernels.quantile(values, q));
      expectClose(got, c.expected, KERNEL_TOLERANCE, c.name);
      expectUnchanged(values, c.values, c.name);
    }
  });

  it('madSigma(values) reproduces every case and leaves values alone', () => {
    for (const c of cases<MadSigmaCase>('madSigma', 8)) {
      const values = fromJson(c.values);
      expectClose([typescriptKernels.madSigma(values)], [c.expected], KERNEL_TOLERANCE, c.name);
      expectUnchanged(values, c.values, c.name);
    }
  });

  it('updateResiduals(ys, fitted, residuals) reproduces the change and the residuals written', () => {
    for (const c of cases<UpdateResidualsCase>('updateResiduals', 5)) {
      const residuals = fromJson(c.residuals);
      const change = typescriptKernels.updateResiduals(fromJson(c.ys), fromJson(c.fitted), residuals);
      expectClose([change], [c.expected.change], KERNEL_TOLERANCE, `${c.name} change`);
      expectClose(residuals, c.expected.residuals, KERNEL_TOLERANCE, `${c.name} residuals`);
    }
  });

  it('hampelWeights(residuals, scale, weights, deficit) reproduces the count and both arrays written', () => {
    for (const c of cases<HampelWeightsCase>('hampelWeights', 6)) {
      const n = c.residuals.length;
      const weights = new Float64Array(n).fill(c.fill);
      const deficit = new Float64Array(n).fill(c.fill);
      const below = typescriptKernels.hampelWeights(fromJson(c.residuals), numberFromJson(c.scale), weights, deficit);
      expect({ name: c.name, below }).toEqual({ name: c.name, below: c.expected.below });
      expectClose(weights, c.expected.weights, KERNEL_TOLERANCE, `${c.name} weights`);
      expectClose(deficit, c.expected.deficit, KERNEL_TOLERANCE, `${c.name} deficit`);
    }
  });

  it('scaled(values, factor, abs, keep) reproduces every case', () => {
    for (const c of cases<ScaledCase>('scaled', 8)) {
      const keep = c.keep === null ? null : fromJson(c.keep);
      const out = typescriptKernels.scaled(fromJson(c.values), numberFromJson(c.factor), c.abs, keep);
      expectClose(out, c.expected, KERNEL_TOLERANCE, c.name);
    }
  });

  it('addScaled(target, values, factor) reproduces the target written', () => {
    for (const c of cases<AddScaledCase>('addScaled', 4)) {
      const target = fromJson(c.target);
      typescriptKernels.addScaled(target, fromJson(c.values), numberFromJson(c.factor));
      expectClose(target, c.expected, KERNEL_TOLERANCE, c.name);
    }
  });

  it('differences(values, sort, positiveOnly) reproduces every case and leaves values alone', () => {
    for (const c of cases<DifferencesCase>('differences', 10)) {
      const values = fromJson(c.values);
      const out = typescriptKernels.differences(values, c.sort, c.positive_only);
      expectClose(out, c.expected, KERNEL_TOLERANCE, c.name);
      expectUnchanged(values, c.values, c.name);
    }
  });

  it('firstNonFinite(values) reproduces every index', () => {
    for (const c of cases<FirstNonFiniteCase>('firstNonFinite', 6)) {
      const index = typescriptKernels.firstNonFinite(fromJson(c.values));
      expect({ name: c.name, index }).toEqual({ name: c.name, index: c.expected });
    }
  });

  it('trainingRows(timestamps, values, exclude, outTimes, outValues) reproduces the count and both arrays', () => {
    for (const c of cases<TrainingRowsCase>('trainingRows', 8)) {
      const size = c.timestamps.length + c.room;
      const outTimes = new Float64Array(size).fill(c.fill);
      const outValues = new Float64Array(size).fill(c.fill);
      const count = typescriptKernels.trainingRows(
        fromJson(c.timestamps),
        fromJson(c.values),
        fromJson(c.exclude),
        outTimes,
        outValues
      );
      expect({ name: c.name, count }).toEqual({ name: c.name, count: c.expected.count });
      expectClose(outTimes, c.expected.out_times, KERNEL_TOLERANCE, `${c.name} out_times`);
      expectClose(outValues, c.expected.out_values, KERNEL_TOLERANCE, `${c.name} out_values`);
    }
  });

  it('lagCorrelation(timestamps, residuals, weights, lag, tolerance, minPairs) reproduces every call', () => {
    const all = cases<LagCorrelationCase>('lagCorrelation', 5);
    expect(all.some((c) => c.calls.some((call) => call.expected === null))).toBe(true);
    for (const c of all) {
      const [timestamps, residuals, weights] = [fromJson(c.timestamps), fromJson(c.residuals), fromJson(c.weights)];
      for (const call of c.calls) {
        const r = typescriptKernels.lagCorrelation(
          timestamps,
          residuals,
          weights,
          call.lag_ms,
          call.tolerance_ms,
          call.min_pairs
        );
        expectClose([r], [call.expected], KERNEL_TOLERANCE, `${c.name}: ${call.name}`);
      }
    }
  });

  it('seasonalRemainder(timestamps, residuals, weights, period, tolerance, rho) reproduces every call', () => {
    for (const c of cases<SeasonalRemainderCase>('seasonalRemainder', 5)) {
      const [timestamps, residuals, weights] = [fromJson(c.timestamps), fromJson(c.residuals), fromJson(c.weights)];
      for (const call of c.calls) {
        const out = typescriptKernels.seasonalRemainder(
          timestamps,
          residuals,
          weights,
          call.period_ms,
          call.tolerance_ms,
          call.rho
        );
        expectClose(out, call.expected, KERNEL_TOLERANCE, `${c.name}: ${call.name}`);
      }
    }
  });

  it('judge(yhat, values, extraVariance, summary, ...) reproduces lower, upper, outlier and score', () => {
    const all = cases<JudgeCase>('judge', 7);
    expect(all.some((c) => c.expected.outlier.includes(1) && c.expected.outlier.includes(-1))).toBe(true);
    for (const c of all) {
      const n = c.yhat.length;
      const lower = new Float64Array(n).fill(c.fill);
      const upper = new Float64Array(n).fill(c.fill);
      const outlier = new Int8Array(n).fill(c.outlier_fill);
      const score = new Float64Array(n).fill(c.fill);
      typescriptKernels.judge(
        fromJson(c.yhat),
        c.values === null ? null : fromJson(c.values),
        c.extra_variance === null ? null : fromJson(c.extra_variance),
        fromJson(c.summary),
        lower,
        upper,
        outlier,
        score
      );
      expectClose(lower, c.expected.lower, KERNEL_TOLERANCE, `${c.name} lower`);
      expectClose(upper, c.expected.upper, KERNEL_TOLERANCE, `${c.name} upper`);
      expect({ name: c.name, outlier: Array.from(outlier) }).toEqual({ name: c.name, outlier: c.expected.outlier });
      expectClose(score, c.expected.score, KERNEL_TOLERANCE, `${c.name} score`);
    }
  });
});

describe('shared whole-model vector (testdata/fixtures/model)', () => {
  it('detectBatch reproduces the stored detection (regenerate the fixtures after a deliberate model change)', () => {
    const c = readFixture<ModelCase>(...MODEL_FILE);
    const detection = detectBatch(fromJson(c.timestamps), fromJson(c.values), c.params);
    expectClose(detection.yhat, c.expected.yhat, MODEL_TOLERANCE, 'yhat');
    expectClose(detection.yhat_lower, c.expected.yhat_lower, MODEL_TOLERANCE, 'yhat_lower');
    expectClose(detection.yhat_upper, c.expected.yhat_upper, MODEL_TOLERANCE, 'yhat_upper');
    expectClose(detection.score, c.expected.score, MODEL_TOLERANCE, 'score');
    expect(Array.from(detection.outlier)).toEqual(c.expected.outlier);
    expect(c.expected.outlier.filter((o) => o !== 0).length).toBeGreaterThan(0);
  });
});
