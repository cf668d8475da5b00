import { deserialize, fit, predict, serialize } from './index';
import { HOUR_MS, makeSeries, seededNormal } from './testing/synthetic';

describe('serialize/deserialize', () => {
  it('restores a model that predicts exactly as the original', () => {
    const noise = seededNormal(1);
    const { timestamps, values } = makeSeries(24 * 20, HOUR_MS, (d) => 5 + Math.sin(2 * Math.PI * d) + noise());
    const fitted = fit(timestamps, values, { country_holidays: ['US'] });
    const restored = deserialize(serialize(fitted));
    const a = predict(fitted, timestamps, values);
    const b = predict(restored, timestamps, values);
    expect(Array.from(b.yhat)).toEqual(Array.from(a.yhat));
    expect(Array.from(b.yhat_upper)).toEqual(Array.from(a.yhat_upper));
    expect(Array.from(b.score)).toEqual(Array.from(a.score));
  });

  it('rejects text that is not a serialized model', () => {
    expect(() => deserialize('{')).toThrow('not valid JSON');
    expect(() => deserialize('{"format":"other"}')).toThrow('unknown format');
    expect(() => deserialize('{"format":"foresight-model","version":9}')).toThrow('version 9');
  });

  it('reads parameters a stored model leaves out as their defaults, as a fit does', () => {
    const noise = seededNormal(3);
    const { timestamps, values } = makeSeries(24 * 20, HOUR_MS, (d) => 5 + Math.sin(2 * Math.PI * d) + noise());
    const fitted = fit(timestamps, values);
    const model = JSON.parse(serialize(fitted)) as Record<string, any>;
    // Lists a prediction reads (holiday countries, exclusions) threw a TypeError when missing.
    model.params = { model: 'decomposition', exclude: [[timestamps[0], timestamps[5]]] };
    const restored = deserialize(JSON.stringify(model));
    expect(restored.params).toEqual({ ...fitted.params, exclude: [[timestamps[0], timestamps[5]]] });
    expect(Array.from(predict(restored, timestamps, values).yhat)).toEqual(
      Array.from(predict(fitted, timestamps, values).yhat)
    );
  });

  // Each of these once restored and then judged nothing (NaN bands, no outlier), flagged everything, or threw a
  // raw TypeError at predict time: a stored model an alert reads must be whole or refused.
  it.each<[string, (m: Record<string, any>) => void, RegExp]>([
    ['beta one short', (m) => m.beta.pop(), /corrupt: beta must hold \d+ finite coefficients/],
    ['a null coefficient', (m) => (m.beta[0] = null), /corrupt: beta must hold/],
    ['no residual summary', (m) => (m.residuals = {}), /corrupt: residuals need/],
    ['a huge band', (m) => (m.residuals.band_above = 1e308), /corrupt: residuals need/],
    ['y_scale 0', (m) => (m.y_scale = 0), /corrupt: y_scale must be a positive normal number up to 1e\+154, got 0/],
    ['an empty layout', (m) => (m.layout = {}), /corrupt: layout needs finite t0/],
    ['a component past the layout', (m) => (m.components[0].to = 10_000), /corrupt: component "trend" does not fit/],
    ['interval_width 5', (m) => (m.params.interval_width = 5), /corrupt: its params: interval_width/],
    ['exclusions that are no list', (m) => (m.params.exclude = 5), /corrupt: its params: exclude is not a list/],
    // An update read it as pairs and threw a TypeError; a one-number range excluded nothing without a word.
    ['a null exclusion', (m) => (m.params.exclude = [null]), /corrupt: its params: exclude is not a list/],
    ['a one-number label', (m) => (m.params.false_alarms = [[5]]), /corrupt: its params: false_alarms is not/],
    ['a malformed horizon growth', (m) => (m.horizon_growth = { horizon_ms: [1], variance: [] }), /horizon_growth/],
    // Predict reads the first component as the trend: without one it threw a TypeError.
    ['no components', (m) => (m.components = []), /corrupt: components must begin with the trend/],
    ['a seasonality first', (m) => m.components.reverse(), /corrupt: components must begin with the trend/],
  ])('refuses a model with %s', (_what, corrupt, message) => {
    const noise = seededNormal(2);
    const { timestamps, values } = makeSeries(24 * 20, HOUR_MS, (d) => 5 + Math.sin(2 * Math.PI * d) + noise());
    const text = serialize(fit(timestamps, values));
    expect(() => deserialize(text)).not.toThrow();
    const model = JSON.parse(text) as Record<string, any>;
    corrupt(model);
    expect(() => deserialize(JSON.stringify(model))).toThrow(message);
  });
});
