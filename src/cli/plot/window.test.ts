import { parseArgs } from '../args';
import { CliError } from '../errors';
import { PLOT_WINDOW_OPTIONS, readPlotWindow, windowSpan } from './window';

const read = (argv: string[], plotted = true) =>
  readPlotWindow(parseArgs(argv, PLOT_WINDOW_OPTIONS, 'detect'), plotted, '--plot OUT.svg');

describe('readPlotWindow', () => {
  it('reads ISO times (no zone is UTC) and epoch seconds or milliseconds, like the input', () => {
    expect(read(['--from', '2025-10-01', '--to', '2025-10-02T12:00:00+09:00'])).toEqual({
      from: Date.UTC(2025, 9, 1),
      to: Date.UTC(2025, 9, 2, 3),
    });
    expect(read(['--from', '1700000000', '--to', '1700000360000'])).toEqual({
      from: 1_700_000_000_000,
      to: 1_700_000_360_000,
    });
    expect(read([])).toEqual({ from: undefined, to: undefined });
  });

  it.each([
    [['--from', 'yesterday'], '--from "yesterday" is not a time: write ISO 8601 (no zone means UTC) or epoch'],
    [['--to', '1e20'], '--to "1e20" is not a time'],
    [['--from', '2025-10-02', '--to', '2025-10-01'], '--to 2025-10-01 must be later than --from 2025-10-02'],
  ])('refuses %j', (argv, message) => {
    expect(() => read(argv)).toThrow(CliError);
    expect(() => read(argv)).toThrow(message);
  });

  it('needs a plot', () => {
    expect(() => read(['--to', '2025-10-01'], false)).toThrow(
      new CliError('--to chooses what the plot shows; it needs --plot OUT.svg')
    );
  });
});

describe('windowSpan', () => {
  const ts = [Date.UTC(2025, 0, 1), Date.UTC(2025, 0, 2), Date.UTC(2025, 0, 3)];

  it('fills the open ends from the series', () => {
    expect(windowSpan(ts, { from: Date.UTC(2025, 0, 2) }, 'in.csv')).toEqual([Date.UTC(2025, 0, 2), ts[2]]);
    expect(windowSpan(ts, {}, 'in.csv')).toEqual([ts[0], ts[2]]);
  });

  it('refuses a window without rows, saying where the rows are', () => {
    expect(() => windowSpan(ts, { from: Date.UTC(2026, 0, 1) }, 'in.csv')).toThrow(
      new CliError(
        'in.csv has no rows from 2026-01-01 00:00 UTC to its end (its rows run from 2025-01-01 00:00 UTC to 2025-01-03 00:00 UTC); check --from/--to'
      )
    );
  });
});
