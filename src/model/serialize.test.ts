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
});
