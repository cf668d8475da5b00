import { fit, predict, type FittedModel } from './forecaster';
import { updateModel } from './families/registry';
import { pastFamily } from './families/past';
import { update, UpdateRefused, solveWithPriors, FULL_REFIT_MS, type WindowChange } from './incremental';
import { decodeState, unpackUpper, type IncrementalState } from './incrementalState';
import { layoutWidth, typescriptKernels as kernels } from './kernels';
import { deserialize, serialize } from './serialize';
import { DAY_MS, HOUR_MS, makeSeries, seededNormal } from './testing/synthetic';

const STEP = 5 * 60_000;
const PER_DAY = DAY_MS / STEP;

/** Eight weeks of 5-minute traffic: daily and weekly cycles, noise, and a spike every few days. */
function traffic(days = 56, noise = 3) {
  const normal = seededNormal(13);
  return makeSeries(days * PER_DAY, STEP, (d, i) => {
    const daily = 20 * Math.sin(2 * Math.PI * d);
    const weekly = 10 * Math.cos((2 * Math.PI * d) / 7);
    const spike = i % 1000 === 500 ? 150 : 0;
    return 100 + 0.2 * d + daily + weekly + noise * normal() + spike;
  });
}

const series = traffic();

function slice(from: number, to: number) {
  const a = series.timestamps.findIndex((t) => t >= from);
  const b = series.timestamps.findIndex((t) => t >= to);
  return { timestamps: series.timestamps.slice(a, b), values: series.values.slice(a, b) };
}

const t0 = series.timestamps[0];
const at = (days: number) => t0 + days * DAY_MS;

/** The change that moves a window [from, to) to [from + by, to + by). */
function slide(from: number, to: number, by: number): WindowChange {
  return { added: slice(to, to + by), windowStart: from + by, dropped: slice(from, from + by) };
}

/**
 * The coefficients solved from scratch on the window [from, to): every training row's design row built anew
 * and weighted as the model's state says (1 unless listed, 0 for gross values), the same σ and priors, the
 * same starting point.
 */
function solvedFromScratch(model: FittedModel, from: number, to: number, start: Float64Array): Float64Array {
  const state = stateOf(model);
  const window = slice(from, to);
  const weights = new Float64Array(window.timestamps.length).fill(1);
  window.timestamps.forEach((t, i) => {
    const k = state.light_times.indexOf(t);
    if (k >= 0) {
      weights[i] = state.light_weights[k];
    }
    if (!(Math.abs(window.values[i] - state.gross_center) < state.gross_limit)) {
      weights[i] = 0;
    }
  });
  const p = layoutWidth(model.layout);
  const X = kernels.designMatrix(window.timestamps, model.layout);
  const ys = window.values.map((v) => v / model.y_scale);
  const { gram, xty } = kernels.weightedGram(X, window.timestamps.length, p, ys, weights);
  return solveWithPriors(kernels, gram, xty, p, model.components, state.sigma, start);
}

/** The model's update statistics, read as an update reads them. */
function stateOf(model: FittedModel): IncrementalState {
  const state = decodeState(model.incremental, layoutWidth(model.layout));
  if (state === undefined) {
    throw new Error('the model has no update statistics');
  }
  return state;
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
  }
  return d;
}

