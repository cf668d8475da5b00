import { foresightFrame, STEP, T0 } from '../test-utils/factory';
import type { Direction } from '../types';
import { matchesDirection } from './outliers';
import { type SeriesView, toSeriesView } from './seriesView';
import { currentSignificance, describeCurrent, outsideBandCounts, rankBySignificance } from './triage';

const at = (...steps: number[]) => steps.map((k) => T0 + k * STEP);

function series(refId: string, frame: Parameters<typeof foresightFrame>[0], index = 0) {
  return toSeriesView(foresightFrame({ refId, name: refId, ...frame }), index)!;
}

describe('currentSignificance(series)', () => {
  it('reads the significance field at the last point with a value, skipping the forecast', () => {
    const s = series('A', {
      value: [1, 2, 3, null, null],
      extra: { significance: [0.1, 0.2, 0.7, 0.9, 0.9] },
    });
    expect(currentSignificance(s)).toEqual({ value: 0.7, source: 'significance', time: T0 + 2 * STEP });
  });

  it('falls back to the score when the frame has no significance field', () => {
    const s = series('A', { score: [0.1, 0.2, 0.3, 0.4, 0.6] });
    expect(currentSignificance(s)).toEqual({ value: 0.6, source: 'score', time: T0 + 4 * STEP });
  });

  it('steps back over a trailing null measure, and gives null when there is none', () => {
    const s = series('A', { extra: { significance: [0.5, 0.4, null, null, null] } });
    expect(currentSignificance(s).value).toBe(0.4);
    const none = series('B', { omit: ['score'] });
    expect(currentSignificance(none)).toEqual({ value: null, source: 'score', time: null });
  });
});

describe('describeCurrent(current)', () => {
  it('names the measure it shows', () => {
    expect(describeCurrent({ value: 0.8234, source: 'significance', time: 0 })).toBe('significance 0.82');
    expect(describeCurrent({ value: null, source: 'score', time: null })).toBe('score –');
  });
});

describe('rankBySignificance(all)', () => {
  it('puts the most anomalous first, series without a measure last, ties in query order', () => {
    const calm = series('calm', { extra: { significance: [0, 0, 0, 0, 0.05] } }, 0);
    const none = series('none', { extra: { significance: [null, null, null, null, null] } }, 1);
    const burning = series('burning', { extra: { significance: [0, 0, 0.2, 0.8, 0.95] } }, 2);
    const warm = series('warm', { extra: { significance: [0, 0, 0, 0.3, 0.3] } }, 3);
    const warmToo = series('warmToo', { extra: { significance: [0.9, 0, 0, 0, 0.3] } }, 4);
    const order = rankBySignificance([calm, none, burning, warm, warmToo]).map((r) => r.series.name);
    expect(order).toEqual(['burning', 'warm', 'warmToo', 'calm', 'none']);
  });

  it('ranks by the current point, not the worst of the range', () => {
    const past = series('past', { score: [0.99, 0.1, 0.1, 0.1, 0.1] }, 0);
    const now = series('now', { score: [0.1, 0.1, 0.1, 0.1, 0.6] }, 1);
    expect(rankBySignificance([past, now]).map((r) => r.series.name)).toEqual(['now', 'past']);
  });
});

