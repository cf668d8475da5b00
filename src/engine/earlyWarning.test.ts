import { fit as fitModel, ModelInputError, serializeModel } from '../model';
import { makeSeries, seededNormal } from '../model/testing/synthetic';
import { drift, fit, outlook } from './entry';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STEP = 5 * 60_000;

function buffers(s: { timestamps: Float64Array; values: Float64Array }) {
  return { ts: Float64Array.from(s.timestamps).buffer, ys: Float64Array.from(s.values).buffer };
}

describe('engine outlook', () => {
  // A straight rise of 1 per hour from 0, no seasonality, tiny noise: the forecast continues the line.
  const noise = seededNormal(2);
  const line = makeSeries(7 * 288, STEP, (days) => 24 * days + 0.01 * noise());
  const end = line.timestamps[line.timestamps.length - 1];
  const lineAt = (t: number) => (24 * (t - line.timestamps[0])) / DAY;
  const { ts, ys } = buffers(line);
  const model = fit(ts, ys, '{"daily_seasonality":false,"weekly_seasonality":false,"changepoint_range":1}').model;

  it('forecasts from fromMs to the lead and gives the crossing of the line in seconds', () => {
    const threshold = lineAt(end) + 4;
    const out = JSON.parse(outlook(model, end, STEP, 6 * HOUR, JSON.stringify({ above: threshold })));
    // The line meets it 4 hours after `end` (to within a few minutes of fitted slope).
    expect(Math.abs(out.breach_eta_s - 4 * 3600)).toBeLessThan(300);
    expect(out.side).toBe('above');
    expect(out.crossing_ms).toBeCloseTo(end + out.breach_eta_s * 1000, 3);
    expect(out.breach_probability).toBeGreaterThan(0.99);
  });

  it('has a null ETA and a small probability when the line stays under the threshold', () => {
    const out = JSON.parse(outlook(model, end, STEP, 6 * HOUR, JSON.stringify({ above: lineAt(end) + 20 })));
    expect(out).toEqual({ breach_eta_s: null, breach_probability: expect.any(Number), side: null, crossing_ms: null });
    expect(out.breach_probability).toBeLessThan(1e-6);
  });

  it('anchors to recent values the model has not seen: a rise since the fit carries into the outlook', () => {
    // A flat model at 100; since it was fitted the series has risen 5 an hour for 6 hours (to 130). The model alone
    // expects 100 for the next 6 hours; the recent line reaches 160 by then.
    const flatNoise = seededNormal(5);
    const flat = makeSeries(7 * 288, STEP, () => 100 + flatNoise());
    const flatBuffers = buffers(flat);
    const flatModel = fit(
      flatBuffers.ts,
      flatBuffers.ys,
      '{"daily_seasonality":false,"weekly_seasonality":false}'
    ).model;
    const last = flat.timestamps[flat.timestamps.length - 1];
    const rows = 6 * 12;
    const recentTimes = Float64Array.from({ length: rows + 1 }, (_, k) => last + k * STEP);
    const recentValues = recentTimes.map((t) => 100 + (5 * (t - last)) / HOUR + 0.5 * flatNoise());
    const from = recentTimes[rows];
    const thresholds = JSON.stringify({ above: 150 });
    const alone = JSON.parse(outlook(flatModel, from, STEP, 6 * HOUR, thresholds));
    const anchored = JSON.parse(
      outlook(flatModel, from, STEP, 6 * HOUR, thresholds, recentTimes.buffer, recentValues.buffer)
    );
    expect(alone.breach_probability).toBeLessThan(0.01);
    expect(alone.breach_eta_s).toBeNull();
    expect(anchored.breach_probability).toBeGreaterThan(0.8);
    // The anchored expectation meets 150 about 4 hours on (130 + 5/h).
    expect(Math.abs(anchored.breach_eta_s - 4 * 3600)).toBeLessThan(30 * 60);
  });

  it('refuses recent series that are half given, of unequal lengths or not ascending', () => {
    const two = Float64Array.of(end - STEP, end).buffer;
    expect(() => outlook(model, end, STEP, HOUR, '{"above":1}', two, null)).toThrow(
      /both recent times and recent values/
    );
    expect(() => outlook(model, end, STEP, HOUR, '{"above":1}', two, Float64Array.of(1).buffer)).toThrow(
      'the outlook got 2 recent times but 1 values'
    );
    expect(() =>
      outlook(
        model,
        end,
        STEP,
        HOUR,
        '{"above":1}',
        Float64Array.of(end, end - STEP).buffer,
        Float64Array.of(1, 2).buffer
      )
    ).toThrow("the outlook's recent times must ascend; row 1 does not");
  });

  it('refuses bad thresholds, leads and steps with one-line errors', () => {
    expect(() => outlook(model, end, STEP, 6 * HOUR, '{"above":"x"}')).toThrow(
      new ModelInputError('threshold "above" must be a finite number, got x')
    );
    // The key the backend writes for a rule's >= (models.Thresholds): read, not ignored.
    expect(() => outlook(model, end, STEP, 6 * HOUR, '{"above":1,"above_inclusive":1}')).toThrow(
      new ModelInputError('threshold "above_inclusive" must be true or false, got 1')
    );
    expect(() => outlook(model, end, STEP, 6 * HOUR, '{"above":1,"below":2}')).toThrow(/must be greater than/);
    expect(() => outlook(model, end, STEP, 0, '{"above":1}')).toThrow(/lead time must be a positive duration/);
    expect(() => outlook(model, end, 0, HOUR, '{"above":1}')).toThrow(/step must be a positive duration/);
    expect(() => outlook(model, end, STEP, 365 * DAY, '{"above":1}')).toThrow(/steps of/);
    expect(() => outlook(model, end, STEP, HOUR, '{oops')).toThrow('thresholds is not valid JSON');
  });
});

