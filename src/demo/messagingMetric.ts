/**
 * A synthetic but realistic messaging metric, "messages sent per 5 minutes" for a Korean service:
 * a daily cycle in Korea time (night trough, lunch bump, evening peak), quieter and later
 * weekends, slow growth, Seollal/Chuseok drops and other public holidays like Sundays, noise, and
 * three injected incidents (a spike, an outage, a slow degradation). Pure and deterministic.
 */
import { countryHolidays, countryYearRange } from '../model/holidays';
import { seededRandom } from './random';

export type IncidentKind = 'spike' | 'outage' | 'degradation';

export interface InjectedIncident {
  kind: IncidentKind;
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  /** Which way the metric moves: +1 up, -1 down. */
  direction: 1 | -1;
  description: string;
}

export interface DemoSeriesOptions {
  /** Epoch ms of the first point; default `end` minus 8 weeks. */
  start: number;
  /** Epoch ms the series stops before; default 2025-10-20T00:00Z (spans Chuseok 2025). */
  end: number;
  stepMs: number;
  seed: number;
}

export interface DemoSeries {
  timestamps: Float64Array;
  values: Float64Array;
  incidents: InjectedIncident[];
  /** Korean public holidays inside the series, by local date. */
  holidays: Array<{ name: string; date: string }>;
  /** Parameters that describe the metric's calendar to the model. */
  modelHints: { country_holidays: string[]; holidays_tz_offset_minutes: number };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const KST_OFFSET_MS = 9 * HOUR;

export const DEFAULT_DEMO_END = Date.UTC(2025, 9, 20);

export const DEFAULT_DEMO_OPTIONS: Readonly<DemoSeriesOptions> = Object.freeze({
  start: DEFAULT_DEMO_END - 56 * DAY,
  end: DEFAULT_DEMO_END,
  stepMs: 5 * MINUTE,
  seed: 20251020,
});

/** Messages per 5 minutes at the evening peak of an ordinary weekday at the start. */
const PEAK_PER_5_MINUTES = 42_000;
const GROWTH_PER_DAY = 0.0015;
const NOISE_SHARE = 0.02;
const MAX_POINTS = 5_000_000;
/** Level of weekends and minor holidays, and of Seollal/Chuseok days, against a workday. */
const WEEKEND_FACTOR = 0.9;
const MAJOR_HOLIDAY_FACTOR = 0.7;
/** On days off the daily cycle runs this much later (people sleep in). */
const DAY_OFF_SHIFT_HOURS = 0.5;
/** The degradation loses this share of traffic by its end, linearly. */
const DEGRADATION_DEPTH = 0.5;

export function generateDemoSeries(options: Partial<DemoSeriesOptions> = {}): DemoSeries {
  const end = options.end ?? DEFAULT_DEMO_OPTIONS.end;
  const start = options.start ?? end - 56 * DAY;
  const stepMs = options.stepMs ?? DEFAULT_DEMO_OPTIONS.stepMs;
  const seed = options.seed ?? DEFAULT_DEMO_OPTIONS.seed;
  if (![start, end, stepMs, seed].every(Number.isFinite) || stepMs <= 0 || end <= start) {
    throw new Error('generateDemoSeries needs finite start < end and a positive stepMs');
  }
  const n = Math.ceil((end - start) / stepMs);
  if (n > MAX_POINTS) {
    throw new Error(`generateDemoSeries would make ${n} points; the limit is ${MAX_POINTS}`);
  }
  const holidays = koreanHolidays(start, end);
  const holidayKind = new Map<string, 'major' | 'minor'>();
  for (const h of holidays) {
    const major = /Seollal|Chuseok/.test(h.name);
    if (major || !holidayKind.has(h.date)) {
      holidayKind.set(h.date, major ? 'major' : 'minor');
    }
  }
  const incidents = placeIncidents(start, end);
  const random = seededRandom(seed);
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = start + i * stepMs;
    const local = t + KST_OFFSET_MS;
    const date = new Date(local).toISOString().slice(0, 10);
    const weekday = new Date(local).getUTCDay();
    const kind = holidayKind.get(date) ?? (weekday === 0 || weekday === 6 ? 'weekend' : 'workday');
    const hour = (local % DAY) / HOUR;
    const growth = 1 + GROWTH_PER_DAY * ((t - start) / DAY);
    const expected = PEAK_PER_5_MINUTES * growth * dayFactor(kind) * dailyShape(hour, kind !== 'workday');
    const noisy = expected * (1 + NOISE_SHARE * random.normal());
    values[i] = Math.max(0, Math.round(noisy * incidentFactor(t, incidents)));
    timestamps[i] = t;
  }
  return {
    timestamps,
    values,
    incidents,
    holidays,
    modelHints: { country_holidays: ['KR'], holidays_tz_offset_minutes: 540 },
  };
}