describe('outsideBandCounts(all, direction)', () => {
  it('counts series outside at each time over the union of their timestamps', () => {
    const a = series('a', { times: at(0, 1, 2, 3, 4), outlier: [0, 1, 1, 0, 0] }, 0);
    // Sampled half a step later, and above and below.
    const b = series('b', { times: at(0.5, 1, 2, 3.5, 4), outlier: [1, -1, -1, 0, 0] }, 1);
    const c = series('c', { times: at(2, 3, 4, 5, 6), outlier: [1, 0, 0, 0, 0] }, 2);
    const result = outsideBandCounts([a, b, c]);
    expect(result.times).toEqual(at(0, 0.5, 1, 2, 3, 3.5, 4, 5, 6));
    expect(result.counts).toEqual([0, 1, 2, 3, 0, 0, 0, 0, 0]);
    expect(result.peak).toBe(3);
    expect(outsideBandCounts([a, b, c], 'below').counts).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('never counts a null value or a null flag, and counts a series once at a duplicated time', () => {
    const gaps = series('gaps', { value: [1, null, 3, 4, 5], outlier: [0, 1, 0, 0, 0] }, 0);
    const nullFlags = toSeriesView(foresightFrame({ outlier: [null, null, 1, null, null] as unknown as number[] }), 1)!;
    const duplicated = series('dup', { times: at(0, 2, 2, 3, 4), outlier: [0, 1, 1, 0, 0] }, 2);
    const result = outsideBandCounts([gaps, nullFlags, duplicated]);
    expect(result.times).toEqual(at(0, 1, 2, 3, 4));
    expect(result.counts).toEqual([0, 0, 2, 0, 0]);
  });

  it('counts series on shared timestamps the same way, with the direction filter', () => {
    const up = series('up', { outlier: [0, 1, 1, -1, 0] }, 0);
    const down = series('down', { outlier: [0, -1, 1, -1, 0] }, 1);
    expect(outsideBandCounts([up, down]).counts).toEqual([0, 2, 2, 2, 0]);
    expect(outsideBandCounts([up, down], 'above').counts).toEqual([0, 1, 2, 0, 0]);
    expect(outsideBandCounts([up, down], 'below').counts).toEqual([0, 1, 0, 2, 0]);
  });

  it('is empty without series', () => {
    expect(outsideBandCounts([])).toEqual({ times: [], counts: [], peak: 0 });
  });

  /** Per distinct time, how many series have a row there outside the band: the definition, spelt out slowly. */
  function reference(all: SeriesView[], direction: Direction) {
    const times = [...new Set(all.flatMap((s) => s.times))].sort((x, y) => x - y);
    const counts = times.map(
      (t) => all.filter((s) => s.times.some((u, i) => u === t && matchesDirection(s.outlier[i], direction))).length
    );
    return { times, counts };
  }

  it('agrees with the definition over misaligned series with shared and duplicated times', () => {
    const all = [
      series('a', { times: at(0, 1, 2, 3, 4), outlier: [1, 0, -1, 1, 0] }),
      series('b', { times: at(0.5, 1, 1, 2.5, 4), outlier: [1, 1, 1, -1, 1] }, 1),
      series('c', { times: at(-1, 0.5, 2, 3, 7), outlier: [-1, 1, 1, 1, 1] }, 2),
      series('d', { times: at(0, 1, 2, 3, 4), outlier: [0, 1, 1, 0, -1] }, 3),
    ];
    for (const direction of ['both', 'above', 'below'] as const) {
      const { times, counts } = outsideBandCounts(all, direction);
      expect({ times, counts }).toEqual(reference(all, direction));
    }
  });

  it('builds the strip for 1000 series of 288 points none of which line up', () => {
    const points = 288;
    // Each series a millisecond later than the one before, outside the band at one point of its own.
    const all = Array.from({ length: 1000 }, (_, k) => {
      const outlier = new Int8Array(points);
      outlier[k % points] = 1;
      const times = Array.from({ length: points }, (_, i) => T0 + i * STEP + k);
      return { times, outlier } as unknown as SeriesView;
    });
    const result = outsideBandCounts(all);
    expect(result.times).toHaveLength(1000 * points);
    expect(result.times[1]).toBe(T0 + 1);
    expect(result.counts.reduce((sum, c) => sum + c, 0)).toBe(1000);
    expect(result.peak).toBe(1);
    // Series k's outlier sits at step k % 288, in slot (k % 288) * 1000 + k.
    expect(result.counts[5 * 1000 + 5]).toBe(1);
    expect(result.counts[5 * 1000 + 6]).toBe(0);
  });
});
