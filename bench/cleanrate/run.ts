/**
 * What a score means on clean data of different kinds (issue 10: one alert threshold for every series): the
 * share of points the default detector flags, and the share scoring 0.5 or more, streaming (`detectOnline`,
 * defaults) over synthetic series with no anomaly: a daily and weekly cycle under Gaussian noise, Poisson-like
 * counts and sparse counts, at 1-, 5- and 60-minute steps, and skewed kinds (a lognormal latency, an error rate)
 * with 15 days of history at 5- and 60-minute steps.
 *   npx tsx bench/cleanrate/run.ts [--seeds 3] [--params '{"sustained_points":0}'] [--only 60 (step in minutes)]
 * Prints a Markdown table.
 */
import { parseArgs } from 'node:util';
import { detectOnline } from '../../src/model';
import { DAY_MS, seededNormal, seededRandom } from '../../src/model/testing/synthetic';

interface Kind {
  label: string;
  stepMinutes: number;
  days: number;
  /** A value around `level` (1 ± 0.5 over the day, 0.7 on weekends) from the seeded generators. */
  value: (level: number, normal: () => number, uniform: () => number) => number;
}

/** A count with mean `mean`: the number of 40 Bernoulli trials that succeed (close to Poisson for small means). */
function count(mean: number, uniform: () => number): number {
  let k = 0;
  for (let j = 0; j < 40; j++) {
    k += uniform() < mean / 40 ? 1 : 0;
  }
  return k;
}

/** A latency around 100 that rises with traffic (a third of the cycle's swing) with multiplicative lognormal noise. */
function latency(level: number, normal: () => number): number {
  return ((100 * (2 + level)) / 3) * Math.exp(0.3 * normal());
}

/** Errors over requests: 200 requests at the level, each failing with probability 1%. */
function errorRate(level: number, _normal: () => number, uniform: () => number): number {
  return count(2 * level, uniform) / (200 * level);
}

const KINDS: Kind[] = [
  { label: 'Gaussian noise (sd 5 on a level of 100)', stepMinutes: 60, days: 30, value: (l, n) => 100 * l + 5 * n() },
  { label: 'Gaussian noise (sd 5 on a level of 100)', stepMinutes: 5, days: 30, value: (l, n) => 100 * l + 5 * n() },
  { label: 'Gaussian noise (sd 5 on a level of 100)', stepMinutes: 1, days: 20, value: (l, n) => 100 * l + 5 * n() },
  { label: 'counts, mean about 5', stepMinutes: 1, days: 20, value: (l, _n, u) => count(5 * l, u) },
  { label: 'sparse counts, mean about 0.2', stepMinutes: 1, days: 20, value: (l, _n, u) => count(0.2 * l, u) },
  // Skewed and heavy-tailed kinds, as latencies and error rates are, with a short history.
  { label: 'latency-like: lognormal noise (σ 0.3)', stepMinutes: 60, days: 15, value: latency },
  { label: 'latency-like: lognormal noise (σ 0.3)', stepMinutes: 5, days: 15, value: latency },
  { label: 'error rate: about 2 errors in 200 requests', stepMinutes: 60, days: 15, value: errorRate },
  { label: 'error rate: about 2 errors in 200 requests', stepMinutes: 5, days: 15, value: errorRate },
];

function series(kind: Kind, seed: number): { timestamps: Float64Array; values: Float64Array } {
  const normal = seededNormal(seed);
  const uniform = seededRandom(seed + 1000);
  const step = kind.stepMinutes * 60_000;
  const start = Date.UTC(2026, 0, 5); // a Monday
  const n = Math.floor((kind.days * DAY_MS) / step);
  const timestamps = Float64Array.from({ length: n }, (_, i) => start + i * step);
  const values = Float64Array.from(timestamps, (t) => {
    const hour = ((t % DAY_MS) / DAY_MS) * 2 * Math.PI;
    const weekend = Math.floor((t - start) / DAY_MS) % 7 >= 5;
    return kind.value((1 + 0.5 * Math.sin(hour - 1.5)) * (weekend ? 0.7 : 1), normal, uniform);
  });
  return { timestamps, values };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '3' },
      params: { type: 'string', default: '{}' },
      only: { type: 'string' },
    },
  });
  const seeds = Number(values.seeds);
  const params = JSON.parse(values.params) as Parameters<typeof detectOnline>[2];
  console.log('| series | step | history | points judged per seed | flagged (per seed) | score ≥ 0.5 (per seed) |');
  console.log('|---|---|---|---|---|---|');
  for (const kind of KINDS.filter((k) => values.only === undefined || `${k.stepMinutes}` === values.only)) {
    const flagged: string[] = [];
    const half: string[] = [];
    let judged = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const s = series(kind, seed);
      const out = detectOnline(s.timestamps, s.values, params, {});
      let n = 0;
      let f = 0;
      let h = 0;
      for (let i = 0; i < s.timestamps.length; i++) {
        // Judged points have an expectation; those before enough history have none (and a score of 0).
        if (Number.isFinite(out.yhat[i])) {
          n++;
          f += out.outlier[i] !== 0 ? 1 : 0;
          h += out.score[i] >= 0.5 ? 1 : 0;
        }
      }
      judged = n;
      flagged.push(`${((100 * f) / n).toFixed(3)}%`);
      half.push(`${((100 * h) / n).toFixed(3)}%`);
    }
    console.log(
      `| ${kind.label} | ${kind.stepMinutes} min | ${kind.days} days | ${judged} | ${flagged.join(', ')} | ${half.join(', ')} |`
    );
  }
}

main();
