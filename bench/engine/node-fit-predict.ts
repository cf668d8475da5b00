/**
 * The Node half of the engine benchmark (bench/engine/main.go runs it): fit + predict of the fixture
 * series with the TypeScript model, as many times as asked; prints one JSON line of milliseconds.
 *
 *   npx tsx bench/engine/node-fit-predict.ts <fixture.json> <warmup> <runs>
 */
import { readFileSync } from 'node:fs';

import { fitModel, predictModel } from '../../src/model';
import type { ModelParams } from '../../src/model';

interface Fixture {
  params: Partial<ModelParams>;
  timestamps: Array<number | null>;
  values: Array<number | null>;
}

function main(): void {
  const [path, warmupText, runsText] = process.argv.slice(2);
  const warmup = Number(warmupText);
  const runs = Number(runsText);
  if (!path || !(warmup >= 0) || !(runs >= 1)) {
    throw new Error('usage: node-fit-predict.ts <fixture.json> <warmup> <runs>');
  }
  const fixture = JSON.parse(readFileSync(path, 'utf8')) as Fixture;
  const ts = Float64Array.from(fixture.timestamps, (v) => v ?? NaN);
  const ys = Float64Array.from(fixture.values, (v) => v ?? NaN);
  const timesMs: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const started = performance.now();
    // The family the params name (the default ensemble without one), as the Go engine's Fit does.
    const model = fitModel(ts, ys, fixture.params);
    predictModel(model, ts, ys);
    if (i >= warmup) {
      timesMs.push(performance.now() - started);
    }
  }
  process.stdout.write(JSON.stringify({ points: ts.length, timesMs }) + '\n');
}

main();
