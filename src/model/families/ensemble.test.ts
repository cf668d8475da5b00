import { ModelInputError } from '../errors';
import { resolveParams } from '../params';
import { HOUR_MS, makeSeries, seededNormal } from '../testing/synthetic';
import { agreementOf } from './ensemble';
import { deserializeModel, fitModel, predictModel, serializeModel } from './registry';

/** Three weeks, hourly: a daily cycle with noise sd 1. */
function dailyCycle(seed = 5) {
  const noise = seededNormal(seed);
  return makeSeries(21 * 24, HOUR_MS, (d) => 100 + 20 * Math.sin(2 * Math.PI * d) + noise());
}

/** Three members, where the vote is two of three (the default is two members, both of which must agree). */
const THREE = {
  model: 'ensemble' as const,
  ensemble_members: ['decomposition' as const, 'past' as const, 'autoregressive' as const],
};

describe('ensemble family', () => {
  it('needs at least half the members, and both of two: 1 of 1, 2 of 2, 2 of 3, 2 of 4', () => {
    expect([1, 2, 3, 4].map(agreementOf)).toEqual([1, 2, 2, 2]);
  });

  it('flags a spike every member sees, scored like its members, and not an ordinary point', () => {
    const s = dailyCycle();
    const fitted = fitModel(s.timestamps, s.values, THREE);
    expect(fitted.family).toBe('ensemble');
    const ahead = Float64Array.from(
      { length: 24 },
      (_, i) => s.timestamps[s.timestamps.length - 1] + (i + 1) * HOUR_MS
    );
    const expected = ahead.map((t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 86_400_000));
    const values = expected.slice();
    values[10] += 30;
    const p = predictModel(fitted, ahead, values);
    expect(p.outlier[10]).toBe(1);
    expect(Array.from(p.outlier).filter((o) => o !== 0)).toHaveLength(1);
    // The score is the middle member's: between the smallest and largest member score.
    const members = (fitted as unknown as { members: Array<Parameters<typeof predictModel>[0]> }).members.map((m) =>
      predictModel(m, ahead, values)
    );
    expect(members).toHaveLength(3);
    const spikeScores = members.map((m) => m.score[10]).sort((a, b) => a - b);
    expect(p.score[10]).toBe(spikeScores[1]);
    // The expectation follows the cycle.
    for (let i = 0; i < 24; i++) {
      expect(Math.abs(p.yhat[i] - expected[i])).toBeLessThan(3);
    }
  });

  it('does not flag what only one member flags', () => {
    const s = dailyCycle(6);
    const fitted = fitModel(s.timestamps, s.values, THREE) as unknown as {
      members: Array<Parameters<typeof predictModel>[0]>;
    };
    const ts = s.timestamps.subarray(s.timestamps.length - 200);
    const ys = s.values.subarray(s.values.length - 200);
    const votes = fitted.members.map((m) => predictModel(m, ts, ys).outlier);
    const p = predictModel(fitted as never, ts, ys);
    for (let i = 0; i < ts.length; i++) {
      const up = votes.filter((v) => v[i] === 1).length;
      const down = votes.filter((v) => v[i] === -1).length;
      expect(p.outlier[i]).toBe(up >= 2 ? 1 : down >= 2 ? -1 : 0);
    }
  });

  it('is the default: the decomposition and past, both of which must flag a point; scored by their harmonic mean', () => {
    const s = dailyCycle(6);
    // Without the sustained step, which raises the pair's score after the vote (sustained.test.ts).
    const fitted = fitModel(s.timestamps, s.values, { sustained_points: 0 }) as unknown as {
      family: string;
      members: Array<Parameters<typeof predictModel>[0] & { family: string }>;
    };
    expect(fitted.family).toBe('ensemble');
    expect(fitted.members.map((m) => m.family)).toEqual(['decomposition', 'past']);
    const ts = s.timestamps.subarray(s.timestamps.length - 200);
    const ys = s.values.slice(s.values.length - 200);
    ys[50] += 40;
    ys[120] -= 40;
    const votes = fitted.members.map((m) => predictModel(m, ts, ys));
    const p = predictModel(fitted as never, ts, ys);
    expect([p.outlier[50], p.outlier[120]]).toEqual([1, -1]);
    for (let i = 0; i < ts.length; i++) {
      const [a, b] = votes.map((v) => v.outlier[i]);
      expect(p.outlier[i]).toBe(a === b ? a : 0);
      const [sa, sb] = votes.map((v) => v.score[i]);
      expect(p.score[i]).toBeCloseTo(sa > 0 && sb > 0 ? 2 / (1 / sa + 1 / sb) : 0, 15);
      expect(p.score[i]).toBeGreaterThanOrEqual(Math.min(sa, sb));
    }
  });

  it('leaves holidays to the decomposition, which models them, while the other members would flag them', () => {
    const noise = seededNormal(12);
    const start = Date.UTC(2024, 0, 1);
    const holidayDays = [4, 11, 19, 25];
    const dates = holidayDays.map((d) => new Date(start + d * 86_400_000).toISOString().slice(0, 10));
    const s = makeSeries(28 * 24, HOUR_MS, (d) => {
      const level = 100 + 20 * Math.sin(2 * Math.PI * d) + noise();
      return holidayDays.includes(Math.floor(d)) ? 0.4 * level : level;
    });
    const params = { model: 'ensemble' as const, holidays: [{ name: 'closed', dates }] };
    const fitted = fitModel(s.timestamps, s.values, params) as unknown as {
      members: Array<Parameters<typeof predictModel>[0] & { family: string }>;
    };
    const p = predictModel(fitted as never, s.timestamps, s.values);
    const onHoliday = (i: number) => holidayDays.includes(Math.floor((s.timestamps[i] - start) / 86_400_000));
    const decomposition = predictModel(fitted.members[0], s.timestamps, s.values);
    const past = predictModel(fitted.members[1], s.timestamps, s.values);
    let pastFlags = 0;
    for (let i = 0; i < s.timestamps.length; i++) {
      if (onHoliday(i)) {
        expect(p.outlier[i]).toBe(decomposition.outlier[i]);
        expect(p.score[i]).toBe(decomposition.score[i]);
        pastFlags += past.outlier[i] !== 0 ? 1 : 0;
      }
    }
    // The past member alone would have flagged the holidays it compares with ordinary days.
    expect(pastFlags).toBeGreaterThan(24);
  });

  it('leaves out a member the data refuses and says why; fails only when none fits', () => {
    // Eighteen hours: shorter than the past family's one-day period.
    const noise = seededNormal(7);
    const s = makeSeries(18, HOUR_MS, () => 10 + noise());
    const fitted = fitModel(s.timestamps, s.values, { model: 'ensemble' }) as unknown as {
      members: Array<{ family: string }>;
      left_out: Array<{ family: string; reason: string }>;
    };
    expect(fitted.left_out.map((l) => l.family)).toContain('past');
    expect(fitted.members.map((m) => m.family)).not.toContain('past');
    expect(() => fitModel(s.timestamps, s.values, { model: 'ensemble', ensemble_members: ['past'] })).toThrow(
      /^no member of the ensemble could be fitted: past: /
    );
    // A fault of the input itself, the same for every member, is said once.
    expect(() => fitModel(s.timestamps.subarray(0, 1), s.values.subarray(0, 1), {})).toThrow(
      new ModelInputError('the series needs at least two distinct timestamps with values')
    );
  });

  it('fails on settings past a model limit rather than leaving the member out and judging with the others', () => {
    const s = makeSeries(240, HOUR_MS, (d) => 100 + 5 * Math.sin(2 * Math.PI * d), Date.UTC(2023, 10, 14));
    const params = {
      model: 'ensemble' as const,
      daily_seasonality: 86,
      weekly_seasonality: false,
      yearly_seasonality: false,
      daily_seasonality_by_day_kind: false,
      country_holidays: ['US'],
      holidays_lower_window: -3,
      holidays_upper_window: 3,
    };
    expect(() => fitModel(s.timestamps, s.values, params)).toThrow(/columns.*the limit is 200/);
  });

  it('round-trips through JSON and refuses another version', () => {
    const s = dailyCycle(8);
    const fitted = fitModel(s.timestamps, s.values, { model: 'ensemble', ensemble_members: ['decomposition', 'past'] });
    const text = serializeModel(fitted);
    const restored = deserializeModel(text);
    const a = predictModel(fitted, s.timestamps, s.values);
    const b = predictModel(restored, s.timestamps, s.values);
    expect(Array.from(b.score)).toEqual(Array.from(a.score));
    expect(Array.from(b.yhat_upper)).toEqual(Array.from(a.yhat_upper));
    const old = JSON.stringify({ ...JSON.parse(text), version: 0 });
    expect(() => deserializeModel(old)).toThrow(/ensemble version 0 is not supported/);
    const data = JSON.parse(text) as { members: unknown[] };
    const doubled = JSON.stringify({ ...data, members: [...data.members, data.members[1]] });
    expect(() => deserializeModel(doubled)).toThrow('serialized ensemble must hold distinct member families');
  });

  it('draws the decomposition whichever place it holds: expectation, band and components', () => {
    const s = dailyCycle(9);
    const params = { model: 'ensemble' as const, ensemble_members: ['past' as const, 'decomposition' as const] };
    const fitted = fitModel(s.timestamps, s.values, params) as unknown as {
      members: Array<Parameters<typeof predictModel>[0]>;
    };
    const p = predictModel(fitted as never, s.timestamps, s.values);
    const decomposition = predictModel(fitted.members[1], s.timestamps, s.values);
    expect(Array.from(p.yhat)).toEqual(Array.from(decomposition.yhat));
    expect(Array.from(p.yhat_upper)).toEqual(Array.from(decomposition.yhat_upper));
    expect(Array.from(p.trend)).toEqual(Array.from(decomposition.trend));
    expect(Object.keys(p.seasonal)).toEqual(Object.keys(decomposition.seasonal));
  });

  it.each([[[]], [['ensemble']], [['past', 'past']], [['prophet']], ['past']])(
    'refuses ensemble_members %j in one line',
    (members) => {
      expect(() => resolveParams({ ensemble_members: members as never })).toThrow(ModelInputError);
      expect(() => resolveParams({ ensemble_members: members as never })).toThrow(/^ensemble_members must be/);
    }
  );
});
