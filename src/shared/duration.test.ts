import { DurationError, parseDuration } from './duration';

describe('parseDuration(text)', () => {
  it.each([
    ['14d', 14 * 86_400_000],
    ['12h', 43_200_000],
    [' 12h ', 43_200_000],
    ['90m', 5_400_000],
    ['45s', 45_000],
    ['250ms', 250],
    ['2w', 1_209_600_000],
    ['1.5d', 129_600_000],
    ['1.5h', 5_400_000],
    ['1d12h', 36 * 3_600_000],
    ['1d 2h', 26 * 3_600_000],
    ['12 H', 43_200_000],
    ['1m30s', 90_000],
  ])('reads %j', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '  ', '14', 'd', '1x', '1y', '0d', '0.0001s', '-1d', '1e3s', '.5h', '1d,2h', '1d2'])(
    'rejects %j with a one-line message naming it',
    (text) => {
      let error: unknown;
      try {
        parseDuration(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DurationError);
      const message = (error as Error).message;
      expect(message).toContain(`"${text}" is not a duration like 14d`);
      expect(message).not.toContain('\n');
    }
  );
});
