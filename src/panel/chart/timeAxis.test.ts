import { formatTicks, formatTooltipTime, tickFormat } from './timeAxis';

const T = Date.UTC(2025, 9, 6, 15, 30);

describe('time axis', () => {
  it('picks coarser labels for longer spans', () => {
    expect(tickFormat(3_600_000)).toBe('HH:mm');
    expect(tickFormat(3 * 86_400_000)).toBe('MM/DD HH:mm');
    expect(tickFormat(30 * 86_400_000)).toBe('YYYY-MM-DD');
  });

  it('formats in the dashboard time zone', () => {
    expect(formatTicks([T], 3_600_000, 'utc')).toEqual(['15:30']);
    expect(formatTicks([T], 3_600_000, 'Asia/Seoul')).toEqual(['00:30']);
    expect(formatTooltipTime(T, 'Asia/Seoul')).toBe('2025-10-07 00:30:00');
  });
});
