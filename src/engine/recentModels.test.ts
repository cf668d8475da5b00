import { generateDemoSeries } from '../demo/messagingMetric';
import { components, fit, predict } from './entry';
import { forgetModels, recentModelCount } from './recentModels';

const DAY = 86_400_000;
const END = Date.UTC(2025, 9, 12);

function demo(days: number, end: number) {
  const s = generateDemoSeries({ start: end - days * DAY, end, seed: 5 });
  return { ts: Float64Array.from(s.timestamps), ys: Float64Array.from(s.values) };
}

/** Every number of a prediction, bit for bit (NaN equal to NaN, −0 apart from 0). */
function numbers(out: Record<string, ArrayLike<number>>): Array<[string, number]> {
  return Object.entries(out).flatMap(([name, values]) => Array.from(values, (v): [string, number] => [name, v]));
}

describe('recent models', () => {
  const train = demo(10, END);
  const next = demo(1, END + DAY);
  // A spike and a drop among the judged points, so scores and outlier flags are exercised.
  next.ys[40] *= 3;
  next.ys[200] *= 0.2;
  const labels = {
    exclude: [[END - 3 * DAY, END - 3 * DAY + 4 * 3_600_000]],
    false_alarms: [[END - DAY, END - DAY + 3_600_000]],
  };

  it.each<[string, object]>([
    ['the default pair', {}],
    ['the default pair with an exclusion and a false-alarm label', labels],
    [
      'the decomposition with Korean holidays, multiplicative',
      { model: 'decomposition', country_holidays: ['KR'], seasonality_mode: 'multiplicative' },
    ],
    ['past', { model: 'past' }],
    ['autoregressive', { model: 'autoregressive' }],
    ['holt_winters', { model: 'holt_winters' }],
    ['an ensemble of three', { model: 'ensemble', ensemble_members: ['decomposition', 'past', 'autoregressive'] }],
    ['a small neural network', { model: 'neural', neural_steps: 100, neural_hidden: 4 }],
  ])('%s: the fitted model predicts as its text read afresh, again and again', (_, params) => {
    forgetModels();
    const text = fit(train.ts.buffer, train.ys.buffer, JSON.stringify(params)).model;
    const judge = () => numbers({ ...predict(text, next.ts.buffer, next.ys.buffer) });
    const forecast = () => numbers({ ...predict(text, next.ts.buffer, null), ...components(text, next.ts.buffer) });
    const fromFit = [judge(), forecast(), judge()];
    forgetModels();
    const fromText = [judge(), forecast(), judge()];
    expect(fromFit).toEqual(fromText);
    expect(fromFit[0].some(([name, v]) => name === 'outlier' && v !== 0)).toBe(true);
  });

  it('refuses values so small that a band comes out non-finite, rather than keep a model its text cannot restore', () => {
    const small = demo(6, END);
    const tiny = Float64Array.from(small.ys, (v) => v * 1e-318);
    forgetModels();
    expect(() => fit(small.ts.buffer, tiny.buffer, JSON.stringify({ model: 'past' }))).toThrow(
      /values are around .*, too small to model \(limit 1e-150\); rescale them/
    );
    expect(recentModelCount()).toBe(0);
  });

  it('keeps at most two', () => {
    forgetModels();
    for (let i = 0; i < 6; i++) {
      fit(train.ts.buffer, train.ys.buffer, JSON.stringify({ interval_width: 0.8 + i / 100, model: 'past' }));
    }
    expect(recentModelCount()).toBe(2);
  });
});
