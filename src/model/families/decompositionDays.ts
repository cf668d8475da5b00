/**
 * The days a decomposition judges with knowledge the other families and a running median lack: holidays with a
 * learned effect, and days of a kind it has not learned. An ensemble lets the decomposition's verdict stand alone
 * there (ensemble.ts), and the sustained deviation leaves them out (sustained.ts, falseAlarms.ts).
 */
import type { Prediction } from '../types';
import { DEFAULT_UNSEEN_SCALE, holidayDays, unlearnedDays } from '../unseenDays';
import type { FittedFamily } from './family';

/**
 * 1 on the points of a decomposition's prediction that fall on a day it judges with knowledge the other families
 * lack: a holiday with a learned effect, or a day of a kind it has not learned (daysForTheDecomposition). An
 * ensemble lets its verdict stand alone there, and the sustained deviation leaves those points out (sustained.ts).
 */
export function decompositionAloneDays(decomposition: FittedFamily, prediction: Prediction): Int8Array {
  const { holidays, timestamps } = prediction;
  const offDays = daysForTheDecomposition(decomposition, timestamps);
  const n = timestamps.length;
  const alone = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    alone[i] = holidays[i] !== 0 || offDays?.[i] === 1 ? 1 : 0;
  }
  return alone;
}

/**
 * The days the decomposition judges alone: every holiday, and with the allowance for days it has not learned on
 * (`unseen_days_scale` above 0, its band wider there), weekends before it has seen one.
 */
function daysForTheDecomposition(member: FittedFamily, ts: Float64Array): Uint8Array | null {
  const params = member.params;
  if ((params.unseen_days_scale ?? DEFAULT_UNSEEN_SCALE) > 0) {
    return unlearnedDays(
      params,
      new Set(),
      { start: member.history_start, end: member.history_end, points: member.n_train },
      ts
    );
  }
  return holidayDays(params, ts);
}
