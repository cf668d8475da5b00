import { UpdateRefused, type WindowChange } from '../incremental';
import { makeSeries, seededNormal } from '../testing/synthetic';
import type { ModelParams } from '../types';
import type { FittedFamily } from './family';
import { deserializeModel, fitModel, predictModel, serializeModelParts, updateModel } from './registry';
import { pastFamily, type FittedPast } from './past';
import { typescriptKernels } from '../kernels';

const DAY = 288;
const STEP_MS = 300_000;
const NOISE_SD = 3;

/** 30 days of 5-minute points: a daily and a weekly cycle and noise of sd 3. */
function series() {
  const noise = seededNormal(1);
  return makeSeries(
    30 * DAY,
    STEP_MS,
    (d) => 100 + 20 * Math.sin(2 * Math.PI * d) + 10 * Math.cos((2 * Math.PI * d) / 7) + NOISE_SD * noise()
  );
}

const PAIR: Partial<ModelParams> = { model: 'ensemble', ensemble_members: ['decomposition', 'past'] };

type Series = ReturnType<typeof series>;

function days(s: Series, from: number, to: number) {
  return { ts: s.timestamps.subarray(from * DAY, to * DAY), ys: s.values.subarray(from * DAY, to * DAY) };
}

/** The backend's daily rollover: day 28 added, day 0 dropped. */
function nextDay(s: Series): WindowChange {
  const added = days(s, 28, 29);
  const dropped = days(s, 0, 1);
  return {
    added: { timestamps: added.ts, values: added.ys },
    windowStart: s.timestamps[DAY],
    dropped: { timestamps: dropped.ts, values: dropped.ys },
  };
}

function fitDays(s: Series, from: number, to: number, params: Partial<ModelParams> = PAIR): FittedFamily {
  const d = days(s, from, to);
  return fitModel(d.ts, d.ys, params);
}

function membersOf(fitted: FittedFamily): FittedFamily[] {
  return (fitted as FittedFamily & { members: FittedFamily[] }).members;
}

function maxAbsDifference(a: Float64Array, b: Float64Array): number {
  return a.reduce((most, v, i) => Math.max(most, Math.abs(v - b[i])), 0);
}

/** Day 29 with a spike of 10 noise sds at its 100th point. */
function dayWithSpike(s: Series) {
  const d = days(s, 29, 30);
  const ys = d.ys.slice();
  ys[100] += 10 * NOISE_SD;
  return { ts: d.ts, ys };
}

function flagged(outlier: Int8Array): number[] {
  return Array.from(outlier.keys()).filter((i) => outlier[i] !== 0);
}

describe('updating a decomposition + past ensemble', () => {
  const s = series();
  const old = fitDays(s, 0, 28);
  const updated = updateModel(old, nextDay(s), PAIR);
  const fresh = fitDays(s, 1, 29);

  it('predicts the next day as a fit of the new window does: yhat within 5% of the noise sd, the band within 10%', () => {
    const day = dayWithSpike(s);
    const a = predictModel(updated, day.ts, day.ys);
    const b = predictModel(fresh, day.ts, day.ys);
    // Measured with seeds 1-4: yhat differs by at most 0.034-0.090, the band's edges by 0.09-0.13 (sd 3).
    expect(maxAbsDifference(a.yhat, b.yhat)).toBeLessThan(0.05 * NOISE_SD);
    expect(maxAbsDifference(a.yhat_lower, b.yhat_lower)).toBeLessThan(0.1 * NOISE_SD);
    expect(maxAbsDifference(a.yhat_upper, b.yhat_upper)).toBeLessThan(0.1 * NOISE_SD);
    expect(a.outlier[100]).toBe(1);
    expect(b.outlier[100]).toBe(1);
    expect(flagged(a.outlier)).toEqual(flagged(b.outlier));
  });

  it('spans the new window and keeps its members in order', () => {
    expect(updated.family).toBe('ensemble');
    expect(membersOf(updated).map((m) => m.family)).toEqual(['decomposition', 'past']);
    expect(updated.history_start).toBe(fresh.history_start);
    expect(updated.history_end).toBe(fresh.history_end);
    expect(updated.n_train).toBe(fresh.n_train);
  });

  it('gives the past member a past fit of the new window, but for the grid its kept values are on', () => {
    const past = membersOf(updated)[1] as FittedPast;
    const scratch = membersOf(fresh)[1] as FittedPast;
    // The update fits the kept values as the last fit left them, each within half a step of the series' own.
    const step = scratch.value_step;
    expect(past.value_step).toBe(step);
    expect(step).toBeLessThan(NOISE_SD / 1000);
    expect(maxAbsDifference(past.values, scratch.values)).toBeLessThanOrEqual(step);
    expect(Math.abs(past.level - scratch.level)).toBeLessThanOrEqual(step / 2);
    for (const key of ['band_below', 'band_above', 'scale_below', 'scale_above'] as const) {
      expect(Math.abs(past.residuals[key] - scratch.residuals[key])).toBeLessThanOrEqual(step);
    }
    const rest = (m: FittedPast) => {
      const data = pastFamily.toJson(m, typescriptKernels);
      return { ...data, value_steps: undefined, level: undefined, residuals: undefined };
    };
    expect(rest(past)).toEqual(rest(scratch));
  });

  it('refuses while a member is left out, so the next fit can bring it in', () => {
    const s = series();
    // Under a day: too short for the past model's one-day period.
    const short = fitModel(s.timestamps.subarray(0, 250), s.values.subarray(0, 250), PAIR) as FittedFamily & {
      left_out: Array<{ family: string }>;
    };
    expect(short.left_out.map((l) => l.family)).toEqual(['past']);
    const change: WindowChange = {
      added: { timestamps: s.timestamps.subarray(250, 300), values: s.values.subarray(250, 300) },
      windowStart: s.timestamps[0],
      dropped: { timestamps: new Float64Array(0), values: new Float64Array(0) },
    };
    expect(() => updateModel(short, change, PAIR)).toThrow(UpdateRefused);
    expect(() => updateModel(short, change, PAIR)).toThrow(/past member was left out/);
  });

  it('refuses with other parameters', () => {
    expect(() => updateModel(old, nextDay(s), { ...PAIR, interval_width: 0.5 })).toThrow(UpdateRefused);
  });

  it('refuses once a full refit is due, as its decomposition does', () => {
    const late = nextDay(s);
    const week = 8 * 86_400_000;
    late.added = {
      timestamps: Float64Array.from(late.added.timestamps, (t) => t + week),
      values: late.added.values,
    };
    expect(() => updateModel(old, late, PAIR)).toThrow(UpdateRefused);
  });
});

