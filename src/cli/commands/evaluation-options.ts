/** Options shared by `cv` and `tune`: the input, the config and the rolling-origin windows. */
import type { OptionSpec, ParsedArgs } from '../args';
import { integerOption, stringOption } from '../args';
import { DEFAULT_MAX_FITS } from '../../model/evaluation';
import { formatCount } from '../format';
import { parseDuration } from '../duration';
import { COLUMN_OPTIONS, CONFIG_OPTION, INPUT_OPTION } from '../load';

export const WINDOW_OPTIONS: OptionSpec[] = [
  INPUT_OPTION,
  ...COLUMN_OPTIONS,
  CONFIG_OPTION,
  { name: 'horizon', kind: 'value', valueName: 'DURATION', help: 'forecast length per cutoff, e.g. 1d (default 1d)' },
  {
    name: 'initial',
    kind: 'value',
    valueName: 'DURATION',
    help: 'training span before the first cutoff (default 3 × horizon)',
  },
  { name: 'period', kind: 'value', valueName: 'DURATION', help: 'spacing of cutoffs (default horizon / 2)' },
  {
    name: 'max-fits',
    kind: 'value',
    valueName: 'N',
    help: `most model fits to run; older cutoffs beyond it are skipped (default ${DEFAULT_MAX_FITS})`,
  },
];

export const DURATION_NOTE = 'Durations are written like 14d, 12h, 30m, 2w or 1d12h.';

export interface Windows {
  horizon: number;
  initial?: number;
  period?: number;
  maxFits: number;
}

export function readWindows(args: ParsedArgs): Windows {
  const read = (name: string): number | undefined => {
    const raw = stringOption(args, name);
    return raw === undefined ? undefined : parseDuration(raw, name);
  };
  return {
    horizon: read('horizon') ?? 86_400_000,
    initial: read('initial'),
    period: read('period'),
    maxFits: integerOption(args, 'max-fits', 1) ?? DEFAULT_MAX_FITS,
  };
}

/** "" when every cutoff was used, else a line saying only the most recent ones were, and how to use more. */
export function skippedCutoffsNote(used: number, available: number): string {
  return used < available
    ? `note: used the most recent ${formatCount(used)} of ${formatCount(available)} cutoffs (--max-fits to use more)\n`
    : '';
}
