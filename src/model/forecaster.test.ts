import { countryHolidays } from './holidays';
import { fit, predict } from './index';
import { DAY_MS, HOUR_MS, makeSeries, seededNormal, seededRandom } from './testing/synthetic';

function meanAbs(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    s += Math.abs(a[i] - b[i]);
  }
  return s / a.length;
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i] - b[i]));
  }
  return m;
}

function coverage(values: Float64Array, lower: Float64Array, upper: Float64Array): number {
  let inside = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] >= lower[i] && values[i] <= upper[i]) {
      inside++;
    }
  }
  return inside / values.length;
}

describe('fit and predict: recovering known components', () => {
  it('recovers a linear slope and the daily amplitude', () => {
    const noise = seededNormal(1);
    const { timestamps, values } = makeSeries(
      24 * 60,
      HOUR_MS,
      (d) => 50 + 2 * d + 5 * Math.sin(2 * Math.PI * d) + noise()
    );
    const p = predict(fit(timestamps, values), timestamps);
    const slopePerDay = (p.trend[p.trend.length - 1] - p.trend[0]) / 60;
    expect(slopePerDay).toBeCloseTo(2, 1);
    const daily = p.seasonal.daily;
    const amplitude = (Math.max(...daily) - Math.min(...daily)) / 2;
    expect(Math.abs(amplitude - 5)).toBeLessThan(0.3);
    expect(Object.keys(p.seasonal).sort()).toEqual(['daily', 'weekly']); // switched on by span and spacing
  });

  it('finds a changepoint: slope 1 before day 30, 3 after', () => {
    const noise = seededNormal(2);
    const { timestamps, values } = makeSeries(
      24 * 60,
      HOUR_MS,
      (d) => 50 + (d < 30 ? d : 30 + 3 * (d - 30)) + 5 * Math.sin(2 * Math.PI * d) + noise()
    );
    const p = predict(fit(timestamps, values, { weekly_seasonality: false }), timestamps);
    const slope = (fromDay: number, toDay: number) => (p.trend[toDay * 24] - p.trend[fromDay * 24]) / (toDay - fromDay);
    expect(slope(5, 25)).toBeCloseTo(1, 1);
    expect(slope(35, 55)).toBeCloseTo(3, 1);
    // The bend sits near day 30: the largest change in hourly trend slope is within two days of it.
    let best = 0;
    let bestAt = 0;
    for (let i = 2; i < p.trend.length; i++) {
      const bend = Math.abs(p.trend[i] - 2 * p.trend[i - 1] + p.trend[i - 2]);
      if (bend > best) {
        best = bend;
        bestAt = i / 24;
      }
    }
    expect(Math.abs(bestAt - 30)).toBeLessThan(2);
  });

  it('recovers weekly seasonality: weekends lower than weekdays', () => {
    const noise = seededNormal(3);
    const start = Date.UTC(2024, 0, 1); // a Monday
    const { timestamps, values } = makeSeries(
      24 * 7 * 8,
      HOUR_MS,
      (d) => {
        const weekday = Math.floor(d) % 7; // 0 = Monday
        return 100 + (weekday >= 5 ? -20 : 0) + 10 * Math.sin(2 * Math.PI * d) + noise();
      },
      start
    );
    const p = predict(fit(timestamps, values), timestamps);
    const weekly = p.seasonal.weekly;
    const mondayNoon = 12;
    const saturdayNoon = 5 * 24 + 12;
    expect(weekly[mondayNoon] - weekly[saturdayNoon]).toBeGreaterThan(15);
    expect(meanAbs(p.yhat, values)).toBeLessThan(3);
  });

  it('recovers a Korean holiday effect (Chuseok) on daily data', () => {
    const noise = seededNormal(4);
    const start = Date.UTC(2021, 0, 1);
    const chuseok = new Set(
      countryHolidays('KR', 2021, 2024)
        .filter((h) => h.name === 'Chuseok')
        .map((h) => h.date)
    );
    const { timestamps, values } = makeSeries(
      365 * 3,
      DAY_MS,
      (d) => {
        const date = new Date(start + d * DAY_MS).toISOString().slice(0, 10);
        return 200 + 0.05 * d + (chuseok.has(date) ? -40 : 0) + 10 * Math.sin((2 * Math.PI * d) / 7) + noise();
      },
      start
    );
    const fitted = fit(timestamps, values, { country_holidays: ['KR'], holidays_mode: 'additive', robust: false });
    const p = predict(fitted, timestamps);
    const onChuseok: number[] = [];
    for (let i = 0; i < timestamps.length; i++) {
      if (chuseok.has(new Date(timestamps[i]).toISOString().slice(0, 10))) {
        onChuseok.push(p.holidays[i]);
      }
    }
    expect(onChuseok).toHaveLength(3);
    for (const effect of onChuseok) {
      expect(effect).toBeGreaterThan(-44);
      expect(effect).toBeLessThan(-36);
    }
    expect(fitted.components.some((c) => c.name === 'KR:Chuseok')).toBe(true);
  });

  it('fits multiplicative seasonality far better in multiplicative mode', () => {
    const noise = seededNormal(5);
    const { timestamps, values } = makeSeries(
      24 * 60,
      HOUR_MS,
      (d) => (100 + 5 * d) * (1 + 0.3 * Math.sin(2 * Math.PI * d)) + noise()
    );
    const additive = predict(fit(timestamps, values), timestamps);
    const multiplicative = predict(fit(timestamps, values, { seasonality_mode: 'multiplicative' }), timestamps);
    expect(meanAbs(multiplicative.yhat, values)).toBeLessThan(1.2);
    expect(meanAbs(additive.yhat, values)).toBeGreaterThan(5 * meanAbs(multiplicative.yhat, values));
  });

  it('holds the level with flat growth', () => {
    const noise = seededNormal(6);
    const { timestamps, values } = makeSeries(24 * 20, HOUR_MS, (d) => 10 + 3 * Math.sin(2 * Math.PI * d) + noise());
    const fitted = fit(timestamps, values, { growth: 'flat' });
    const p = predict(fitted, [timestamps[0], timestamps[timestamps.length - 1] + 30 * DAY_MS]);
    expect(p.trend[0]).toBeCloseTo(p.trend[1], 10);
    expect(Math.abs(p.trend[0] - 10)).toBeLessThan(0.2);
  });
});

