import { fitModel } from '../families/registry';
import { ModelInputError, type ModelParams } from '../index';
import { DAY_MS, HOUR_MS, makeSeries, seededNormal } from '../testing/synthetic';
import { crossValidateLabelled } from './crossValidation';
import { foresightModel, type ForecastModel } from './forecastModel';
import { checkLabels, labelMetrics } from './labels';
import { tune } from './tune';

const STEP = 30 * 60_000;

describe('labelMetrics', () => {
  const ds = Float64Array.from({ length: 10 }, (_, i) => i * 10);

  it('counts runs of outlier points as alarms, per fold, and incidents with a flagged point as found', () => {
    // Runs: [10..20] in the incident, [50] on the false alarm, [80..90] in neither; a second fold repeats [50].
    const folds = [
      { ds, outlier: Int8Array.from([0, 1, 1, 0, 0, -1, 0, 0, 1, 1]) },
      { ds: Float64Array.of(50, 60), outlier: Int8Array.of(1, 0) },
    ];
    const m = labelMetrics(folds, {
      incidents: [
        [15, 25],
        [300, 400],
      ],
      false_alarms: [[45, 55]],
    });
    expect(m).toEqual({
      // The second incident has no held-out point: cross-validation could not find it, so it is not counted.
      incidents: 1,
      incidents_found: 1,
      alarms: 4,
      alarms_on_false_alarms: 2,
      alarms_in_incidents: 1,
      precision: 0.25,
      recall: 1,
    });
  });

  it('gives null precision without alarms and null recall without incidents', () => {
    const m = labelMetrics([{ ds, outlier: new Int8Array(10) }], { incidents: [], false_alarms: [] });
    expect(m.precision).toBeNull();
    expect(m.recall).toBeNull();
    expect(m.alarms).toBe(0);
  });
});

describe('checkLabels', () => {
  it('accepts either list missing and names the first bad entry', () => {
    expect(checkLabels({ incidents: [[1, 2]] })).toEqual({ incidents: [[1, 2]], false_alarms: [] });
    expect(() =>
      checkLabels({
        false_alarms: [
          [1, 2],
          [5, 3],
        ],
      })
    ).toThrow('labels.false_alarms[1] ends before it starts');
    expect(() => checkLabels({ incidents: [[1, 'x']] })).toThrow(
      'labels.incidents[0] must be a [from_ms, to_ms] pair of numbers'
    );
    expect(() => checkLabels({ incident: [] })).toThrow(ModelInputError);
    expect(() => checkLabels([1])).toThrow('labels must be an object');
  });
});

/**
 * Three weeks of a daily cycle with a burst at 10:00 every fourth day (the same harmless batch job; rare enough
 * that the band does not take it in), and an outage on day 19 from 14:00 to 16:00.
 */
function seriesWithBursts() {
  const noise = seededNormal(5);
  const series = makeSeries((21 * DAY_MS) / STEP, STEP, (days) => 50 + 10 * Math.sin(2 * Math.PI * days) + noise());
  const threshold = (
    fitModel(series.timestamps, series.values, { model: 'decomposition' }) as unknown as {
      residuals: { outlier_above: number };
    }
  ).residuals.outlier_above;
  const bursts: Array<[number, number]> = [];
  for (let day = 2; day < 21; day += 4) {
    const at = series.timestamps[0] + day * DAY_MS + 10 * HOUR_MS;
    series.values[(at - series.timestamps[0]) / STEP] += 1.6 * threshold;
    bursts.push([at - HOUR_MS, at + HOUR_MS]);
  }
  const outage: [number, number] = [
    series.timestamps[0] + 19 * DAY_MS + 14 * HOUR_MS,
    series.timestamps[0] + 19 * DAY_MS + 16 * HOUR_MS,
  ];
  for (let i = 0; i < series.timestamps.length; i++) {
    if (series.timestamps[i] >= outage[0] && series.timestamps[i] <= outage[1]) {
      series.values[i] -= 40;
    }
  }
  return { ...series, bursts, outage };
}

describe('cross-validation with labels', () => {
  const series = seriesWithBursts();
  // Daily cutoffs from day 11 on: the held-out days hold the bursts of days 14 and 18, and the outage.
  const windows = { horizon: DAY_MS, initial: 10 * DAY_MS, period: DAY_MS };

  it('finds the incident, and labelling the bursts removes their repeats on held-out days', () => {
    const incidentOnly = crossValidateLabelled(
      series.timestamps,
      series.values,
      {},
      {
        ...windows,
        labels: { incidents: [series.outage], false_alarms: [] },
      }
    ).label_metrics!;
    const labelled = crossValidateLabelled(
      series.timestamps,
      series.values,
      {},
      {
        ...windows,
        labels: { incidents: [series.outage], false_alarms: series.bursts },
      }
    ).label_metrics!;
    for (const m of [incidentOnly, labelled]) {
      expect(m.incidents).toBe(1);
      expect(m.incidents_found).toBe(1);
      expect(m.recall).toBe(1);
    }
    // Without the labels the held-out bursts are alarms outside the incident.
    expect(incidentOnly.alarms - incidentOnly.alarms_in_incidents).toBeGreaterThanOrEqual(2);
    // With them, the bursts labelled before each cutoff raise the threshold: no held-out burst alarms again.
    expect(labelled.alarms_on_false_alarms).toBe(0);
    expect(labelled.alarms).toBeLessThanOrEqual(incidentOnly.alarms - 2);
    expect(labelled.precision!).toBeGreaterThan(incidentOnly.precision!);
  });

  it('leaves incidents out of training and of the rows, and judges them on held-out points', () => {
    const seen: Array<Partial<ModelParams>> = [];
    const real = foresightModel();
    const model: ForecastModel = {
      fit: (ts, ys, params) => {
        seen.push(params);
        return real.fit(ts, ys, params);
      },
      predict: (fitted, ts, ys) => real.predict(fitted as never, ts, ys),
    };
    const { rows } = crossValidateLabelled(
      series.timestamps,
      series.values,
      {},
      {
        ...windows,
        model,
        labels: { incidents: [series.outage], false_alarms: [] },
      }
    );
    expect(seen.every((p) => p.exclude!.some((r) => r[0] === series.outage[0]))).toBe(true);
    expect(Array.from(rows.ds).some((t) => t >= series.outage[0] && t <= series.outage[1])).toBe(false);
  });

  it('gives the same rows as without labels when they are empty', () => {
    const plain = crossValidateLabelled(series.timestamps, series.values, {}, windows);
    const empty = crossValidateLabelled(
      series.timestamps,
      series.values,
      {},
      {
        ...windows,
        labels: { incidents: [], false_alarms: [] },
      }
    );
    expect(plain.label_metrics).toBeNull();
    expect(empty.rows).toEqual(plain.rows);
    expect(empty.label_metrics!.incidents).toBe(0);
  });

  it('reports label metrics for every tuned combination and the best one', () => {
    const result = tune(
      series.timestamps,
      series.values,
      {},
      {
        ...windows,
        grid: { changepoint_prior_scale: [0.05, 0.5] },
        labels: { incidents: [series.outage], false_alarms: series.bursts },
      }
    );
    expect(result.ranking.every((c) => c.label_metrics !== undefined)).toBe(true);
    expect(result.label_metrics).toEqual(result.best.label_metrics);
    expect(result.label_metrics!.recall).toBe(1);
  });
});
