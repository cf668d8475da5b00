/**
 * The cases of the shared kernel vectors (testdata/fixtures/kernels): for every kernel, arguments in call
 * order. The test beside this folder (kernels.vectors.test.ts) records what the TypeScript kernels give for
 * them; pkg/engine replays the files through the Go kernels. The map's type lists every kernel in `Kernels`,
 * so a kernel without cases does not compile.
 */
import { seededRandom } from '../../demo/random';
import { typescriptKernels } from '../../model';
import type { DesignLayout, JudgeBand, Kernels } from '../../model';
import type { HoltWintersSettings } from '../../model/types';
import { HAMPEL_KNEES, MAD_TO_SIGMA } from '../../model/robust';
import { dayKindDifferenceCases } from './dayKindCases';
import { combineVerdictsCases } from './ensembleCases';
import { networkOutputsCases, trainNetworkCases } from './neuralCases';
import { slotSummariesCases } from './pastCases';
import { equalRunsCases, raiseSustainedCases, rollingMediansCases } from './sustainedCases';
import { collapseRunsCases, decodeFloat64sCases, encodeFloat64sCases, expandRunsCases } from './textCases';
import { coarsestBinaryStepCases, decodeValueStepsCases, encodeValueStepsCases } from './valueStepCases';

export interface KernelCase<K extends keyof Kernels> {
  name: string;
  args: Parameters<Kernels[K]>;
}

type CaseBuilders = { [K in keyof Kernels]: () => Array<KernelCase<K>> };

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

function designMatrixCases(): Array<KernelCase<'designMatrix'>> {
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
  // Work days and off days in UTC+9 (a week phase from Monday 00:00 local), two holidays on work days
  // flipping both, and a block active only inside two ranges (an empty week, flipped on).
  const weekOffset = 9 * HOUR - 4 * DAY;
  const holidayFlips = [
    START + 2 * DAY - 9 * HOUR,
    START + 3 * DAY - 9 * HOUR,
    START + 9 * DAY - 9 * HOUR,
    START + 10 * DAY - 9 * HOUR,
  ];
  const conditional: DesignLayout = {
    ...layout,
    fourier: [
      { period_ms: DAY, order: 4, active: { week_offset_ms: weekOffset, week: [0, 5 * DAY], flip: holidayFlips } },
      {
        period_ms: DAY,
        order: 3,
        active: { week_offset_ms: weekOffset, week: [5 * DAY, 7 * DAY], flip: holidayFlips },
      },
      { period_ms: 7 * DAY, order: 3 },
      {
        period_ms: 12 * HOUR,
        order: 2,
        active: {
          week_offset_ms: 0,
          week: [],
          flip: [START - 4 * DAY, START + DAY, START + 6 * DAY, START + 6.5 * DAY],
        },
      },
    ],
  };
  return [
    { name: 'linear trend, three seasonalities, two holidays', args: [timestamps, layout, undefined] },
    { name: 'conditional seasonalities (work days, off days, ranges)', args: [timestamps, conditional, undefined] },
    { name: 'multiplicative seasonal columns', args: [timestamps, layout, multiplicative] },
    { name: 'flat growth, no holidays', args: [timestamps, flat, undefined] },
    { name: 'no points', args: [new Float64Array(0), layout, undefined] },
  ];
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

function weightedGramCases(): Array<KernelCase<'weightedGram'>> {
  const n = 103; // not a multiple of four: the remainder loop runs too
  const p = 9;
  const X = sparseMatrix(n, p, 11);
  const y = uniformArray(n, 12, -50, 50);
  const w = uniformArray(n, 13, 0, 1).map((v, i) => (i % 4 === 1 ? 0 : v));
  return [
    { name: 'unit weights', args: [X, n, p, y, null] },
    { name: 'weights with zeros', args: [X, n, p, y, w] },
    { name: 'all weights zero', args: [X, n, p, y, new Float64Array(n)] },
  ];
}

function solveSpdCases(): Array<KernelCase<'solveSpd'>> {
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
    { name: 'positive definite', args: [spd, b, p] },
    { name: 'rank one (jitter)', args: [rankOne, b, p] },
    { name: 'negative definite (the error)', args: [negative, b, p] },
  ];
}