describe('robustness and exclusions', () => {
  it('is not bent by a 10% share of large spikes', () => {
    const noise = seededNormal(7);
    const uniform = seededRandom(8);
    const clean = makeSeries(24 * 28, HOUR_MS, (d) => 50 + 0.2 * d + 5 * Math.sin(2 * Math.PI * d) + 0.5 * noise());
    const spiky = Float64Array.from(clean.values);
    for (let i = 0; i < spiky.length; i++) {
      if (uniform() < 0.1) {
        spiky[i] += 30 + 20 * uniform();
      }
    }
    const reference = predict(fit(clean.timestamps, clean.values), clean.timestamps);
    const robust = predict(fit(clean.timestamps, spiky), clean.timestamps);
    const plain = predict(fit(clean.timestamps, spiky, { robust: false }), clean.timestamps);
    // Noise sd is 0.5: the robust curve stays within 0.3 of the clean fit everywhere.
    expect(maxAbsDiff(reference.yhat, robust.yhat)).toBeLessThan(0.3);
    expect(maxAbsDiff(reference.yhat, plain.yhat)).toBeGreaterThan(2);
  });

  it('does not learn an excluded incident, and flags it', () => {
    const noise = seededNormal(9);
    const start = Date.UTC(2024, 0, 1);
    const { timestamps, values } = makeSeries(
      24 * 28,
      HOUR_MS,
      (d) => 50 + 5 * Math.sin(2 * Math.PI * d) + 0.5 * noise() + (d >= 10 && d < 12 ? 40 : 0),
      start
    );
    const exclude: [number, number] = [start + 10 * DAY_MS, start + 12 * DAY_MS - 1];
    const excluded = predict(fit(timestamps, values, { exclude: [exclude], robust: false }), timestamps, values);
    const learned = predict(fit(timestamps, values, { robust: false }), timestamps, values);
    const inIncident = 11 * 24 + 3;
    expect(Math.abs(excluded.yhat[inIncident] - (50 + 5 * Math.sin((2 * Math.PI * inIncident) / 24)))).toBeLessThan(1);
    expect(learned.yhat[inIncident]).toBeGreaterThan(60);
    let flagged = 0;
    for (let i = 10 * 24; i < 12 * 24; i++) {
      flagged += excluded.outlier[i] === 1 ? 1 : 0;
    }
    expect(flagged).toBe(48);
  });

  it('skips missing values and accepts irregular spacing', () => {
    const noise = seededNormal(10);
    const uniform = seededRandom(11);
    const n = 2000;
    const timestamps = new Float64Array(n);
    const values = new Float64Array(n);
    let t = Date.UTC(2024, 0, 1);
    for (let i = 0; i < n; i++) {
      t += 5 * 60_000 + Math.floor(uniform() * 20 * 60_000);
      timestamps[i] = t;
      const d = (t - timestamps[0]) / DAY_MS;
      values[i] = uniform() < 0.1 ? NaN : 20 + 4 * Math.sin(2 * Math.PI * d) + 0.3 * noise();
    }
    const p = predict(fit(timestamps, values), timestamps, values);
    for (let i = 0; i < n; i++) {
      expect(Number.isFinite(p.yhat[i])).toBe(true);
      if (Number.isNaN(values[i])) {
        expect(p.outlier[i]).toBe(0);
        expect(p.score[i]).toBe(0);
      }
    }
  });
});

