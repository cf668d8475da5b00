/**
 * Loops of the sustained-deviation score (sustained.ts): a running median of residuals, and the score it raises.
 * The Go backend has twins (pkg/engine/sustainedkernels.go); testdata/fixtures/kernels holds both to the same
 * numbers.
 */
import { insertSorted } from './statistics';

/**
 * For each i, the median of the finite values among values[i − k + 1 … i] (the mean of the two middle ones for an
 * even count); NaN where fewer than half the window (⌈k/2⌉) is finite, and everywhere for a k that is not a whole
 * number ≥ 1.
 */
export function rollingMedians(values: Float64Array, k: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  // A window over twice the series never holds half its points: no medians (and no huge buffer).
  if (!(Number.isInteger(k) && k >= 1) || k > 2 * n) {
    return out;
  }
  const need = Math.ceil(k / 2);
  // The window's finite values, kept sorted: k is small (a few dozen), so insertion beats a heap.
  const sorted = new Float64Array(Math.min(k, n + 1));
  let count = 0;
  for (let i = 0; i < n; i++) {
    const leaving = i - k >= 0 ? values[i - k] : NaN;
    if (Number.isFinite(leaving)) {
      let at = 0;
      while (sorted[at] !== leaving) {
        at++;
      }
      for (; at < count - 1; at++) {
        sorted[at] = sorted[at + 1];
      }
      count--;
    }
    const x = values[i];
    if (Number.isFinite(x)) {
      insertSorted(sorted, count, x);
      count++;
    }
    if (count >= need) {
      out[i] = (sorted[(count - 1) >> 1] + sorted[count >> 1]) / 2;
    }
  }
  return out;
}

/**
 * Raises `score` in place where a sustained deviation reaches a new height. The residual is value − yhat; its
 * running median over the last k points (rollingMedians) over the scale of its side is the sustained deviation
 * d, and where d exceeds every d of the k points before (within this call), the score becomes
 * max(score, d / (d + half)). Elsewhere, and where the value or expectation is not finite, the score is kept:
 * a deviation that holds raises the score where it sets in, where it grows, and where its median wanders past
 * its level of the last k points, not on every point it lasts (a shift held for a day raises some tens of
 * points). The first points of a call have no points before them, so a shift already held when the call starts
 * is raised again there. Points whose `skip` entry is not 0 are left out, of the medians and of the raise.
 * Scales that are not positive, or a k that is not a whole number ≥ 1, raise nothing.
 */
export function raiseSustained(
  values: Float64Array,
  yhat: Float64Array,
  score: Float64Array,
  skip: Int8Array | null,
  k: number,
  scaleBelow: number,
  scaleAbove: number,
  half: number
): void {
  const n = values.length;
  if (!(Number.isInteger(k) && k >= 1) || !(scaleBelow > 0) || !(scaleAbove > 0)) {
    return;
  }
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    residuals[i] = skip !== null && skip[i] !== 0 ? NaN : values[i] - yhat[i];
  }
  const medians = rollingMedians(residuals, k);
  const deviation = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = medians[i];
    deviation[i] = m !== m ? 0 : m < 0 ? -m / scaleBelow : m / scaleAbove;
  }
  for (let i = 0; i < n; i++) {
    const d = deviation[i];
    const r = residuals[i];
    if (!(d > 0) || r !== r || r === Infinity || r === -Infinity) {
      continue;
    }
    let before = 0;
    for (let j = i - k < 0 ? 0 : i - k; j < i; j++) {
      if (deviation[j] > before) {
        before = deviation[j];
      }
    }
    if (d > before) {
      const s = d === Infinity ? 1 : d / (d + half);
      if (s > score[i]) {
        score[i] = s;
      }
    }
  }
}
