import { integerOption, numberOption, parseArgs, type OptionSpec } from './args';
import { parseDuration } from './duration';

const SPECS: OptionSpec[] = [
  { name: 'input', kind: 'value', help: '', required: true },
  { name: 'online', kind: 'flag', help: '' },
  { name: 'top', kind: 'value', help: '' },
];

describe('parseArgs', () => {
  it('reads --name value, --name=value and flags', () => {
    expect(parseArgs(['--input', 'a.csv', '--online', '--top=3'], SPECS, 'cmd')).toEqual({
      input: 'a.csv',
      online: true,
      top: '3',
    });
  });

  it.each([
    [['--input', 'a', '--nope'], 'cmd: unknown option --nope (see cmd --help)'],
    [['--input'], 'cmd: option --input needs a value (VALUE)'],
    [['--input', 'a', 'b'], 'cmd: unexpected argument "b" (options start with --; see cmd --help)'],
    [['--online'], 'cmd: missing --input VALUE (see cmd --help)'],
    [['--input', 'a', '--input', 'b'], 'cmd: option --input is given twice'],
    [['--input', 'a', '--online=yes'], 'cmd: option --online takes no value'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv, SPECS, 'cmd')).toThrow(message);
  });

  it('checks whole-number options', () => {
    expect(integerOption({ top: '12' }, 'top', 1)).toBe(12);
    expect(() => integerOption({ top: '0' }, 'top', 1)).toThrow('--top must be a whole number >= 1, got "0"');
    expect(() => integerOption({ top: '2.5' }, 'top', 1)).toThrow('--top must be a whole number');
    expect(integerOption({ top: '1e3' }, 'top', 1)).toBe(1000);
    expect(integerOption({ top: '2.5E1' }, 'top', 1)).toBe(25);
    expect(() => integerOption({ top: '1e-1' }, 'top', 1)).toThrow('--top must be a whole number >= 1, got "1e-1"');
    expect(() => integerOption({ top: '1e20' }, 'top', 1)).toThrow('--top must be a whole number');
  });

  it('checks number options, exponent notation included', () => {
    const read = (raw: string) => numberOption({ days: raw }, 'days');
    expect(read('28')).toBe(28);
    expect(read('0.5')).toBe(0.5);
    expect(read('.5')).toBe(0.5);
    expect(read('1e9')).toBe(1e9);
    expect(read('2.5E-3')).toBe(0.0025);
    expect(read('1e+2')).toBe(100);
    expect(numberOption({}, 'days')).toBeUndefined();
    for (const raw of ['-1', '1e', 'e9', '0x10', 'Infinity', '1e400', ' 1', '1 ', '1,5', '']) {
      expect(() => read(raw)).toThrow(`--days must be a finite number >= 0, got "${raw}"`);
    }
  });
});

describe('parseDuration', () => {
  it.each([
    ['14d', 14 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['30m', 1_800_000],
    ['2w', 14 * 86_400_000],
    ['1d12h', 36 * 3_600_000],
    ['1.5h', 5_400_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text, 'horizon')).toBe(ms);
  });

  it.each(['', '14', 'd', '1x', '0d', '1d,2h'])('rejects %j', (text) => {
    expect(() => parseDuration(text, 'horizon')).toThrow(`--horizon "${text}" is not a duration`);
  });
});
