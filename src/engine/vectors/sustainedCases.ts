/** Shared-vector cases of the sustained-deviation kernels (see kernelCases.ts). */
import { seededRandom } from '../../demo/random';
import type { KernelCase } from './kernelCases';

/** Noise with gaps (NaN), infinities, ties and a level shift half-way, so medians, sides and new heights all occur. */
function residualSeries(n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, (_, i) => {
    if (i % 97 === 5) {
      return NaN;
    }
    if (i % 331 === 17) {
      return i % 2 === 0 ? Infinity : -Infinity;
    }
    const shift = i > n / 2 && i < (3 * n) / 4 ? 2.5 : i > (3 * n) / 4 ? -3 : 0;
    return Math.round(8 * (shift + random.normal())) / 8;
  });
}

export function rollingMediansCases(): Array<KernelCase<'rollingMedians'>> {
  const values = residualSeries(2000, 301);
  const gappy = Float64Array.from(values, (v, i) => (i % 5 < 3 ? NaN : v));
  return [
    { name: 'no points', args: [new Float64Array(0), 12] },
    { name: 'window of 12', args: [values, 12] },
    { name: 'odd window of 7', args: [values, 7] },
    { name: 'window of 1', args: [values.subarray(0, 200), 1] },
    { name: 'mostly missing: medians only where half the window holds values', args: [gappy, 12] },
    { name: 'window longer than the series', args: [values.subarray(0, 9), 24] },
    { name: 'window over twice the series', args: [values.subarray(0, 9), 19] },
    { name: 'a huge window', args: [values.subarray(0, 9), 1e20] },
    { name: 'a window that is not a whole number gives NaN', args: [values.subarray(0, 50), 2.5] },
  ];
}

export function raiseSustainedCases(): Array<KernelCase<'raiseSustained'>> {
  const n = 2400;
  const random = seededRandom(302);
  const yhat = Float64Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin(i / 40));
  const residuals = residualSeries(n, 303);
  const values = Float64Array.from(yhat, (y, i) => y + residuals[i]);
  const score = Float64Array.from({ length: n }, (_, i) => (i % 89 === 0 ? 0 : random.uniform() * 0.6));
  const withNaNExpectations = Float64Array.from(yhat, (y, i) => (i % 123 === 7 ? NaN : y));
  // Whole days left out, as a holiday or an unlearned weekend is: one inside the shift, one before it.
  const skip = Int8Array.from({ length: n }, (_, i) => ((i >= 300 && i < 420) || (i >= 1500 && i < 1620) ? 1 : 0));
  return [
    { name: 'no points', args: [new Float64Array(0), new Float64Array(0), new Float64Array(0), null, 12, 1, 1, 3] },
    { name: 'window of 12, equal sides', args: [values, yhat, score.slice(), null, 12, 0.6, 0.6, 3] },
    { name: 'window of 6, a narrower side below', args: [values, yhat, score.slice(), null, 6, 0.3, 0.9, 3] },
    { name: 'expectations with gaps', args: [values, withNaNExpectations, score.slice(), null, 12, 0.5, 0.5, 3] },
    { name: 'days left out', args: [values, yhat, score.slice(), skip, 12, 0.6, 0.6, 3] },
    { name: 'a scale of 0 raises nothing', args: [values, yhat, score.slice(), null, 12, 0, 0.5, 3] },
    {
      name: 'skip flags other than 0 and 1, and NaN scores',
      args: [
        values,
        yhat,
        Float64Array.from(score, (s, i) => (i % 71 === 3 ? NaN : s)),
        Int8Array.from({ length: n }, (_, i) => (i % 150 < 20 ? ((i % 3) - 1) * 2 : 0)),
        12,
        0.6,
        0.6,
        3,
      ],
    },
    {
      name: 'infinite medians over an infinite scale are passed over',
      args: [
        Float64Array.of(1e308, 1e308, 1e308, -5, -5, -5, 2, 2),
        new Float64Array(8),
        new Float64Array(8),
        null,
        2,
        1,
        Infinity,
        3,
      ],
    },
    {
      name: 'a window longer than the series',
      args: [values.subarray(0, 10), yhat.subarray(0, 10), score.slice(0, 10), null, 12, 0.1, 0.1, 3],
    },
    {
      name: 'a window over twice the series',
      args: [values.subarray(0, 10), yhat.subarray(0, 10), score.slice(0, 10), null, 21, 0.1, 0.1, 3],
    },
    {
      name: 'a window that is not a whole number raises nothing',
      args: [values, yhat, score.slice(), null, 1.5, 0.5, 0.5, 3],
    },
  ];
}

export function equalRunsCases(): Array<KernelCase<'equalRuns'>> {
  const random = seededRandom(304);
  // Noise with runs of 3, 12 and 40 equal values, a NaN run (NaN never equals itself), a -0/0 run and a run at the end.
  const values = Float64Array.from({ length: 600 }, () => Math.round(100 * random.uniform()) / 4);
  values.fill(7, 50, 53);
  values.fill(7, 100, 112);
  values.fill(-2, 200, 240);
  values.fill(NaN, 300, 320);
  values.fill(0, 400, 410);
  values.fill(-0, 410, 420);
  values.fill(5, 570, 600);
  return [
    { name: 'no points', args: [new Float64Array(0), 12] },
    { name: 'runs of twelve or more', args: [values, 12] },
    { name: 'runs of three or more', args: [values, 3] },
    { name: 'one value throughout', args: [new Float64Array(50).fill(3), 12] },
  ];
}