function solveColumnsCases(): Array<KernelCase<'solveColumns'>> {
  const n = 60;
  const width = 7;
  const X = sparseMatrix(n, width, 25);
  // The target (last column) partly explained by columns 1 and 2; column 5 repeats column 1 (collinear).
  const noise = uniformArray(n, 26, -0.5, 0.5);
  for (let i = 0; i < n; i++) {
    X[i * width + 5] = X[i * width + 1];
    X[i * width + width - 1] = 2 * X[i * width + 1] - X[i * width + 2] + noise[i];
  }
  const gram = typescriptKernels.weightedGram(X, n, width, new Float64Array(n), null).gram;
  const zeros = new Float64Array(width * width);
  const ridge = 1e-9;
  const floor = 1e-9;
  return [
    { name: 'no columns (the total)', args: [gram, width, new Int32Array(0), ridge, floor] },
    { name: 'one column', args: [gram, width, Int32Array.of(1), ridge, floor] },
    { name: 'columns out of order', args: [gram, width, Int32Array.of(0, 4, 2, 1), ridge, floor] },
    { name: 'collinear columns (the ridge)', args: [gram, width, Int32Array.of(0, 1, 2, 5), ridge, floor] },
    { name: 'all-zero Gram matrix (the floor)', args: [zeros, width, Int32Array.of(0, 3), ridge, floor] },
    { name: 'a column outside the matrix (the error)', args: [gram, width, Int32Array.of(0, 7), ridge, floor] },
    {
      name: 'a Gram matrix too short for its width (the error)',
      args: [gram.subarray(0, 40), width, Int32Array.of(0), ridge, floor],
    },
    {
      name: 'more columns than the matrix has (the error)',
      args: [gram, width, Int32Array.of(0, 1, 2, 3, 4, 5, 1, 2), ridge, floor],
    },
  ];
}

function multiplyCases(): Array<KernelCase<'multiply'>> {
  const n = 57;
  const p = 12;
  const X = sparseMatrix(n, p, 31);
  const beta = uniformArray(p, 32, -2, 2);
  return [
    { name: 'all columns', args: [X, n, p, beta, 0, p] },
    { name: 'a column range', args: [X, n, p, beta, 2, 7] },
    { name: 'an empty range', args: [X, n, p, beta, 5, 5] },
  ];
}

// ---- Per-point kernels (pointKernels.ts, quantile) ----------------------------------------------------

/** A few thousand points, odd, so index walks, remainders and quickselect partitions all get exercised. */
const LARGE = 3001;
const STEP = 300_000;
/** Output arrays start filled with this, so a kernel that skips an entry shows. */
const FILL = -999.5;

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

function quantileCases(): Array<KernelCase<'quantile'>> {
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
  ].flatMap(({ name, values, q }) =>
    q.map((x): KernelCase<'quantile'> => ({ name: `${name}, q = ${x}`, args: [values, x] }))
  );
}

function madSigmaCases(): Array<KernelCase<'madSigma'>> {
  const random = seededRandom(51);
  const ties = Float64Array.from({ length: 999 }, () => Math.floor(3 * random.uniform()));
  const mostlyEqual = new Float64Array(101).fill(4);
  mostlyEqual[3] = 1000;
  mostlyEqual[50] = -3;
  const cases: Array<KernelCase<'madSigma'>> = [
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
  ].map(({ name, values }) => ({ name, args: [values, MAD_TO_SIGMA] }));
  // The factor is the caller's: the raw MAD.
  cases.push({ name: 'one wild value among five, factor 1', args: [f64([4, 1000, 1, 3, 2]), 1] });
  return cases;
}

function updateResidualsCases(): Array<KernelCase<'updateResiduals'>> {
  const ys = noisy(LARGE, 61);
  const fitted = normalArray(LARGE, 62, 0.5);
  const previous = ys.map((y, i) => y - fitted[i] + (i % 7 === 0 ? 0.01 * normalArray(1, 63 + i)[0] : 0));
  return [
    { name: 'no points', args: [new Float64Array(0), new Float64Array(0), new Float64Array(0)] },
    { name: 'three points (change 2)', args: [f64([1, 2, 3]), f64([1, 0, 5]), f64([0, 1, 0])] },
    { name: `${LARGE} points, first iteration (residuals start at 0)`, args: [ys, fitted, new Float64Array(LARGE)] },
    { name: `${LARGE} points, a late iteration (small changes)`, args: [ys, fitted, previous] },
    {
      name: 'NaN and infinities in values, fit and old residuals',
      args: [
        f64([1, NaN, 3, Infinity, 5, 6, -Infinity, 8]),
        f64([0.5, 2, NaN, 1, Infinity, 6, 0, 8]),
        f64([0, 0, 0, 0, 0, NaN, 0, Infinity]),
      ],
    },
    {
      name: 'more values than residuals (only residuals.length are read)',
      args: [f64([1, 2, 3, 4]), f64([0, 0, 0, 0]), f64([9, 9])],
    },
  ];
}

