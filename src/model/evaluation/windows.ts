import { ModelInputError } from '../index';
import { formatDuration } from './duration';

/** Rolling-origin windows in ms, as Prophet's `cross_validation` takes them. */
export interface WindowOptions {
  /** Length of each forecast window (cutoff, cutoff + horizon]. */
  horizon: number;
  /** Minimum training span before the first cutoff; defaults to 3 × horizon. */
  initial?: number;
  /** Spacing between cutoffs; defaults to horizon / 2. */
  period?: number;
}

export interface ResolvedWindows {
  horizon: number;
  initial: number;
  period: number;
}

/** Applies Prophet's defaults (period = horizon / 2, initial = 3 × horizon) and validates the three durations. */
export function resolveWindows(options: WindowOptions): ResolvedWindows {
  const { horizon } = options;
  if (!(Number.isFinite(horizon) && horizon > 0)) {
    throw new ModelInputError(`horizon must be a positive duration in ms, got ${String(horizon)}`);
  }
  const period = options.period ?? horizon / 2;
  if (!(Number.isFinite(period) && period > 0)) {
    throw new ModelInputError(`period must be a positive duration in ms, got ${String(period)}`);
  }
  const initial = options.initial ?? 3 * horizon;
  if (!(Number.isFinite(initial) && initial >= 0)) {
    throw new ModelInputError(`initial must be a duration ≥ 0 in ms, got ${String(initial)}`);
  }
  return { horizon, initial, period };
}

/** "horizon 1d, initial 3d, period 12h" for messages. */
export function describeWindows(w: ResolvedWindows): string {
  return `horizon ${formatDuration(w.horizon)}, initial ${formatDuration(w.initial)}, period ${formatDuration(w.period)}`;
}
