/**
 * Labelled false alarms (`params.false_alarms`), once for every family. The points of a false-alarm range stay
 * in training as normal behaviour; after the family's own fit, the model judges its training points, and each
 * labelled range where it flagged points becomes a mark per side (`false_alarm_marks`): when its flagged points
 * were, and the factor on that side's outlier threshold that puts the threshold just above the largest of them
 * (ALARM_MARGIN), never beyond the side's cap (alarmRaiseCap). A model with a sustained-deviation scale (a
 * decomposition, sustained.ts) also records the largest held deviation in the range (`held`) when it is beyond a
 * median's noise (HELD_SLACK), and a range whose held deviation alone scored half or more leaves a mark too.
 *
 * A mark quiets alarms of its size, side and shape, nothing larger. After the family has judged, a point on a
 * marked side is judged again with that side's threshold and score scale raised by the largest mark's factor.
 * Where the raised threshold no longer flags it (a deviation no larger than a labelled one, plus the margin), the
 * raised verdict and its lower score replace the plain ones; a larger deviation keeps its plain verdict and its
 * full score, and the other side is untouched. The sustained step (registry.ts) then raises held shifts as it
 * does without labels, except one no larger than a held deviation a mark of its side recorded (plus the margin):
 * a held repeat of a labelled held alarm stays quiet, while a shift that holds after a labelled spike (which held
 * nothing) is raised. (Models of the first design raised the whole side, larger deviations' scores included; on
 * NAB with simulated feedback that cost windows, see bench/results/nab-feedback.md, which also measures marks
 * scoped to the alarm's time of day or fading with its age: both kept fewer of the repeats and no more of the
 * windows.)
 *
 * With a label among its training points the fit also keeps the recent peaks of training's last day
 * (`false_alarm_recent_peaks`), with which predictModel quiets repeats of what the series did in the last day
 * (recentRepeats.ts).
 *
 * A model fitted without false alarms carries no marks and judges exactly as before. Models saved before marks
 * carry `false_alarm_raise` instead (the whole side raised for every point), still read and applied by judgeBand.
 */
import { ModelInputError } from '../errors';
import { selectTrainingData } from '../input';
import { readSustained, type SustainedScale } from '../sustained';
import type { Kernels, Prediction, TimeRange } from '../types';
import { judgeBand, SCORE_HALF, type AlarmMark, type AlarmRaise, type ResidualSummary } from '../uncertainty';
import { decompositionAloneDays } from './decompositionDays';
import type { FittedFamily, ModelFamily } from './family';
import { labelsTraining, readRecentPeaks, recentPeaks, type RecentPeaks } from './recentRepeats';
import { emptyJudgement } from '../judgedPrediction';

/**
 * Most a false alarm may raise a side's threshold: to twice the larger of the learned outlier distance and the
 * deviation scoring 0.5 (three score scales, about the series' rarest residual in 1,000). With light tails the two
 * are close: the outlier threshold sits about 2.8 residual scales out, a little short of the three scales scoring
 * 0.5, so the cap is about 6 scales (2.2 times the threshold), which ordinary noise essentially never reaches. On a
 * heavy-tailed series (bursty counts) the score's scale is several times wider than the outlier threshold, and a
 * cap on the threshold alone left repeats of a labelled burst, a few thresholds out, scoring as high as before
 * (bench/results/nab-feedback.md). Either way a label cannot teach the model to ignore a deviation more than twice
 * as far out as anything it flags or scores 0.5 today.
 */
export const MAX_ALARM_RAISE = 2;

/** How far above the labelled deviation the raised threshold sits: the same alarm a tenth larger is still quiet. */
export const ALARM_MARGIN = 1.1;

/**
 * The largest held deviation a mark records, in sustained scales: the one scoring 0.5, about the largest running
 * median the model's own out-of-sample forecasts reach in ordinary weeks (2.18-3.44 scales as they saw fewer or
 * more of them, sustained.ts). A label can teach the model that a held shift of that size is normal here, not one
 * further out. (Twice as far, like the instant cap, kept a held incident after labelled held alarms quiet on NAB:
 * bench/results/nab-feedback.md.)
 */
export const MAX_HELD = SCORE_HALF;

/**
 * Added to a mark's held deviation (in sustained scales, over the margin) before a held shift counts as larger: a
 * running median of a dozen noisy points moves by about one scale (the scale is never below the spread of such a
 * median), so the largest median over a repeat of the labelled shift differs from the label's by about that much.
 */
export const HELD_SLACK = 1;

/** Field names on a fitted (and serialised) model: marks and recent peaks (written now), the older whole-side raise. */
const MARKS = 'false_alarm_marks';
const RAISE = 'false_alarm_raise';
const PEAKS = 'false_alarm_recent_peaks';

type WithResiduals = FittedFamily & { residuals: ResidualSummary; nonnegative: boolean };

