import { ForesightSettings, hostPortProblem, resetSecret, urlProblem, withJsonData, withSecret } from './configUpdates';

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

  it('hostPortProblem accepts host:port and bracketed IPv6, and refuses schemes, credentials and bad ports', () => {
    for (const ok of ['', 'redis:6379', '10.0.0.5:6380', '[::1]:6379']) {
      expect(hostPortProblem(ok)).toBeUndefined();
    }
    for (const bad of ['redis', 'redis://redis:6379', 'user@redis:6379', 'redis:0', 'redis:70000', 'redis:port']) {
      expect(hostPortProblem(bad)).toBe('Host and port, e.g. redis:6379');
    }
  });
});
