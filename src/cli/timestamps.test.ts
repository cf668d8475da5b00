import { epochToMs, epochUnitFor, isEpochText, parseIsoTimestamp } from './timestamps';

describe('parseIsoTimestamp', () => {
  it.each([
    ['2024-03-01', Date.UTC(2024, 2, 1)],
    ['2024-03-01 12:34', Date.UTC(2024, 2, 1, 12, 34)],
    ['2024-03-01T12:34:56', Date.UTC(2024, 2, 1, 12, 34, 56)],
    ['2024-03-01 12:34:56.789', Date.UTC(2024, 2, 1, 12, 34, 56, 789)],
    ['2024-03-01T12:34:56Z', Date.UTC(2024, 2, 1, 12, 34, 56)],
    ['2024-03-01T21:34:56+09:00', Date.UTC(2024, 2, 1, 12, 34, 56)],
    ['2024-03-01T07:04:56-0530', Date.UTC(2024, 2, 1, 12, 34, 56)],
    ['2024-03-01T14:34:56+02', Date.UTC(2024, 2, 1, 12, 34, 56)],
    ['2024-02-29T24:00:00', Date.UTC(2024, 2, 1)],
    ['  2024-03-01T00:00:00Z  ', Date.UTC(2024, 2, 1)],
    ['0050-06-01', -60576249600000], // years below 100 are not shifted to the 1900s
  ])('reads %s as UTC unless a zone is given', (text, expected) => {
    expect(parseIsoTimestamp(text)).toBe(expected);
  });

  it.each([
    'abc',
    '2023-02-29',
    '2024-13-01',
    '2024-01-01T25:00',
    '2024-01-01T12:60',
    '01/02/2024',
    '2024-01-01T12:00+25:00',
    '',
  ])('rejects %j', (text) => {
    expect(parseIsoTimestamp(text)).toBeNaN();
  });
});

describe('epoch timestamps', () => {
  it('recognises numeric texts only', () => {
    expect(isEpochText('1700000000')).toBe(true);
    expect(isEpochText(' 1700000000.5 ')).toBe(true);
    expect(isEpochText('1.7e9')).toBe(true);
    expect(isEpochText('2024-01-01')).toBe(false);
    expect(isEpochText('0x10')).toBe(false);
  });

  it('tells seconds from milliseconds by magnitude', () => {
    expect(epochUnitFor(1_700_000_000)).toBe('seconds');
    expect(epochUnitFor(1_700_000_000_000)).toBe('milliseconds');
    expect(epochUnitFor(1_700_000_000_000_000)).toBeNull();
    expect(epochToMs(1_700_000_000.25, 'seconds')).toBe(1_700_000_000_250);
    expect(epochToMs(1_700_000_000_123, 'milliseconds')).toBe(1_700_000_000_123);
  });
});
