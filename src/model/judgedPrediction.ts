/**
 * How a family's predict ends, whatever the family: its expectation is judged against the values by
 * `kernels.judge` with the band of its out-of-sample residuals (so one threshold means the same on every family),
 * and laid out as the Prediction the rest of the product reads.
 */
import { ModelInputError } from './errors';
import type { Judgement, Kernels, Prediction } from './types';
import { judgeBand, type AlarmRaise, type ResidualSummary } from './uncertainty';

/** What judging needs from a fitted model. */
export interface JudgedFit {
  residuals: ResidualSummary;
  nonnegative: boolean;
  false_alarm_raise?: AlarmRaise;
}

/** The components a family has, read from the judged expectation (raised to the floor where it fell below). */
export type Components = (yhat: Float64Array) => {
  trend: Float64Array;
  seasonal?: Record<string, Float64Array>;
  holidays?: Float64Array;
};

/** Values to judge as a Float64Array, or null without them; their count must be the timestamps'. */
export function valuesToJudge(values: ArrayLike<number> | undefined, n: number): Float64Array | null {
  if (values === undefined) {
    return null;
  }
  if (values.length !== n) {
    throw new ModelInputError(`timestamps (${n}) and values (${values.length}) differ in length`);
  }
  return values instanceof Float64Array ? values : Float64Array.from(values);
}

export function emptyJudgement(n: number): Judgement {
  return {
    yhat: new Float64Array(n),
    lower: new Float64Array(n),
    upper: new Float64Array(n),
    outlier: new Int8Array(n),
    score: new Float64Array(n),
  };
}

/**
 * `extraVariance`: per point, variance the band widens by beyond the residuals' (a forecast's horizon), or null.
 * Components a family lacks are empty: `seasonal` {} and `holidays` zeros.
 */
export function judgedPrediction(
  kernels: Kernels,
  fitted: JudgedFit,
  timestamps: Float64Array,
  yhat: Float64Array,
  values: Float64Array | null,
  extraVariance: Float64Array | null,
  components: Components
): Prediction {
  const n = timestamps.length;
  const judged = emptyJudgement(n);
  kernels.judge(
    yhat,
    values,
    extraVariance,
    judgeBand(fitted.residuals, fitted.nonnegative, fitted.false_alarm_raise),
    judged
  );
  const { trend, seasonal = {}, holidays = new Float64Array(n) } = components(judged.yhat);
  return {
    timestamps,
    yhat: judged.yhat,
    yhat_lower: judged.lower,
    yhat_upper: judged.upper,
    outlier: judged.outlier,
    score: judged.score,
    trend,
    seasonal,
    holidays,
  };
}
