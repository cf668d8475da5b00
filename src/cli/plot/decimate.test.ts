import { decimateBand, decimateLine, decimateMarkers } from './decimate';

describe('decimateLine', () => {
  it('keeps every point when each has its own pixel column', () => {
    expect(decimateLine([0, 1, 2], [5, 6, 7])).toEqual([
      [
        [0, 5],
        [1, 6],
        [2, 7],
      ],
    ]);
  });

  it('keeps first, lowest, highest and last of a crowded column, in order', () => {
    const xs = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    const ys = [5, 9, 1, 4, 8, 6];
    expect(decimateLine(xs, ys)).toEqual([
      [
        [0.1, 5],
        [0.2, 9],
        [0.3, 1],
        [0.6, 6],
      ],
    ]);
  });

  it('breaks the line at missing values', () => {
    expect(decimateLine([0, 1, 2, 3], [1, NaN, 2, 3]).map((s) => s.length)).toEqual([1, 2]);
  });

  it('turns 100k points into at most 4 vertices per column', () => {
    const n = 100_000;
    const xs = Float64Array.from({ length: n }, (_, i) => (i / n) * 1000);
    const ys = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50) + (i === 54_321 ? 100 : 0));
    const segments = decimateLine(xs, ys);
    const points = segments.flat();
    expect(points.length).toBeLessThanOrEqual(4 * 1000);
    expect(Math.max(...points.map((p) => p[1]))).toBeCloseTo(100 + Math.sin(54_321 / 50), 9);
  });
});

describe('decimateBand', () => {
  it('takes the envelope per column and splits runs at gaps', () => {
    const runs = decimateBand([0.2, 0.7, 1.5, 2.5], [10, 8, NaN, 9], [20, 25, NaN, 21]);
    expect(runs).toEqual([[{ x: 0.2, top: 8, bottom: 25 }], [{ x: 2.5, top: 9, bottom: 21 }]]);
  });
});

describe('decimateMarkers', () => {
  it('keeps the most extreme marker per column and direction', () => {
    // Screen y: smaller is higher.
    const markers = decimateMarkers([0.1, 0.2, 0.3, 1.1], [50, 20, 90, 40], [1, 1, -1, 0]);
    expect(markers).toEqual([
      { x: 0.2, y: 20, direction: 1 },
      { x: 0.3, y: 90, direction: -1 },
    ]);
  });

  it('thins to one marker per wider bin when asked', () => {
    const markers = decimateMarkers([0.5, 2.5, 4.5, 6.5], [50, 20, 90, 40], [1, 1, 1, 1], 4);
    expect(markers).toEqual([
      { x: 2.5, y: 20, direction: 1 },
      { x: 6.5, y: 40, direction: 1 },
    ]);
  });
});
