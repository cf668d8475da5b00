/**
 * `detect --above V --below V --lead 6h`: the thresholds and lead time of the early-warning columns, checked here
 * so a bad value is one line before any work.
 */
import type { Thresholds } from '../model/earlyWarning';
import { MAX_LEAD_STEPS, type RowOutlookOptions } from '../model/earlyWarning/rows';
import { median } from '../model/statistics';
import type { OptionSpec, ParsedArgs } from './args';
import { parseDuration } from './duration';
import { CliError } from './errors';

export const DEFAULT_LEAD = '6h';
/** The backend's bound on a warning's lead time, kept here too. */
const MAX_LEAD_MS = 7 * 86_400_000;

export const WARNING_OPTIONS: OptionSpec[] = [
  {
    name: 'above',
    kind: 'value',
    valueName: 'V',
    help: 'warn before the series crosses above V: appends breach_eta_minutes,breach_probability',
  },
  { name: 'below', kind: 'value', valueName: 'V', help: 'warn before the series crosses below V (same columns)' },
  {
    name: 'lead',
    kind: 'value',
    valueName: 'DURATION',
    help: `how far ahead the warning looks, e.g. 6h or 1d12h (default ${DEFAULT_LEAD}, at most 7d); needs --above or --below`,
  },
];

export interface WarningRequest {
  thresholds: Thresholds;
  leadMs: number;
}

/** The thresholds and lead, or null when neither threshold is given. */
export function readWarningOptions(args: ParsedArgs): WarningRequest | null {
  const above = thresholdOption(args, 'above');
  const below = thresholdOption(args, 'below');
  const leadText = typeof args.lead === 'string' ? args.lead : undefined;
  if (above === undefined && below === undefined) {
    if (leadText !== undefined) {
      throw new CliError('detect: --lead needs a threshold, --above V and/or --below V');
    }
    return null;
  }
  if (above !== undefined && below !== undefined && !(above > below)) {
    throw new CliError(`detect: --above (${above}) must be greater than --below (${below})`);
  }
  const leadMs = parseDuration(leadText ?? DEFAULT_LEAD, 'lead');
  if (leadMs > MAX_LEAD_MS) {
    throw new CliError(`--lead "${leadText}" is longer than 7 days`);
  }
  return { thresholds: { above, below }, leadMs };
}

/** A finite number, negative allowed (a threshold below zero is legitimate), or undefined when absent. */
function thresholdOption(args: ParsedArgs, name: string): number | undefined {
  const raw = args[name];
  if (raw === undefined || raw === true) {
    return undefined;
  }
  const value = Number(raw);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw.trim()) || !Number.isFinite(value)) {
    throw new CliError(`--${name} must be a finite number, got "${raw}"`);
  }
  return value;
}

/**
 * The forecast grid of an outlook steps at the series' median spacing, coarser where the lead would hold more than
 * MAX_LEAD_STEPS of it (a 7-day lead on one-second data), as the backend coarsens its outlook's step.
 */
export function outlookOptions(timestamps: Float64Array, warning: WarningRequest): RowOutlookOptions {
  const sorted = Float64Array.from(timestamps).sort();
  const gaps = sorted
    .subarray(1)
    .map((t, i) => t - sorted[i])
    .filter((g) => g > 0);
  const spacing = gaps.length > 0 ? median(gaps) : warning.leadMs;
  const stepMs = Math.min(Math.max(spacing, Math.ceil(warning.leadMs / MAX_LEAD_STEPS)), warning.leadMs);
  return { leadMs: warning.leadMs, stepMs, thresholds: warning.thresholds };
}