describe('an ensemble stored apart from its update statistics', () => {
  const s = series();
  const old = fitDays(s, 0, 28);
  const parts = serializeModelParts(old);

  it('keeps the statistics out of the model text and as large as the text of a fit without them', () => {
    expect(parts.model).not.toContain('"incremental"');
    expect(Object.keys(JSON.parse(parts.state) as object)).toEqual(['decomposition']);
    const never = { ...old, members: membersOf(old).map((m) => ({ ...m, incremental: undefined })) };
    expect(parts.model).toBe(serializeModelParts(never as FittedFamily).model);
  });

  it("writes the same texts with a host's writer of long strings, which sees only those", () => {
    const seen: string[] = [];
    const longText = (text: string) => {
      seen.push(text);
      return { toJSON: () => text };
    };
    expect(serializeModelParts(old, typescriptKernels, longText)).toEqual(parts);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.every((text) => text.length >= 256 && /^[A-Za-z0-9+/=]*$/.test(text))).toBe(true);
    expect(serializeModelParts(old)).toEqual(parts);
  });

  it('updates from its texts as the model in memory does, and again from the updated texts', () => {
    const restored = deserializeModel(parts.model, parts.state);
    const fromTexts = updateModel(restored, nextDay(s), PAIR);
    const inMemory = updateModel(old, nextDay(s), PAIR);
    const day = dayWithSpike(s);
    expect(predictModel(fromTexts, day.ts, day.ys)).toEqual(predictModel(inMemory, day.ts, day.ys));

    const next = serializeModelParts(fromTexts);
    expect(next.model).not.toContain('"incremental"');
    const change: WindowChange = {
      added: { timestamps: day.ts, values: day.ys },
      windowStart: s.timestamps[2 * DAY],
      dropped: { timestamps: days(s, 1, 2).ts, values: days(s, 1, 2).ys },
    };
    const twice = updateModel(deserializeModel(next.model, next.state), change, PAIR);
    expect(twice.history_end).toBe(day.ts[day.ts.length - 1]);
    expect(twice.history_start).toBe(s.timestamps[2 * DAY]);
  });

  it('refuses to update from its model text alone (a model saved before ensembles kept statistics)', () => {
    expect(() => updateModel(deserializeModel(parts.model), nextDay(s), PAIR)).toThrow(UpdateRefused);
  });
});

describe('an ensemble that cannot be updated', () => {
  const s = series();

  it.each([
    ['custom holidays', { holidays: [{ name: 'launch', dates: ['2024-01-10'] }] }],
    ['labelled false alarms', { false_alarms: [[s.timestamps[5 * DAY], s.timestamps[5 * DAY + 12]]] }],
  ] as Array<[string, Partial<ModelParams>]>)(
    'refuses as a whole when its decomposition refuses (%s), keeping no statistics',
    (_what, extra) => {
      const params = { ...PAIR, ...extra };
      const fitted = fitDays(s, 0, 28, params);
      expect(serializeModelParts(fitted).state).toBe('');
      expect(() => updateModel(fitted, nextDay(s), params)).toThrow(UpdateRefused);
    }
  );

  it('refuses with an autoregressive member, and keeps no statistics for it', () => {
    const params: Partial<ModelParams> = { model: 'ensemble', ensemble_members: ['decomposition', 'autoregressive'] };
    const fitted = fitDays(s, 0, 28, params);
    expect(serializeModelParts(fitted).state).toBe('');
    expect(() => updateModel(fitted, nextDay(s), params)).toThrow(/autoregressive member cannot update/);
    expect(() => updateModel(fitted, nextDay(s), params)).toThrow(UpdateRefused);
  });
});
