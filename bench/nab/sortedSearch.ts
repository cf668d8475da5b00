/** First index in sorted[0, count) whose value is ≥ target (count when none is). */
export function lowerBound(sorted: ArrayLike<number>, target: number, count = sorted.length): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < target) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
