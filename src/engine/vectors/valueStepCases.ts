/** Shared-vector cases of the value-steps kernels: values on a power-of-two grid as text (see kernelCases.ts). */
import { seededRandom } from '../../demo/random';
import { encodeValueSteps, MAX_GRID_STEPS } from '../../model/valueSteps';
import type { KernelCase } from './kernelCases';

/** A day of 5-minute points, a daily wave and noise of sd 2: a past model's training values. */
function noisy(n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin((2 * Math.PI * i) / 288) + 2 * random.normal());
}

/** Values as far from 0 as the grid holds, alternating: each difference takes 11 characters. */
const FARTHEST = Float64Array.of(MAX_GRID_STEPS - 1, 1 - MAX_GRID_STEPS, MAX_GRID_STEPS - 1);

export function coarsestBinaryStepCases(): Array<KernelCase<'coarsestBinaryStep'>> {
  return [
    { name: 'no values', args: [new Float64Array(0)] },
    { name: 'zeros', args: [new Float64Array(5)] },
    { name: 'whole numbers', args: [Float64Array.of(3, -7, 12, 0, 1e6)] },
    { name: 'even numbers and multiples of 2^40', args: [Float64Array.of(2, -6, 3 * 2 ** 40, 0)] },
    { name: 'halves and quarters', args: [Float64Array.of(0.5, 1.25, -3.75, 8)] },
    { name: 'a power of two alone', args: [Float64Array.of(2 ** -30)] },
    { name: 'the largest and the smallest doubles', args: [Float64Array.of(Number.MAX_VALUE, 5e-324)] },
    { name: 'noisy floats', args: [noisy(500, 191)] },
    { name: 'a NaN', args: [Float64Array.of(1, NaN, 2)] },
    { name: 'an infinity', args: [Float64Array.of(1, -Infinity)] },
  ];
}

export function encodeValueStepsCases(): Array<KernelCase<'encodeValueSteps'>> {
  return [
    { name: 'no values', args: [new Float64Array(0), 1] },
    { name: 'whole numbers, step 1', args: [Float64Array.of(3, -7, 12, 0, 1e6), 1] },
    { name: 'ties round up', args: [Float64Array.of(0.5, -0.5, 1.5, -1.5, 2.5), 1] },
    { name: 'noisy floats on a grid of 2^-10', args: [noisy(2000, 192), 2 ** -10] },
    { name: 'a coarse step above the values', args: [Float64Array.of(3, 2 ** 1023, -(2 ** 1023)), 2 ** 1023] },
    { name: 'the farthest values: 11 characters each', args: [FARTHEST, 1] },
    { name: 'a step that is not a power of two (the error)', args: [Float64Array.of(1), 3] },
    { name: 'a step of 0 (the error)', args: [Float64Array.of(1), 0] },
    { name: 'a negative step (the error)', args: [Float64Array.of(1), -1] },
    { name: 'a subnormal step (the error)', args: [Float64Array.of(0), 5e-324] },
    { name: 'a value 2^51 steps from 0 (the error)', args: [Float64Array.of(1, 2 ** 51), 1] },
    { name: 'a NaN (the error)', args: [Float64Array.of(1, NaN), 1] },
    { name: 'a value that rounds past float64 (the error)', args: [Float64Array.of(Number.MAX_VALUE), 2 ** 1023] },
  ];
}

export function decodeValueStepsCases(): Array<KernelCase<'decodeValueSteps'>> {
  const whole = encodeValueSteps(Float64Array.of(3, -7, 12, 0, 1e6), 1);
  const farthest = encodeValueSteps(FARTHEST, 1);
  return [
    { name: 'nothing', args: ['', 1] },
    { name: 'whole numbers, step 1', args: [whole, 1] },
    { name: 'the same text on a grid of 2^-3', args: [whole, 2 ** -3] },
    { name: 'noisy floats on a grid of 2^-10', args: [encodeValueSteps(noisy(2000, 193), 2 ** -10), 2 ** -10] },
    { name: 'the farthest values: 11 characters each', args: [farthest, 1] },
    { name: 'a step that is not a power of two (the error)', args: [whole, 0.3] },
    { name: 'a subnormal step (the error)', args: [whole, 5e-324] },
    { name: 'a character outside the alphabet (the error)', args: [`${whole}=`, 1] },
    { name: 'a character past ASCII (the error)', args: [`${whole}é`, 1] },
    { name: 'a line break (the error)', args: [`${whole.slice(0, 2)}\n${whole.slice(2)}`, 1] },
    { name: 'a number left open at the end (the error)', args: [`${whole}g`, 1] },
    { name: 'a number written longer than it needs (the error)', args: ['gA', 1] },
    { name: 'a number of 12 characters (the error)', args: [`${'g'.repeat(11)}B`, 1] },
    { name: 'a difference of 2^52 (the error)', args: [`${'g'.repeat(10)}I`, 1] },
    { name: 'a value 2^51 steps from 0 (the error)', args: [`${farthest.slice(0, 11)}C`, 1] },
    { name: 'a value past float64 (the error)', args: ['E', 2 ** 1023] },
  ];
}
