/**
 * Weekday/weekend daily shapes (issue 10): next-week MAE on work days and weekends of the synthetic series in
 * src/model/testing/weekShape.ts (weekday peak at 13:00, weekend peak at 20:30 and a lower weekend level, noise
 * sd 10, so a perfect forecast has MAE 8.0), fitted on 2, 3 and 4 weeks of hourly and 5-minute data.
 *   npx tsx bench/weekshape/run.ts [--seeds 5]
 * Prints a Markdown table: the defaults, the defaults with one daily shape (`daily_seasonality_by_day_kind`
 * false, what the defaults did before), and the hand-set weekly Fourier order 40.
 */
import { parseArgs } from 'node:util';
import { fit, predict, type ModelParams } from '../../src/model';
import { DAY_MS, HOUR_MS } from '../../src/model/testing/synthetic';
import { weekShapeSeries } from '../../src/model/testing/weekShape';

const CONFIGS: Array<{ label: string; params: Partial<ModelParams> }> = [
  { label: 'defaults', params: {} },
  { label: 'one daily shape', params: { daily_seasonality_by_day_kind: false } },
  {
    label: 'one daily shape, weekly order 40',
    params: { daily_seasonality_by_day_kind: false, weekly_seasonality: 40 },
  },
];

function nextWeek(weeks: number, stepMs: number, seed: number, params: Partial<ModelParams>) {
  const s = weekShapeSeries({ days: 7 * weeks + 7, stepMs, seed });
  const cut = Math.round((7 * weeks * DAY_MS) / stepMs);
  const model = fit(s.timestamps.subarray(0, cut), s.values.subarray(0, cut), params);
  const ahead = s.timestamps.subarray(cut);
  const p = predict(model, ahead);
  const sum = [0, 0];
  const count = [0, 0];
  ahead.forEach((t, i) => {
    const dow = (Math.floor(t / DAY_MS) + 4) % 7;
    const kind = dow === 0 || dow === 6 ? 1 : 0;
    sum[kind] += Math.abs(p.yhat[i] - s.values[cut + i]);
    count[kind]++;
  });
  return {
    weekday: sum[0] / count[0],
    weekend: sum[1] / count[1],
    split: model.components.some((c) => c.name === 'daily_weekend'),
  };
}

function main(): void {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '5' } } });
  const seeds = Number(values.seeds);
  console.log(`Next-week MAE, mean over ${seeds} seeds (noise floor 8.0; target ≤ 10.0 = 1.25×)\n`);
  console.log('| data | history | parameters | weekday MAE | weekend MAE | split chosen |');
  console.log('|---|---|---|---|---|---|');
  for (const [step, label] of [
    [HOUR_MS, 'hourly'],
    [5 * 60_000, '5-minute'],
  ] as const) {
    for (const weeks of [2, 3, 4]) {
      for (const config of CONFIGS) {
        let weekday = 0;
        let weekend = 0;
        let splits = 0;
        for (let seed = 1; seed <= seeds; seed++) {
          const r = nextWeek(weeks, step, seed, config.params);
          weekday += r.weekday / seeds;
          weekend += r.weekend / seeds;
          splits += r.split ? 1 : 0;
        }
        console.log(
          `| ${label} | ${weeks} weeks | ${config.label} | ${weekday.toFixed(2)} | ${weekend.toFixed(2)} | ${splits}/${seeds} |`
        );
      }
    }
  }
}

main();
