import { generateDemoSeries } from '../demo/messagingMetric';
import { deserializeModel, fit, fitModel, predict, predictModel, serializeModel, typescriptKernels } from '../model';
import { goKernels, type GoKernelHost } from './goKernels';

const DAY = 86_400_000;
const END = Date.UTC(2025, 9, 12);

/**
 * The host served by the TypeScript kernels as Go serves it: a layout arrives as JSON text, typed-array
 * results go back as fresh ArrayBuffers and weightedGram's two arrays as one. Every call is logged by name.
 */
function typescriptHost(calls: string[]): GoKernelHost {
  const k = typescriptKernels;
  const buffer = (a: Float64Array) => Float64Array.from(a).buffer;
  const log =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      calls.push(name);
      return fn(...args);
    };
  return {
    designMatrix: log('designMatrix', (ts, layoutJson, m) =>
      buffer(k.designMatrix(ts, JSON.parse(layoutJson), m ?? undefined))
    ),
    weightedGram: log('weightedGram', (X, n, p, y, w) => {
      const { gram, xty } = k.weightedGram(X, n, p, y, w);
      const both = new Float64Array(p * p + p);
      both.set(gram);
      both.set(xty, p * p);
      return both.buffer;
    }),
    solveSpd: log('solveSpd', (A, b, p) => buffer(k.solveSpd(A, b, p))),
    solveColumns: log('solveColumns', (gram, width, columns, ridge, floor) =>
      buffer(k.solveColumns(gram, width, columns, ridge, floor))
    ),
    multiply: log('multiply', (X, n, p, beta, from, to) => buffer(k.multiply(X, n, p, beta, from ?? 0, to ?? p))),
    quantile: log('quantile', k.quantile),
    quantiles: log('quantiles', (values, qs) => buffer(k.quantiles(values, qs))),
    madSigma: log('madSigma', k.madSigma),
    updateResiduals: log('updateResiduals', k.updateResiduals),
    hampelWeights: log('hampelWeights', k.hampelWeights),
    scaled: log('scaled', (values, factor, abs, keep) => buffer(k.scaled(values, factor, abs, keep))),
    addScaled: log('addScaled', k.addScaled),
    differences: log('differences', (values, sort, positive) => buffer(k.differences(values, sort, positive))),
    firstNonFinite: log('firstNonFinite', k.firstNonFinite),
    trainingRows: log('trainingRows', k.trainingRows),
    lagCorrelation: log('lagCorrelation', k.lagCorrelation),
    seasonalRemainder: log('seasonalRemainder', (ts, r, w, carry) => buffer(k.seasonalRemainder(ts, r, w, carry))),
    judge: log('judge', k.judge),
    rollingMedians: log('rollingMedians', (values, k2) => buffer(k.rollingMedians(values, k2))),
    raiseSustained: log('raiseSustained', k.raiseSustained),
    equalRuns: log('equalRuns', (values, minRun) => buffer(k.equalRuns(values, minRun))),
    slotSummaries: log('slotSummaries', k.slotSummaries),
    combineVerdicts: log('combineVerdicts', k.combineVerdicts),
    gridSeries: log('gridSeries', k.gridSeries),
    gridLookup: log('gridLookup', (ts, grid, table, fallback) => buffer(k.gridLookup(ts, grid, table, fallback))),
    lagDesign: log('lagDesign', (values, lags, from, to, intercept, keep) =>
      buffer(k.lagDesign(values, lags, from, to, intercept, keep))
    ),
    arRecursion: log('arRecursion', k.arRecursion),
    arPsiVariance: log('arPsiVariance', (lags, coefficients, steps) =>
      buffer(k.arPsiVariance(lags, coefficients, steps))
    ),
    binnedSums: log('binnedSums', (ts, v, w, origin, bin, bins) => buffer(k.binnedSums(ts, v, w, origin, bin, bins))),
    dayKindDifference: log('dayKindDifference', (sums, bins, days, off, significance, minBar) =>
      buffer(k.dayKindDifference(sums, bins, days, off, significance, minBar))
    ),
    holtWintersStart: log('holtWintersStart', (ts, ys, grid, init) => buffer(k.holtWintersStart(ts, ys, grid, init))),
    holtWintersFilter: log('holtWintersFilter', k.holtWintersFilter),
    trainNetwork: log('trainNetwork', (rows, targets, settings) => buffer(k.trainNetwork(rows, targets, settings))),
    networkOutputs: log('networkOutputs', (weights, rows, inputs, hidden) =>
      buffer(k.networkOutputs(weights, rows, inputs, hidden))
    ),
    encodeFloat64s: log('encodeFloat64s', k.encodeFloat64s),
    decodeFloat64s: log('decodeFloat64s', (text) => buffer(k.decodeFloat64s(text))),
    expandRuns: log('expandRuns', (runs) => buffer(k.expandRuns(runs))),
    collapseRuns: log('collapseRuns', (times) => buffer(k.collapseRuns(times))),
    coarsestBinaryStep: log('coarsestBinaryStep', k.coarsestBinaryStep),
    encodeValueSteps: log('encodeValueSteps', k.encodeValueSteps),
    decodeValueSteps: log('decodeValueSteps', (text, step) => buffer(k.decodeValueSteps(text, step))),
  };
}