function hampelWeightsCases(): Array<KernelCase<'hampelWeights'>> {
  // Scale 2: the knees at 2.5, 4.5 and 9 scales are residuals ±5, ±9 and ±18 exactly.
  const knees = f64([0, 5, -5, 5.000001, 7, -9, 9.5, 12, -18, 18, 18.000001, -40, 4.999999]);
  const cases: Array<{ name: string; residuals: Float64Array; scale: number; k?: typeof HAMPEL_KNEES }> = [
    { name: 'no residuals', residuals: new Float64Array(0), scale: 1 },
    { name: 'on and around the knees (scale 2)', residuals: knees, scale: 2 },
    { name: 'negative scale', residuals: knees, scale: -2 },
    { name: 'scale 0 (every non-zero residual is infinitely far, 0/0 is NaN)', residuals: knees, scale: 0 },
    { name: 'NaN and infinite residuals', residuals: f64([1, NaN, Infinity, -Infinity, -1]), scale: 0.5 },
    { name: 'NaN scale', residuals: f64([1, 0, -1]), scale: NaN },
    { name: `${LARGE} noisy residuals`, residuals: noisy(LARGE, 71), scale: 1.3 },
    // The knees are the caller's: 1, 2 and 4 scales.
    { name: 'other knees (1, 2, 4) at scale 2', residuals: knees, scale: 2, k: { a: 1, b: 2, c: 4 } },
  ];
  return cases.map(({ name, residuals, scale, k }) => {
    const filled = () => new Float64Array(residuals.length).fill(FILL);
    return { name, args: [residuals, scale, filled(), filled(), k ?? HAMPEL_KNEES] };
  });
}

function scaledCases(): Array<KernelCase<'scaled'>> {
  const values = f64([1, -2, 3, -0.5, 0, NaN, Infinity, -Infinity, 7.25]);
  const keep = f64([1, 0.5, 0, -1, 1, 1, NaN, 1, 1e-300]);
  const large = noisy(LARGE, 81);
  const largeKeep = fitWeights(LARGE, 82);
  return [
    { name: 'no values', args: [new Float64Array(0), 2, false, null] },
    { name: 'no values, empty keep', args: [new Float64Array(0), 2, true, new Float64Array(0)] },
    { name: 'times 2', args: [values, 2, false, null] },
    { name: 'times −3, magnitudes', args: [values, -3, true, null] },
    { name: 'times 0 (infinities give NaN)', args: [values, 0, false, null] },
    { name: 'keep: zeros, negatives and NaN drop rows', args: [values, 1.5, false, keep] },
    { name: 'keep nothing', args: [values, 1, true, new Float64Array(values.length)] },
    { name: `${LARGE} residuals to y units`, args: [large, 123.456, false, null] },
    { name: `${LARGE} residuals, weighted rows, magnitudes`, args: [large, 0.37, true, largeKeep] },
  ];
}

function addScaledCases(): Array<KernelCase<'addScaled'>> {
  return [
    { name: 'no values', args: [new Float64Array(0), new Float64Array(0), 1] },
    { name: 'subtract', args: [f64([1, 1, 5]), f64([2, 3, -1]), -1] },
    {
      name: 'NaN and infinities',
      args: [f64([NaN, 1, Infinity, Infinity, 0, 2]), f64([1, NaN, 1, -Infinity, Infinity, 3]), 0.5],
    },
    {
      name: 'values longer than the target (only target.length are read)',
      args: [f64([1, 2]), f64([10, 20, 30]), 3],
    },
    { name: `${LARGE} points`, args: [noisy(LARGE, 91), normalArray(LARGE, 92, 100), 0.731] },
  ];
}

function differencesCases(): Array<KernelCase<'differences'>> {
  const unsorted = f64([5, 0, 3, 3, 9, -2.5, 9, 1e-9]);
  const times = irregularTimes(LARGE, 101);
  const counts = Float64Array.from(noisy(LARGE, 102), (v) => Math.round(10 * v) / 4);
  const withNaN = f64([3, NaN, 1, 2, NaN, 5, 5]);
  const countsWithNaN = counts.map((v, i) => (i % 37 === 0 ? NaN : v));
  const cases: Array<KernelCase<'differences'>> = [];
  for (const sort of [false, true]) {
    for (const positiveOnly of [false, true]) {
      cases.push({
        name: `unsorted with duplicates (sort ${sort}, positive only ${positiveOnly})`,
        args: [unsorted, sort, positiveOnly],
      });
    }
  }
  cases.push(
    { name: 'no values', args: [new Float64Array(0), true, false] },
    { name: 'one value', args: [f64([4]), false, true] },
    { name: 'infinities', args: [f64([1, Infinity, 2, -Infinity, Infinity]), false, false] },
    { name: 'infinities, sorted', args: [f64([1, Infinity, 2, -Infinity, Infinity]), true, false] },
    // A Float64Array sorts NaN last, so the NaN differences come last too.
    { name: 'NaN, in order', args: [withNaN, false, false] },
    { name: 'NaN, sorted copy (NaNs last)', args: [withNaN, true, false] },
    { name: 'NaN, sorted copy, positive gaps', args: [withNaN, true, true] },
    { name: `${LARGE} quantised values with NaN, sorted copy`, args: [countsWithNaN, true, false] },
    { name: `${LARGE} irregular times (spacing)`, args: [times, false, true] },
    { name: `${LARGE} irregular times, all gaps`, args: [times, false, false] },
    { name: `${LARGE} shuffled times, sorted copy`, args: [shuffled(times, 103), true, true] },
    { name: `${LARGE} quantised values (resolution)`, args: [counts, true, true] }
  );
  return cases;
}

