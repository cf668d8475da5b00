import { makeSeries, seededNormal } from '../testing/synthetic';
import { deserializeModel, fitModel, predictModel, serializeModel } from './registry';
import type { FittedFamily } from './family';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STEP = 15 * 60_000;

/** Five days of a daily cycle around 100 with a little noise, every 15 minutes. */
const noise = seededNormal(7);
const series = makeSeries(5 * 96, STEP, (days) => 100 + 20 * Math.sin(2 * Math.PI * days) + noise());
const end = series.timestamps[series.timestamps.length - 1];
const ahead = Float64Array.from({ length: 24 }, (_, k) => end + (k + 1) * HOUR);

type Json = Record<string, unknown>;

const fitted = new Map<string, FittedFamily>();
function modelOf(family: string): FittedFamily {
  if (!fitted.has(family)) {
    fitted.set(family, fitModel(series.timestamps, series.values, { model: family as 'past' }));
  }
  return fitted.get(family)!;
}

/** The model's JSON with `edit` applied (to the member of that family inside an ensemble, with `member`). */
function edited(family: string, edit: (o: Json) => void, member?: string): string {
  const o = JSON.parse(serializeModel(modelOf(family))) as Json;
  edit(member === undefined ? o : (o.members as Json[]).find((m) => (m.family ?? 'decomposition') === member)!);
  return JSON.stringify(o);
}

function allFinite(values: ArrayLike<number>): boolean {
  return Array.from(values).every(Number.isFinite);
}

describe('stored models: magnitude bounds at restore', () => {
  it.each(['decomposition', 'past', 'autoregressive', 'holt_winters', 'ensemble'])(
    '%s: a fit on ordinary data restores and predicts finite numbers',
    (family) => {
      const restored = deserializeModel(serializeModel(modelOf(family)));
      const p = predictModel(restored, ahead);
      expect(allFinite(p.yhat) && allFinite(p.yhat_lower) && allFinite(p.yhat_upper)).toBe(true);
    }
  );

  // Each restored (finite numbers) and then predicted Infinity or NaN.
  it.each<[string, (o: Json) => void, RegExp, string | undefined]>([
    [
      'decomposition',
      (o) => ((o.beta as number[])[0] = 1e308),
      /beta must hold coefficients within ±1e\+100/,
      undefined,
    ],
    ['decomposition', (o) => ((o.layout as Json).t_scale = 1e-320), /layout's t_scale must be a time scale/, undefined],
    ['decomposition', (o) => (o.y_scale = 1e-320), /y_scale must be a positive normal number/, undefined],
    [
      'autoregressive',
      (o) => ((o.coefficients as number[])[0] = 1e308),
      /coefficients must lie within ±1e\+100/,
      undefined,
    ],
    ['autoregressive', (o) => ((o.grid as Json).step_ms = 1e-320), /grid step_ms must be a time scale/, undefined],
    ['autoregressive', (o) => (o.y_scale = 1e300), /y_scale must be a positive normal number/, undefined],
    ['holt_winters', (o) => ((o.smoothing as Json).alpha = 1e50), /smoothing alpha must be in \[0, 1\]/, undefined],
    ['holt_winters', (o) => ((o.grid as Json).step = 1e-320), /grid step must be a time scale/, undefined],
    ['holt_winters', (o) => ((o.state as number[])[1] = 1e308), /state must lie within/, undefined],
    ['past', (o) => (o.level = 1e308), /level must lie within ±1e\+154/, undefined],
    ['past', (o) => (o.shift = -1e300), /shift must lie within/, undefined],
    ['ensemble', (o) => ((o.beta as number[])[0] = 1e308), /beta must hold coefficients within/, 'decomposition'],
  ])('%s: refuses a model with an extreme number, naming the field', (family, edit, message, member) => {
    const text = edited(family, edit, member);
    expect(() => deserializeModel(text)).toThrow(message);
    expect(() => deserializeModel(text)).toThrow(expect.objectContaining({ message: expect.not.stringMatching(/\n/) }));
  });

  it('refuses a neural model with a subnormal step', () => {
    const neural = makeSeries(4 * 96, STEP, (days) => 100 + 20 * Math.sin(2 * Math.PI * days) + noise());
    const model = fitModel(neural.timestamps, neural.values, { model: 'neural' });
    const o = JSON.parse(serializeModel(model)) as Json;
    expect(allFinite(predictModel(deserializeModel(serializeModel(model)), ahead).yhat)).toBe(true);
    o.step = 1e-320;
    expect(() => deserializeModel(JSON.stringify(o))).toThrow('serialized neural model: step must be a time scale');
  });

  it('keeps the bounds far from what a fit writes on a large series', () => {
    // Values around 1e140 (a fit refuses past 1e150): the restore check must not refuse what the fit wrote.
    for (const family of ['decomposition', 'past', 'autoregressive', 'holt_winters']) {
      const big = fitModel(
        series.timestamps,
        series.values.map((v) => v * 1e138),
        { model: family as 'past' }
      );
      expect(() => deserializeModel(serializeModel(big))).not.toThrow();
    }
    expect(DAY).toBe(96 * STEP);
  });
});
