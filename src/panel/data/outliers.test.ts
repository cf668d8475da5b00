import { foresightFrame, STEP, T0 } from '../test-utils/factory';
import { countOutliers, matchesDirection, outlierIndexes, selectSeries } from './outliers';
import { toSeriesView } from './seriesView';
import { DEFAULT_PANEL_OPTIONS } from '../types';

const mixed = toSeriesView(foresightFrame({ refId: 'A', outlier: [1, 0, -1, -1, 0] }), 0)!;
const quiet = toSeriesView(foresightFrame({ refId: 'B', outlier: [0, 0, 0, 0, 0] }), 1)!;
const range = { from: T0, to: T0 + 10 * STEP };

describe('outlier helpers', () => {
  it('filters by direction', () => {
    expect(matchesDirection(1, 'above')).toBe(true);
    expect(matchesDirection(-1, 'above')).toBe(false);
    expect(matchesDirection(-1, 'both')).toBe(true);
    expect(matchesDirection(0, 'both')).toBe(false);
    expect(Array.from(outlierIndexes(mixed, 'below'))).toEqual([2, 3]);
  });

  it('counts inside a time range', () => {
    expect(countOutliers(mixed)).toEqual({ above: 1, below: 2 });
    expect(countOutliers(mixed, T0 + STEP, T0 + 2 * STEP)).toEqual({ above: 0, below: 1 });
  });
});

describe('selectSeries(all, selection)', () => {
  const base = { onlyWithOutliers: false, direction: 'both' as const, maxCharts: 10, range };

  it('shows all, or only the picked one', () => {
    expect(selectSeries([mixed, quiet], base).shown).toEqual([mixed, quiet]);
    expect(selectSeries([mixed, quiet], { ...base, picked: quiet.key }).shown).toEqual([quiet]);
  });

  it('falls back to all when the picked series is gone', () => {
    expect(selectSeries([mixed, quiet], { ...base, picked: 'gone' }).shown).toHaveLength(2);
  });

  it('keeps only series with outliers in the chosen direction', () => {
    expect(selectSeries([mixed, quiet], { ...base, onlyWithOutliers: true }).shown).toEqual([mixed]);
    const noneAbove = toSeriesView(foresightFrame({ outlier: [0, 0, -1, 0, 0] }), 2)!;
    expect(selectSeries([noneAbove], { ...base, onlyWithOutliers: true, direction: 'above' }).shown).toEqual([]);
  });

  it('caps the number of charts and says how many are hidden', () => {
    const result = selectSeries([mixed, quiet], { ...base, maxCharts: 1 });
    expect(result.shown).toEqual([mixed]);
    expect(result.hiddenCount).toBe(1);
    expect(result.overLimit).toBe(1);
    expect(result.cutBy).toBe('maxCharts');
  });

  it('says a pick or the outlier filter hid series, not the chart limit, when no limit cut the list', () => {
    const picked = selectSeries([mixed, quiet], { ...base, picked: quiet.key });
    expect(picked).toMatchObject({ hiddenCount: 1, overLimit: 0, cutBy: 'picked' });
    const filtered = selectSeries([mixed, quiet], { ...base, onlyWithOutliers: true });
    expect(filtered).toMatchObject({ hiddenCount: 1, overLimit: 0, cutBy: 'filter' });
    expect(selectSeries([mixed, quiet], base).cutBy).toBeNull();
    const third = toSeriesView(foresightFrame({ refId: 'C', outlier: [0, 1, 0, 0, 0] }), 2)!;
    const both = selectSeries([mixed, quiet, third], { ...base, onlyWithOutliers: true, maxCharts: 1 });
    expect(both).toMatchObject({ hiddenCount: 2, overLimit: 1, cutBy: 'maxCharts' });
  });

  it('uses the default limit when Max charts is emptied, and whole numbers otherwise', () => {
    const many = Array.from({ length: 20 }, (_, i) => toSeriesView(foresightFrame({ refId: `S${i}` }), i)!);
    for (const maxCharts of [undefined, Number.NaN, Infinity]) {
      const result = selectSeries(many, { ...base, maxCharts });
      expect(result.shown).toHaveLength(DEFAULT_PANEL_OPTIONS.maxCharts);
      expect(result.cutBy).toBe('maxCharts');
    }
    expect(selectSeries(many, { ...base, maxCharts: 2.7 }).shown).toHaveLength(2);
    expect(selectSeries(many, { ...base, maxCharts: 0 }).shown).toHaveLength(1);
  });

  it('charts all when Top N is emptied or below 1', () => {
    for (const topN of [undefined, Number.NaN, 0.5, -3]) {
      expect(selectSeries([quiet, mixed], { ...base, topN }).shown).toEqual([quiet, mixed]);
    }
  });

  it('shows only the first N in top-N mode, after the outlier filter, and never hides a picked series', () => {
    const third = toSeriesView(foresightFrame({ refId: 'C', outlier: [0, 1, 0, 0, 0] }), 2)!;
    const top = selectSeries([quiet, mixed, third], { ...base, topN: 2 });
    expect(top.shown).toEqual([quiet, mixed]);
    expect(top.cutBy).toBe('topN');
    const filtered = selectSeries([quiet, mixed, third], { ...base, topN: 2, onlyWithOutliers: true });
    expect(filtered.shown).toEqual([mixed, third]);
    expect(filtered.cutBy).toBe('filter');
    expect(selectSeries([quiet, mixed, third], { ...base, topN: 1, picked: third.key }).shown).toEqual([third]);
    expect(selectSeries([quiet, mixed, third], { ...base, topN: 0 }).cutBy).toBeNull();
  });
});