/** The most a mark may raise `side`'s threshold on a fit with these residuals (see MAX_ALARM_RAISE). */
export function alarmRaiseCap(r: ResidualSummary, side: AlarmMark['side']): number {
  const threshold = side === 'above' ? r.outlier_above : r.outlier_below;
  const scale = side === 'above' ? r.scale_above : r.scale_below;
  return threshold > 0 && scale > 0 ? MAX_ALARM_RAISE * Math.max(1, (SCORE_HALF * scale) / threshold) : MAX_ALARM_RAISE;
}

/** What a labelled range showed on one side while it is swept: flagged points (their span and largest deviation,
 * y units) and held deviations (their span and largest, sustained scales). */
interface OpenMark {
  flagged: { from: number; to: number; worst: number } | null;
  held: { from: number; to: number; most: number } | null;
}

/**
 * The marks the labelled ranges leave on `fitted` (judged on its own training points): one per range and side
 * where it flagged points or held a deviation scoring 0.5 or more, in time order; empty when there is none.
 */
export function alarmMarks(
  family: ModelFamily,
  fitted: WithResiduals,
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  kernels: Kernels
): AlarmMark[] {
  return marksAndPeaks(family, fitted, timestamps, values, kernels).marks;
}

/**
 * alarmMarks, and from the same judgement the training's recent peaks (recentRepeats.ts) when a label falls among
 * its training points (null otherwise: a label outside them says nothing about this fit).
 */
function marksAndPeaks(
  family: ModelFamily,
  fitted: WithResiduals,
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  kernels: Kernels
): { marks: AlarmMark[]; peaks: RecentPeaks | null } {
  const ranges = sortedRanges(fitted.params.false_alarms ?? []);
  if (ranges.length === 0) {
    return { marks: [], peaks: null };
  }
  const training = selectTrainingData(timestamps, values, fitted.params.exclude ?? [], kernels);
  const judged = family.predict(fitted, training.timestamps, training.values, kernels);
  const sustained = readSustained((fitted as { sustained?: unknown }).sustained);
  // Read as the sustained step reads them, holidays and unlearned days left out.
  const held =
    sustained === null
      ? null
      : heldDeviations(training.values, judged.yhat, sustained, kernels, decompositionAloneDays(fitted, judged));
  const r = fitted.residuals;
  const marks: AlarmMark[] = [];
  let open: Partial<Record<AlarmMark['side'], OpenMark>> = {};
  const close = () => {
    for (const side of ['below', 'above'] as const) {
      const { flagged = null, held: heldHere = null } = open[side] ?? {};
      if (flagged === null && (heldHere === null || heldHere.most < SCORE_HALF)) {
        continue;
      }
      const threshold = side === 'above' ? r.outlier_above : r.outlier_below;
      const span = flagged ?? heldHere!;
      marks.push({
        side,
        from: span.from,
        to: span.to,
        raise: flagged === null ? 1 : raiseFactor(flagged.worst, threshold, alarmRaiseCap(r, side)),
        // A held deviation within a median's noise is no shape: recorded, it would quiet small shifts after a spike.
        ...(heldHere === null || heldHere.most < HELD_SLACK ? {} : { held: Math.min(MAX_HELD, heldHere.most) }),
      });
    }
    open = {};
  };
  const sideOf = (side: AlarmMark['side']) => (open[side] ??= { flagged: null, held: null });
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
    if (t < ranges[k][0]) {
      continue;
    }
    const h = held === null ? 0 : held[i];
    if (h !== 0) {
      const m = sideOf(h > 0 ? 'above' : 'below');
      m.held =
        m.held === null
          ? { from: t, to: t, most: Math.abs(h) }
          : { ...m.held, to: t, most: Math.max(m.held.most, Math.abs(h)) };
    }
    if (judged.outlier[i] !== 0) {
      const m = sideOf(judged.outlier[i] > 0 ? 'above' : 'below');
      const deviation = Math.abs(training.values[i] - judged.yhat[i]);
      m.flagged =
        m.flagged === null
          ? { from: t, to: t, worst: deviation }
          : { ...m.flagged, to: t, worst: Math.max(m.flagged.worst, deviation) };
    }
  }
  close();
  const end = fitted.history_end;
  const peaks = labelsTraining(ranges, training.timestamps, end)
    ? recentPeaks(training.timestamps, training.values, judged.yhat, judged.outlier, ranges, end)
    : null;
  return { marks: marks.sort((a, b) => a.from - b.from), peaks };
}

/**
 * Per point, the held deviation the sustained step reads (running median of residuals over the scale of its
 * side, points `skip` flags left out), signed by its side; 0 where there is no median.
 */
