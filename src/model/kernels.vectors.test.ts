/**
 * Shared test vectors (testdata/fixtures/): the TypeScript kernels and the whole model must reproduce
 * them here, and pkg/engine's Go kernels and engine must reproduce the same files in `go test`.
 *
 * Regenerate after a deliberate change to the kernels or the model:
 *   npm run fixtures:update   (FORESIGHT_UPDATE_FIXTURES=1 npx jest src/model/kernels.vectors.test.ts)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { generateDemoSeries } from '../demo/messagingMetric';
import { seededRandom } from '../demo/random';
import { detectBatch } from './online';
import { typescriptKernels } from './kernels';
import type { DesignLayout } from './types';

const FIXTURES = join(__dirname, '../../testdata/fixtures');
const UPDATE = process.env.FORESIGHT_UPDATE_FIXTURES === '1';
const KERNEL_TOLERANCE = 1e-9;
const MODEL_TOLERANCE = 1e-6;

type Numbers = Array<number | null>;

/** JSON has no NaN: missing values are written as null. */
function toJson(values: ArrayLike<number>): Numbers {
  return Array.from(values, (v) => (Number.isNaN(v) ? null : v));
}

function fromJson(values: Numbers): Float64Array {
  return Float64Array.from(values, (v) => (v === null ? NaN : v));
}

/** |actual − expected| ≤ tolerance · max(1, |expected|), elementwise; NaN only where NaN is expected. */
function expectClose(actual: ArrayLike<number>, expected: Numbers, tolerance: number, what: string): void {
  expect({ what, length: actual.length }).toEqual({ what, length: expected.length });
  let worst = { index: -1, excess: 0 };
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e === null || Number.isNaN(a)) {
      if ((e === null) !== Number.isNaN(a)) {
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
