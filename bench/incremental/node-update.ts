/**
 * The Node half of the incremental benchmark (bench/incremental/main.go runs it): for the series in a JSON
 * file ({timestamps, values, window_points, hour_points}), times a full fit of the window that starts one hour
 * in against an update of the fit of the first window by the hour after it (the first hour dropped), with the
 * TypeScript model; prints one JSON line of milliseconds.
 *
 *   npx tsx bench/incremental/node-update.ts <series.json> <warmup> <runs>
 */
import { readFileSync } from 'node:fs';

import { fit, update } from '../../src/model';

interface SeriesFile {
  timestamps: number[];
  values: number[];
  window_points: number;
  hour_points: number;
}

function main(): void {
  const [path, warmupText, runsText] = process.argv.slice(2);
  const warmup = Number(warmupText);
  const runs = Number(runsText);
  if (!path || !(warmup >= 0) || !(runs >= 1)) {
    throw new Error('usage: node-update.ts <series.json> <warmup> <runs>');
  }
  const file = JSON.parse(readFileSync(path, 'utf8')) as SeriesFile;
  const ts = Float64Array.from(file.timestamps);
  const ys = Float64Array.from(file.values);
  const n = file.window_points;
  const h = file.hour_points;
  const model = fit(ts.subarray(0, n), ys.subarray(0, n));
  const change = {
    added: { timestamps: ts.subarray(n, n + h), values: ys.subarray(n, n + h) },
    windowStart: ts[h],
    dropped: { timestamps: ts.subarray(0, h), values: ys.subarray(0, h) },
  };
  const fitMs: number[] = [];
  const updateMs: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    let started = performance.now();
    fit(ts.subarray(h, n + h), ys.subarray(h, n + h));
    const fitted = performance.now() - started;
    started = performance.now();
    update(model, change);
    const updated = performance.now() - started;
    if (i >= warmup) {
      fitMs.push(fitted);
      updateMs.push(updated);
    }
  }
  process.stdout.write(JSON.stringify({ fitMs, updateMs }) + '\n');
}

main();
