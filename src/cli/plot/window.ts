/** The --from/--to options: which stretch of time a plot shows. */
import { stringOption, type OptionSpec, type ParsedArgs } from '../args';
import { CliError } from '../errors';
import { formatUtc } from '../format';
import { parseTimeText } from '../timestamps';

/** Epoch ms bounds, inclusive; an absent bound is the series' own end. */
export interface PlotWindow {
  from?: number;
  to?: number;
}

const TIME_GRAMMAR = 'ISO 8601 (no zone means UTC) or epoch seconds/milliseconds, as in the input';

export const PLOT_WINDOW_OPTIONS: OptionSpec[] = [
  { name: 'from', kind: 'value', valueName: 'TIME', help: `plot only from this time: ${TIME_GRAMMAR}` },
  { name: 'to', kind: 'value', valueName: 'TIME', help: 'plot only up to this time (same forms as --from)' },
];

/** Reads --from and --to; `plotted` says whether a plot is drawn at all (the options need one). */
export function readPlotWindow(args: ParsedArgs, plotted: boolean, plotOption: string): PlotWindow {
  const from = readTime(args, 'from');
  const to = readTime(args, 'to');
  if (!plotted && (from !== undefined || to !== undefined)) {
    throw new CliError(`--${from !== undefined ? 'from' : 'to'} chooses what the plot shows; it needs ${plotOption}`);
  }
  if (from !== undefined && to !== undefined && to <= from) {
    throw new CliError(`--to ${stringOption(args, 'to')} must be later than --from ${stringOption(args, 'from')}`);
  }
  return { from, to };
}

function readTime(args: ParsedArgs, name: string): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) {
    return undefined;
  }
  const ms = parseTimeText(text);
  if (Number.isFinite(ms)) {
    return ms;
  }
  throw new CliError(`--${name} "${text}" is not a time: write ${TIME_GRAMMAR}`);
}

/** The window's bounds, each filled from the series where not given; refuses a window with no rows. */
export function windowSpan(timestamps: ArrayLike<number>, window: PlotWindow, inputName: string): [number, number] {
  let first = Infinity;
  let last = -Infinity;
  let inside = 0;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i];
    first = Math.min(first, t);
    last = Math.max(last, t);
    inside += t >= (window.from ?? -Infinity) && t <= (window.to ?? Infinity) ? 1 : 0;
  }
  if (inside === 0) {
    const bound = (ms: number | undefined, fallback: string): string => (ms === undefined ? fallback : formatUtc(ms));
    throw new CliError(
      `${inputName} has no rows from ${bound(window.from, 'its start')} to ${bound(window.to, 'its end')} ` +
        `(its rows run from ${formatUtc(first)} to ${formatUtc(last)}); check --from/--to`
    );
  }
  return [window.from ?? first, window.to ?? last];
}
