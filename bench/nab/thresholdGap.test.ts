import { prepareFile, probationLength, type LabelledFile } from './rules';
import { quietShares, thresholdGap } from './thresholdGap';

const ROWS = 400;

/** A file whose scores are `base` outside its window and `peak` on its window's rows. */
function file(name: string, base: number, peak: number, window: readonly [number, number] | null) {
  const labelled: LabelledFile = { name, rows: ROWS, windows: window === null ? [] : [window] };
  const scores = new Float64Array(ROWS).fill(base);
  if (window !== null) {
    scores.fill(peak, window[0], window[1] + 1);
  }
  return prepareFile(labelled, scores);
}

describe('thresholdGap(files)', () => {
  const start = probationLength(ROWS) + 100;
  const window = [start, start + 20] as const;

  it('should find no gap when one threshold separates every file', () => {
    const gap = thresholdGap([file('a.csv', 0.1, 0.9, window), file('b.csv', 0.2, 0.8, window)]);
    expect(gap.globalF1).toBe(1);
    expect(gap.perFileF1).toBe(1);
    expect(gap.files).toBe(2);
  });

  it('should show the gap when scores mean different things on two files', () => {
    // File a's normal rows score above file b's anomaly: each file alone is separable, together they are not.
    const gap = thresholdGap([file('a.csv', 0.6, 0.9, window), file('b.csv', 0.1, 0.5, window)]);
    expect(gap.perFileF1).toBe(1);
    expect(gap.globalF1).toBeLessThan(1);
    expect(gap.perFileF1 - gap.globalF1).toBeGreaterThan(0.2);
  });

  it('should count false-positive events of files without windows in the pooled F1 only', () => {
    const gap = thresholdGap([file('a.csv', 0.1, 0.9, window), file('quiet.csv', 0.95, 0.95, null)]);
    expect(gap.files).toBe(1);
    expect(gap.globalF1).toBe(1);
    // The quiet file's one run of flagged rows halves the pooled precision: F1 = 2·0.5·1 / 1.5.
    expect(gap.pooledF1).toBeCloseTo(2 / 3, 12);
  });

  it('should say what a score means: per file, the share of rows outside windows at or over the threshold', () => {
    const quiet = file('quiet.csv', 0.6, 0.6, null);
    const clean = file('clean.csv', 0.1, 0.9, window);
    const spread = quietShares([quiet, clean, file('clean2.csv', 0.2, 0.9, window)], 0.5);
    // Window rows never count: the clean files have no quiet row at 0.5, the quiet file all of them.
    expect(spread).toEqual({ median: 0, p90: 1, max: 1 });
    expect(thresholdGap([clean]).quietAtHalf.max).toBe(0);
  });
});
