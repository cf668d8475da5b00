/**
 * Prophet's rolling aggregation over forecast horizons (`rolling_mean_by_h`, `rolling_median_by_h`).
 * Input rows are sorted by horizon; rows with equal horizons form a group. The value reported at a
 * group's horizon h aggregates the `window` rows with the largest horizons ≤ h: all of h's own rows,
 * then earlier rows until the count reaches `window`. Groups with fewer than `window` rows at or
 * below them are dropped, as in Prophet.
 */
import { bisectLeft } from 'd3-array';

export interface HorizonGroups {
  /** Distinct horizons, ascending. */
  horizons: Float64Array;
  /** Row index where each group starts; `starts[g + 1]` (or the row count) is where it ends. */
  starts: Int32Array;
  rowCount: number;
}

/** Groups rows already sorted by horizon. */
export function groupByHorizon(sortedHorizons: Float64Array): HorizonGroups {
  const horizons: number[] = [];
  const starts: number[] = [];
  for (let i = 0; i < sortedHorizons.length; i++) {
    if (i === 0 || sortedHorizons[i] !== sortedHorizons[i - 1]) {
      horizons.push(sortedHorizons[i]);
      starts.push(i);
    }
  }
  return { horizons: Float64Array.from(horizons), starts: Int32Array.from(starts), rowCount: sortedHorizons.length };
}

/** Index of the first group that has at least `window` rows at or below its horizon. */
export function firstCompleteGroup(groups: HorizonGroups, window: number): number {
  let g = 0;
  while (g < groups.horizons.length && groupEnd(groups, g) < window) {
    g++;
  }
  return g;
}

/**
 * Rolling mean per group from `firstCompleteGroup` on, for non-negative values (errors, 0/1 flags; a
 * running-sum round-off below zero is clamped). When the oldest group in a window is needed only in
 * part, it contributes its mean times the number of rows needed (Prophet's weighting).
 */
export function rollingMeanByHorizon(values: Float64Array, groups: HorizonGroups, window: number): Float64Array {
  const groupCount = groups.horizons.length;
  const sums = new Float64Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    for (let i = groups.starts[g]; i < groupEnd(groups, g); i++) {
      sums[g] += values[i];
    }
  }
  const first = firstCompleteGroup(groups, window);
  const out = new Float64Array(groupCount - first);
  let oldest = 0;
  let windowSum = 0;
  let windowCount = 0;
  for (let g = 0; g < groupCount; g++) {
    windowSum += sums[g];
    windowCount += groupSize(groups, g);
    // Drop whole groups that the window no longer needs.
    while (oldest < g && windowCount - groupSize(groups, oldest) >= window) {
      windowSum -= sums[oldest];
      windowCount -= groupSize(groups, oldest);
      oldest++;
    }
    if (g < first) {
      continue;
    }
    if (oldest === g) {
      // Fresh sum avoids cancellation left over from the running total.
      out[g - first] = sums[g] / groupSize(groups, g);
    } else {
      const excess = windowCount - window;
      const partial = (excess * sums[oldest]) / groupSize(groups, oldest);
      out[g - first] = Math.max(0, windowSum - partial) / window;
    }
  }
  return out;
}

/** Rolling median per group from `firstCompleteGroup` on; the window is the contiguous row range ending at the group. */
export function rollingMedianByHorizon(values: Float64Array, groups: HorizonGroups, window: number): Float64Array {
  const groupCount = groups.horizons.length;
  const first = firstCompleteGroup(groups, window);
  const out = new Float64Array(groupCount - first);
  const sorted = new SortedWindow(groups.rowCount);
  let from = 0;
  let to = 0;
  for (let g = first; g < groupCount; g++) {
    const end = groupEnd(groups, g);
    const start = Math.min(groups.starts[g], end - window);
    while (to < end) {
      sorted.insert(values[to++]);
    }
    while (from < start) {
      sorted.remove(values[from++]);
    }
    out[g - first] = sorted.median();
  }
  return out;
}

function groupEnd(groups: HorizonGroups, g: number): number {
  return g + 1 < groups.starts.length ? groups.starts[g + 1] : groups.rowCount;
}

function groupSize(groups: HorizonGroups, g: number): number {
  return groupEnd(groups, g) - groups.starts[g];
}

/** A multiset of numbers kept sorted in a typed array (binary search + block moves). */
class SortedWindow {
  private readonly items: Float64Array;
  private size = 0;

  constructor(capacity: number) {
    this.items = new Float64Array(capacity);
  }

  insert(value: number): void {
    const at = bisectLeft(this.items, value, 0, this.size);
    this.items.copyWithin(at + 1, at, this.size);
    this.items[at] = value;
    this.size++;
  }

  remove(value: number): void {
    const at = bisectLeft(this.items, value, 0, this.size);
    this.items.copyWithin(at, at + 1, this.size);
    this.size--;
  }

  median(): number {
    const mid = this.size >> 1;
    return this.size % 2 === 1 ? this.items[mid] : (this.items[mid - 1] + this.items[mid]) / 2;
  }
}
