/**
 * A series whose daily shape depends on the kind of day (issue 10's weekday/weekend synthetic): on work days
 * traffic peaks at business hours, on weekends in the evening, with a lower weekend level and Gaussian noise.
 * Times are UTC; days are UTC days (holidays_tz_offset_minutes 0).
 */
import { DAY_MS, seededNormal } from './synthetic';

export interface WeekShapeOptions {
  /** First point; a Monday 00:00 UTC by default. */
  start?: number;
  /** Days of points from `start`. */
  days: number;
  stepMs: number;
  noiseSd?: number;
  seed?: number;
}

const WEEKDAY = { level: 300, peakHour: 13, width: 3 };
const WEEKEND = { level: 250, peakHour: 20.5, width: 2.5 };
const PEAK = 200;

/** The noise-free value at `ms`: a level plus a bump around the day kind's peak hour (distance taken around the clock). */
export function weekShapeExpectation(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  const dow = (((day + 4) % 7) + 7) % 7; // 0 = Sunday; 1970-01-01 was a Thursday
  const shape = dow === 0 || dow === 6 ? WEEKEND : WEEKDAY;
  const hour = (ms - day * DAY_MS) / 3_600_000;
  const distance = Math.min(Math.abs(hour - shape.peakHour), 24 - Math.abs(hour - shape.peakHour));
  return shape.level + PEAK * Math.exp(-0.5 * (distance / shape.width) ** 2);
}

/** The series: the expectation plus seeded normal noise of `noiseSd` (10 by default). */
export function weekShapeSeries(options: WeekShapeOptions): { timestamps: Float64Array; values: Float64Array } {
  const start = options.start ?? Date.UTC(2024, 0, 1);
  const n = Math.round((options.days * DAY_MS) / options.stepMs);
  const noise = seededNormal(options.seed ?? 1);
  const sd = options.noiseSd ?? 10;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    timestamps[i] = start + i * options.stepMs;
    values[i] = weekShapeExpectation(timestamps[i]) + sd * noise();
  }
  return { timestamps, values };
}
