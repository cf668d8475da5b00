/**
 * Labelled false alarms (`params.false_alarms`), once for every family. The points of a false-alarm range stay
 * in training as normal behaviour; after the family's own fit, the model judges its training points, and each
 * labelled range where it flagged points becomes a mark per side (`false_alarm_marks`): when its flagged points
 * were, and the factor on that side's outlier threshold that puts the threshold just above the largest of them
 * (ALARM_MARGIN), never beyond MAX_ALARM_RAISE.
 *
 * A mark quiets alarms of its size and side, nothing larger. After the family has judged, a point on a marked
 * side is judged again with that side's threshold and score scale raised by the largest mark's factor. Where
 * the raised threshold no longer flags it (a deviation no larger than a labelled one, plus the margin), the
 * raised verdict and its lower score replace the plain ones; a larger deviation keeps its plain verdict and its
 * full score, and the other side is untouched. (Models of the first design raised the whole side, larger
 * deviations' scores included; on NAB with simulated feedback that cost windows, see
 * bench/results/nab-feedback.md, which also measures marks scoped to the alarm's time of day or fading with its
 * age: both kept fewer of the repeats and no more of the windows.)
 *
 * A model fitted without false alarms carries no marks and judges exactly as before. Models saved before marks
 * carry `false_alarm_raise` instead (the whole side raised for every point), still read and applied by judgeBand.
 */
import { ModelInputError } from '../errors';
import { selectTrainingData } from '../input';
import type { Kernels, Prediction, TimeRange } from '../types';
import { judgeBand, type AlarmMark, type AlarmRaise, type ResidualSummary } from '../uncertainty';
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

/** Field names on a fitted (and serialised) model: marks (written now) and the older whole-side raise. */
const MARKS = 'false_alarm_marks';
const RAISE = 'false_alarm_raise';

type WithResiduals = FittedFamily & { residuals: ResidualSummary; nonnegative: boolean };

/**
 * The marks the labelled ranges leave on `fitted` (judged on its own training points): one per range and side
 * where it flagged points, in time order; empty when none of its flags fall in them.
 */
export function alarmMarks(
  family: ModelFamily,
  fitted: WithResiduals,
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  kernels: Kernels
): AlarmMark[] {
  const ranges = sortedRanges(fitted.params.false_alarms ?? []);
  if (ranges.length === 0) {
    return [];
  }
  const training = selectTrainingData(timestamps, values, fitted.params.exclude ?? [], kernels);
  const judged = family.predict(fitted, training.timestamps, training.values, kernels);
  const r = fitted.residuals;
  const marks: AlarmMark[] = [];
  let open: Partial<Record<AlarmMark['side'], { from: number; to: number; worst: number }>> = {};
  const close = () => {
    for (const side of ['below', 'above'] as const) {
      const m = open[side];
      if (m !== undefined) {
        const threshold = side === 'above' ? r.outlier_above : r.outlier_below;
        marks.push({ side, from: m.from, to: m.to, raise: raiseFactor(m.worst, threshold) });
      }
    }
    open = {};
  };
  let k = 0;
  for (let i = 0; i < judged.timestamps.length; i++) {
    const t = judged.timestamps[i];
    while (k < ranges.length && ranges[k][1] < t) {
      close();
      k++;
    }
    if (k === ranges.length) {
      break;
    }
    if (t < ranges[k][0] || judged.outlier[i] === 0) {
      continue;
    }
    const side = judged.outlier[i] > 0 ? 'above' : 'below';
    const deviation = Math.abs(training.values[i] - judged.yhat[i]);
    const m = open[side];
    if (m === undefined) {
      open[side] = { from: t, to: t, worst: deviation };
    } else {
      m.to = t;
      m.worst = Math.max(m.worst, deviation);
    }
  }
  close();
  return marks.sort((a, b) => a.from - b.from);
}