describe('bands, outliers and scores', () => {
  it('is calibrated on clean held-out data (80% band covers 77-83% of the next day, over 6 cutoffs)', () => {
    const noise = seededNormal(12);
    const perDay = 288;
    const { timestamps, values } = makeSeries(
      perDay * 34,
      5 * 60_000,
      (d) => 100 + 0.5 * d + 10 * Math.sin(2 * Math.PI * d) + 4 * Math.cos((2 * Math.PI * d) / 7) + 2 * noise()
    );
    let inside = 0;
    let total = 0;
    for (let cutoffDay = 21; cutoffDay <= 31; cutoffDay += 2) {
      const train = cutoffDay * perDay;
      const fitted = fit(timestamps.subarray(train - 21 * perDay, train), values.subarray(train - 21 * perDay, train));
      const heldValues = values.subarray(train, train + perDay);
      const held = predict(fitted, timestamps.subarray(train, train + perDay), heldValues);
      inside += coverage(heldValues, held.yhat_lower, held.yhat_upper) * perDay;
      total += perDay;
    }
    expect(inside / total).toBeGreaterThanOrEqual(0.77);
    expect(inside / total).toBeLessThanOrEqual(0.83);
  });

  it('widens the band with the forecast horizon', () => {
    const noise = seededNormal(13);
    const { timestamps, values } = makeSeries(
      24 * 90,
      HOUR_MS,
      (d) => 10 + (d < 45 ? 0.1 * d : 4.5 - 0.05 * (d - 45)) + noise()
    );
    const fitted = fit(timestamps, values);
    const last = timestamps[timestamps.length - 1];
    const p = predict(fitted, [last + HOUR_MS, last + 30 * DAY_MS, last + 90 * DAY_MS]);
    const width = (i: number) => p.yhat_upper[i] - p.yhat_lower[i];
    expect(width(1)).toBeGreaterThan(width(0));
    expect(width(2)).toBeGreaterThan(width(1));
  });

  it('flags an injected spike and dip with direction, and scores them high', () => {
    const noise = seededNormal(14);
    const { timestamps, values } = makeSeries(24 * 28, HOUR_MS, (d) => 50 + 5 * Math.sin(2 * Math.PI * d) + noise());
    const spikeAt = 500;
    const dipAt = 600;
    values[spikeAt] += 15;
    values[dipAt] -= 15;
    const p = predict(fit(timestamps, values), timestamps, values);
    expect(p.outlier[spikeAt]).toBe(1);
    expect(p.outlier[dipAt]).toBe(-1);
    expect(p.score[spikeAt]).toBeGreaterThan(0.8);
    expect(p.score[dipAt]).toBeGreaterThan(0.8);
    let ordinary = 0;
    for (let i = 0; i < p.score.length; i++) {
      if (i !== spikeAt && i !== dipAt) {
        expect(p.score[i]).toBeGreaterThanOrEqual(0);
        expect(p.score[i]).toBeLessThan(p.score[spikeAt]);
        ordinary = Math.max(ordinary, p.score[i]);
      }
    }
    expect(ordinary).toBeLessThan(0.6);
  });

  it('gives comparable scores for the same relative deviation at different scales', () => {
    const noise = seededNormal(15);
    const base = makeSeries(24 * 28, HOUR_MS, (d) => 5 * Math.sin(2 * Math.PI * d) + noise());
    const judgeAt = (scale: number) => {
      const values = Float64Array.from(base.values, (v) => 1000 * scale + scale * v);
      values[400] += 8 * scale;
      return predict(fit(base.timestamps, values), base.timestamps, values).score[400];
    };
    expect(judgeAt(1)).toBeCloseTo(judgeAt(1000), 6);
  });
});

