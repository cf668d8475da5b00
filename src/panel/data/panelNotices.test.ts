import { toDataFrame } from '@grafana/data';

import { panelNotices, skippedNotice } from './panelNotices';

describe('panelNotices(data)', () => {
  it('collects query errors and warning or error frame notices, once each', () => {
    const frame = (text: string, severity: 'info' | 'warning' | 'error') =>
      toDataFrame({ fields: [], meta: { notices: [{ severity, text }] } });
    const notices = panelNotices({
      errors: [{ message: 'series api: too few points' }],
      series: [
        frame('only the first 50 of 80 series', 'warning'),
        frame('only the first 50 of 80 series', 'warning'),
        frame('cached', 'info'),
      ],
    });
    expect(notices).toEqual([
      { severity: 'error', text: 'series api: too few points' },
      { severity: 'warning', text: 'only the first 50 of 80 series' },
    ]);
  });

  it('is empty for clean data', () => {
    expect(panelNotices({ series: [] })).toEqual([]);
  });
});

describe('skippedNotice(gaps)', () => {
  it('lists at most five entries, then how many more', () => {
    const gaps = Array.from({ length: 8 }, (_, i) => ({ frame: `frame ${i + 1}`, missing: ['yhat'] }));
    expect(skippedNotice(gaps)).toBe(
      'Skipped frame 1 (no yhat); frame 2 (no yhat); frame 3 (no yhat); frame 4 (no yhat); frame 5 (no yhat); and 3 more'
    );
    expect(skippedNotice([])).toBeUndefined();
  });
});
