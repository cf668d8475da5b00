import { generateDemoSeries } from '../demo/messagingMetric';
import { components, demo, fit, goKernels, predict, type GoKernelHost } from './entry';
import { deserialize, fit as fitModel, ModelInputError, predict as predictModel, typescriptKernels } from '../model';

const DAY = 86_400_000;
const END = Date.UTC(2025, 9, 12);

function series(days = 4) {
  const s = generateDemoSeries({ start: END - days * DAY, end: END, seed: 3 });
  return { ts: s.timestamps, ys: s.values };
}

/** The host interface served by the TypeScript kernels, handing back fresh ArrayBuffers as Go does. */
function typescriptHost(calls: string[]): GoKernelHost {
  const copy = (a: Float64Array) => Float64Array.from(a).buffer;
  return {
    designMatrix: (ts, layoutJson, columns, rowScale) => {
      calls.push('designMatrix');
      const m = columns && rowScale ? { columns, row_scale: rowScale } : undefined;
      return copy(typescriptKernels.designMatrix(ts, JSON.parse(layoutJson), m));
    },
    weightedGram: (X, n, p, y, w) => {
      calls.push('weightedGram');
      const { gram, xty } = typescriptKernels.weightedGram(X, n, p, y, w);
      const both = new Float64Array(p * p + p);
      both.set(gram);
      both.set(xty, p * p);
      return both.buffer;
    },
    solveSpd: (A, b, p) => {
      calls.push('solveSpd');
      return copy(typescriptKernels.solveSpd(A, b, p));
    },
    multiply: (X, n, p, beta, from, to) => {
      calls.push('multiply');
      return copy(typescriptKernels.multiply(X, n, p, beta, from, to));
    },
    quantile: (values, q) => {
      calls.push('quantile');
      return typescriptKernels.quantile(values, q);
    },
    ...pointKernelHost(calls),
  };
}

/** The per-point kernels: numbers and in-place writes pass straight through, arrays come back as buffers. */
function pointKernelHost(
  calls: string[]
): Omit<GoKernelHost, 'designMatrix' | 'weightedGram' | 'solveSpd' | 'multiply' | 'quantile'> {
  const k = typescriptKernels;
  const log =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      calls.push(name);
      return fn(...args);
    };
  const buffer = (a: Float64Array) => Float64Array.from(a).buffer;
  return {
    madSigma: log('madSigma', k.madSigma),
    updateResiduals: log('updateResiduals', k.updateResiduals),
    hampelWeights: log('hampelWeights', k.hampelWeights),
    scaled: log('scaled', (values, factor, abs, keep) => buffer(k.scaled(values, factor, abs, keep))),
    addScaled: log('addScaled', k.addScaled),
    differences: log('differences', (values, sort, positive) => buffer(k.differences(values, sort, positive))),
    firstNonFinite: log('firstNonFinite', k.firstNonFinite),
    trainingRows: log('trainingRows', k.trainingRows),
    lagCorrelation: log('lagCorrelation', k.lagCorrelation),
    seasonalRemainder: log('seasonalRemainder', (ts, r, w, period, tolerance, rho) =>
      buffer(k.seasonalRemainder(ts, r, w, period, tolerance, rho))
    ),
    judge: log('judge', k.judge),
  };
}

describe('engine entry', () => {
  it('fit and predict over ArrayBuffers give what the model gives directly', () => {
    const { ts, ys } = series();
    const text = fit(Float64Array.from(ts).buffer, Float64Array.from(ys).buffer, '{"interval_width":0.9}');
    const direct = predictModel(fitModel(ts, ys, { interval_width: 0.9 }), ts, ys);
    const out = predict(text, Float64Array.from(ts).buffer, Float64Array.from(ys).buffer);
    expect(Array.from(out.yhat)).toEqual(Array.from(direct.yhat));
    expect(Array.from(out.yhat_upper)).toEqual(Array.from(direct.yhat_upper));
    expect(Array.from(out.outlier)).toEqual(Array.from(direct.outlier));
    const forecast = predict(text, Float64Array.of(END + DAY).buffer, null);
    expect(forecast.score[0]).toBe(0);
    expect(Number.isFinite(forecast.yhat[0])).toBe(true);
  });

  it('goKernels(host) routes every kernel through the host and fits the same model', () => {
    const { ts, ys } = series(14);
    const calls: string[] = [];
    const host = goKernels(typescriptHost(calls));
    const viaHost = fitModel(ts, ys, {}, host);
    const direct = fitModel(ts, ys, {});
    expect(Array.from(viaHost.beta)).toEqual(Array.from(direct.beta));
    const ahead = Float64Array.from(ts, (t) => t + DAY);
    expect(Array.from(predictModel(viaHost, ahead, ys, host).yhat_upper)).toEqual(
      Array.from(predictModel(direct, ahead, ys).yhat_upper)
    );
    expect(new Set(calls)).toEqual(new Set(Object.keys(typescriptHost([]))));
  });

  it('components(model, timestamps) names trend, each seasonality and holidays', () => {
    const { ts, ys } = series();
    const text = fit(Float64Array.from(ts).buffer, Float64Array.from(ys).buffer, '{"country_holidays":["KR"]}');
    const parts = components(text, Float64Array.from(ts.subarray(0, 5)).buffer);
    expect(Object.keys(parts)).toEqual(['trend', 'daily', 'holidays']);
    expect(deserialize(text).params.country_holidays).toEqual(['KR']);
  });

  it('bad params and unknown demo series throw ModelInputError with a one-line message', () => {
    const buffer = Float64Array.of(1, 2).buffer;
    expect(() => fit(buffer, buffer, '{oops')).toThrow(new ModelInputError('params is not valid JSON'));
    expect(() => fit(buffer, buffer, '[]')).toThrow(ModelInputError);
    expect(() => demo('nope', 0, DAY, 300_000, 1)).toThrow(ModelInputError);
    expect(() => demo('messaging', 0, 1e12, 1, 1)).toThrow(/limit/);
  });

  it('demo(name, start, end, step, seed) is the messaging metric', () => {
    const out = demo('messaging', END - DAY, END, 300_000, 3);
    const expected = generateDemoSeries({ start: END - DAY, end: END, stepMs: 300_000, seed: 3 });
    expect(Array.from(out.values)).toEqual(Array.from(expected.values));
  });
});
