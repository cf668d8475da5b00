/**
 * Frames for the browser tests and the render benchmark, made by the real model from the demo metric: the same
 * shape the Foresight backend returns in full mode (time, value, yhat, yhat_lower, yhat_upper, outlier, score,
 * excluded), with a forecast beyond "now" whose value is null.
 */
import { DataFrame, FieldType, toDataFrame } from '@grafana/data';

import { DEFAULT_DEMO_END, demoModelParams, generateDemoSeries } from '../../src/demo';
import { fit, predict } from '../../src/model';
import type { TimeRange } from '../../src/model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEP = 5 * MINUTE;

export interface Scenario {
  frames: DataFrame[];
  annotations: DataFrame[];
  range: { from: number; to: number };
  /** Excluded range of the first series, epoch ms. */
  exclusion: TimeRange;
  /** A range many series are outside the band together (the fleet scenario), epoch ms. */
  incident?: TimeRange;
  /** Seconds spent fitting, for the page to report. */
  fitMs: number;
  /** The warning scenario's threshold, expected crossing and drift start, epoch ms. */
  warning?: { above: number; crossing: number; driftStart: number };
}

interface SeriesSpec {
  seed: number;
  scale: number;
  labels: Record<string, string>;
  /** A burst injected on top of the demo metric: [from, to, factor]. */
  burst?: [number, number, number];
}

function buildFrame(
  spec: SeriesSpec,
  now: number,
  viewFrom: number,
  forecastEnd: number,
  exclusion: TimeRange,
  refId: string
) {
  const demo = generateDemoSeries({ seed: spec.seed });
  const keep = demo.timestamps.findIndex((t) => t >= now);
  const trainTimes = demo.timestamps.subarray(0, keep);
  const trainValues = demo.values.subarray(0, keep).map((v, i) => {
    const t = trainTimes[i];
    const burst = spec.burst && t >= spec.burst[0] && t < spec.burst[1] ? spec.burst[2] : 1;
    return v * spec.scale * burst;
  });
  // The band drawn at 99.5%, as on the provisioned demo dashboard; outliers come from the outlier band.
  const model = fit(trainTimes, trainValues, { ...demoModelParams(demo), interval_width: 0.995, exclude: [exclusion] });

  const first = trainTimes.findIndex((t) => t >= viewFrom);
  const times: number[] = [];
  for (let t = trainTimes[first]; t < forecastEnd; t += STEP) {
    times.push(t);
  }
  const values = new Float64Array(times.length).fill(Number.NaN);
  values.set(trainValues.subarray(first, keep));
  const out = predict(model, Float64Array.from(times), values);
  const nullable = (a: ArrayLike<number>) => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
  const labels = spec.labels;
  return toDataFrame({
    refId,
    meta: { type: 'timeseries-multi', typeVersion: [0, 1] },
    fields: [
      { name: 'time', type: FieldType.time, values: times },
      { name: 'value', type: FieldType.number, values: nullable(values), labels, config: { unit: 'short' } },
      { name: 'yhat', type: FieldType.number, values: nullable(out.yhat), labels },
      { name: 'yhat_lower', type: FieldType.number, values: nullable(out.yhat_lower), labels },
      { name: 'yhat_upper', type: FieldType.number, values: nullable(out.yhat_upper), labels },
      { name: 'outlier', type: FieldType.number, values: Array.from(out.outlier), labels },
      { name: 'score', type: FieldType.number, values: Array.from(out.score), labels },
      {
        name: 'excluded',
        type: FieldType.number,
        values: times.map((t) => (t >= exclusion[0] && t <= exclusion[1] ? 1 : 0)),
        labels,
      },
    ],
  });
}

