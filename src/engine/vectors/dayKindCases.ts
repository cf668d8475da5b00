/** Shared-vector cases of the day-kind kernel (see kernelCases.ts). */
import { seededRandom } from '../../demo/random';
import type { KernelCase } from './kernelCases';

interface DaySums {
  sums: Float64Array;
  off: Int8Array;
}

/**
 * Binned sums of `days` days of `bins` bins, as binnedSums returns them: a shared daily shape, off days (every
 * seventh and the one after) with `offShape` added, noise, weights of 1-3 per bin; `missing(d, b)` empties a bin.
 */
function daySums(
  days: number,
  bins: number,
  seed: number,
  offShape: number,
  missing: (d: number, b: number) => boolean = () => false
): DaySums {
  const random = seededRandom(seed);
  const sums = new Float64Array(2 * days * bins);
  const off = Int8Array.from({ length: days }, (_, d) => (d % 7 === 5 || d % 7 === 6 ? 1 : 0));
  for (let d = 0; d < days; d++) {
    for (let b = 0; b < bins; b++) {
      const weight = missing(d, b) ? 0 : 1 + Math.floor(3 * random.uniform());
      const shape = Math.sin((2 * Math.PI * b) / bins) + off[d] * offShape * Math.cos((2 * Math.PI * b) / bins);
      sums[d * bins + b] = weight * (shape + 0.3 * random.normal());
      sums[days * bins + d * bins + b] = weight;
    }
  }
  return { sums, off };
}

export function dayKindDifferenceCases(): Array<KernelCase<'dayKindDifference'>> {
  const split = daySums(28, 24, 401, 1.5);
  const same = daySums(28, 24, 402, 0);
  const gappy = daySums(21, 12, 403, 0.8, (d, b) => (d === 3 && b === 5) || (d === 12 && b === 0) || d === 19);
  const oneDay = daySums(1, 24, 405, 1);
  const oddEven = daySums(9, 8, 404, 0.6);
  // Values that tie and signed zeros: every profile exactly the same shape, some bins at ±0.
  const ties = new Float64Array(2 * 14 * 8);
  for (let i = 0; i < 14 * 8; i++) {
    ties[i] = i % 8 === 3 ? (i % 16 === 3 ? -0 : 0) : (i % 8) - 4;
    ties[14 * 8 + i] = 1;
  }
  const tieDays = Int8Array.from({ length: 14 }, (_, d) => (d % 7 >= 5 ? 1 : 0));
  // A day with an infinite sum: its profile holds ±Infinity and NaN, and so does its variation, which the median
  // over days must order as the TypeScript's selection does.
  const infinite = (day: number): DaySums => {
    const sums = daySums(14, 6, 406, 1);
    sums.sums[day * 6 + 1] = Infinity;
    return sums;
  };
  const infinites = [1, 5, 6].map((day) => ({ day, ...infinite(day) }));
  return [
    { name: 'no days', args: [new Float64Array(0), 24, 0, new Int8Array(0), 2, 0.1] },
    { name: 'one off day only', args: [oneDay.sums, 24, 1, Int8Array.of(1), 2, 0.1] },
    { name: 'four weeks, a weekend shape of its own', args: [split.sums, 24, 28, split.off, 2, 0.15] },
    { name: 'four weeks, one shape for every day', args: [same.sums, 24, 28, same.off, 2, 0.15] },
    { name: 'three weeks of 12 bins, three days with an empty bin', args: [gappy.sums, 12, 21, gappy.off, 2, 0.05] },
    { name: 'odd and even counts of days per kind', args: [oddEven.sums, 8, 9, oddEven.off, 1, 0] },
    { name: 'a bar no difference passes', args: [split.sums, 24, 28, split.off, 2, 1e9] },
    { name: 'ties and signed zeros', args: [ties, 8, 14, tieDays, 2, 0] },
    ...infinites.map(({ day, sums, off }) => ({
      name: `an infinite sum on day ${day}`,
      args: [sums, 6, 14, off, 2, 0] as KernelCase<'dayKindDifference'>['args'],
    })),
  ];
}
