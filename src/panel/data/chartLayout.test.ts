import { chartLayout } from './chartLayout';

const base = { width: 800, height: 600, chromeHeight: 60, headerHeight: 20, minChartHeight: 140, scrollbarWidth: 12 };

describe('chartLayout(input)', () => {
  it('gives one chart the whole height, without a header', () => {
    expect(chartLayout({ ...base, charts: 1 })).toEqual({
      chartWidth: 800,
      chartHeight: 540,
      scrolls: false,
      headers: false,
    });
  });

  it('splits the height between small multiples, each with a header', () => {
    expect(chartLayout({ ...base, charts: 2 })).toEqual({
      chartWidth: 800,
      chartHeight: 250,
      scrolls: false,
      headers: true,
    });
  });

  it('scrolls at the minimum height instead of shrinking, leaving room for the scrollbar', () => {
    expect(chartLayout({ ...base, charts: 10 })).toEqual({
      chartWidth: 788,
      chartHeight: 140,
      scrolls: true,
      headers: true,
    });
  });

  it('survives a tiny panel and zero charts', () => {
    expect(chartLayout({ ...base, width: 20, height: 10, charts: 0 }).chartWidth).toBe(100);
    expect(chartLayout({ ...base, height: 10, charts: 1 }).chartHeight).toBe(140);
  });
});
