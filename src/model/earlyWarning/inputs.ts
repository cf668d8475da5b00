/**
 * Checks shared by the early-warning functions: thresholds, the forecast's arrays, and the band's scale.
 */
import { ModelInputError } from '../errors';
import { normalQuantile } from '../statistics';

/** Levels a metric must not cross; at least one is set, and `above` > `below` when both are. */
export interface Thresholds {
  above?: number;
  below?: number;
  /**
   * Reaching `above` itself is a breach (a rule's >=); otherwise only a value past it is (>), as Grafana's gt
   * compares. `below_inclusive` likewise for <= and lt.
   */
  above_inclusive?: boolean;
  below_inclusive?: boolean;
}

/** A forecast (or a prediction over observed times): arrays aligned with `timestamps`. */
export interface ForecastArrays {
  timestamps: ArrayLike<number>;
  yhat: ArrayLike<number>;
  yhat_lower: ArrayLike<number>;
  yhat_upper: ArrayLike<number>;
}

/**
 * The thresholds, checked: each given one finite, at least one, above > below, an inclusive flag a boolean (kept
 * only when true and its side is set). Throws ModelInputError.
 */
export function checkThresholds(thresholds: Thresholds | null | undefined): Thresholds {
  if (thresholds === null || typeof thresholds !== 'object') {
    throw new ModelInputError('thresholds must be an object with "above" and/or "below"');
  }
  const checked: Thresholds = {};
  for (const side of ['above', 'below'] as const) {
    const value = thresholds[side];
    if (value === undefined || value === null) {
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ModelInputError(`threshold "${side}" must be a finite number, got ${String(value)}`);
    }
    checked[side] = value;
    const inclusive = thresholds[`${side}_inclusive`];
    if (inclusive !== undefined && inclusive !== null && typeof inclusive !== 'boolean') {
      throw new ModelInputError(`threshold "${side}_inclusive" must be true or false, got ${String(inclusive)}`);
    }
    if (inclusive === true) {
      checked[`${side}_inclusive`] = true;
    }
  }
  if (checked.above === undefined && checked.below === undefined) {
    throw new ModelInputError('give at least one threshold, "above" or "below"');
  }
  if (checked.above !== undefined && checked.below !== undefined && !(checked.above > checked.below)) {
    throw new ModelInputError(`threshold "above" (${checked.above}) must be greater than "below" (${checked.below})`);
  }
  return checked;
}

/** Throws unless every array of the forecast has the length of its timestamps. */
export function checkForecastArrays(f: ForecastArrays, what: string): number {
  const n = f.timestamps.length;
  for (const key of ['yhat', 'yhat_lower', 'yhat_upper'] as const) {
    if (f[key].length !== n) {
      throw new ModelInputError(`${what}: ${key} has ${f[key].length} values for ${n} timestamps`);
    }
  }
  return n;
}

/**
 * Normal quantile of a central interval of this width: the band's half-width is z standard deviations of the
 * forecast error, so (yhat_upper − yhat) / z is the error's scale above the expectation, (yhat − yhat_lower) / z
 * below it (a skewed band gives two scales).
 */
export function bandQuantile(intervalWidth: number): number {
  if (!(typeof intervalWidth === 'number' && intervalWidth > 0 && intervalWidth < 1)) {
    throw new ModelInputError(`interval_width must be a number in (0, 1), got ${String(intervalWidth)}`);
  }
  return normalQuantile(1 - (1 - intervalWidth) / 2);
}

/** Whether a value is past a threshold as the rule compares: at the level itself only on an inclusive side. */
export function pastThreshold(value: number, thresholds: Thresholds): boolean {
  const { above, below } = thresholds;
  return (
    (above !== undefined && (value > above || (thresholds.above_inclusive === true && value === above))) ||
    (below !== undefined && (value < below || (thresholds.below_inclusive === true && value === below)))
  );
}
