import cases from '../../testdata/durations/cases.json';
import { DurationError, parseDuration } from './duration';

// The grammar's cases are shared with pkg/models/duration_test.go, so the backend reads every duration the panel,
// the query editor and the CLI accept, and refuses the same ones.
const accepted = cases.cases.filter((c) => c.ms !== null).map((c) => [c.text, c.ms] as const);
const refused = cases.cases.filter((c) => c.ms === null).map((c) => c.text);

describe('parseDuration(text)', () => {
  it('has both kinds of shared cases', () => {
    expect(accepted.length).toBeGreaterThan(10);
    expect(refused.length).toBeGreaterThan(10);
  });

  it.each(accepted)('reads %j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(refused)('rejects %j with a one-line message naming it', (text) => {
    let error: unknown;
    try {
      parseDuration(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DurationError);
    const message = (error as Error).message;
    expect(message).toBe(`"${text}" is not a duration like 14d, 12h, 30m or 1d12h (units ms, s, m, h, d, w)`);
  });
});
