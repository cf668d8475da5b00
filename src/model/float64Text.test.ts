import { decodeFloat64s, encodeFloat64s, FLOAT64_TEXT_ERROR } from './float64Text';

describe('float64 arrays as base64 text', () => {
  it('gives back every value exactly, whatever the padding', () => {
    for (const values of [
      [],
      [1.5],
      [-2, 1e-9],
      [3, 2, 1],
      [0.1, -0, 5e-324, Number.MAX_VALUE, 1_759_017_600_000, Infinity, -Infinity, NaN],
    ]) {
      const back = decodeFloat64s(encodeFloat64s(Float64Array.from(values)));
      expect(Array.from(back)).toEqual(values);
    }
  });

  it('writes the standard alphabet with padding, little-endian', () => {
    // 1.5 is 0x3FF8000000000000: bytes 00 00 00 00 00 00 F8 3F.
    expect(encodeFloat64s(Float64Array.of(1.5))).toBe('AAAAAAAA+D8=');
  });

  it('refuses text it did not write', () => {
    const one = encodeFloat64s(Float64Array.of(1.5));
    for (const text of [
      `${one.slice(0, 3)}*${one.slice(4)}`,
      one.slice(0, -1),
      'AAAA',
      `${one}${one}`,
      'AAAAAAAA+D9=',
    ]) {
      expect(() => decodeFloat64s(text)).toThrow(FLOAT64_TEXT_ERROR);
    }
  });
});