function firstNonFiniteCases(): Array<KernelCase<'firstNonFinite'>> {
  const large = noisy(LARGE, 111);
  const last = large.slice();
  last[LARGE - 1] = NaN;
  const middle = large.slice();
  middle[1234] = -Infinity;
  middle[2345] = NaN;
  return [
    { name: 'no values (−1)', args: [new Float64Array(0)] },
    { name: 'all finite (−1)', args: [f64([0, -1, 1e308, -1e-308])] },
    { name: 'NaN first', args: [f64([NaN, 1, Infinity])] },
    { name: 'infinity before NaN', args: [f64([1, 2, Infinity, NaN])] },
    { name: '−infinity', args: [f64([1, -Infinity])] },
    { name: `${LARGE} finite (−1)`, args: [large] },
    { name: `${LARGE}, NaN only at the last index`, args: [last] },
    { name: `${LARGE}, −infinity at 1234 and NaN at 2345`, args: [middle] },
  ];
}

function trainingRowsCases(): Array<KernelCase<'trainingRows'>> {
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
    const filled = () => new Float64Array(timestamps.length + room).fill(FILL);
    return { name, args: [timestamps, values, ex, filled(), filled()] };
  });
}

function lagCorrelationCases(): Array<KernelCase<'lagCorrelation'>> {
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
  ].flatMap((c) =>
    c.calls.map(({ name, ...pairing }): KernelCase<'lagCorrelation'> => ({
      name: `${c.name}: ${name}`,
      args: [c.timestamps, c.residuals, c.weights, pairing],
    }))
  );
}

function seasonalRemainderCases(): Array<KernelCase<'seasonalRemainder'>> {
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
  ].flatMap((c) =>
    c.calls.map(({ name, ...carry }): KernelCase<'seasonalRemainder'> => ({
      name: `${c.name}: ${name}`,
      args: [c.timestamps, c.residuals, c.weights, carry],
    }))
  );
}

/**
 * A band with the model's score half-point, 3, no floor, and an outlier band 1.5 times as wide at the
 * matching quantile.
 */
function judgeBand(bandBelow: number, bandAbove: number, scaleBelow: number, scaleAbove: number, z: number): JudgeBand {
  return {
    band_below: bandBelow,
    band_above: bandAbove,
    z,
    outlier_below: 1.5 * bandBelow,
    outlier_above: 1.5 * bandAbove,
    outlier_z: 1.5 * z,
    scale_below: scaleBelow,
    scale_above: scaleAbove,
    score_half: 3,
    floor: -Infinity,
  };
}

