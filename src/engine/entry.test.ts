import { generateDemoSeries } from '../demo/messagingMetric';
import {
  deserialize,
  deserializeModel,
  fitModel as fitAnyModel,
  ModelInputError,
  predictModel as predictAnyModel,
  update as updateFit,
} from '../model';
import type { FittedModel } from '../model';
import { AUTO_FAMILIES } from '../model/families/family';
import { selectionCandidates } from '../model/selection/candidates';
import { checkParams, components, crossValidate, demo, fit, predict, select, tune, update } from './entry';

const DAY = 86_400_000;
const END = Date.UTC(2025, 9, 12);

function series(days = 4, end = END) {
  const s = generateDemoSeries({ start: end - days * DAY, end, seed: 3 });
  return { ts: s.timestamps, ys: s.values };
}

describe('engine entry', () => {
  it('fit and predict over ArrayBuffers give what the model gives directly', () => {
    const { ts, ys } = series();
    const text = fit(Float64Array.from(ts).buffer, Float64Array.from(ys).buffer, '{"interval_width":0.9}').model;
    const direct = predictAnyModel(fitAnyModel(ts, ys, { interval_width: 0.9 }), ts, ys);
    expect(deserializeModel(text).family).toBe('ensemble');
    const out = predict(text, Float64Array.from(ts).buffer, Float64Array.from(ys).buffer);
    expect(Array.from(out.yhat)).toEqual(Array.from(direct.yhat));
    expect(Array.from(out.yhat_upper)).toEqual(Array.from(direct.yhat_upper));
    expect(Array.from(out.outlier)).toEqual(Array.from(direct.outlier));
    const forecast = predict(text, Float64Array.of(END + DAY).buffer, null);
    expect(forecast.score[0]).toBe(0);
    expect(Number.isFinite(forecast.yhat[0])).toBe(true);
  });

  it('update(model, added, windowStart, dropped) gives what the model gives directly, and refuses a changed fit', () => {
    // Saturday to Thursday: training ending on a first weekend still in progress would be left to a refit.
    const { ts, ys } = series(6, END - 2 * DAY);
    const cut = ts.length - 12;
    // The decomposition, whose update the model's `update` applies directly (the default ensemble's is tested
    // in model/families/ensembleUpdate.test.ts).
    const params = '{"interval_width":0.9,"model":"decomposition"}';
    const fitted = fit(ts.slice(12, cut).buffer, ys.slice(12, cut).buffer, params);
    // The update statistics travel apart from the model, which every prediction reads.
    expect(fitted.state).not.toBe('');
    expect(fitted.model).not.toContain('"incremental"');
    expect(fitted.model.length).toBeLessThan(fitted.state.length);
    const text = fitted.model;
    const buffer = (a: Float64Array, from: number, to: number) => a.slice(from, to).buffer;
    const parts = update(
      text,
      fitted.state,
      buffer(ts, cut, ts.length),
      buffer(ys, cut, ts.length),
      ts[24],
      buffer(ts, 12, 24),
      buffer(ys, 12, 24),
      params
    );
    const change = {
      added: { timestamps: ts.slice(cut), values: ys.slice(cut) },
      windowStart: ts[24],
      dropped: { timestamps: ts.slice(12, 24), values: ys.slice(12, 24) },
    };
    const direct = updateFit(deserializeModel(text, fitted.state) as FittedModel, change, {
      interval_width: 0.9,
      model: 'decomposition',
    });
    expect(Array.from(deserialize(parts.model).beta)).toEqual(Array.from(direct.beta));
    expect(deserialize(parts.model).history_end).toBe(ts[ts.length - 1]);
    expect(parts.state).not.toBe('');
    const empty = new Float64Array(0).buffer;
    expect(() =>
      update(text, fitted.state, empty, empty, ts[12], empty, empty, '{"interval_width":0.5,"model":"decomposition"}')
    ).toThrow(/cannot update the model \(the parameters differ from the fit\)/);
  });

  it('components(model, timestamps) names trend, each seasonality and holidays', () => {
    const { ts, ys } = series();
    const text = fit(Float64Array.from(ts).buffer, Float64Array.from(ys).buffer, '{"country_holidays":["KR"]}').model;
    const parts = components(text, Float64Array.from(ts.subarray(0, 5)).buffer);
    expect(Object.keys(parts)).toEqual(['trend', 'daily', 'holidays']);
    expect(deserializeModel(text).params.country_holidays).toEqual(['KR']);
  });

  it('bad params and unknown demo series throw ModelInputError with a one-line message', () => {
    const buffer = Float64Array.of(1, 2).buffer;
    expect(() => fit(buffer, buffer, '{oops')).toThrow(new ModelInputError('params is not valid JSON'));
    expect(() => fit(buffer, buffer, '[]')).toThrow(ModelInputError);
    expect(() => demo('nope', 0, DAY, 300_000, 1)).toThrow(ModelInputError);
    expect(() => demo('messaging', 0, 1e12, 1, 1)).toThrow(/limit/);
    // A buffer that is no whole number of float64 values threw a RangeError making the typed array.
    expect(() => fit(new ArrayBuffer(12), buffer, '{}')).toThrow(
      new ModelInputError('a float64 buffer of 12 bytes is not a whole number of values (8 bytes each)')
    );
  });

  it('checkParams(params) throws what a fit would throw for the same params, else gives the widest design', () => {
    const { ts, ys } = series(2);
    for (const params of ['{"interval_width":99}', '{"intervalwidth":0.9}', '{"country_holidays":["JP"]}']) {
      let fitError: unknown;
      try {
        fit(Float64Array.from(ts).buffer, Float64Array.from(ys).buffer, params);
      } catch (error) {
        fitError = error;
      }
      expect(fitError).toBeInstanceOf(ModelInputError);
      expect(() => checkParams(params)).toThrow(fitError as Error);
    }
    // Prophet's defaults, counted with every 'auto' seasonality on: 2 + 25 changepoints, 20 + 6 + 8.
    expect(checkParams('')).toBe(61);
    expect(
      checkParams('{"country_holidays":["KR"],"seasonalities":[{"name":"m","period_days":30,"fourier_order":5}]}')
    ).toBe(71);
  });

  it('select(timestamps, values, params, options) ranks the candidates and gives the parameters to fit the winner', () => {
    // A daily cycle whose amplitude grows with the level: the multiplicative variant must win.
    const hours = 28 * 24;
    const ts = Float64Array.from({ length: hours }, (_, i) => END - (hours - i) * 3_600_000);
    const ys = ts.map((t, i) => (50 + (20 * i) / 24) * (1 + 0.5 * Math.sin((2 * Math.PI * (t % DAY)) / DAY)));
    const text = select(
      ts.buffer,
      ys.buffer,
      '{"changepoint_prior_scale":0.05,"selection_objective":"magnitude"}',
      '{"maxFits":4,"families":["decomposition"]}'
    );
    const out = JSON.parse(text);
    expect(out.objective).toBe('magnitude');
    expect(out.fits).toBe(4);
    expect(out.ranking.map((c: { combination: object }) => c.combination)).toEqual([
      { seasonality_mode: 'multiplicative' },
      { seasonality_mode: 'additive' },
    ]);
    // The winning decomposition serves inside the ensemble (model/selection/serving.ts).
    expect(out.winner.family).toBe('decomposition');
    expect(out.overrides).toEqual({ seasonality_mode: 'multiplicative', model: 'ensemble' });
    expect(out.decision).toMatchObject({ swapped: true, incumbent: { combination: { seasonality_mode: 'additive' } } });
    expect(out.winnerParams).toEqual({
      changepoint_prior_scale: 0.05,
      selection_objective: 'magnitude',
      seasonality_mode: 'multiplicative',
      model: 'ensemble',
    });
    // Fitting the winner's parameters through the entry gives a model of the chosen variant, inside the ensemble.
    const model = deserializeModel(fit(ts.buffer, ys.buffer, JSON.stringify(out.winnerParams)).model);
    expect([model.family, model.params.seasonality_mode]).toEqual(['ensemble', 'multiplicative']);
    // The serving model named as the incumbent keeps serving unless the best beats it by the margin.
    const kept = JSON.parse(
      select(
        ts.buffer,
        ys.buffer,
        '{"changepoint_prior_scale":0.05}',
        '{"incumbent":{"family":"decomposition","combination":{"seasonality_mode":"additive"}},"margin":0.99,"families":["decomposition"]}'
      )
    );
    expect(kept.decision.swapped).toBe(false);
    expect(kept.overrides).toEqual({ seasonality_mode: 'additive', model: 'ensemble' });
    expect(() => select(ts.buffer, ys.buffer, '{}', '{"maxFits":2,"families":["decomposition"]}')).toThrow(
      new ModelInputError('selection has 6 candidates, more than maxFits = 2 allows (one cutoff each)')
    );
    expect(() => select(ts.buffer, ys.buffer, '{"model":"auto"}', '[1]')).toThrow(
      new ModelInputError('options must be a JSON object')
    );
    // Options nested thousands deep overflowed the stack writing a message about them (a RangeError).
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    expect(() => select(ts.buffer, ys.buffer, '{}', `{"maxFits":${deep}}`)).toThrow(
      new ModelInputError('options nest deeper than 32 levels')
    );
    expect(() => crossValidate(ts.buffer, ys.buffer, '{}', `{"horizon":${deep}}`)).toThrow('nest deeper than 32');
  });

  it('fit with model auto selects first and records the choice in the saved model', () => {
    const { ts, ys } = series(6);
    const saved = JSON.parse(fit(Float64Array.from(ts).buffer, Float64Array.from(ys).buffer, '{"model":"auto"}').model);
    expect(saved.family).toBe('ensemble');
    expect(saved.selection).toMatchObject({
      automatic: true,
      objective: 'violations',
      winner: { family: 'decomposition' },
    });
    expect(saved.selection.candidates).toBe(selectionCandidates({}, AUTO_FAMILIES).length);
  });

  it('demo(name, start, end, step, seed) is the messaging metric', () => {
    const out = demo('messaging', END - DAY, END, 300_000, 3);
    const expected = generateDemoSeries({ start: END - DAY, end: END, stepMs: 300_000, seed: 3 });
    expect(Array.from(out.values)).toEqual(Array.from(expected.values));
  });
});

