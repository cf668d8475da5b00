/**
 * The series every speed peer is timed on: 5-minute points with a slow trend, daily and weekly
 * seasonality, Gaussian noise, a few missing values and a few spikes. Seeded, so a size always
 * yields the same data.
 */
import { seededUniform } from '../../src/model/seededUniform';
import type { Series } from '../lib/series-csv';

export const STEP_MS = 5 * 60_000;
export const POINTS_PER_DAY = 288;
export const POINTS_PER_WEEK = 2016;
/** 2024-01-01T00:00:00Z, a Monday. */
const START_MS = Date.UTC(2024, 0, 1);

/** mulberry32, the model's own seeded source (the same numbers as before). */
export const seededRandom = seededUniform;

export function generateSeries(n: number, seed = 42): Series {
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`generateSeries: n must be a positive integer, got ${n}`);
  }
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    timestamps[i] = START_MS + i * STEP_MS;
    const day = (2 * Math.PI * i) / POINTS_PER_DAY;
    const week = (2 * Math.PI * i) / POINTS_PER_WEEK;
    values[i] = 100 + 0.0005 * i + 10 * Math.sin(day) + 3 * Math.cos(2 * day) + 6 * Math.sin(week) + 2 * gaussian();
    const u = random();
    if (u < 0.002) {
      values[i] = NaN;
    } else if (u < 0.004) {
      values[i] += 40;
    }
  }
  return { timestamps, values };
}
