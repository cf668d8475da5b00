/** The past model's training values on a power-of-two grid (valueGrid.ts), and their text (pastSerialize.ts). */
import { typescriptKernels } from '../kernels';
import { DAY_MS, seededNormal } from '../testing/synthetic';
import { gridStep, judgedScale } from '../valueGrid';
import type { FittedPast } from './past';
import { deserializeModel, fitModel, predictModel, serializeModel } from './registry';

const STEP = 5 * 60_000;
const START = Date.UTC(2024, 0, 1);
const POINTS = 28 * 288;

/** 28 days of 5-minute points: a daily wave and Gaussian noise of sd `noise`, through `shape`. */
function series(noise: number, shape: (v: number) => number = (v) => v, seed = 1) {
  const normal = seededNormal(seed);
  const timestamps = Float64Array.from({ length: POINTS }, (_, i) => START + i * STEP);
  const values = Float64Array.from(timestamps, (t) =>
    shape(100 + 10 * Math.sin((2 * Math.PI * (t - START)) / DAY_MS) + noise * normal())
  );
  return { timestamps, values };
}

function fitPast(s: { timestamps: Float64Array; values: Float64Array }): FittedPast {
  return fitModel(s.timestamps, s.values, { model: 'past' }) as FittedPast;
}

/** The largest |model value − given value|; the series has no gross values or holidays, so none is left out. */
function largestMove(model: FittedPast, values: Float64Array): number {
  expect(model.values.length).toBe(values.length);
  return Math.max(...Array.from(model.values, (v, i) => Math.abs(v - values[i])));
}

/** What the restored model predicts, and its values, are those of the fitted one bit for bit. */
function expectSameAfterText(model: FittedPast): void {
  const text = serializeModel(model);
  const back = deserializeModel(text) as FittedPast;
  expect(back.value_step).toBe(model.value_step);
  expect(Array.from(back.values)).toEqual(Array.from(model.values));
  const ahead = Float64Array.from({ length: 2 * 288 }, (_, i) => model.history_end - DAY_MS + i * STEP);
  const values = ahead.map((_, i) => 100 + (i % 7));
  const a = predictModel(model, ahead, values);
  const b = predictModel(back, ahead, values);
  for (const key of ['yhat', 'yhat_lower', 'yhat_upper', 'score', 'outlier'] as const) {
    expect(Array.from(b[key])).toEqual(Array.from(a[key]));
  }
  expect(serializeModel(back)).toBe(text);
}

describe('the past model on a grid of its values', () => {
  it('rounds noisy floats to a power of two at most 1/1024 of the band scale, within half a step, in under 30 KB', () => {
    const s = series(2);
    const model = fitPast(s);
    const scale = judgedScale(model.residuals);
    expect(Number.isInteger(Math.log2(model.value_step))).toBe(true);
    expect(model.value_step).toBeLessThanOrEqual(scale / 1024);
    expect(model.value_step).toBeGreaterThan(scale / 2048);
    expect(largestMove(model, s.values)).toBeLessThanOrEqual(model.value_step / 2);
    expect(largestMove(model, s.values)).toBeGreaterThan(0);
    const data = JSON.parse(serializeModel(model)) as Record<string, unknown>;
    expect(data.values).toBeUndefined();
    expect(serializeModel(model).length).toBeLessThan(30_000);
    expectSameAfterText(model);
  });

  it('keeps whole counts and halves exactly, on their own grid', () => {
    const counts = series(3, Math.round);
    const model = fitPast(counts);
    expect(model.value_step).toBe(1);
    expect(largestMove(model, counts.values)).toBe(0);
    expectSameAfterText(model);
    const halves = series(0.5, (v) => Math.round(2 * v) / 2);
    const halved = fitPast(halves);
    expect(halved.value_step).toBe(0.5);
    expect(largestMove(halved, halves.values)).toBe(0);
  });

  it('rounds counts whose noise is thousands of times their unit to the band-scale grid', () => {
    const big = series(4, (v) => Math.round(1000 * v));
    const model = fitPast(big);
    expect(model.value_step).toBeGreaterThan(1);
    expect(model.value_step).toBeLessThanOrEqual(judgedScale(model.residuals) / 1024);
    expect(largestMove(model, big.values)).toBeLessThanOrEqual(model.value_step / 2);
  });

  it('finds no grid for values on none within 2^51 steps when there is no scale, or spread 2^51 steps and more', () => {
    const k = typescriptKernels;
    expect(gridStep(new Float64Array(8).fill(0.1), 0, k)).toBe(0);
    expect(gridStep(Float64Array.of(1e15 + 0.5, 1e15 + 0.75), 1e-6, k)).toBe(0);
    expect(gridStep(new Float64Array(0), 1, k)).toBe(0);
    expect(gridStep(new Float64Array(8), 0, k)).toBe(1);
    expect(gridStep(Float64Array.of(7, 9), 0, k)).toBe(1);
  });

  it('keeps values with no grid exactly, as float64 text', () => {
    const s = series(2);
    const model = { ...fitPast(s), values: s.values, value_step: 0 };
    const data = JSON.parse(serializeModel(model)) as Record<string, unknown>;
    expect(typeof data.values).toBe('string');
    expect(data.value_steps).toBeUndefined();
    expectSameAfterText(model);
  });

  it('refuses value steps it did not write with one line', () => {
    const model = fitPast(series(2));
    const data = JSON.parse(serializeModel(model)) as Record<string, unknown>;
    const n = model.values.length;
    const restore = (change: Record<string, unknown>) => () => deserializeModel(JSON.stringify({ ...data, ...change }));
    expect(restore({ value_step: 3 })).toThrow('serialized past model: value_step must be a power of two');
    expect(restore({ value_step: undefined })).toThrow('value_step must be a power of two');
    for (const text of [`${String(data.value_steps)}g`, 'gA', '*', 7, 'A'.repeat(11 * n + 1)]) {
      expect(restore({ value_steps: text })).toThrow(
        `serialized past model: value_steps must be text of ${n} value steps`
      );
    }
    expect(restore({ value_steps: 'AAA' })).toThrow(`times (${n}) and values (3) must be as many`);
  });
});
