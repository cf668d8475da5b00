/**
 * The ensemble family's kernels: per point, the k-th largest of several members' values (a vote: the value at
 * least k members reach), their harmonic mean, and the verdict built from them. Go twin:
 * pkg/engine/ensemblekernels.go, same operation order.
 */
import type { Judgement } from '../types';

/**
 * `columns` holds `members` arrays of out.length values, member after member. For each point, out gets the
 * k-th largest of the members' finite values there (k counted from 1, capped at how many are finite), NaN when
 * none is. NaN values are skipped; ±Infinity count as values.
 */
export function kthLargest(columns: Float64Array, members: number, k: number, out: Float64Array): void {
  const n = out.length;
  if (columns.length < members * n || !(members >= 1) || !(k >= 1)) {
    throw new Error(`kthLargest: ${columns.length} values for ${members} members of ${n} points, k ${k}`);
  }
  const picked = new Float64Array(members);
  for (let i = 0; i < n; i++) {
    let finite = 0;
    for (let j = 0; j < members; j++) {
      const v = columns[j * n + i];
      if (v === v) {
        // Insertion into the descending list of the values so far.
        let at = finite++;
        while (at > 0 && picked[at - 1] < v) {
          picked[at] = picked[at - 1];
          at--;
        }
        picked[at] = v;
      }
    }
    out[i] = finite === 0 ? NaN : picked[(k < finite ? k : finite) - 1];
  }
}

/**
 * For each point, the harmonic mean of the members' finite values there (NaN skipped), NaN when none is, 0 when
 * one of them is 0 or less. Summed member by member (the Go twin sums in the same order: the same bits).
 */
export function harmonicMean(columns: Float64Array, members: number, out: Float64Array): void {
  const n = out.length;
  if (columns.length < members * n || !(members >= 1)) {
    throw new Error(`harmonicMean: ${columns.length} values for ${members} members of ${n} points`);
  }
  for (let i = 0; i < n; i++) {
    let finite = 0;
    let reciprocals = 0;
    for (let j = 0; j < members; j++) {
      const v = columns[j * n + i];
      if (v === v) {
        finite++;
        reciprocals += v > 0 ? 1 / v : Infinity;
      }
    }
    out[i] = finite === 0 ? NaN : finite / reciprocals;
  }
}

/**
 * The ensemble's verdict per point from its members' (`stacked`, `members` of them, each of out.yhat.length
 * points; `stacked` holds each field member after member): the score is the k-th largest member score, or
 * when all must agree (k = members) the harmonic mean of their scores, and the point is an outlier on a side
 * where at least k members flag it there. With score s = d / (d + 3), the harmonic mean of the scores is the
 * score of the harmonic mean of the deviations: led by the smallest, but a point every member finds far out
 * outranks one that only just clears the weakest (measured on NAB, bench/results/family-ensemble.md). The
 * expectation and band drawn are member `lead`'s (the decomposition, the member that forecasts), or with `lead`
 * −1 the members' medians (the middle one, or the mean of the middle two). Where `alone[i]` is 1, the lead's verdict and score stand alone.
 * One kernel, so the Go backend can judge an ensemble from its members' judgements exactly as the model does
 * (pkg/engine/expectations.go).
 */
export function combineVerdicts(
  stacked: Judgement,
  members: number,
  k: number,
  alone: Int8Array | null,
  lead: number,
  out: Judgement
): void {
  const n = out.yhat.length;
  const total = members * n;
  if (
    !(members >= 1) ||
    !(k >= 1) ||
    k > members ||
    stacked.yhat.length < total ||
    stacked.lower.length < total ||
    stacked.upper.length < total ||
    stacked.outlier.length < total ||
    stacked.score.length < total ||
    out.lower.length < n ||
    out.upper.length < n ||
    out.outlier.length < n ||
    out.score.length < n ||
    !(lead === -1 || (Number.isInteger(lead) && lead >= 0 && lead < members)) ||
    (alone !== null && (alone.length < n || lead === -1))
  ) {
    throw new Error(`combineVerdicts: ${members} members of ${n} points, k ${k}, lead ${lead}`);
  }
  const picked = new Float64Array(n);
  if (lead >= 0) {
    const from = lead * n;
    out.yhat.set(stacked.yhat.subarray(from, from + n));
    out.lower.set(stacked.lower.subarray(from, from + n));
    out.upper.set(stacked.upper.subarray(from, from + n));
  } else {
    const middle = Math.floor(members / 2) + 1;
    const median = (values: Float64Array, into: Float64Array) => {
      kthLargest(values, members, middle, into);
      if (members % 2 === 0) {
        kthLargest(values, members, members / 2, picked);
        for (let i = 0; i < n; i++) {
          into[i] = (into[i] + picked[i]) * 0.5;
        }
      }
    };
    median(stacked.yhat, out.yhat);
    median(stacked.lower, out.lower);
    median(stacked.upper, out.upper);
  }
  // One member: its own score (a harmonic mean of one value can be an ulp off it).
  if (k === members && members > 1) {
    harmonicMean(stacked.score, members, out.score);
  } else {
    kthLargest(stacked.score, members, k, out.score);
  }
  const column = new Float64Array(total);
  for (let i = 0; i < total; i++) {
    column[i] = stacked.outlier[i];
  }
  const above = new Float64Array(n);
  kthLargest(column, members, k, above);
  kthLargest(column, members, members - k + 1, picked);
  for (let i = 0; i < n; i++) {
    out.outlier[i] = above[i] >= 1 ? 1 : picked[i] <= -1 ? -1 : 0;
    if (alone !== null && alone[i] === 1) {
      out.outlier[i] = stacked.outlier[lead * n + i];
      out.score[i] = stacked.score[lead * n + i];
    }
  }
}
