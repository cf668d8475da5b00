/** Order statistics for repeated timings. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  count: number;
}

/** Median (mean of the two middle values for an even count), min and max; throws on an empty list. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) {
    throw new Error('summarize: no samples');
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], count: sorted.length };
}
