/**
 * The two binary searches timed by bench/bisect: d3-array's bisectLeft and the loop the model keeps inline.
 * Bundled by esbuild into one script that both sobek and Node run; it defines the global `bisectBench`.
 */
import { bisectLeft } from 'd3-array';

function inlineLowerBound(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Two weeks of 5-minute timestamps: the size of bench/engine's fixture. */
const POINTS = 4032;
const STEP_MS = 300_000;
const times = Float64Array.from({ length: POINTS }, (_, i) => i * STEP_MS);

/** Milliseconds for `calls` searches at scattered times, and a checksum that keeps the work from being skipped. */
export function bisectBench(which: string, calls: number): [number, number] {
  const search = which === 'd3' ? bisectLeft : inlineLowerBound;
  const start = Date.now();
  let checksum = 0;
  for (let k = 0; k < calls; k++) {
    checksum += search(times, ((k * 7919) % POINTS) * STEP_MS + 1);
  }
  return [Date.now() - start, checksum];
}

(globalThis as unknown as { bisectBench: typeof bisectBench }).bisectBench = bisectBench;
