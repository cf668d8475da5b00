/** Shared-vector cases of the ensemble family's kernel (see kernelCases.ts). */
import { seededRandom } from '../../demo/random';
import type { KernelCase } from './kernelCases';

/** Output arrays start filled with this, so a kernel that skips an entry shows. */
const FILL = -999.5;

function columns(members: number, n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: members * n }, (_, i) =>
    i % 97 === 5 ? NaN : i % 89 === 7 ? 1 : Math.round(10 * random.normal()) / 4
  );
}

export function kthLargestCases(): Array<KernelCase<'kthLargest'>> {
  const out = (n: number) => new Float64Array(n).fill(FILL);
  // Three members over 3,000 points (past the 1,024-row check), with NaN and ties.
  const three = columns(3, 3000, 171);
  const four = columns(4, 2500, 172);
  const odd = Float64Array.of(NaN, NaN, 1, Infinity, NaN, -Infinity, NaN, 2, 2, -1, NaN, 0);
  return [
    { name: 'no points', args: [new Float64Array(0), 3, 2, out(0)] },
    { name: 'three members, the median', args: [three, 3, 2, out(3000)] },
    { name: 'three members, the largest', args: [three, 3, 1, out(3000)] },
    { name: 'four members, the third largest', args: [four, 4, 3, out(2500)] },
    { name: 'k past the members: the smallest finite', args: [four, 4, 9, out(2500)] },
    { name: 'one member', args: [three.subarray(0, 3000), 1, 1, out(3000)] },
    { name: 'NaN and infinities: none finite, some, all', args: [odd, 3, 2, out(4)] },
  ];
}