function judgeCases(): Array<KernelCase<'judge'>> {
  const band = judgeBand(2, 1, 2 / 1.28, 1 / 1.28, 1.28);
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
  const largeBand = judgeBand(3.1, 2.4, 1.2, 0.9, 2.576);
  return [
    { name: 'no points', yhat: new Float64Array(0), values: new Float64Array(0), extra: null, band },
    { name: 'on and past the band edges', yhat: yhat5, values: edges, extra: null, band },
    // The half-point is the caller's: 1 scores three scales at 0.75.
    {
      name: 'past the band edges, score half-point 1',
      yhat: yhat5,
      values: edges,
      extra: null,
      band: { ...band, score_half: 1 },
    },
    { name: 'no values (bands only)', yhat: yhat5, values: null, extra: f64([1, 0, 0.5, 2, 0]), band },
    {
      name: 'NaN and infinite values',
      yhat: yhat5,
      values: f64([NaN, Infinity, -Infinity, 10.5, 7.5]),
      extra: null,
      band,
    },
    {
      name: 'zero scales: on the expectation 0/0 scores NaN',
      yhat: yhat5,
      values: f64([10, 10.5, 9, 10, 10]),
      extra: null,
      band: judgeBand(0, 0, 0, 0, 1.96),
    },
    {
      name: `${LARGE} points, values with spikes, NaN and infinities`,
      yhat,
      values,
      extra: null,
      band: largeBand,
    },
    { name: `${LARGE} points, extra variance growing over the last 501`, yhat, values, extra, band: largeBand },
    { name: `${LARGE} points, no values, extra variance`, yhat, values: null, extra, band: largeBand },
    // Outliers decided by their own band: inside it but outside the drawn band is not an outlier.
    {
      name: 'outlier band equal to the drawn band',
      yhat: yhat5,
      values: edges,
      extra: null,
      band: { ...band, outlier_below: 2, outlier_above: 1, outlier_z: 1.28 },
    },
    // A floor of 0: expectations below it are raised, the band never goes under it, verdicts judge the raised one.
    {
      name: 'floor 0 raises expectations and band',
      yhat: f64([-5, -0.5, 0, 3, 10]),
      values: f64([0, 0, 4, 0, 20]),
      extra: f64([0, 1, 0, 0, 4]),
      band: { ...band, floor: 0 },
    },
    {
      name: `${LARGE} points, floor 110 cuts through the cycle`,
      yhat,
      values,
      extra,
      band: { ...largeBand, floor: 110 },
    },
  ].map(({ name, yhat: y, values: v, extra: e, band: b }) => {
    const n = y.length;
    const out = {
      yhat: new Float64Array(n).fill(FILL),
      lower: new Float64Array(n).fill(FILL),
      upper: new Float64Array(n).fill(FILL),
      outlier: new Int8Array(n).fill(7),
      score: new Float64Array(n).fill(FILL),
    };
    return { name, args: [y, v, e, b, out] };
  });
}

function quantilesCases(): Array<KernelCase<'quantiles'>> {
  const qs = f64([0.5, 0.01, 0.99, 0, 1, 0.0025, 0.9975, 1 / 3, -0.5, 1.5]);
  return [
    { name: 'no values', values: new Float64Array(0), qs },
    { name: 'no quantiles asked', values: f64([4, 1, 3, 2]), qs: new Float64Array(0) },
    { name: 'four values', values: f64([4, 1, 3, 2]), qs },
    { name: `${LARGE} noisy residuals, the same q twice`, values: noisy(LARGE, 44), qs: f64([0.9, 0.1, 0.9, 0.5]) },
    { name: `${LARGE} noisy residuals`, values: noisy(LARGE, 45), qs },
    { name: 'ties: 1001 values from five integers', values: Float64Array.from({ length: 1001 }, (_, i) => i % 5), qs },
    // The model never passes NaN; both sides must still pick the same pivots on the reused copy.
    { name: 'NaN in the middle', values: f64([1, 2, 3, NaN, 5, 6, 7]), qs },
  ].map(({ name, values, qs: q }) => ({ name, args: [values, q] }));
}

// ---- Autoregressive family (families/autoregressiveKernels.ts) --------------------------------------------

function gridSeriesCases(): Array<KernelCase<'gridSeries'>> {
  const times = irregularTimes(LARGE, 161);
  const values = noisy(LARGE, 162);
  values[7] = NaN;
  values[8] = Infinity;
  const cells = Math.floor((times[LARGE - 1] - times[0]) / STEP) + 1;
  const out = () => Float64Array.from({ length: cells }, (_, i) => (i % 2 === 0 ? NaN : FILL));
  // Half a step either side of the grid's ends, and times before the epoch.
  const edges = f64([START - 0.5 * STEP, START - 0.5001 * STEP, START + 3.5 * STEP, START + 9.4999 * STEP, -5 * STEP]);
  return [
    {
      name: `${LARGE} irregular points with duplicates, NaN and infinity`,
      args: [times, values, { origin_ms: START, step_ms: STEP }, out()],
    },
    {
      name: 'points on half steps and outside the grid',
      args: [edges, f64([1, 2, 3, 4, 5]), { origin_ms: START, step_ms: STEP }, new Float64Array(10).fill(FILL)],
    },
    {
      name: 'no points',
      args: [new Float64Array(0), new Float64Array(0), { origin_ms: START, step_ms: STEP }, f64([FILL, NaN])],
    },
  ];
}

function gridLookupCases(): Array<KernelCase<'gridLookup'>> {
  const times = shuffled(irregularTimes(LARGE, 171), 172);
  const table = noisy(2000, 173).map((v, i) => (i % 13 === 0 ? NaN : i % 29 === 0 ? -Infinity : v));
  return [
    {
      name: `${LARGE} shuffled times over a table with NaN, some past its end`,
      args: [times, { origin_ms: START, step_ms: STEP }, table, 3.5],
    },
    {
      name: 'times before the table and an empty table',
      args: [f64([START - STEP, START]), { origin_ms: START, step_ms: STEP }, new Float64Array(0), -1],
    },
    {
      name: 'halves: the nearest cell, rounding up',
      args: [
        f64([START + 0.5 * STEP, START + 1.4999 * STEP, START - 0.5 * STEP]),
        { origin_ms: START, step_ms: STEP },
        f64([10, 20]),
        0,
      ],
    },
  ];
}

