import { ForesightSettings, resetSecret, urlProblem, withJsonData, withSecret } from './configUpdates';

const base = {
  jsonData: { maxSeries: 10 },
  secureJsonFields: { prometheusPassword: true },
} as unknown as ForesightSettings;

describe('config updates', () => {
  it('withJsonData merges and removes keys set to undefined', () => {
    const next = withJsonData(base, { prometheusUrl: 'http://p:9090', maxSeries: undefined });
    expect(next.jsonData).toEqual({ prometheusUrl: 'http://p:9090' });
    expect(base.jsonData).toEqual({ maxSeries: 10 });
  });

  it('withSecret writes to secureJsonData only', () => {
    const next = withSecret(base, 'prometheusBearerToken', 'tok');
    expect(next.secureJsonData).toEqual({ prometheusBearerToken: 'tok' });
    expect(JSON.stringify(next.jsonData)).not.toContain('tok');
  });

  it('resetSecret marks the field unset and empties it', () => {
    const next = resetSecret(base, 'prometheusPassword');
    expect(next.secureJsonFields).toEqual({ prometheusPassword: false });
    expect(next.secureJsonData).toEqual({ prometheusPassword: '' });
  });

  it('urlProblem accepts http(s) and blank, rejects other schemes and embedded credentials', () => {
    expect(urlProblem('')).toBeUndefined();
    expect(urlProblem('https://mimir.example:8080/prometheus')).toBeUndefined();
    expect(urlProblem('ftp://x')).toMatch(/http/);
    expect(urlProblem('not a url')).toMatch(/Not a valid URL/);
    expect(urlProblem('http://user:pw@p:9090')).toMatch(/credentials/);
  });
});