function heldDeviations(
  values: ArrayLike<number>,
  yhat: Float64Array,
  sustained: SustainedScale,
  kernels: Kernels,
  skip: Int8Array | null = null
): Float64Array {
  const residuals = Float64Array.from(yhat, (y, i) => (skip !== null && skip[i] !== 0 ? NaN : values[i] - y));
  const medians = kernels.rollingMedians(residuals, sustained.points);
  return medians.map((m) => (m !== m ? 0 : m < 0 ? m / sustained.scale_below : m / sustained.scale_above));
}

/** The factor that puts `threshold` just above `deviation`, capped. */
function raiseFactor(deviation: number, threshold: number, cap: number): number {
  const wanted = threshold > 0 ? (ALARM_MARGIN * deviation) / threshold : cap;
  return Math.min(cap, Math.max(1, wanted));
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
 * After the sustained step has raised `score` (registry.ts): every raise back to its score `before` the step where
 * the held deviation is no larger than ALARM_MARGIN times a held deviation a false-alarm mark of its side recorded,
 * plus HELD_SLACK. `skip` is the step's own (points it left out). A model without held marks is left as is.
 */
export function keepHeldRepeatsQuiet(
  fitted: object,
  values: ArrayLike<number>,
  yhat: Float64Array,
  skip: Int8Array | null,
  sustained: SustainedScale,
  before: Float64Array,
  score: Float64Array,
  kernels: Kernels
): void {
  const marks = (fitted as { [MARKS]?: AlarmMark[] })[MARKS] ?? [];
  const bound = (side: AlarmMark['side']) =>
    marks.reduce(
      (most, m) =>
        m.side === side && m.held !== undefined ? Math.max(most, ALARM_MARGIN * m.held + HELD_SLACK) : most,
      0
    );
  const [below, above] = [bound('below'), bound('above')];
  if (below === 0 && above === 0) {
    return;
  }
  const held = heldDeviations(values, yhat, sustained, kernels, skip);
  for (let i = 0; i < score.length; i++) {
    const h = held[i];
    if (score[i] > before[i] && (h > 0 ? h <= above : -h <= below)) {
      score[i] = before[i];
    }
  }
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
  const out = emptyJudgement(n);
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

/**
 * Stored marks: each with a side, a finite time span, a raise from 1 to its side's cap on the model's own residuals
 * (alarmRaiseCap), and a held deviation, when there is one, above 0 and at most MAX_HELD.
 */
function readMarks(value: unknown, residuals: ResidualSummary): AlarmMark[] {
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
    const cap = alarmRaiseCap(residuals, m.side);
    if (typeof m.raise !== 'number' || !Number.isFinite(m.raise) || !(m.raise >= 1 && m.raise <= cap)) {
      return fail(`mark ${i} needs a "raise" from 1 to ${cap.toFixed(3)} (this model's ${m.side} cap, alarmRaiseCap)`);
    }
    if (m.held !== undefined && !(typeof m.held === 'number' && m.held > 0 && m.held <= MAX_HELD)) {
      return fail(`mark ${i} has a "held" that is not above 0 and at most ${MAX_HELD} (MAX_HELD)`);
    }
    return {
      side: m.side,
      from: m.from!,
      to: m.to!,
      raise: m.raise,
      ...(m.held === undefined ? {} : { held: m.held }),
    };
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
      const { marks, peaks } = marksAndPeaks(family as unknown as ModelFamily, fitted, timestamps, values, kernels);
      return marks.length === 0 && peaks === null
        ? fitted
        : {
            ...fitted,
            ...(marks.length === 0 ? {} : { [MARKS]: marks }),
            ...(peaks === null ? {} : { [PEAKS]: peaks }),
          };
    },
    predict(fitted, timestamps, values, kernels) {
      const prediction = family.predict(fitted, timestamps, values, kernels);
      const marks = fitted[MARKS];
      return marks === undefined || values === undefined
        ? prediction
        : quietRepeats(fitted, prediction, values, marks, kernels);
    },
    toJson(fitted, kernels) {
      const { [MARKS]: _marks, [RAISE]: _raise, [PEAKS]: _peaks, ...json } = family.toJson(fitted, kernels);
      const marks = fitted[MARKS];
      const raise = fitted[RAISE];
      const peaks = fitted[PEAKS];
      return {
        ...json,
        ...(marks === undefined ? {} : { [MARKS]: marks }),
        ...(raise === undefined ? {} : { [RAISE]: raise }),
        ...(peaks === undefined ? {} : { [PEAKS]: peaks }),
      };
    },
    fromJson(data, kernels) {
      const { [MARKS]: marks, [RAISE]: raise, [PEAKS]: peaks, ...rest } = data;
      const fitted = family.fromJson(rest, kernels);
      return {
        ...fitted,
        ...(marks === undefined ? {} : { [MARKS]: readMarks(marks, fitted.residuals) }),
        ...(raise === undefined ? {} : { [RAISE]: readRaise(raise) }),
        ...(peaks === undefined ? {} : { [PEAKS]: readRecentPeaks(peaks, fitted.history_end, PEAKS) }),
      };
    },
  };
}