function lagDesignCases(): Array<KernelCase<'lagDesign'>> {
  const values = autoregressive(LARGE, 181, 0.7);
  const keep = fitWeights(LARGE, 182);
  const lags = Int32Array.of(1, 2, 3, 288, 576, 0);
  return [
    { name: `${LARGE} values, seasonal lags, an intercept, kept rows`, args: [values, lags, 576, LARGE, true, keep] },
    {
      name: `${LARGE} values, every row from 300, no intercept`,
      args: [values, Int32Array.of(0, 1, 288, 289), 300, LARGE, false, null],
    },
    { name: 'no rows', args: [values, lags, 600, 600, true, null] },
    { name: 'a row before the largest lag (the error)', args: [values, lags, 575, LARGE, true, null] },
    { name: 'a negative lag (the error)', args: [values, Int32Array.of(1, -2), 5, 10, false, null] },
  ];
}

function arRecursionCases(): Array<KernelCase<'arRecursion'>> {
  const values = autoregressive(LARGE, 191, 0.5);
  for (let i = 0; i < LARGE; i++) {
    if (i % 211 < 4 || i === 2) {
      values[i] = NaN; // gaps, one inside the start
    } else if (i % 389 === 17) {
      values[i] += 60; // incidents
    } else if (i >= 2500 && i < 2520) {
      values[i] += 40; // a run longer than max_run: a new level
    }
  }
  const lags = Int32Array.of(1, 2, 288, 289);
  const coefficients = f64([0.6, -0.2, 0.9, -0.5]);
  const horizon = typescriptKernels.arPsiVariance(lags, coefficients, 10);
  const out = (n: number) => ({
    cleaned: new Float64Array(n).fill(FILL),
    predicted: new Float64Array(n).fill(FILL),
    extra_variance: new Float64Array(n).fill(FILL),
    kept: new Float64Array(n).fill(FILL),
  });
  const model = {
    lags,
    coefficients,
    constant: 0.1,
    start: 289,
    seasonal_from: 0,
    limit_below: 3,
    limit_above: 4,
    max_run: 5,
    horizon_variance: horizon,
    lowest: -6,
    highest: 8,
  };
  const leading = f64([NaN, NaN, 2, NaN, 5, NaN, 7, 8, NaN]);
  // A short level change that comes back a season later (and two seasons): replaced the first time, then kept.
  const repeating = values.slice();
  for (const from of [700, 988, 1276]) {
    for (let i = from; i < from + 4; i++) {
      repeating[i] += 30;
    }
  }
  return [
    { name: `${LARGE} cells with gaps, incidents and a new level`, args: [values, model, out(LARGE)] },
    {
      name: 'a short level change repeating a season later (seasonal_from)',
      args: [repeating, { ...model, seasonal_from: 288, highest: 60 }, out(LARGE)],
    },
    {
      name: 'carried forward (random walk, no limits), leading gaps',
      args: [
        leading,
        {
          lags: Int32Array.of(1),
          coefficients: f64([1]),
          constant: 0,
          start: 1,
          seasonal_from: 0,
          limit_below: Infinity,
          limit_above: Infinity,
          max_run: 0,
          horizon_variance: f64([1]),
          lowest: -Infinity,
          highest: Infinity,
        },
        out(9),
      ],
    },
    { name: 'every cell before start', args: [leading, { ...model, start: 400 }, out(9)] },
    {
      name: 'no finite value before start',
      args: [
        f64([NaN, NaN, NaN, 4, 9]),
        { ...model, lags: Int32Array.of(2), coefficients: f64([0.5]), start: 3 },
        out(5),
      ],
    },
    { name: 'a lag of 0 (the error)', args: [leading, { ...model, lags: Int32Array.of(0), start: 1 }, out(9)] },
    { name: 'outputs too short (the error)', args: [values, model, out(10)] },
  ];
}

function arPsiVarianceCases(): Array<KernelCase<'arPsiVariance'>> {
  const lags = Int32Array.of(1, 2, 288, 289, 290, 576);
  const coefficients = f64([0.8, -0.1, 1, -0.8, 0.1, -0.2]);
  return [
    { name: 'a seasonal ARIMA over two periods', args: [lags, coefficients, 1000] },
    { name: 'a random walk', args: [Int32Array.of(1), f64([1]), 50] },
    { name: 'no lags', args: [new Int32Array(0), new Float64Array(0), 5] },
    { name: 'no steps', args: [lags, coefficients, 0] },
    { name: 'fewer coefficients than lags (the error)', args: [lags, f64([1]), 3] },
  ];
}

