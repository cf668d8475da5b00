/**
 * An ensemble's stored size and the cost of its daily update against a fresh fit, with the TypeScript model:
 * 4 weeks of 5-minute points (daily and weekly shape, noise), the ensemble fitted on days 0–27, then updated
 * with day 28 and its window moved a day, against fitting days 1–28 from scratch. Prints one JSON line: the
 * model and state texts' sizes (bytes) and the median process CPU milliseconds of the ensemble's fit, a past
 * fit and the ensemble's update (or why it was refused).
 *
 *   npx tsx bench/incremental/ensemble-update.ts [runs] [members]
 *
 * members: comma-separated families, default decomposition,past.
 */
import { fitModel, serializeModelParts, updateModel } from '../../src/model/families/registry';
import { makeSeries, seededNormal } from '../../src/model/testing/synthetic';

const DAY = 288;
const STEP_MS = 300_000;

function cpuMs(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const runs = Number(process.argv[2] ?? 5);
  const members = (process.argv[3] ?? 'decomposition,past').split(',');
  const noise = seededNormal(29);
  const s = makeSeries(
    29 * DAY,
    STEP_MS,
    (d) => 100 + 20 * Math.sin(2 * Math.PI * d) + 10 * Math.cos((2 * Math.PI * d) / 7) + 3 * noise()
  );
  const params = { model: 'ensemble' as const, ensemble_members: members as never };
  const first = { ts: s.timestamps.subarray(0, 28 * DAY), ys: s.values.subarray(0, 28 * DAY) };
  const next = { ts: s.timestamps.subarray(DAY, 29 * DAY), ys: s.values.subarray(DAY, 29 * DAY) };
  const fitted = fitModel(first.ts, first.ys, params);
  const parts = serializeModelParts(fitted);
  const change = {
    added: { timestamps: s.timestamps.subarray(28 * DAY), values: s.values.subarray(28 * DAY) },
    windowStart: s.timestamps[DAY],
    dropped: { timestamps: s.timestamps.subarray(0, DAY), values: s.values.subarray(0, DAY) },
  };
  const timed = (label: string, run: () => void) => {
    const ms: number[] = [];
    run(); // warm-up
    for (let i = 0; i < runs; i++) {
      ms.push(cpuMs(run));
    }
    return [label, Math.round(median(ms))] as const;
  };
  const times = [
    timed('ensemble_fit_ms', () => fitModel(next.ts, next.ys, params)),
    timed('past_fit_ms', () => fitModel(next.ts, next.ys, { model: 'past' })),
  ];
  let update: string | number = 'refused';
  try {
    updateModel(fitted, change, params);
    update = timed('ensemble_update_ms', () => updateModel(fitted, change, params))[1];
  } catch (e) {
    update = `refused: ${(e as Error).message}`;
  }
  console.log(
    JSON.stringify({
      members,
      model_bytes: parts.model.length,
      state_bytes: parts.state.length,
      ...Object.fromEntries(times),
      ensemble_update_ms: update,
    })
  );
}

main();