/** Two services over the last week of the demo, the slow degradation excluded, 12 hours of forecast. */
export function demoScenario(): Scenario {
  const started = performance.now();
  const now = DEFAULT_DEMO_END - 12 * HOUR;
  const range = { from: DEFAULT_DEMO_END - 7 * DAY, to: now };
  const exclusion: TimeRange = [Date.UTC(2025, 9, 15, 0), Date.UTC(2025, 9, 15, 8)];
  const frames = [
    buildFrame(
      { seed: 20251020, scale: 1, labels: { service: 'chat' } },
      now,
      range.from,
      DEFAULT_DEMO_END,
      exclusion,
      'A'
    ),
    buildFrame(
      {
        seed: 7,
        scale: 0.4,
        labels: { service: 'push' },
        burst: [Date.UTC(2025, 9, 17, 3), Date.UTC(2025, 9, 17, 4), 1.6],
      },
      now,
      range.from,
      DEFAULT_DEMO_END,
      [0, 0],
      'A'
    ),
  ];
  return { frames, annotations: [], range, exclusion, fitMs: performance.now() - started };
}

/** The benchmark's load: `count` series of `points` 5-minute points each, every one fitted by the model. */
export function benchScenario(count: number, points: number): Scenario {
  const started = performance.now();
  const frames: DataFrame[] = [];
  let range = { from: 0, to: 0 };
  for (let i = 0; i < count; i++) {
    const demo = generateDemoSeries({ seed: 1000 + i, end: DEFAULT_DEMO_END, start: DEFAULT_DEMO_END - points * STEP });
    const model = fit(demo.timestamps, demo.values, demoModelParams(demo));
    const out = predict(model, demo.timestamps, demo.values);
    const labels = { series: `s${i + 1}` };
    const times = Array.from(demo.timestamps);
    range = { from: times[0], to: times[times.length - 1] };
    frames.push(
      toDataFrame({
        refId: 'A',
        fields: [
          { name: 'time', type: FieldType.time, values: times },
          { name: 'value', type: FieldType.number, values: Array.from(demo.values), labels },
          { name: 'yhat', type: FieldType.number, values: Array.from(out.yhat), labels },
          { name: 'yhat_lower', type: FieldType.number, values: Array.from(out.yhat_lower), labels },
          { name: 'yhat_upper', type: FieldType.number, values: Array.from(out.yhat_upper), labels },
          { name: 'outlier', type: FieldType.number, values: Array.from(out.outlier), labels },
          { name: 'score', type: FieldType.number, values: Array.from(out.score), labels },
        ],
      })
    );
  }
  return { frames, annotations: [], range, exclusion: [0, 0], fitMs: performance.now() - started };
}

/** Hosts in the fleet scenario, how many share its incident, and how many are still outside at its end. */
export const FLEET = { hosts: 30, incidentHosts: 20, ongoingHosts: 5 } as const;

/**
 * A fleet of synthetic hosts (no model fit: the frames are written out, deterministic): two days at 5 minutes on
 * shared timestamps, 20 of 30 hosts outside the band for the same hour (`incident`), one host with a lone outlier
 * elsewhere, and the last 5 hosts still outside at the end with rising significance (host h29 the highest). The
 * frames carry issue 11's significance, alert, direction and vs_past fields.
 */
export function fleetScenario(): Scenario {
  const end = DEFAULT_DEMO_END;
  const n = (2 * DAY) / STEP;
  const times = Array.from({ length: n }, (_, i) => end - (n - i) * STEP);
  const incident: TimeRange = [end - DAY + 2 * HOUR, end - DAY + 3 * HOUR];
  const frames = Array.from({ length: FLEET.hosts }, (_, k) => {
    const labels = { host: `h${k}` };
    const ongoing = k >= FLEET.hosts - FLEET.ongoingHosts;
    const expected = times.map((t) => 100 + 20 * Math.sin((2 * Math.PI * t) / DAY + k / 5));
    const outside = times.map((t, i) => {
      const inIncident = k < FLEET.incidentHosts && t >= incident[0] && t < incident[1];
      const lone = k === FLEET.incidentHosts && i === Math.floor(n / 4);
      const now = ongoing && i >= n - 6;
      return inIncident || lone || now;
    });
    const value = expected.map((e, i) => e + 3 * Math.sin(i * 1.7 + k) + (outside[i] ? 40 : 0));
    // Significance ramps over the 6 points of the persistence window; ongoing hosts end at 0.5…0.9 by host.
    const significance = outside.map((o, i) => {
      const run = outside.slice(Math.max(0, i - 5), i + 1).filter(Boolean).length;
      const top = ongoing ? 0.5 + 0.1 * (k - (FLEET.hosts - FLEET.ongoingHosts)) : 0.95;
      return o || run > 0 ? (top * run) / 6 : 0;
    });
    const flag = outside.map((o) => (o ? 1 : 0));
    const number = (name: string, values: number[]) => ({ name, type: FieldType.number, values, labels });
    return toDataFrame({
      refId: 'A',
      fields: [
        { name: 'time', type: FieldType.time, values: times },
        number('value', value),
        number('yhat', expected),
        number(
          'yhat_lower',
          expected.map((e) => e - 10)
        ),
        number(
          'yhat_upper',
          expected.map((e) => e + 10)
        ),
        number('outlier', flag),
        number(
          'score',
          outside.map((o) => (o ? 0.9 : 0.1))
        ),
        number('significance', significance),
        number('alert', flag),
        number('direction', flag),
        number(
          'vs_past',
          value.map((v, i) => v / expected[i])
        ),
      ],
    });
  });
  return { frames, annotations: [], range: { from: times[0], to: end }, exclusion: [0, 0], fitMs: 0, incident };
}

