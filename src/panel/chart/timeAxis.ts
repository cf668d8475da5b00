import { dateTimeFormat, TimeZone } from '@grafana/data';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Tick label format for a visible span: times within a day, dates with times within a week, dates beyond. */
export function tickFormat(spanMs: number): string {
  if (spanMs <= DAY) {
    return 'HH:mm';
  }
  if (spanMs <= 7 * DAY) {
    return 'MM/DD HH:mm';
  }
  return 'YYYY-MM-DD';
}

/** Formats tick times (epoch ms) in the dashboard's time zone. */
export function formatTicks(splits: readonly number[], spanMs: number, timeZone: TimeZone): string[] {
  const format = tickFormat(spanMs);
  return splits.map((ms) => dateTimeFormat(ms, { format, timeZone }));
}

export function formatTooltipTime(ms: number, timeZone: TimeZone): string {
  return dateTimeFormat(ms, { format: 'YYYY-MM-DD HH:mm:ss', timeZone });
}
