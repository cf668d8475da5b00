/** Order statistics for repeated timings. */
import { extent, median } from 'd3-array';

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
  const [min, max] = extent(samples) as [number, number];
  return { median: median(samples) as number, min, max, count: samples.length };
}
