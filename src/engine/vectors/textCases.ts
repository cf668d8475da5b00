/** Shared-vector cases of the text kernels: float64 arrays as base64 in a model's JSON (see kernelCases.ts). */
import { seededRandom } from '../../demo/random';
import { encodeFloat64s } from '../../model/float64Text';
import type { KernelCase } from './kernelCases';

/**
 * Values of every kind: ordinary, tiny, huge, non-finite (no negative zero: the vector files, JSON, keep no
 * sign of zero, so an encoded −0 could not be replayed).
 */
function mixed(n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const special = [0, NaN, Infinity, -Infinity, Number.MIN_VALUE, Number.MAX_VALUE, 1e-300, -5e-324];
  return Float64Array.from({ length: n }, (_, i) =>
    i < special.length ? special[i] : Math.round(1e3 * random.normal() * 10 ** (i % 7)) / 1e3
  );
}

export function encodeFloat64sCases(): Array<KernelCase<'encodeFloat64s'>> {
  // 1, 2 and 3 values end a base64 text with each of its three paddings.
  return [
    { name: 'no values', args: [new Float64Array(0)] },
    { name: 'one value', args: [Float64Array.of(1.5)] },
    { name: 'two values', args: [Float64Array.of(-2, 1e-9)] },
    { name: 'three values', args: [Float64Array.of(3, 2, 1)] },
    { name: 'many values of every kind', args: [mixed(2000, 181)] },
  ];
}

export function decodeFloat64sCases(): Array<KernelCase<'decodeFloat64s'>> {
  const one = encodeFloat64s(Float64Array.of(1.5));
  const many = encodeFloat64s(mixed(2000, 182));
  return [
    { name: 'nothing', args: [''] },
    { name: 'one value', args: [one] },
    { name: 'two values', args: [encodeFloat64s(Float64Array.of(-2, 1e-9))] },
    { name: 'three values', args: [encodeFloat64s(Float64Array.of(3, 2, 1))] },
    { name: 'many values of every kind', args: [many] },
    { name: 'a character outside the alphabet', args: [`${one.slice(0, 3)}*${one.slice(4)}`] },
    { name: 'a line break', args: [`${many.slice(0, 76)}\n${many.slice(76)}`] },
    { name: 'a length that is not whole quads', args: [one.slice(0, -1)] },
    { name: 'bytes that are not whole values', args: ['AAAA'] },
    { name: 'padding inside the text', args: [`${one}${one}`] },
    { name: 'padding bits that are not zero', args: [`${one.slice(0, -2)}B=`] },
  ];
}

export function expandRunsCases(): Array<KernelCase<'expandRuns'>> {
  const start = Date.UTC(2025, 8, 29);
  return [
    { name: 'no runs', args: [new Float64Array(0)] },
    { name: 'one time', args: [Float64Array.of(start)] },
    { name: 'a regular series: one run', args: [Float64Array.of(start, 300_000, 8063)] },
    {
      name: 'gaps, duplicates and fractional steps',
      args: [Float64Array.of(start, 60_000, 5, 0, 2, 3_600_000.5, 1, 0.25, 7)],
    },
    { name: 'a count that is not whole (the error)', args: [Float64Array.of(start, 60_000, 2.5)] },
    { name: 'a count of 0 (the error)', args: [Float64Array.of(start, 60_000, 0)] },
    { name: 'a NaN count (the error)', args: [Float64Array.of(start, 60_000, NaN)] },
    { name: 'more times than the kernel writes (the error)', args: [Float64Array.of(start, 1, 4e7, 1, 2e7)] },
  ];
}

export function collapseRunsCases(): Array<KernelCase<'collapseRuns'>> {
  const start = Date.UTC(2025, 8, 29);
  const regular = Float64Array.from({ length: 8064 }, (_, i) => start + i * 300_000);
  const random = seededRandom(183);
  const jittered = regular.map((t) => t + Math.round(60_000 * random.uniform()));
  return [
    { name: 'no times', args: [new Float64Array(0)] },
    { name: 'one time', args: [Float64Array.of(start)] },
    { name: 'a regular series: one run', args: [regular] },
    { name: 'gaps, duplicates and fractional steps', args: [Float64Array.of(0, 1, 2, 2, 2, 5.5, 9, 12.5, 16)] },
    { name: 'irregular times: a run per step', args: [jittered] },
  ];
}