function binnedSumsCases(): Array<KernelCase<'binnedSums'>> {
  const times = irregularTimes(LARGE, 131);
  const values = noisy(LARGE, 132);
  const weights = fitWeights(LARGE, 133);
  const hour = 12 * STEP;
  const shuffledTimes = shuffled(times, 134);
  return [
    { name: 'no rows', args: [new Float64Array(0), new Float64Array(0), new Float64Array(0), 0, hour, 3] },
    {
      name: 'three rows, one outside, one weight zero',
      args: [f64([0, 5, 10, 99]), f64([1, 2, 4, 8]), f64([1, 0, 0.5, 1]), 0, 10, 2],
    },
    { name: `${LARGE} irregular rows in hourly bins`, args: [times, values, weights, START, hour, 260] },
    { name: `${LARGE} rows, bins starting inside them`, args: [times, values, weights, START + 50 * hour, hour, 100] },
    { name: `${LARGE} shuffled rows`, args: [shuffledTimes, values, weights, START, 24 * hour, 12] },
    { name: 'NaN weight and bin width 0 (no bins)', args: [f64([1, 2]), f64([1, 1]), f64([NaN, 1]), 0, 0, 4] },
  ];
}

// ---- Holt-Winters kernels (families/holtWintersKernels.ts) -------------------------------------------

const HW_GRID = { origin: START, step: HOUR, season_slots: 24 };

/** Hourly points over `days` days: a daily cycle, a little noise, and the times and values given. */
function hourlyCycle(days: number, seed: number): { timestamps: Float64Array; values: Float64Array } {
  const n = days * 24;
  const noise = normalArray(n, seed, 0.5);
  return {
    timestamps: Float64Array.from({ length: n }, (_, i) => START + i * HOUR),
    values: Float64Array.from({ length: n }, (_, i) => 50 + 0.02 * i + 8 * Math.sin((2 * Math.PI * i) / 24) + noise[i]),
  };
}

function holtWintersStartCases(): Array<KernelCase<'holtWintersStart'>> {
  const cycle = hourlyCycle(3, 161);
  // Irregular: jitter, duplicates and gaps; a NaN, an infinity and a point before the origin.
  const times = irregularTimes(LARGE, 162, HOUR);
  const values = normalArray(LARGE, 163, 2).map((v, i) => v + 10 * Math.sin((2 * Math.PI * i) / 24));
  values[5] = NaN;
  values[9] = Infinity;
  const early = Float64Array.of(START - 3 * HOUR, ...times.subarray(0, 100));
  const earlyValues = Float64Array.of(1e6, ...values.subarray(0, 100));
  return [
    { name: 'three days hourly, daily season from the first two', args: [cycle.timestamps, cycle.values, HW_GRID, 48] },
    { name: 'no season, 24 slots', args: [cycle.timestamps, cycle.values, { ...HW_GRID, season_slots: 1 }, 24] },
    { name: 'irregular times with NaN and an infinity', args: [times, values, HW_GRID, 48] },
    { name: 'a point before the origin is left out', args: [early, earlyValues, HW_GRID, 48] },
    { name: 'no points', args: [new Float64Array(0), new Float64Array(0), HW_GRID, 48] },
    { name: 'an odd window with one slot', args: [cycle.timestamps, cycle.values, { ...HW_GRID, season_slots: 1 }, 1] },
    {
      name: 'no season slots (the error)',
      args: [cycle.timestamps, cycle.values, { ...HW_GRID, season_slots: 0 }, 48],
    },
  ];
}

function hwSettings(overrides: Partial<HoltWintersSettings> = {}): HoltWintersSettings {
  return {
    ...HW_GRID,
    alpha: 0.3,
    beta: 0.1,
    gamma: 0.2,
    phi: 0.95,
    clip: 3,
    shift_points: 3,
    scale_smoothing: 0.05,
    scale_floor: 1e-6,
    score_from: 48,
    ...overrides,
  };
}