describe('bad input', () => {
  it('rejects empty, mismatched and all-missing input with one-line messages', () => {
    expect(() => fit([], [])).toThrow('the series is empty');
    expect(() => fit([1, 2], [1])).toThrow('differ in length');
    expect(() => fit([1, 2, 3], [NaN, NaN, NaN])).toThrow('no finite values');
    expect(() => fit([1, NaN], [1, 2])).toThrow('timestamp at index 1');
    expect(() => fit([5, 5], [1, 2])).toThrow('two distinct timestamps');
    expect(() => fit([1, 2], [1, 2], { interval_width: 1.5 })).toThrow('interval_width');
    expect(() => fit([1, 2], [1, 2], { nonsense: 1 } as never)).toThrow('unknown model parameter "nonsense"');
    expect(() => predict(fit([0, 1, 2], [0, 1, 2]), [3, 4], [1])).toThrow('timestamps (2) and values (1) differ');
  });

  it('refuses a series larger than the point limit with a clear message', () => {
    const huge = new Float64Array(1_000_001);
    expect(() => fit(huge, huge)).toThrow('more than the 1000000 one model takes');
    expect(() => predict(fit([0, 1], [0, 1]), huge)).toThrow('use a coarser step');
  });

  it('gives the same model for unsorted input as for sorted input, and keeps duplicates', () => {
    const noise = seededNormal(16);
    const { timestamps, values } = makeSeries(24 * 14, HOUR_MS, (d) => 10 + Math.sin(2 * Math.PI * d) + noise());
    const order = Array.from(timestamps.keys()).reverse();
    const sorted = predict(fit(timestamps, values), timestamps);
    const shuffled = predict(
      fit(
        order.map((i) => timestamps[i]),
        order.map((i) => values[i])
      ),
      timestamps
    );
    expect(maxAbsDiff(sorted.yhat, shuffled.yhat)).toBeLessThan(1e-9);
    const withDuplicate = fit([...timestamps, timestamps[10]], [...values, values[10] + 0.5]);
    expect(withDuplicate.n_train).toBe(timestamps.length + 1);
  });

  it('handles a constant series: exact expectation, nothing flagged, no NaN', () => {
    const { timestamps, values } = makeSeries(500, HOUR_MS, () => 7);
    const p = predict(fit(timestamps, values), timestamps, values);
    for (let i = 0; i < values.length; i++) {
      expect(p.yhat[i]).toBeCloseTo(7, 9);
      expect(p.outlier[i]).toBe(0);
      expect(Number.isFinite(p.yhat_lower[i]) && Number.isFinite(p.yhat_upper[i])).toBe(true);
    }
    const zeros = makeSeries(100, HOUR_MS, () => 0);
    const z = predict(fit(zeros.timestamps, zeros.values), zeros.timestamps, zeros.values);
    expect(z.score.every((s) => s === 0 || Number.isFinite(s))).toBe(true);
    expect(z.yhat.every((v) => Math.abs(v) < 1e-9)).toBe(true);
  });

  it('reproduces a perfect straight line of 3, 10 and 100 points', () => {
    for (const n of [3, 10, 100]) {
      const ts = Array.from({ length: n }, (_, i) => i * 60_000);
      const ys = ts.map((_, i) => 50 + i);
      const p = predict(fit(ts, ys), ts, ys);
      for (let i = 0; i < n; i++) {
        expect(p.yhat[i]).toBeCloseTo(ys[i], 6);
        expect(p.outlier[i]).toBe(0);
      }
    }
  });

  it('fits two points and a short series without NaN', () => {
    const p = predict(fit([0, 1000], [1, 2]), [0, 500, 1000, 2000], [1, 1.5, 2, 10]);
    for (const key of ['yhat', 'yhat_lower', 'yhat_upper', 'score'] as const) {
      expect(p[key].every(Number.isFinite)).toBe(true);
    }
  });

  it('is deterministic', () => {
    const noise = seededNormal(17);
    const { timestamps, values } = makeSeries(24 * 21, HOUR_MS, (d) => 10 + Math.sin(2 * Math.PI * d) + noise());
    const a = predict(fit(timestamps, values), timestamps, values);
    const b = predict(fit(timestamps, values), timestamps, values);
    expect(Array.from(a.yhat)).toEqual(Array.from(b.yhat));
    expect(Array.from(a.score)).toEqual(Array.from(b.score));
  });
});