describe('goKernels(host)', () => {
  it('routes every kernel through the host and fits and predicts what the TypeScript kernels do, for every family', () => {
    const s = generateDemoSeries({ start: END - 14 * DAY, end: END, seed: 3 });
    const calls: string[] = [];
    const viaHost = goKernels(typescriptHost(calls));
    const params = { country_holidays: ['KR'], holidays_tz_offset_minutes: 540 };
    const hosted = fit(s.timestamps, s.values, params, viaHost);
    const direct = fit(s.timestamps, s.values, params);
    expect(Array.from(hosted.beta)).toEqual(Array.from(direct.beta));
    const ahead = Float64Array.from(s.timestamps, (t) => t + DAY);
    const a = predict(hosted, ahead, s.values, viaHost);
    const b = predict(direct, ahead, s.values);
    expect(Array.from(a.yhat_upper)).toEqual(Array.from(b.yhat_upper));
    expect(Array.from(a.score)).toEqual(Array.from(b.score));
    const past = { model: 'past' as const };
    const pastFit = fitModel(s.timestamps, s.values, past, viaHost);
    const pastHosted = predictModel(pastFit, ahead, s.values, viaHost);
    const pastDirect = predictModel(fitModel(s.timestamps, s.values, past), ahead, s.values);
    expect(Array.from(pastHosted.yhat_upper)).toEqual(Array.from(pastDirect.yhat_upper));
    // The past model's points cross as value steps both ways.
    const pastRestored = deserializeModel(serializeModel(pastFit, viaHost), '', viaHost);
    const pastAgain = predictModel(pastRestored, ahead, s.values, viaHost);
    expect(Array.from(pastAgain.yhat_upper)).toEqual(Array.from(pastDirect.yhat_upper));
    const ar = { model: 'autoregressive' as const };
    const arFit = fitModel(s.timestamps, s.values, ar, viaHost);
    const hostedAr = predictModel(arFit, ahead, s.values, viaHost);
    const directAr = predictModel(fitModel(s.timestamps, s.values, ar), ahead, s.values);
    expect(Array.from(hostedAr.yhat_upper)).toEqual(Array.from(directAr.yhat_upper));
    // The autoregressive model's tail crosses as float64 text.
    const arRestored = deserializeModel(serializeModel(arFit, viaHost), '', viaHost);
    expect(Array.from(predictModel(arRestored, ahead, s.values, viaHost).yhat_upper)).toEqual(
      Array.from(directAr.yhat_upper)
    );
    const ensemble = { model: 'ensemble' as const };
    const ensembleHosted = predictModel(fitModel(s.timestamps, s.values, ensemble, viaHost), ahead, s.values, viaHost);
    const ensembleDirect = predictModel(fitModel(s.timestamps, s.values, ensemble), ahead, s.values);
    expect(Array.from(ensembleHosted.score)).toEqual(Array.from(ensembleDirect.score));
    const hwParams = { model: 'holt_winters' as const };
    const hwHosted = fitModel(s.timestamps, s.values, hwParams, viaHost);
    const hwDirect = fitModel(s.timestamps, s.values, hwParams);
    expect(serializeModel(hwHosted)).toEqual(serializeModel(hwDirect));
    const c = predictModel(hwHosted, ahead, s.values, viaHost);
    const d = predictModel(hwDirect, ahead, s.values);
    expect(Array.from(c.yhat_upper)).toEqual(Array.from(d.yhat_upper));
    expect(Array.from(c.score)).toEqual(Array.from(d.score));
    // The neural family: the settings cross as an object, the weights and outputs as buffers, and the weights as
    // float64 text in the model.
    const neural = { model: 'neural' as const, neural_steps: 200 };
    const neuralHosted = fitModel(s.timestamps, s.values, neural, viaHost);
    expect(serializeModel(neuralHosted)).toEqual(serializeModel(fitModel(s.timestamps, s.values, neural)));
    const neuralRestored = deserializeModel(serializeModel(neuralHosted, viaHost), '', viaHost);
    const neuralDirect = predictModel(neuralHosted, ahead, s.values);
    expect(Array.from(predictModel(neuralRestored, ahead, s.values, viaHost).score)).toEqual(
      Array.from(neuralDirect.score)
    );
    expect([...new Set(calls)].sort()).toEqual(Object.keys(typescriptKernels).sort());
  });

  it('splits weightedGram’s one buffer into the Gram matrix and Xᵀy', () => {
    const X = Float64Array.of(1, 2, 3, 4, 5, 6);
    const { gram, xty } = goKernels(typescriptHost([])).weightedGram(X, 3, 2, Float64Array.of(1, 0, 2), null);
    expect(Array.from(gram)).toEqual([1 + 9 + 25, 2 + 12 + 30, 2 + 12 + 30, 4 + 16 + 36]);
    expect(Array.from(xty)).toEqual([1 + 10, 2 + 12]);
  });

  it('refuses a host that lacks a kernel, naming it', () => {
    const { judge: _judge, madSigma: _madSigma, ...partial } = typescriptHost([]);
    expect(() => goKernels(partial as GoKernelHost)).toThrow('the Go kernel host defines no madSigma, judge');
  });
});
