import { integerOption, parseArgs, type OptionSpec } from './args';
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