describe('engine drift', () => {
  it('marks a sustained fall per point and dates its start; clean data has none', () => {
    const noise = seededNormal(4);
    const history = makeSeries(15 * 288, STEP, (days) => 500 + 100 * Math.sin(2 * Math.PI * days) + 5 * noise());
    const train = 14 * 288;
    const model = serializeModel(
      fitModel(history.timestamps.subarray(0, train), history.values.subarray(0, train), {})
    );
    const ts = history.timestamps.slice(train);
    const clean = history.values.slice(train);
    const quiet = drift(model, ts.buffer, clean.slice().buffer, '{}');
    expect(Array.from(quiet.drift).every((d) => d === 0)).toBe(true);
    expect(quiet.drift_start_ms).toBeNaN();

    // From point 100 on, 8 lower (about 1.2 σ of the band's scale): no point is far out, the sum is.
    const fallen = clean.map((v, i) => (i >= 100 ? v - 8 : v));
    const out = drift(model, ts.buffer, fallen.buffer, '{"decision":10}');
    expect(out.drift).toBeInstanceOf(Float64Array);
    const first = out.drift.indexOf(-1);
    expect(first).toBeGreaterThan(100);
    expect(first).toBeLessThan(130);
    expect(out.drift[out.drift.length - 1]).toBe(-1);
    expect(Math.abs(out.drift_start_ms - ts[100])).toBeLessThanOrEqual(30 * STEP);
  });

  it('refuses unknown or bad options', () => {
    const buffer = Float64Array.of(1, 2).buffer;
    const model = fit(
      Float64Array.from({ length: 48 }, (_, i) => i * HOUR).buffer,
      Float64Array.from({ length: 48 }, (_, i) => i % 5).buffer,
      ''
    ).model;
    expect(() => drift(model, buffer, buffer, '{"h":3}')).toThrow(
      'unknown drift option "h" (known: allowance, decision, clip, reference_days)'
    );
    expect(() => drift(model, buffer, buffer, '{"decision":-1}')).toThrow(/decision must be a positive number/);
  });
});