describe('incremental update of a decomposition fit', () => {
  const base = fit(slice(at(0), at(28)).timestamps, slice(at(0), at(28)).values);

  it('keeps bounded statistics in the fit: a packed Gram, the right-hand side and a holdout-sized tail', () => {
    const p = layoutWidth(base.layout);
    const state = stateOf(base);
    expect(state.gram).toHaveLength((p * (p + 1)) / 2);
    expect(state.xty).toHaveLength(p);
    expect(state.recent_out.length).toBe(state.recent_capacity);
    expect(state.recent_capacity).toBe(Math.min(288, Math.floor(base.n_train * 0.1)));
    // The spikes are the rows the robust fit set (almost) aside.
    expect(state.light_times.length).toBeLessThan(0.1 * base.n_train);
    expect(state.light_weights.every((w) => w >= 0 && w < 1)).toBe(true);
  });

  it('equals a from-scratch solve on the same window, design and weights (one day added, one dropped)', () => {
    const updated = update(base, slide(at(0), at(28), DAY_MS));
    const reference = solvedFromScratch(updated, at(1), at(29), base.beta);
    expect(maxDifference(updated.beta, reference)).toBeLessThan(1e-6);
    const times = slice(at(29), at(30)).timestamps;
    const yhat = predict(updated, times).yhat;
    const referenceYhat = predict({ ...updated, beta: reference }, times).yhat;
    expect(maxDifference(yhat, referenceYhat) / updated.y_scale).toBeLessThan(1e-6);
    expect(updated.history_start).toBe(at(1));
    expect(updated.history_end).toBe(at(29) - STEP);
    expect(updated.n_train).toBe(base.n_train);
  });

  it('stays exact over a day of hourly updates (24 additions and subtractions)', () => {
    let model = base;
    let previous = base;
    for (let h = 0; h < 24; h++) {
      previous = model;
      const from = at(0) + h * HOUR_MS;
      model = update(model, slide(from, from + 28 * DAY_MS, HOUR_MS));
    }
    const reference = solvedFromScratch(model, at(1), at(29), previous.beta);
    expect(maxDifference(model.beta, reference)).toBeLessThan(1e-6);
  });

  it('stays close to a full refit of the same window', () => {
    const updated = update(base, slide(at(0), at(28), DAY_MS));
    const window = slice(at(1), at(29));
    const refit = fit(window.timestamps, window.values);
    const next = slice(at(29), at(30));
    const a = predict(updated, next.timestamps);
    const b = predict(refit, next.timestamps);
    // Not equal (σ, old rows' weights and the design stay the full fit's) but within a fraction of the noise.
    expect(maxDifference(a.yhat, b.yhat)).toBeLessThan(1.5);
    expect(Math.abs(updated.residuals.band_above - refit.residuals.band_above)).toBeLessThan(
      0.25 * refit.residuals.band_above
    );
  });

  it('sets a spike in the new points aside instead of learning it', () => {
    const change = slide(at(0), at(28), HOUR_MS);
    const values = Float64Array.from(change.added.values);
    values[6] += 400;
    const updated = update(base, { ...change, added: { timestamps: change.added.timestamps, values } });
    const spikeTime = change.added.timestamps[6];
    const state = stateOf(updated);
    expect(Array.from(state.light_times)).toContain(spikeTime);
    expect(state.light_weights[state.light_times.indexOf(spikeTime)]).toBe(0);
    const before = predict(base, [spikeTime]).yhat[0];
    const after = predict(updated, [spikeTime]).yhat[0];
    expect(Math.abs(after - before)).toBeLessThan(0.5);
    expect(predict(updated, [spikeTime], [values[6]]).outlier[0]).toBe(1);
  });

  it('widens the band when new points are noisier than the model expected', () => {
    const noisy = traffic(56, 12);
    let model = base;
    for (let d = 28; d < 33; d++) {
      const a = noisy.timestamps.findIndex((t) => t >= at(d));
      const b = noisy.timestamps.findIndex((t) => t >= at(d + 1));
      const added = { timestamps: noisy.timestamps.slice(a, b), values: noisy.values.slice(a, b) };
      model = update(model, { added, windowStart: at(d - 27), dropped: slice(at(d - 28), at(d - 27)) });
    }
    expect(model.residuals.band_above).toBeGreaterThan(1.5 * base.residuals.band_above);
  });

  it('round-trips its statistics through JSON exactly, and updates the same after reading', () => {
    const read = deserialize(serialize(base));
    expect(stateOf(read)).toEqual(stateOf(base));
    const change = slide(at(0), at(28), HOUR_MS);
    expect(update(read, change).beta).toEqual(update(base, change).beta);
  });

  it('stores the arrays as float64 text, and updates a state stored as JSON numbers (before) exactly as one stored now', () => {
    const json = JSON.parse(serialize(base)) as { incremental: Record<string, unknown> };
    const arrays = ['gram', 'xty', 'light_times', 'light_weights', 'recent_out', 'recent_in'];
    for (const key of arrays) {
      expect(typeof json.incremental[key]).toBe('string');
      json.incremental[key] = Array.from(kernels.decodeFloat64s(json.incremental[key] as string));
    }
    const older = deserialize(JSON.stringify(json));
    expect(stateOf(older)).toEqual(stateOf(base));
    const change = slide(at(0), at(28), HOUR_MS);
    expect(update(older, change).beta).toEqual(update(base, change).beta);
    // Text that is not float64 text (a cut one: 7 bytes) reads as a damaged state.
    json.incremental.xty = 'AAAAAAAAAA==';
    expect(() => update(deserialize(JSON.stringify(json)), change)).toThrow(UpdateRefused);
  });

  it('reads a damaged or older state as absent: the model predicts, and its update asks for a refit', () => {
    const json = JSON.parse(serialize(base)) as { incremental: { version: number; gram: unknown } };
    json.incremental.gram = 'not an array';
    const damaged = deserialize(JSON.stringify(json));
    expect(predict(damaged, [at(28)]).yhat[0]).toBeCloseTo(predict(base, [at(28)]).yhat[0], 9);
    expect(() => update(damaged, slide(at(0), at(28), HOUR_MS))).toThrow(UpdateRefused);
    json.incremental.version = 0;
    expect(deserialize(JSON.stringify(json)).incremental).toBeUndefined();
  });

  it('updates a state stored before each side had its own tail scale, reading the pooled one for both', () => {
    const json = JSON.parse(serialize(base)) as { incremental: { spread: Record<string, unknown> } };
    const { spread } = json.incremental;
    expect(typeof spread.tail_above).toBe('number');
    delete spread.tail_below;
    delete spread.tail_above;
    const stored = stateOf(base).spread;
    const older = update(deserialize(JSON.stringify(json)), slide(at(0), at(28), HOUR_MS));
    const now = update(base, slide(at(0), at(28), HOUR_MS));
    expect(older.beta).toEqual(now.beta);
    // The older state reads the pooled tail on both sides; this one's upper side (its spikes lie above) is wider
    // by its own tail's share, scaled by the update as the pooled one is.
    expect(older.residuals.scale_below).toBe(older.residuals.scale_above);
    expect(now.residuals.scale_above / older.residuals.scale_above).toBeCloseTo(
      (stored.tail_above ?? 0) / stored.tail,
      9
    );
    expect(now.residuals.scale_above / older.residuals.scale_above).toBeGreaterThan(1.05);
    spread.tail_above = 'wide';
    expect(() => update(deserialize(JSON.stringify(json)), slide(at(0), at(28), HOUR_MS))).toThrow(UpdateRefused);
  });

  it('refuses when a full refit is due, when the parameters changed, and for fits it cannot update', () => {
    const late = at(28) + FULL_REFIT_MS;
    expect(() =>
      update(base, { added: slice(late, late + HOUR_MS), windowStart: at(0), dropped: slice(at(0), at(0)) })
    ).toThrow(/full refit is due/);
    expect(() => update(base, slide(at(0), at(28), HOUR_MS), { changepoint_prior_scale: 0.5 })).toThrow(
      /parameters differ/
    );
    const holidays = fit(slice(at(0), at(28)).timestamps, slice(at(0), at(28)).values, { country_holidays: ['US'] });
    expect(holidays.incremental).toBeUndefined();
    expect(() => update(holidays, slide(at(0), at(28), HOUR_MS))).toThrow(UpdateRefused);
    const multiplicative = fit(slice(at(0), at(28)).timestamps, slice(at(0), at(28)).values, {
      seasonality_mode: 'multiplicative',
    });
    expect(multiplicative.incremental).toBeUndefined();
    const past = pastFamily.fit(slice(at(0), at(28)).timestamps, slice(at(0), at(28)).values, {}, kernels);
    expect(pastFamily.update).toBeUndefined();
    expect(() => updateModel(past, slide(at(0), at(28), HOUR_MS))).toThrow(/past family cannot update/);
  });

  it('leaves a first weekend to a full fit: weekend points are refused until training holds a whole weekend day', () => {
    // The series starts on a Monday: Monday to Friday 20:00, then an hour of Friday and one of Saturday.
    const fridayEvening = at(5) - 4 * HOUR_MS;
    const weekdays = fit(slice(at(0), fridayEvening).timestamps, slice(at(0), fridayEvening).values);
    const friday = {
      added: slice(fridayEvening, fridayEvening + HOUR_MS),
      windowStart: at(0),
      dropped: slice(at(0), at(0)),
    };
    expect(update(weekdays, friday).n_train).toBe(weekdays.n_train + PER_DAY / 24);
    const saturday = { added: slice(at(5), at(5) + HOUR_MS), windowStart: at(0), dropped: slice(at(0), at(0)) };
    expect(() => update(weekdays, saturday)).toThrow(/first weekend/);
    // Without the allowance for unseen days a fit learns its first weekend's hours, and so does an update.
    const plain = { unseen_days_scale: 0 };
    const plainWeekdays = fit(slice(at(0), fridayEvening).timestamps, slice(at(0), fridayEvening).values, plain);
    expect(update(plainWeekdays, saturday).n_train).toBe(plainWeekdays.n_train + PER_DAY / 24);
    // Once training holds a whole Saturday, Sunday's points are an ordinary update.
    const withSaturday = fit(slice(at(0), at(6)).timestamps, slice(at(0), at(6)).values);
    const sunday = { added: slice(at(6), at(6) + HOUR_MS), windowStart: at(0), dropped: slice(at(0), at(0)) };
    expect(update(withSaturday, sunday).n_train).toBe(withSaturday.n_train + PER_DAY / 24);
  });

  it('names malformed changes: points inside the history, mismatched lengths', () => {
    expect(() =>
      update(base, { added: slice(at(27), at(27) + HOUR_MS), windowStart: at(0), dropped: slice(at(0), at(0)) })
    ).toThrow(/must come after the model's history/);
    expect(() =>
      update(base, {
        added: { timestamps: [at(28)], values: [1, 2] },
        windowStart: at(0),
        dropped: slice(at(0), at(0)),
      })
    ).toThrow(/1 timestamps but 2 values/);
  });

  it('refuses a window start after the new history ends: the model it wrote could not be read back', () => {
    const end = base.history_end;
    const empty = slice(at(0), at(0));
    expect(() => update(base, { added: empty, windowStart: end + DAY_MS, dropped: empty })).toThrow(
      /window start must be at or before the history's end/
    );
    const added = slice(at(28), at(28) + HOUR_MS);
    const last = added.timestamps[added.timestamps.length - 1];
    expect(() => update(base, { added, windowStart: last + 1, dropped: empty })).toThrow(/at or before/);
    // The window may start at its last point (a full fit takes one too, and refuses it as too short).
    expect(() => update(base, { added, windowStart: last, dropped: empty })).not.toThrow(/at or before/);
  });
});

describe('packed Gram', () => {
  it('unpacks to the full symmetric matrix', () => {
    expect(Array.from(unpackUpper(Float64Array.of(1, 2, 3), 2))).toEqual([1, 2, 2, 3]);
  });
});
