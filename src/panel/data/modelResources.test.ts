import {
  formatHorizon,
  parseCrossValidation,
  parseDecomposition,
  parseLabelMetrics,
  parseNotices,
  parseServing,
} from './modelResources';

describe('parseDecomposition(body)', () => {
  it('reads each component of each series, named by labels', () => {
    const body = {
      series: [
        {
          name: 'value',
          labels: { service: 'chat' },
          times: [1, 2],
          components: { trend: [5, 6], daily: [1, -1], holidays: [0, null] },
        },
      ],
      notices: ['only the first 20 of 31 series were evaluated'],
    };
    const [d] = parseDecomposition(body);
    expect(d.name).toBe('service=chat');
    expect(d.labels).toEqual({ service: 'chat' });
    expect(d.sourceName).toBe('value');
    expect(d.times).toEqual([1, 2]);
    expect(d.components).toEqual([
      { name: 'trend', values: [5, 6] },
      { name: 'daily', values: [1, -1] },
      { name: 'holidays', values: [0, null] },
    ]);
    expect(parseNotices(body)).toEqual(['only the first 20 of 31 series were evaluated']);
  });

  it('keeps a series’ error and drops components of the wrong length', () => {
    const parsed = parseDecomposition({
      series: [
        { name: 'a', error: 'too few points' },
        { name: 'b', times: [1, 2, 3], components: { trend: [1, 2, 3], daily: [1] } },
        { name: 'c', components: {} },
      ],
    });
    expect(parsed[0]).toEqual({
      name: 'a',
      labels: {},
      sourceName: 'a',
      times: [],
      components: [],
      error: 'too few points',
    });
    expect(parsed[1].components.map((c) => c.name)).toEqual(['trend']);
    expect(parsed[2].error).toBe('the answer has no valid times');
  });

  it('returns nothing for junk', () => {
    expect(parseDecomposition(null)).toEqual([]);
    expect(parseDecomposition({ error: 'boom' })).toEqual([]);
  });
});

describe('parseCrossValidation(body)', () => {
  it('reads overall metrics and turns per-horizon columns into rows', () => {
    const [cv] = parseCrossValidation({
      series: [
        {
          name: 'value',
          report: {
            overall: { n: 10, mse: 4, rmse: 2, mape: null, coverage: 0.81 },
            byHorizon: { horizon: [3_600_000, 86_400_000, 172_800_000], rmse: [1.5, 2.5, 3], mape: null },
            window: 3,
          },
        },
      ],
    });
    expect(cv.overall).toEqual({ label: 'overall', metrics: { n: 10, mse: 4, rmse: 2, coverage: 0.81 } });
    expect(cv.byHorizon).toEqual([
      { label: '1h', metrics: { rmse: 1.5 } },
      { label: '24h', metrics: { rmse: 2.5 } },
      { label: '2d', metrics: { rmse: 3 } },
    ]);
  });

  it('reads label_metrics when the series has labels, and none otherwise', () => {
    const labelMetrics = {
      incidents: 2,
      incidents_found: 1,
      alarms: 4,
      alarms_on_false_alarms: 1,
      alarms_in_incidents: 2,
      precision: 0.5,
      recall: 0.5,
    };
    const [labelled, unlabelled] = parseCrossValidation({
      series: [
        { name: 'a', report: { overall: { rmse: 2 }, label_metrics: labelMetrics } },
        { name: 'b', report: { overall: { rmse: 2 } } },
      ],
    });
    expect(labelled.labelMetrics).toEqual({
      incidents: 2,
      incidentsFound: 1,
      alarms: 4,
      alarmsOnFalseAlarms: 1,
      alarmsInIncidents: 2,
      precision: 0.5,
      recall: 0.5,
    });
    expect(unlabelled.labelMetrics).toBeNull();
  });

  it('keeps null precision and recall, and drops label_metrics with a bad count', () => {
    const counts = { incidents: 0, incidents_found: 0, alarms: 0, alarms_on_false_alarms: 0, alarms_in_incidents: 0 };
    expect(parseLabelMetrics({ ...counts, precision: null, recall: null })).toMatchObject({
      precision: null,
      recall: null,
    });
    expect(parseLabelMetrics({ ...counts, alarms: -1 })).toBeNull();
    expect(parseLabelMetrics({ ...counts, incidents: 1.5 })).toBeNull();
    expect(parseLabelMetrics({ incidents: 1 })).toBeNull();
    expect(parseLabelMetrics('junk')).toBeNull();
  });

  it('keeps a series’ error; junk gives nothing', () => {
    expect(parseCrossValidation({ series: [{ name: 'x', error: 'needs 14 days' }] })[0].error).toBe('needs 14 days');
    expect(parseCrossValidation(undefined)).toEqual([]);
  });

  it('formats horizons', () => {
    expect(formatHorizon(600_000)).toBe('10m');
    expect(formatHorizon(5_400_000)).toBe('1.5h');
    expect(formatHorizon(7 * 86_400_000)).toBe('7d');
  });
});

describe('parseServing(body)', () => {
  it('labels a decomposition that serves inside the ensemble, and a family serving alone as itself', () => {
    const serving = (family: string, overrides: Record<string, unknown>) => ({
      series: [{ labels: { service: 'push' }, report: { serving: { family, overrides, score: 0.1, at: 5 } } }],
    });
    const inside = parseServing(serving('decomposition', { model: 'ensemble', changepoint_prior_scale: 0.5 }));
    expect(inside[0].serving?.label).toBe('decomposition {changepoint_prior_scale: 0.5} inside the ensemble');
    const alone = parseServing(serving('past', { model: 'past', past_period: 'day' }));
    expect(alone[0].serving?.label).toBe('past {past_period: day}');
  });
});
