/** Durations written like 14d, 12h, 30m, 45s, 2w or combined (1d12h); returns milliseconds. */
import { CliError } from './errors';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

export function parseDuration(text: string, optionName: string): number {
  const compact = text.trim().toLowerCase();
  const pattern = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;
  let total = 0;
  let consumed = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(compact)) !== null) {
    total += Number(match[1]) * UNIT_MS[match[2]];
    consumed = pattern.lastIndex;
  }
  if (compact === '' || consumed !== compact.length || !(total > 0)) {
    throw new CliError(`--${optionName} "${text}" is not a duration like 14d, 12h, 30m or 1d12h`);
  }
  return total;
}
