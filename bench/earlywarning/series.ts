/**
 * The early-warning family: 5-minute series with a daily cycle (peak at 14:00 UTC), quieter weekends (80%) and
 * noise, 28 days of clean history, then an evaluation span of 6 days (Monday to Saturday). The threshold sits
 * 4 noise sd + 4 above the weekday peak, so the clean twin (same seed, no drift) never crosses it. A drifting
 * series rises linearly from a start 6-30 hours into the evaluation span, at the speed that covers that margin in
 * 1, 2 or 4 days.
 */
import { DAY_MS, HOUR_MS, seededNormal } from '../../src/model/testing/synthetic';

export const STEP_MS = 5 * 60_000;
export const HISTORY_DAYS = 28;
export const EVALUATION_DAYS = 6;
const START = Date.UTC(2025, 0, 6); // a Monday
const LEVEL = 100;
const DAILY_AMPLITUDE = 20;
const WEEKEND_FACTOR = 0.8;
/** The threshold's height above the weekday peak (LEVEL + DAILY_AMPLITUDE). */
function margin(noise: number): number {
  return 4 * noise + 4;
}

export interface FamilySeries {
  name: string;
  timestamps: Float64Array;
  values: Float64Array;
  threshold: number;
  /** Evaluation starts here (history before it). */
  evaluationStart: number;
  /** Drift start, or null for a clean series. */
  driftStart: number | null;
  /** Days the drift takes to cover the margin (0 clean). */
  daysToCross: number;
  noise: number;
}

export interface FamilyCase {
  daysToCross: number;
  noise: number;
  seed: number;
}

/** Drift speeds (days to cover the margin) × noise sd × seeds. */
export function familyCases(seeds: number): FamilyCase[] {
  const cases: FamilyCase[] = [];
  for (const daysToCross of [1, 2, 4]) {
    for (const noise of [2, 5]) {
      for (let seed = 1; seed <= seeds; seed++) {
        cases.push({ daysToCross, noise, seed });
      }
    }
  }
  return cases;
}

function seasonal(t: number): number {
  const hourOfDay = (((t % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
  const dow = (Math.floor(t / DAY_MS) + 4) % 7; // 0 Sunday
  const weekend = dow === 0 || dow === 6;
  const daily = DAILY_AMPLITUDE * Math.cos((2 * Math.PI * (hourOfDay - 14)) / 24);
  return weekend ? WEEKEND_FACTOR * (LEVEL + daily) : LEVEL + daily;
}

export function familySeries(c: FamilyCase, drifting: boolean): FamilySeries {
  const noise = seededNormal(1000 * c.seed + c.noise);
  const n = ((HISTORY_DAYS + EVALUATION_DAYS) * DAY_MS) / STEP_MS;
  const evaluationStart = START + HISTORY_DAYS * DAY_MS;
  // The drift starts 6-30 hours into the evaluation span (by seed), at any time of day.
  const driftStart = drifting ? evaluationStart + (6 + ((c.seed * 7.3) % 24)) * HOUR_MS : null;
  const speed = margin(c.noise) / c.daysToCross;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = START + i * STEP_MS;
    const drift = driftStart !== null && t > driftStart ? (speed * (t - driftStart)) / DAY_MS : 0;
    timestamps[i] = t;
    values[i] = seasonal(t) + drift + c.noise * noise();
  }
  return {
    name: `${drifting ? 'drift' : 'clean'} ${c.daysToCross} d noise ${c.noise} seed ${c.seed}`,
    timestamps,
    values,
    threshold: LEVEL + DAILY_AMPLITUDE + margin(c.noise),
    evaluationStart,
    driftStart,
    daysToCross: drifting ? c.daysToCross : 0,
    noise: c.noise,
  };
}
