/**
 * Labelled false alarms (`params.false_alarms`), once for every family. The points of a false-alarm range stay
 * in training as normal behaviour; after the family's own fit, the model judges its training points, and where
 * it flagged a point inside a false-alarm range the outlier threshold of that side rises to just above the
 * largest such deviation (ALARM_MARGIN), never beyond MAX_ALARM_RAISE times the learned threshold. The score
 * scale of that side rises by the same factor, so a score keeps its place against the threshold (0.5 still
 * sits where it did relative to it). An alarm above never moves the threshold below, and vice versa.
 *
 * The factors are stored on the fitted model (`false_alarm_raise`) and applied by `judgeBand`; a model fitted
 * without false alarms carries none and judges exactly as before.
 */
import { ModelInputError } from '../errors';
import { selectTrainingData } from '../input';
import type { Kernels, TimeRange } from '../types';
import type { AlarmRaise, ResidualSummary } from '../uncertainty';
import type { FittedFamily, ModelFamily } from './family';

/**
 * Most a false alarm may raise a side's threshold: twice the learned outlier distance. At the default
 * outlier_width the threshold sits about 2.8 residual scales out; doubled, 5.6 scales, which ordinary noise of
 * a well-fitted series essentially never reaches, so a label can quiet a recurring wobble but cannot teach the
 * model to ignore a deviation more than twice as far out as anything it flags today.
 */
export const MAX_ALARM_RAISE = 2;

/** How far above the labelled deviation the raised threshold sits: the same alarm a tenth larger is still quiet. */
export const ALARM_MARGIN = 1.1;

/** Field name on a fitted (and serialised) model. */
const FIELD = 'false_alarm_raise';

type WithResiduals = FittedFamily & { residuals: ResidualSummary };

/**
 * The per-side raise the labelled ranges ask of `fitted` (judged on its own training points), or null when
 * none of its flags fall in them.
 */
export function alarmRaise(
  family: ModelFamily,
  fitted: WithResiduals,
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  kernels: Kernels
): AlarmRaise | null {
  const ranges = sortedRanges(fitted.params.false_alarms ?? []);
  if (ranges.length === 0) {
    return null;
  }
  const training = selectTrainingData(timestamps, values, fitted.params.exclude ?? [], kernels);
  const judged = family.predict(fitted, training.timestamps, training.values, kernels);
  let worstAbove = 0;
  let worstBelow = 0;
  let k = 0;
  for (let i = 0; i < judged.timestamps.length; i++) {
    const t = judged.timestamps[i];
    while (k < ranges.length && ranges[k][1] < t) {
      k++;
    }
    if (k === ranges.length) {
      break;
    }
    if (t < ranges[k][0] || judged.outlier[i] === 0) {
      continue;
    }
    const deviation = training.values[i] - judged.yhat[i];
    if (judged.outlier[i] > 0) {
      worstAbove = Math.max(worstAbove, deviation);
    } else {
      worstBelow = Math.max(worstBelow, -deviation);
    }
  }
  if (worstAbove === 0 && worstBelow === 0) {
    return null;
  }
  const r = fitted.residuals;
  return { below: raiseFactor(worstBelow, r.outlier_below), above: raiseFactor(worstAbove, r.outlier_above) };
}

/** The factor that puts `threshold` just above `deviation` (1 when nothing was flagged), capped. */
function raiseFactor(deviation: number, threshold: number): number {
  if (!(deviation > 0)) {
    return 1;
  }
  const wanted = threshold > 0 ? (ALARM_MARGIN * deviation) / threshold : MAX_ALARM_RAISE;
  return Math.min(MAX_ALARM_RAISE, Math.max(1, wanted));
}

/** The ranges sorted by start and merged where they overlap, so one sweep over sorted points meets each once. */
function sortedRanges(ranges: TimeRange[]): TimeRange[] {
  const sorted = ranges.map((r): TimeRange => [r[0], r[1]]).sort((a, b) => a[0] - b[0]);
  const merged: TimeRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range[0] <= last[1]) {
      last[1] = Math.max(last[1], range[1]);
    } else {
      merged.push(range);
    }
  }
  return merged;
}

/** A stored raise: both sides finite and in [1, MAX_ALARM_RAISE]. */
function readRaise(value: unknown): AlarmRaise {
  const o = value as Partial<AlarmRaise> | null;
  const ok = (v: unknown) => typeof v === 'number' && v >= 1 && v <= MAX_ALARM_RAISE;
  if (o === null || typeof o !== 'object' || !ok(o.below) || !ok(o.above)) {
    throw new ModelInputError(
      `serialized model has an invalid ${FIELD}: needs "below" and "above" factors in 1..${MAX_ALARM_RAISE}`
    );
  }
  return { below: o.below!, above: o.above! };
}

/**
 * The family with false-alarm calibration around its fit, and the raise carried through its JSON. Only for
 * families that judge through their own `residuals` band (an ensemble's members are wrapped instead).
 */
export function withFalseAlarms<F extends WithResiduals>(family: ModelFamily<F>): ModelFamily<F> {
  return {
    ...family,
    fit(timestamps, values, params, kernels) {
      const fitted = family.fit(timestamps, values, params, kernels);
      const raise = alarmRaise(family as unknown as ModelFamily, fitted, timestamps, values, kernels);
      return raise === null ? fitted : { ...fitted, [FIELD]: raise };
    },
    toJson(fitted) {
      const { [FIELD]: _written, ...json } = family.toJson(fitted);
      const raise = fitted[FIELD];
      return raise === undefined ? json : { ...json, [FIELD]: raise };
    },
    fromJson(data) {
      const { [FIELD]: raise, ...rest } = data;
      const fitted = family.fromJson(rest);
      return raise === undefined ? fitted : { ...fitted, [FIELD]: readRaise(raise) };
    },
  };
}
