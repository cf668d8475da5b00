/**
 * The `past` family's loop over points (see `slotSummaries` in types.ts): for each time, the median of the
 * same slot over the last periods. pkg/engine/pastkernels.go is the Go version, in the same operation order.
 */
import { insertSorted } from '../statistics';
import type { SlotSpec, SlotSummaries } from '../types';

/**
 * Index of the point nearest `slot` in sorted `times` (the earlier one on a tie); −1 for no points.
 * Inline, not d3's bisect: fit/predict code, where sobek runs a d3 search 1.6× slower (README, Libraries).
 */
function nearest(times: Float64Array, slot: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < slot) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo === 0) {
    return times.length > 0 ? 0 : -1;
  }
  if (lo === times.length || slot - times[lo - 1] <= times[lo] - slot) {
    return lo - 1;
  }
  return lo;
}

/**
 * For each query time t, the median of the values at the same slot of earlier periods: the point nearest
 * t − k·period (sorted `times`), when it lies within the tolerance and is usable (`usable` null, or its entry
 * > 0), for k = first, first + 1, ... until `count` slots are found or `max_lags` periods are walked. Slots
 * with no usable point are passed over. A time past `end_ms` gets `shift` added. Where no slot is found,
 * `fallback`'s entry (NaN when null), with used 0.
 */
export function slotSummaries(
  queries: Float64Array,
  times: Float64Array,
  values: Float64Array,
  usable: Float64Array | null,
  fallback: Float64Array | null,
  spec: SlotSpec,
  out: SlotSummaries
): void {
  const period = spec.period_ms;
  const tolerance = spec.tolerance_ms;
  const count = spec.count;
  const end = spec.end_ms;
  const picked = new Float64Array(Math.max(count, 0));
  for (let i = 0; i < queries.length; i++) {
    const t = queries[i];
    let first = 1;
    if (period > 0) {
      const ahead = (t - end - tolerance) / period;
      if (ahead > 1) {
        first = Math.ceil(ahead);
      }
    }
    const last = first + spec.max_lags;
    let m = 0;
    for (let k = first; k < last && m < count; k++) {
      const slot = t - k * period;
      const j = nearest(times, slot);
      if (j < 0) {
        break;
      }
      const gap = times[j] < slot ? slot - times[j] : times[j] - slot;
      if (!(gap <= tolerance)) {
        // A slot beyond the history's end in the walk's direction: every later lag's is further beyond it.
        if (period > 0 ? slot < times[0] : slot > times[times.length - 1]) {
          break;
        }
        continue;
      }
      if (usable !== null && !(usable[j] > 0)) {
        continue;
      }
      // Insertion keeps the few picked values sorted.
      insertSorted(picked, m, values[j]);
      m++;
    }
    out.used[i] = m;
    if (m === 0) {
      out.summary[i] = fallback === null ? NaN : fallback[i];
      continue;
    }
    const h = m >> 1;
    let median = m % 2 === 1 ? picked[h] : (picked[h - 1] + picked[h]) / 2;
    if (t > end) {
      median += spec.shift;
    }
    out.summary[i] = median;
  }
}
