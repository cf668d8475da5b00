/**
 * The holiday days a model was given, as time spans to shade on a plot: the model's own calendars
 * (country_holidays) and the config's custom holidays, in the holiday zone, merged into runs of days.
 */
import type { ModelParams } from '../../model';
import { countryHolidays, countryYearRange, holidayIntervals } from '../../model/holidays';

export interface HolidaySpan {
  range: [number, number];
  label: string;
}

export interface PlotHolidays {
  /** What the title says is modelled, e.g. "KR holidays" or "KR + custom holidays". */
  description: string;
  spans: HolidaySpan[];
}

/** The holidays modelled between `from` and `to` (epoch ms); undefined when the model has none. */
export function plotHolidays(params: Partial<ModelParams>, from: number, to: number): PlotHolidays | undefined {
  const countries = (params.country_holidays ?? []).map((code) => code.trim().toUpperCase());
  const custom = params.holidays ?? [];
  if (countries.length === 0 && custom.length === 0) {
    return undefined;
  }
  const tz = params.holidays_tz_offset_minutes ?? 0;
  const days: Array<{ start: number; end: number; name: string }> = [];
  const addDays = (dates: string[], name: string): void => {
    const [{ intervals }] = holidayIntervals(dates, 0, 0, tz);
    for (let k = 0; k < intervals.length; k += 2) {
      if (intervals[k + 1] > from && intervals[k] <= to) {
        days.push({ start: intervals[k], end: intervals[k + 1], name });
      }
    }
  };
  const [firstYear, lastYear] = [yearOf(from, tz), yearOf(to, tz)];
  for (const country of countries) {
    const known = countryYearRange(country);
    const [fromYear, toYear] = [Math.max(firstYear, known.fromYear), Math.min(lastYear, known.toYear)];
    for (const holiday of fromYear <= toYear ? countryHolidays(country, fromYear, toYear) : []) {
      addDays([holiday.date], baseName(holiday.name));
    }
  }
  for (const holiday of custom) {
    addDays(holiday.dates, holiday.name);
  }
  const parts = [...countries, ...(custom.length > 0 ? ['custom'] : [])];
  return { description: `${parts.join(' + ')} holidays`, spans: mergeDays(days) };
}

/** "Chuseok (day before)" and "Substitute Holiday (Chuseok)" are both Chuseok on a plot. */
function baseName(name: string): string {
  const substitute = /^substitute holiday \((.+)\)$/i.exec(name);
  return substitute ? substitute[1] : name.replace(/\s*\(day (before|after)\)$/i, '');
}

/** Touching or overlapping days become one span, labelled with its distinct names in date order. */
function mergeDays(days: Array<{ start: number; end: number; name: string }>): HolidaySpan[] {
  days.sort((a, b) => a.start - b.start);
  const spans: Array<{ range: [number, number]; names: string[] }> = [];
  for (const day of days) {
    const last = spans[spans.length - 1];
    if (last !== undefined && day.start <= last.range[1]) {
      last.range[1] = Math.max(last.range[1], day.end);
      if (!last.names.includes(day.name)) {
        last.names.push(day.name);
      }
    } else {
      spans.push({ range: [day.start, day.end], names: [day.name] });
    }
  }
  return spans.map(({ range, names }) => ({ range, label: names.join(' / ') }));
}

function yearOf(ms: number, tzOffsetMinutes: number): number {
  return new Date(ms + tzOffsetMinutes * 60_000).getUTCFullYear();
}
