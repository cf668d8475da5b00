/**
 * Detection with an outlook on every judged row: online, each row's outlook comes from the model that judged it
 * (fitted on earlier rows only), from the row's time; in batch, only the last row (in time) has one, from the
 * model fitted on everything: a batch model has seen the rows after any earlier one, so its "outlook" from them
 * would know the future.
 */
import type { FittedFamily } from '../families/family';
import { detectOnline, timeOrder, type OnlineDetection, type OnlineOptions } from '../online';
import type { ProgressOption } from '../progress';
import type { Kernels, ModelParams } from '../types';
import { outlooksFrom, settleByValue, type RowOutlookOptions, type RowOutlooks } from './rows';

/** Rows without an outlook have NaN eta and probability. */
function emptyOutlooks(n: number): RowOutlooks {
  return { eta_ms: new Float64Array(n).fill(NaN), probability: new Float64Array(n).fill(NaN) };
}

export function detectOnlineWithOutlook(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams>,
  onlineOptions: Partial<OnlineOptions> & ProgressOption,
  outlook: RowOutlookOptions,
  kernels?: Kernels
): { detection: OnlineDetection; outlooks: RowOutlooks } {
  const order = timeOrder(timestamps);
  const outlooks = emptyOutlooks(order.length);
  const sortedValues = Float64Array.from(order, (k) => values[k]);
  const detection = detectOnline(
    timestamps,
    values,
    params,
    onlineOptions,
    kernels,
    undefined,
    (fitted, ts, from, to) => {
      const recent = { timestamps: ts.subarray(0, to), values: sortedValues.subarray(0, to) };
      const rowValues = sortedValues.subarray(from, to);
      const block = outlooksFrom(fitted, ts.subarray(from, to), outlook, kernels, recent, rowValues);
      for (let k = from; k < to; k++) {
        outlooks.eta_ms[order[k]] = block.eta_ms[k - from];
        outlooks.probability[order[k]] = block.probability[k - from];
      }
    }
  );
  return { detection, outlooks };
}

/**
 * The outlook from the last row in time with the model fitted on all rows (NaN elsewhere); as online, a last row
 * already past a threshold is a breach now and one without a value has none.
 */
export function lastRowOutlook(
  model: FittedFamily,
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  outlook: RowOutlookOptions,
  kernels?: Kernels
): RowOutlooks {
  const order = timeOrder(timestamps);
  const outlooks = emptyOutlooks(order.length);
  if (order.length === 0) {
    return outlooks;
  }
  const last = order[order.length - 1];
  const row = outlooksFrom(model, [timestamps[last]], outlook, kernels);
  outlooks.eta_ms[last] = row.eta_ms[0];
  outlooks.probability[last] = row.probability[0];
  settleByValue(outlooks, last, values[last], outlook.thresholds);
  return outlooks;
}
