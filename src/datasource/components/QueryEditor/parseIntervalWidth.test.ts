import { parseIntervalWidth } from './parseIntervalWidth';

describe('parseIntervalWidth(text)', () => {
  it('reads a width strictly between 0 and 1', () => {
    expect(parseIntervalWidth(' 0.95 ')).toEqual({ ok: true, value: 0.95 });
  });

  it('treats blank as the model default', () => {
    expect(parseIntervalWidth('  ')).toEqual({ ok: true, value: undefined });
  });

  it.each(['0', '1', '1.5', '-0.2', 'NaN', 'abc', 'Infinity'])('rejects %p with a clear message', (text) => {
    const parsed = parseIntervalWidth(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(/between 0 and 1/);
  });
});
