/**
 * The peers timed in Node: Foresight (our model), augurs Prophet (Stan optimizer compiled to WASM)
 * and augurs MSTL. Each one fits a series and predicts an 80% band at every timestamp of it.
 * augurs is loaded from bench/node_modules at run time, so the root typecheck needs no peer installed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Series } from '../lib/series-csv';
import { POINTS_PER_DAY, POINTS_PER_WEEK } from './synthetic-series';

export interface PeerRun {
  fitMs: number;
  predictMs: number;
  /** CPU time of the process (user + system, all threads) during fit + predict; less skewed by other load than wall time. */
  cpuMs?: number;
  /** Mean band width: proves a band came out (and keeps the work observable). */
  meanBandWidth: number;
}

export interface SpeedPeer {
  name: string;
  run(series: Series): PeerRun;
}

export const NODE_PEER_NAMES = ['foresight', 'augurs-prophet', 'augurs-mstl'] as const;
export type NodePeerName = (typeof NODE_PEER_NAMES)[number];

const AUGURS_DIR = join(__dirname, '..', 'node_modules', '@bsull', 'augurs');
const WASMSTAN = join(__dirname, '..', 'node_modules', '@bsull', 'augurs-prophet-wasmstan', 'prophet-wasmstan.js');

interface AugursForecast {
  point: number[];
  intervals?: { lower: number[]; upper: number[] };
}
interface AugursProphetModule {
  initSync(arg: { module: Uint8Array }): unknown;
  Prophet: new (opts: Record<string, unknown>) => {
    fit(data: { ds: number[]; y: Float64Array }): void;
    predict(data?: { ds: number[] }): { yhat: AugursForecast };
    free(): void;
  };
}
interface AugursMstlModule {
  initSync(arg: { module: Uint8Array }): unknown;
  ets(periods: number[]): { fit(y: Float64Array): void; predictInSample(level: number): AugursForecast; free(): void };
}

/** Loads a module by a computed path, so TypeScript does not try to resolve it. */
async function importAt<T>(path: string): Promise<T> {
  return (await import(path)) as T;
}

export async function loadPeer(name: NodePeerName): Promise<SpeedPeer> {
  switch (name) {
    case 'foresight':
      return foresightPeer();
    case 'augurs-prophet':
      return augursProphetPeer();
    case 'augurs-mstl':
      return augursMstlPeer();
  }
}

async function foresightPeer(): Promise<SpeedPeer> {
  const model = await import('../../src/model/index');
  return {
    name: 'foresight',
    run(series) {
      const t0 = performance.now();
      const fitted = model.fit(series.timestamps, series.values);
      const t1 = performance.now();
      const prediction = model.predict(fitted, series.timestamps, series.values);
      const t2 = performance.now();
      return {
        fitMs: t1 - t0,
        predictMs: t2 - t1,
        meanBandWidth: meanWidth(prediction.yhat_lower, prediction.yhat_upper),
      };
    },
  };
}

async function augursProphetPeer(): Promise<SpeedPeer> {
  const prophet = await importAt<AugursProphetModule>(join(AUGURS_DIR, 'prophet.js'));
  prophet.initSync({ module: readFileSync(join(AUGURS_DIR, 'prophet_bg.wasm')) });
  const { optimizer } = await importAt<{ optimizer: unknown }>(WASMSTAN);
  return {
    name: 'augurs-prophet',
    run(series) {
      const t0 = performance.now();
      // Like Prophet, fit on the rows that have a value; predict the band at every timestamp.
      const ds: number[] = [];
      const y: number[] = [];
      series.values.forEach((v, i) => {
        if (!Number.isNaN(v)) {
          ds.push(series.timestamps[i] / 1000);
          y.push(v);
        }
      });
      const model = new prophet.Prophet({ optimizer, intervalWidth: 0.8 });
      model.fit({ ds, y: Float64Array.from(y) });
      const t1 = performance.now();
      const forecast = model.predict({ ds: Array.from(series.timestamps, (t) => t / 1000) }).yhat;
      const t2 = performance.now();
      model.free();
      return {
        fitMs: t1 - t0,
        predictMs: t2 - t1,
        meanBandWidth: meanWidth(forecast.intervals?.lower, forecast.intervals?.upper),
      };
    },
  };
}

async function augursMstlPeer(): Promise<SpeedPeer> {
  const mstl = await importAt<AugursMstlModule>(join(AUGURS_DIR, 'mstl.js'));
  mstl.initSync({ module: readFileSync(join(AUGURS_DIR, 'mstl_bg.wasm')) });
  return {
    name: 'augurs-mstl',
    run(series) {
      const t0 = performance.now();
      // MSTL needs a gap-free series: carry the last value over missing points.
      const y = Float64Array.from(series.values);
      const firstValue = y.find((v) => !Number.isNaN(v)) ?? 0;
      for (let i = 0; i < y.length; i++) {
        if (Number.isNaN(y[i])) {
          y[i] = i > 0 ? y[i - 1] : firstValue;
        }
      }
      // A period is used once the series spans two of its cycles.
      const periods = [POINTS_PER_DAY, POINTS_PER_WEEK].filter((p) => y.length >= 2 * p);
      const model = mstl.ets(periods);
      model.fit(y);
      const t1 = performance.now();
      const forecast = model.predictInSample(0.8);
      const t2 = performance.now();
      model.free();
      return {
        fitMs: t1 - t0,
        predictMs: t2 - t1,
        meanBandWidth: meanWidth(forecast.intervals?.lower, forecast.intervals?.upper),
      };
    },
  };
}

function meanWidth(lower: ArrayLike<number> | undefined, upper: ArrayLike<number> | undefined): number {
  if (!lower || !upper || lower.length === 0) {
    return NaN;
  }
  let sum = 0;
  for (let i = 0; i < lower.length; i++) {
    sum += upper[i] - lower[i];
  }
  return sum / lower.length;
}
