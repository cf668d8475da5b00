/**
 * Prophet's window forecasts, computed by prophet_cv.py in the bench venv and cached under
 * bench/results/raw/ keyed by data, cutoffs and parameters, so re-running Foresight is quick.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSeriesCsv, Series } from '../lib/series-csv';
import { BENCH_DIR, RAW_RESULTS_DIR, requireVenv } from '../lib/venv';
import type { WindowForecast } from './window-forecasts';

export interface ProphetJob {
  label: string;
  series: Series;
  cutoffs: number[];
  horizon: number;
  params: object;
}

/** Returns cached forecasts, or runs Prophet when `allowRun`; undefined when neither is possible. */
export function prophetForecasts(job: ProphetJob, allowRun: boolean): WindowForecast[] | undefined {
  const csv = formatSeriesCsv(job.series);
  const key = createHash('sha1')
    .update(JSON.stringify({ csv, cutoffs: job.cutoffs, horizon: job.horizon, params: job.params }))
    .digest('hex')
    .slice(0, 12);
  const dir = join(RAW_RESULTS_DIR, 'prophet-cv');
  mkdirSync(dir, { recursive: true });
  const slug = job.label.replace(/[^A-Za-z0-9_]+/g, '-');
  const outPath = join(dir, `${slug}-${key}.json`);
  if (!existsSync(outPath)) {
    if (!allowRun) {
      return undefined;
    }
    const csvPath = join(dir, `${slug}-${key}.csv`);
    const jobPath = join(dir, `${slug}-${key}.job.json`);
    writeFileSync(csvPath, csv);
    writeFileSync(
      jobPath,
      JSON.stringify({ csv: csvPath, cutoffs: job.cutoffs, horizon_ms: job.horizon, params: job.params })
    );
    const result = spawnSync(requireVenv(), [join(BENCH_DIR, 'accuracy', 'prophet_cv.py'), jobPath, outPath], {
      encoding: 'utf8',
      stdio: ['ignore', 'inherit', 'pipe'],
      maxBuffer: 64 * 2 ** 20,
    });
    if (result.status !== 0) {
      throw new Error(`Prophet failed on ${job.label}: ${result.stderr.trim().split('\n').slice(-1)[0]}`);
    }
  }
  return (JSON.parse(readFileSync(outPath, 'utf8')) as { forecasts: WindowForecast[] }).forecasts;
}
