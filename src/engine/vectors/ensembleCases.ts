/** Shared-vector cases of the ensemble family's kernel (see kernelCases.ts). */
import { seededRandom } from '../../demo/random';
import type { Judgement } from '../../model';
import type { KernelCase } from './kernelCases';

/** Output arrays start filled with this, so a kernel that skips an entry shows. */
const FILL = -999.5;

/** Members' judgements of n points each, stacked: random expectations and bands, flags and scores with NaN. */
function judgements(members: number, n: number, seed: number): Judgement {
  const random = seededRandom(seed);
  const total = members * n;
  // Ties (values on a grid of 1/8) and a few infinities, which count as values where NaN does not.
  const yhat = Float64Array.from({ length: total }, (_, i) =>
    i % 173 === 11 ? (i % 2 === 0 ? Infinity : -Infinity) : Math.round(100 + 40 * random.normal()) / 8
  );
  return {
    yhat,
    lower: Float64Array.from(yhat, (y, i) => (i % 211 === 3 ? NaN : y - 1 - random.uniform())),
    upper: Float64Array.from(yhat, (y) => y + 1 + random.uniform()),
    outlier: Int8Array.from({ length: total }, () => {
      const u = random.uniform();
      return u < 0.2 ? -1 : u > 0.75 ? 1 : 0;
    }),
    score: Float64Array.from({ length: total }, (_, i) => (i % 101 === 9 ? NaN : random.uniform())),
  };
}

function emptyJudgement(n: number): Judgement {
  return {
    yhat: new Float64Array(n).fill(FILL),
    lower: new Float64Array(n).fill(FILL),
    upper: new Float64Array(n).fill(FILL),
    outlier: new Int8Array(n).fill(7),
    score: new Float64Array(n).fill(FILL),
  };
}

export function combineVerdictsCases(): Array<KernelCase<'combineVerdicts'>> {
  const two = judgements(2, 3000, 181);
  const three = judgements(3, 2500, 182);
  const four = judgements(4, 1200, 183);
  // Every third point judged by the lead alone (a holiday).
  const alone = (n: number) => Int8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  return [
    { name: 'no points', args: [emptyJudgement(0), 2, 2, null, -1, emptyJudgement(0)] },
    { name: 'two members, both must agree, medians drawn', args: [two, 2, 2, null, -1, emptyJudgement(3000)] },
    { name: 'two members, member 1 leads', args: [two, 2, 2, null, 1, emptyJudgement(3000)] },
    {
      name: 'two members, member 1 leads and judges some points alone',
      args: [two, 2, 2, alone(3000), 1, emptyJudgement(3000)],
    },
    {
      name: 'three members, two of three, member 0 leads and judges some alone',
      args: [three, 3, 2, alone(2500), 0, emptyJudgement(2500)],
    },
    { name: 'three members, two of three, medians drawn', args: [three, 3, 2, null, -1, emptyJudgement(2500)] },
    { name: 'four members, two of four, medians drawn', args: [four, 4, 2, null, -1, emptyJudgement(1200)] },
    { name: 'one member', args: [judgements(1, 500, 184), 1, 1, null, -1, emptyJudgement(500)] },
  ];
}