/** A raw metric without Foresight fields: the panel must say it needs the Foresight datasource. */
export function plainScenario(): Scenario {
  const demo = generateDemoSeries();
  const times = Array.from(demo.timestamps.subarray(0, 288));
  const frame = toDataFrame({
    refId: 'A',
    fields: [
      { name: 'time', type: FieldType.time, values: times },
      { name: 'value', type: FieldType.number, values: Array.from(demo.values.subarray(0, 288)) },
    ],
  });
  return {
    frames: [frame],
    annotations: [],
    range: { from: times[0], to: times[times.length - 1] },
    exclusion: [0, 0],
    fitMs: 0,
  };
}

/**
 * The demo's "chat" series with an early warning as the backend adds it (issue 12): a threshold the forecast's
 * expectation reaches within 6 hours, breach_eta and breach_probability on the latest point, and a downward drift
 * over the last half hour.
 */
export function warningScenario(): Scenario {
  const started = performance.now();
  const now = DEFAULT_DEMO_END - 12 * HOUR;
  const range = { from: now - 2 * DAY, to: now };
  const frame = buildFrame(
    { seed: 20251020, scale: 1, labels: { service: 'chat' } },
    now,
    range.from,
    now + 6 * HOUR,
    [0, 0],
    'A'
  );
  const times = frame.fields[0].values as number[];
  const values = frame.fields[1].values as Array<number | null>;
  const yhat = frame.fields[2].values as Array<number | null>;
  let latest = values.length - 1;
  while (values[latest] === null) {
    latest--;
  }
  const ahead = yhat.slice(latest + 1).map((v) => v ?? -Infinity);
  // Just under the highest expectation of the next 6 hours: the forecast crosses it, somewhere before that peak.
  const above = Math.max(...ahead) * 0.99;
  const crossingRow = latest + 1 + ahead.findIndex((v) => v >= above);
  const eta = (times[crossingRow] - times[latest]) / 1000;
  const atLatest = (v: number) => times.map((_, k) => (k === latest ? v : null));
  const driftFrom = latest - 5;
  const extra = [
    { name: 'breach_eta', values: atLatest(eta) },
    { name: 'breach_probability', values: atLatest(0.9) },
    { name: 'drift', values: times.map((_, k) => (k > latest ? null : k >= driftFrom ? -1 : 0)) },
  ];
  const warned = toDataFrame({
    refId: 'A',
    meta: { ...frame.meta, custom: { warning: { above, leadSeconds: 6 * 3600 } } },
    fields: [...frame.fields, ...extra.map((f) => ({ ...f, type: FieldType.number, labels: { service: 'chat' } }))],
  });
  return {
    frames: [warned],
    annotations: [],
    range,
    exclusion: [0, 0],
    fitMs: performance.now() - started,
    warning: { above, crossing: times[crossingRow], driftStart: times[driftFrom] },
  };
}