describe('engine entry: the evaluation resources and model families', () => {
  const DAY_MS = 86_400_000;
  const hours = 14 * 24;
  const start = Date.UTC(2025, 0, 6);
  const ts = Float64Array.from({ length: hours }, (_, i) => start + i * 3_600_000);
  const ys = ts.map((t, i) => 100 + 20 * Math.sin((2 * Math.PI * (t % DAY_MS)) / DAY_MS) + ((i * 7) % 5));
  const options = JSON.stringify({ horizon: DAY_MS, initial: 7 * DAY_MS, period: DAY_MS, maxFits: 12 });

  it('cross-validates the family params.model names', () => {
    const decomposition = JSON.parse(crossValidate(ts.buffer, ys.buffer, '{}', options));
    const past = JSON.parse(crossValidate(ts.buffer, ys.buffer, '{"model":"past"}', options));
    expect(past).not.toEqual(decomposition);
  });

  it('cv, tune and select with labels carry label_metrics; a bad label is refused by name', () => {
    // A three-hour outage on day 12, labelled an incident.
    const outage = ys.slice();
    const at = 12 * 24 + 9;
    for (let i = at; i < at + 3; i++) {
      outage[i] = 10;
    }
    const labels = { incidents: [[ts[at], ts[at + 2]]], false_alarms: [] };
    const withLabels = JSON.stringify({ ...JSON.parse(options), labels });
    const cv = JSON.parse(crossValidate(ts.buffer, outage.buffer, '{}', withLabels));
    expect(cv.label_metrics).toEqual({
      incidents: 1,
      incidents_found: 1,
      alarms: expect.any(Number),
      alarms_on_false_alarms: 0,
      alarms_in_incidents: 1,
      precision: expect.any(Number),
      recall: 1,
    });
    expect(JSON.parse(crossValidate(ts.buffer, outage.buffer, '{}', options)).label_metrics).toBeUndefined();
    const tuned = JSON.parse(
      tune(
        ts.buffer,
        outage.buffer,
        '{}',
        JSON.stringify({ ...JSON.parse(withLabels), maxFits: 24, grid: { changepoint_prior_scale: [0.05, 0.5] } })
      )
    );
    expect(tuned.label_metrics.recall).toBe(1);
    const selected = JSON.parse(
      select(ts.buffer, outage.buffer, '{}', JSON.stringify({ families: ['past'], labels, maxFits: 12 }))
    );
    expect(selected.label_metrics).toBeDefined();
    expect(selected.label_metrics).toEqual(selected.winner.scores.label_metrics);
    const bad = JSON.stringify({ ...JSON.parse(options), labels: { incidents: [[2, 1]] } });
    expect(() => crossValidate(ts.buffer, outage.buffer, '{}', bad)).toThrow(
      new ModelInputError('labels.incidents[0] ends before it starts')
    );
  });

  it('tune with families ranks families as select does', () => {
    const text = tune(ts.buffer, ys.buffer, '{}', JSON.stringify({ families: ['decomposition', 'past'], maxFits: 30 }));
    const out = JSON.parse(text) as { ranking: Array<{ family: string }>; winner: { family: string } };
    expect(new Set(out.ranking.map((c) => c.family))).toEqual(new Set(['decomposition', 'past']));
    expect(['decomposition', 'past']).toContain(out.winner.family);
  });
});
