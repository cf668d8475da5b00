import { foresightFrame, STEP, T0 } from '../test-utils/factory';
import { toSeriesView } from './seriesView';
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
});