function holtWintersFilterCases(): Array<KernelCase<'holtWintersFilter'>> {
  const cycle = hourlyCycle(10, 171);
  const withEvents = cycle.values.slice();
  withEvents[100] += 40; // a spike
  for (let i = 150; i < cycle.values.length; i++) {
    withEvents[i] -= 25; // a level shift
  }
  const start = typescriptKernels.holtWintersStart(cycle.timestamps, withEvents, HW_GRID, 48);
  const times = irregularTimes(LARGE, 172, HOUR);
  const random = seededRandom(173);
  const values = normalArray(LARGE, 174, 2).map((v, i) => {
    const u = random.uniform();
    return u < 0.02 ? NaN : u < 0.025 ? SPECIALS[i % 3] : v + 10 * Math.sin((2 * Math.PI * i) / 24);
  });
  const irregularStart = typescriptKernels.holtWintersStart(times, values, HW_GRID, 48);
  const exclude = f64([times[500], times[560], times[2000], times[2001]]);
  const flat = { ...HW_GRID, season_slots: 1 };
  const trendStart = f64([0, -1, 10, 0.5, 1, 0, 0]);
  const ahead = Float64Array.from({ length: 200 }, (_, i) => START + (i + 1) * 7 * HOUR);
  const constant = Float64Array.from({ length: 60 }, (_, i) => (i < 40 ? 5 : 9));
  const constantTimes = Float64Array.from({ length: 60 }, (_, i) => START + i * HOUR);
  return [
    {
      name: 'ten days hourly with a spike and a level shift',
      run: [cycle.timestamps, withEvents, new Float64Array(0), hwSettings(), start],
    },
    {
      name: 'irregular times: duplicates, gaps, NaN, infinities, two excluded ranges',
      run: [times, values, exclude, hwSettings({ alpha: 0.1, beta: 0, gamma: 0.05, phi: 0.8 }), irregularStart],
    },
    {
      name: 'no season, damped trend, a forecast (no values) every seventh slot',
      run: [ahead, new Float64Array(200).fill(NaN), new Float64Array(0), hwSettings({ ...flat, gamma: 0 }), trendStart],
    },
    {
      name: 'a constant series that shifts: the scale floor, then the shift',
      run: [
        constantTimes,
        constant,
        new Float64Array(0),
        hwSettings({ ...flat, score_from: 0 }),
        f64([0, -1, 5, 0, 0, 0, 0]),
      ],
    },
    {
      name: 'points before the state slot are judged by it as it is',
      run: [
        cycle.timestamps.subarray(0, 30),
        withEvents.subarray(0, 30),
        new Float64Array(0),
        hwSettings({ score_from: 0 }),
        start.map((v, i) => (i === 0 ? 20 : v)),
      ],
    },
    { name: 'no points', run: [new Float64Array(0), new Float64Array(0), new Float64Array(0), hwSettings(), start] },
    {
      name: 'a state that does not fit the season (the error)',
      run: [cycle.timestamps, withEvents, new Float64Array(0), hwSettings({ season_slots: 12 }), start],
    },
  ].map(({ name, run }) => {
    const [ts, ys, ex, settings, state] = run as [
      Float64Array,
      Float64Array,
      Float64Array,
      HoltWintersSettings,
      Float64Array,
    ];
    const n = ts.length;
    const out = {
      yhat: new Float64Array(n).fill(FILL),
      level: new Float64Array(n).fill(FILL),
      error: new Float64Array(n).fill(FILL),
      horizon_variance: new Float64Array(n).fill(FILL),
      weight: new Float64Array(n).fill(FILL),
    };
    return { name, args: [ts, ys, ex, settings, state.slice(), out] };
  });
}

/** Every kernel's cases, by kernel. */
export const KERNEL_CASES: CaseBuilders = {
  designMatrix: designMatrixCases,
  weightedGram: weightedGramCases,
  solveSpd: solveSpdCases,
  solveColumns: solveColumnsCases,
  multiply: multiplyCases,
  quantile: quantileCases,
  quantiles: quantilesCases,
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
  rollingMedians: rollingMediansCases,
  raiseSustained: raiseSustainedCases,
  equalRuns: equalRunsCases,
  slotSummaries: slotSummariesCases,
  combineVerdicts: combineVerdictsCases,
  gridSeries: gridSeriesCases,
  gridLookup: gridLookupCases,
  lagDesign: lagDesignCases,
  arRecursion: arRecursionCases,
  arPsiVariance: arPsiVarianceCases,
  binnedSums: binnedSumsCases,
  dayKindDifference: dayKindDifferenceCases,
  holtWintersStart: holtWintersStartCases,
  holtWintersFilter: holtWintersFilterCases,
  trainNetwork: trainNetworkCases,
  networkOutputs: networkOutputsCases,
  encodeFloat64s: encodeFloat64sCases,
  decodeFloat64s: decodeFloat64sCases,
  expandRuns: expandRunsCases,
  collapseRuns: collapseRunsCases,
  coarsestBinaryStep: coarsestBinaryStepCases,
  encodeValueSteps: encodeValueStepsCases,
  decodeValueSteps: decodeValueStepsCases,
};
