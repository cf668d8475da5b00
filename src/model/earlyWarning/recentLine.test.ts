import { MIN_LINE_POINTS, recentLines } from './recentLine';

const STEP = 300_000;

describe('recentLines', () => {
  it('reads a window of a step or two from its last points, so the line has a spread', () => {
    // A rising line with noise: over a 10-minute window (2 points) no variance could be read, and the outlook
    // over a short lead dropped its anchor.
    const n = 40;
    const ts = Float64Array.from({ length: n }, (_, i) => i * STEP);
    const ys = Float64Array.from({ length: n }, (_, i) => 0.5 * i + (i % 3) - 1);
    const short = recentLines(ts, ys, 2 * STEP, MIN_LINE_POINTS);
    const last = n - 1;
    expect(Number.isFinite(short.level_var[last])).toBe(true);
    // The line through the last MIN_LINE_POINTS points: the same as a window that holds exactly those.
    const exact = recentLines(ts, ys, (MIN_LINE_POINTS - 0.5) * STEP);
    // Without a minimum (Prometheus' predict_linear), the window alone: two points, no spread.
    expect(recentLines(ts, ys, 2 * STEP).level_var[last]).toBeNaN();
    expect(short.level[last]).toBeCloseTo(exact.level[last], 10);
    expect(short.slope[last] * 3_600_000).toBeCloseTo(6, 0); // 0.5 per 5 minutes
    // A window holding more points than the minimum reads the window, as before.
    const long = recentLines(ts, ys, 20.5 * STEP, MIN_LINE_POINTS);
    expect(long.level[last]).not.toBeCloseTo(short.level[last], 6);
  });
});
