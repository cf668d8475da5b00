import { parseDuration } from './duration';

describe('parseDuration(text)', () => {
  it('reads minutes, hours, days and weeks', () => {
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration(' 12h ')).toBe(43_200_000);
    expect(parseDuration('1.5d')).toBe(129_600_000);
    expect(parseDuration('2w')).toBe(1_209_600_000);
  });

  it('rejects other text and zero', () => {
    expect(parseDuration('0d')).toBeUndefined();
    expect(parseDuration('12')).toBeUndefined();
    expect(parseDuration('1y')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
});
