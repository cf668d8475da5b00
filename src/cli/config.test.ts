import { parseParamsConfig } from './config';
import { CliError } from './errors';

describe('parseParamsConfig', () => {
  it('passes Prophet-named parameters through', () => {
    expect(
      parseParamsConfig('{"changepoint_prior_scale": 0.1, "seasonality_mode": "multiplicative"}', 'p.json')
    ).toEqual({
      changepoint_prior_scale: 0.1,
      seasonality_mode: 'multiplicative',
    });
  });

  it('reads exclude ranges and changepoints given as ISO texts or epoch ms', () => {
    const params = parseParamsConfig(
      '{"exclude": [["2024-01-01T00:00:00Z", "2024-01-01 06:00"], [0, 1000]], "changepoints": ["2024-02-01"]}',
      'p.json'
    );
    expect(params.exclude).toEqual([
      [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 6)],
      [0, 1000],
    ]);
    expect(params.changepoints).toEqual([Date.UTC(2024, 1, 1)]);
  });

  it('reads false_alarms like exclude, and names a bad one', () => {
    const params = parseParamsConfig('{"false_alarms": [["2024-01-01", "2024-01-01T01:00Z"]]}', 'p.json');
    expect(params.false_alarms).toEqual([[Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 1)]]);
    expect(() => parseParamsConfig('{"false_alarms": [["2024-01-02", "2024-01-01"]]}', 'p.json')).toThrow(
      'p.json: false_alarms[0] ends before it starts'
    );
  });

  it('refuses values nested thousands deep in one line: writing one into its message overflowed the stack', () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    expect(() => parseParamsConfig(`{"changepoints": [${deep}]}`, 'p.json')).toThrow(
      new CliError('p.json: the values nest deeper than 32 levels')
    );
  });

  it.each([
    [
      '{"changepoint_prior": 0.1}',
      /^p\.json: unknown parameter "changepoint_prior" \(known: model, selection_objective, growth, /,
    ],
    ['{not json', /^p\.json: not valid JSON/],
    ['[1, 2]', /^p\.json: expected a JSON object of model parameters$/],
    ['{"interval_width": 1.5}', /^p\.json: interval_width must be a number in \(0, 1\), got 1\.5$/],
    ['{"exclude": [["2024-01-02", "2024-01-01"]]}', /^p\.json: exclude\[0\] ends before it starts$/],
    ['{"exclude": [["yesterday", "2024-01-01"]]}', /^p\.json: exclude\[0\]\[0\] "yesterday" is not an ISO 8601 time/],
    ['{"exclude": "2024-01-01"}', /^p\.json: "exclude" must be a list of \[start, end\] pairs$/],
    [
      '{"country_holidays": ["KR", "XX"]}',
      /^p\.json: country_holidays\[1\] "XX" is not a supported holiday country \(supported: KR, US\)$/,
    ],
    ['{"country_holidays": "KR"}', /^p\.json: "country_holidays" must be a list of country codes, e\.g\. \["KR"\]$/],
  ])('rejects %s', (text, message) => {
    expect(() => parseParamsConfig(text, 'p.json')).toThrow(CliError);
    expect(() => parseParamsConfig(text, 'p.json')).toThrow(message);
  });
});