/** The factor that puts `threshold` just above `deviation`, capped. */
function raiseFactor(deviation: number, threshold: number): number {
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

/**
 * `prediction` with every point no larger than a marked false alarm on its side judged again under that side's
 * largest mark, where that raise no longer flags it. Changes `outlier` and `score` in place.
 */
function quietRepeats(
  fitted: WithResiduals,
  prediction: Prediction,
  values: ArrayLike<number>,
  marks: AlarmMark[],
  kernels: Kernels
): Prediction {
  const requiet = judgedUnderMarks(fitted, prediction, values, marks, kernels);
  if (requiet !== null) {
    const { outlier, score } = prediction;
    for (let i = 0; i < requiet.quiet.length; i++) {
      if (requiet.quiet[i] === 1) {
        outlier[i] = 0;
        score[i] = Math.min(score[i], requiet.score[i]);
      }
    }
  }
  return prediction;
}

/**
 * 1 on the points of a prediction that a fitted model's false-alarm marks judge quiet (no larger than a labelled
 * alarm on their side, quietRepeats); null for a model without marks. The sustained deviation leaves them out
 * (registry.ts), so a held repeat stays as quiet while a larger incident keeps its full score.
 */
export function quietedByMarks(
  fitted: object,
  prediction: Prediction,
  values: ArrayLike<number>,
  kernels: Kernels
): Int8Array | null {
  const marks = (fitted as { [MARKS]?: AlarmMark[] })[MARKS];
  return marks === undefined
    ? null
    : (judgedUnderMarks(fitted as WithResiduals, prediction, values, marks, kernels)?.quiet ?? null);
}

/**
 * Every point judged again in one kernel call with both sides raised by their largest mark (a point is judged on
 * its own side only), with the extra variance the family widened its bands by, read back from the drawn band
 * above (which the floor never moves): the raised verdict is the family's own judgement with a raised band.
 * `quiet` is 1 on a finite value on a marked side that the raised band no longer flags; null without a raise.
 */
function judgedUnderMarks(
  fitted: WithResiduals,
  prediction: Prediction,
  values: ArrayLike<number>,
  marks: AlarmMark[],
  kernels: Kernels
): { quiet: Int8Array; score: Float64Array } | null {
  const { timestamps, yhat, yhat_upper: upper } = prediction;
  const r = fitted.residuals;
  const largest = (side: AlarmMark['side']) =>
    marks.reduce((most, m) => (m.side === side ? Math.max(most, m.raise) : most), 1);
  const raised: AlarmRaise = { above: largest('above'), below: largest('below') };
  if (raised.above <= 1 && raised.below <= 1) {
    return null;
  }
  const n = timestamps.length;
  const ys = new Float64Array(n);
  const extra = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ys[i] = Number.isFinite(values[i]) ? values[i] : yhat[i];
    const spread = upper[i] - yhat[i];
    extra[i] = r.z > 0 ? Math.max(0, (spread * spread - r.band_above * r.band_above) / (r.z * r.z)) : 0;
  }
  const out = {
    yhat: new Float64Array(n),
    lower: new Float64Array(n),
    upper: new Float64Array(n),
    outlier: new Int8Array(n),
    score: new Float64Array(n),
  };
  kernels.judge(yhat, ys, extra, judgeBand(r, fitted.nonnegative, raised), out);
  const quiet = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i];
    const raise = value >= yhat[i] ? raised.above : raised.below;
    // Only a point on a marked side, and only where the raised band no longer flags it.
    quiet[i] = Number.isFinite(value) && raise > 1 && out.outlier[i] === 0 ? 1 : 0;
  }
  return { quiet, score: out.score };
}

/** Stored marks: each with a side, a finite time span and a raise in [1, MAX_ALARM_RAISE]. */
function readMarks(value: unknown): AlarmMark[] {
  const fail = (what: string): never => {
    throw new ModelInputError(`serialized model has an invalid ${MARKS}: ${what}`);
  };
  if (!Array.isArray(value)) {
    return fail('needs a list');
  }
  return value.map((item: unknown, i): AlarmMark => {
    const m = item as Partial<AlarmMark> | null;
    if (m === null || typeof m !== 'object' || (m.side !== 'above' && m.side !== 'below')) {
      return fail(`mark ${i} needs a side, "above" or "below"`);
    }
    if (!Number.isFinite(m.from) || !Number.isFinite(m.to) || m.to! < m.from!) {
      return fail(`mark ${i} needs finite "from" and "to", from ≤ to`);
    }
    if (typeof m.raise !== 'number' || !(m.raise >= 1 && m.raise <= MAX_ALARM_RAISE)) {
      return fail(`mark ${i} needs a "raise" in 1..${MAX_ALARM_RAISE}`);
    }
    return { side: m.side, from: m.from!, to: m.to!, raise: m.raise };
  });
}

/** A stored whole-side raise (models saved before marks): both sides finite and in [1, MAX_ALARM_RAISE]. */
function readRaise(value: unknown): AlarmRaise {
  const o = value as Partial<AlarmRaise> | null;
  const ok = (v: unknown) => typeof v === 'number' && v >= 1 && v <= MAX_ALARM_RAISE;
  if (o === null || typeof o !== 'object' || !ok(o.below) || !ok(o.above)) {
    throw new ModelInputError(
      `serialized model has an invalid ${RAISE}: needs "below" and "above" factors in 1..${MAX_ALARM_RAISE}`
    );
  }
  return { below: o.below!, above: o.above! };
}

/**
 * The family with false-alarm marks taken at its fit and applied after its judgement, carried through its JSON.
 * Only for families that judge through their own `residuals` band (an ensemble's members are wrapped instead).
 */
export function withFalseAlarms<F extends WithResiduals>(family: ModelFamily<F>): ModelFamily<F> {
  return {
    ...family,
    fit(timestamps, values, params, kernels, options) {
      const fitted = family.fit(timestamps, values, params, kernels, options);
      const marks = alarmMarks(family as unknown as ModelFamily, fitted, timestamps, values, kernels);
      return marks.length === 0 ? fitted : { ...fitted, [MARKS]: marks };
    },
    predict(fitted, timestamps, values, kernels) {
      const prediction = family.predict(fitted, timestamps, values, kernels);
      const marks = fitted[MARKS];
      return marks === undefined || values === undefined
        ? prediction
        : quietRepeats(fitted, prediction, values, marks, kernels);
    },
    toJson(fitted, kernels) {
      const { [MARKS]: _marks, [RAISE]: _raise, ...json } = family.toJson(fitted, kernels);
      const marks = fitted[MARKS];
      const raise = fitted[RAISE];
      return {
        ...json,
        ...(marks === undefined ? {} : { [MARKS]: marks }),
        ...(raise === undefined ? {} : { [RAISE]: raise }),
      };
    },
    fromJson(data, kernels) {
      const { [MARKS]: marks, [RAISE]: raise, ...rest } = data;
      const fitted = family.fromJson(rest, kernels);
      return {
        ...fitted,
        ...(marks === undefined ? {} : { [MARKS]: readMarks(marks) }),
        ...(raise === undefined ? {} : { [RAISE]: readRaise(raise) }),
      };
    },
  };
}