/** Share of the peak at a local hour: night trough near 4:30, lunch bump, evening peak near 21:30. */
function dailyShape(hour: number, dayOff: boolean): number {
  const h = dayOff ? hour - DAY_OFF_SHIFT_HOURS : hour; // days off start later
  return 0.12 + 0.45 * bump(h, 11, 3.2) + 0.35 * bump(h, 15.5, 2.5) + 0.88 * bump(h, 21.5, 2.2);
}

function dayFactor(kind: 'workday' | 'weekend' | 'major' | 'minor'): number {
  switch (kind) {
    case 'workday':
      return 1;
    case 'weekend':
    case 'minor':
      return WEEKEND_FACTOR;
    case 'major':
      return MAJOR_HOLIDAY_FACTOR;
  }
}

/** A bell on the 24-hour circle. */
function bump(hour: number, center: number, width: number): number {
  const raw = Math.abs(hour - center) % 24;
  const distance = Math.min(raw, 24 - raw);
  return Math.exp(-0.5 * (distance / width) ** 2);
}

function koreanHolidays(start: number, end: number): Array<{ name: string; date: string }> {
  const fromYear = new Date(start + KST_OFFSET_MS).getUTCFullYear();
  const toYear = new Date(end + KST_OFFSET_MS).getUTCFullYear();
  const range = countryYearRange('KR');
  const from = Math.max(fromYear, range.fromYear);
  const to = Math.min(toYear, range.toYear);
  if (from > to) {
    return [];
  }
  const firstDate = new Date(start + KST_OFFSET_MS).toISOString().slice(0, 10);
  const lastDate = new Date(end - 1 + KST_OFFSET_MS).toISOString().slice(0, 10);
  return countryHolidays('KR', from, to).filter((h) => h.date >= firstDate && h.date <= lastDate);
}

/**
 * Three incidents at fixed shares of the span, each on its day at a fixed Korea-time hour: a
 * 20-minute spike (a push campaign), a 45-minute outage, and an 8-hour degradation that ends with
 * a fix. With the default span they fall on ordinary weekdays.
 */
function placeIncidents(start: number, end: number): InjectedIncident[] {
  const days = (end - start) / DAY;
  const at = (share: number, localHour: number): number => {
    const localDayStart = Math.floor((start + KST_OFFSET_MS) / DAY) * DAY - KST_OFFSET_MS;
    return localDayStart + Math.floor(share * days) * DAY + localHour * HOUR;
  };
  const candidates: InjectedIncident[] = [
    {
      kind: 'spike',
      start: at(0.31, 14),
      end: at(0.31, 14) + 20 * MINUTE,
      direction: 1,
      description: 'push campaign: traffic ×1.8 for 20 minutes',
    },
    {
      kind: 'outage',
      start: at(0.56, 20.5),
      end: at(0.56, 20.5) + 45 * MINUTE,
      direction: -1,
      description: 'outage: traffic falls to 8% for 45 minutes',
    },
    {
      kind: 'degradation',
      start: at(0.92, 9),
      end: at(0.92, 9) + 8 * HOUR,
      direction: -1,
      description: 'slow degradation: traffic sinks to 50% over 8 hours, then a fix',
    },
  ];
  return candidates.filter((incident) => incident.start >= start && incident.end <= end);
}

function incidentFactor(t: number, incidents: InjectedIncident[]): number {
  for (const incident of incidents) {
    if (t < incident.start || t >= incident.end) {
      continue;
    }
    switch (incident.kind) {
      case 'spike':
        return 1.8;
      case 'outage':
        return 0.08;
      case 'degradation':
        return 1 - DEGRADATION_DEPTH * ((t - incident.start) / (incident.end - incident.start));
    }
  }
  return 1;
}
