/**
 * Detection modes over a whole series.
 *
 * - `detectOnline` is the honest streaming mode: every point is judged by a model fitted only on
 *   points strictly earlier in time, refitted on a schedule over a bounded window of history (and,
 *   with a label feed, where a label becomes known).
 * - `detectBatch` is the offline mode: one fit on the whole series (minus excluded ranges), then
 *   every point is judged by it, so the history it judges has also shaped the model.
 *
 * Both accept points in any order and answer in input order.
 */
import { bisectLeft } from 'd3-array';
import { ModelInputError, ModelSettingsError } from './errors';
import { FAMILY_NAMES, type FittedFamily } from './families/family';
import { familyOf, fitModel, predictModel } from './families/registry';
import { labelApplies, labelParamsAt, type LabelFeed, type PastVerdicts } from './onlineLabels';
import { resolveParams } from './params';
import type { ProgressOption } from './progress';
import type { CandidateSpec } from './selection/candidates';
import { selectModel } from './selection/select';
import type { SelectionSummary } from './selection/summary';
import { servingOverrides } from './selection/serving';
import { checkedMargin, DEFAULT_SWAP_MARGIN, type SwapTrailEntry } from './selection/swap';
import type { Kernels, ModelParams, Prediction } from './types';

/** The per-point verdict; arrays align with the input. */
export type Detection = Pick<Prediction, 'timestamps' | 'yhat' | 'yhat_lower' | 'yhat_upper' | 'outlier' | 'score'>;

export interface OnlineOptions {
  /**
   * Points judged by one fitted model before the next refit. When absent the schedule adapts (see
   * `refitIntervalMs`). A label that becomes known refits sooner (detectOnline).
   */
  refit_every?: number;
  /** Training window: only points at most this many days before the judged point are used. */
  max_history_days: number;
  /** A point is judged only when the window holds at least this many values outside excluded ranges ... */
  min_history_points: number;
  /** ... whose times span at least this many days (2 lets 'auto' daily seasonality switch on, as in Prophet). */
  min_history_days: number;
  /** With `model: 'auto'`: days of series time between selections (each on the training window only). */
  select_every_days: number;
  /** With `model: 'auto'`: share of the objective a challenger must win by to replace the serving model. */
  swap_margin: number;
}

export interface OnlineDetection extends Detection {
  /** Number of model fits made. */
  refits: number;
  /** Number of points judged (the others carry NaN expectations, score 0, outlier 0). */
  judged: number;
  /** With `model: 'auto'`: selections that compared candidates, and how many changed the serving model. */
  selections: number;
  swaps: number;
  /** Every change of the serving model: which models, both scores, when (series time). */
  trail: SwapTrailEntry[];
  /** The options used, defaults filled in. */
  options: OnlineOptions;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const DEFAULT_ONLINE_OPTIONS: Readonly<OnlineOptions> = Object.freeze({
  max_history_days: 28,
  min_history_points: 24,
  min_history_days: 2,
  select_every_days: 1,
  swap_margin: DEFAULT_SWAP_MARGIN,
});

/** Adaptive schedule: a refit once new data reaches this share of the training span ... */
export const REFIT_SHARE_OF_HISTORY = 1 / 64;
/** ... but never more often than hourly, never less often than twice a day ... */
export const MIN_REFIT_INTERVAL_MS = HOUR_MS;
export const MAX_REFIT_INTERVAL_MS = 12 * HOUR_MS;
/** ... and never more than this many points apart (sub-minute data). */
export const MAX_REFIT_POINTS = 288;

/**
 * Time one fitted model keeps judging, given the span of history it was fitted on. A fit costs
 * time proportional to its window, and one more hour moves a fit on weeks of data very little,
 * so refits are hourly while history is short (the model changes fastest then) and thin out to
 * every 10.5 hours on a full 28-day window. Measured on NAB: refitting every hour of data instead
 * lowered the online forecast error (MAE) by 0-5% on 10 files but took 3-14x longer; the whole
 * corpus (365,558 rows) needs 9,891 fits and about a minute of CPU with this schedule, against an
 * estimated 6 minutes (48k fits) hourly.
 */
export function refitIntervalMs(historySpanMs: number): number {
  return Math.min(MAX_REFIT_INTERVAL_MS, Math.max(MIN_REFIT_INTERVAL_MS, historySpanMs * REFIT_SHARE_OF_HISTORY));
}

/**
 * The serving family's own refit interval (ModelFamily.onlineRefitMs), which replaces the adaptive schedule's
 * ceiling and its point cap; an ensemble takes its members' longest. Undefined for families without one. With
 * `auto` the family is the one serving.
 */
function familyRefitMs(params: Partial<ModelParams>): number | undefined {
  const resolved = resolveParams(params);
  const model = resolved.model;
  if (model === 'auto') {
    return undefined;
  }
  const families = model === 'ensemble' ? resolved.ensemble_members : [model];
  const intervals = families.flatMap((name) => familyOf(name).onlineRefitMs ?? []);
  return intervals.length === 0 ? undefined : Math.max(...intervals);
}

export function resolveOnlineOptions(options: Partial<OnlineOptions>): OnlineOptions {
  const resolved: OnlineOptions = { ...DEFAULT_ONLINE_OPTIONS, ...stripUndefined(options) };
  if (resolved.refit_every !== undefined && !(Number.isInteger(resolved.refit_every) && resolved.refit_every >= 1)) {
    throw new ModelInputError(`refit_every must be a whole number >= 1, got ${String(options.refit_every)}`);
  }
  if (!(resolved.max_history_days > 0 && Number.isFinite(resolved.max_history_days))) {
    throw new ModelInputError(`max_history_days must be a positive number, got ${String(options.max_history_days)}`);
  }
  if (!(Number.isInteger(resolved.min_history_points) && resolved.min_history_points >= 2)) {
    throw new ModelInputError(
      `min_history_points must be a whole number >= 2, got ${String(options.min_history_points)}`
    );
  }
  if (!(resolved.min_history_days >= 0 && resolved.min_history_days <= resolved.max_history_days)) {
    // Either may be the one given (the other its default): say both, as they stand.
    throw new ModelInputError(
      `min_history_days (${String(resolved.min_history_days)}${options.min_history_days === undefined ? ', the default' : ''}) ` +
        `must be between 0 and max_history_days (${String(resolved.max_history_days)}${options.max_history_days === undefined ? ', the default' : ''})`
    );
  }
  if (!(resolved.select_every_days > 0 && Number.isFinite(resolved.select_every_days))) {
    throw new ModelInputError(`select_every_days must be a positive number, got ${String(options.select_every_days)}`);
  }
  checkedMargin(resolved.swap_margin);
  return resolved;
}

/**
 * With `model: 'auto'`, which model serves the online detector: selection runs on the training window before a
 * block once `select_every_days` of series time have passed since the last, and the serving model changes only
 * when a challenger wins by the margin.
 */
class ServingModel {
  selections = 0;
  swaps = 0;
  trail: SwapTrailEntry[] = [];
  private serving: CandidateSpec | null = null;
  private lastSelection = -Infinity;

  constructor(
    private readonly params: Partial<ModelParams>,
    private readonly options: OnlineOptions,
    private readonly kernels: Kernels | undefined
  ) {}

  /** The parameters to fit the block starting at `t` with, trained on `ts`, `ys` (all before t). */
  paramsAt(t: number, ts: Float64Array, ys: Float64Array): Partial<ModelParams> {
    if (t - this.lastSelection >= this.options.select_every_days * DAY_MS) {
      this.select(ts, ys);
    }
    const chosen = this.serving ?? { family: FAMILY_NAMES[0], combination: {} };
    return { ...this.params, ...servingOverrides(chosen, this.params) };
  }

  private select(ts: Float64Array, ys: Float64Array): void {
    let result;
    try {
      result = selectModel(ts, ys, this.params, {
        incumbent: this.serving ?? undefined,
        margin: this.options.swap_margin,
        kernels: this.kernels,
      });
    } catch (error) {
      if (!(error instanceof ModelInputError) || error instanceof ModelSettingsError) {
        throw error;
      }
      // No candidate could be compared on this window: the serving model carries on until the next turn.
      this.lastSelection = ts[ts.length - 1];
      return;
    }
    if (result.fallback !== undefined) {
      return;
    }
    this.selections++;
    this.lastSelection = ts[ts.length - 1];
    if (this.serving !== null && result.decision?.swapped === true) {
      this.swaps++;
      this.trail.push(result.decision);
    }
    this.serving = { family: result.winner.family, combination: result.winner.combination };
  }
}

/**
 * Told of every fitted block: the model, the series' timestamps in time order, and the block's rows [from, to) in
 * that order (see `timeOrder` for the input position of each).
 */
export type BlockObserver = (fitted: FittedFamily, sortedTimestamps: Float64Array, from: number, to: number) => void;

/**
 * `labels`, when given, is asked at each refit for the labels known by then (see LabelFeed); they join the
 * refit's params. It is also asked at each block's last point, and the earliest label that became known inside the
 * block ends the block there: the block's verdicts from the first point at or after its known-at time are judged
 * again by the next refit, which knows it (labelCut).
 * Whether a window holds enough history to judge is decided on `params.exclude` alone.
 */
export function detectOnline(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams> = {},
  options: Partial<OnlineOptions> & ProgressOption = {},
  kernels?: Kernels,
  labels?: LabelFeed,
  onBlock?: BlockObserver
): OnlineDetection {
  const series = sortSeries(timestamps, values);
  const { ts, ys } = series;
  const n = ts.length;
  // onProgress hears how many rows (in time order) are behind, before each fit and at the end.
  const { onProgress, ...modelOptions } = options;
  const resolved = resolveOnlineOptions(modelOptions);
  const sorted = emptyDetection(ts);
  // Points training can use (a value, not excluded): their sorted indices, and how many precede each index.
  const exclude = resolveParams(params).exclude;
  const usableIndex: number[] = [];
  const usableBefore = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(ys[i]) && !exclude.some(([from, to]) => ts[i] >= from && ts[i] <= to)) {
      usableIndex.push(i);
    }
    usableBefore[i + 1] = usableIndex.length;
  }
  const windowMs = resolved.max_history_days * DAY_MS;
  const minSpanMs = resolved.min_history_days * DAY_MS;
  const serving = resolveParams(params).model === 'auto' ? new ServingModel(params, resolved, kernels) : null;
  let refits = 0;
  let judged = 0;
  let i = 0;
  while (i < n) {
    onProgress?.(i, n);
    const t = ts[i];
    // Strictly earlier in time: a duplicate of t is never training data for t.
    const hi = bisectLeft(ts, t);
    const lo = bisectLeft(ts, t - windowMs);
    const count = usableBefore[hi] - usableBefore[lo];
    const span = count > 0 ? ts[usableIndex[usableBefore[hi] - 1]] - ts[usableIndex[usableBefore[lo]]] : 0;
    if (count < resolved.min_history_points || span < minSpanMs) {
      i++;
      continue;
    }
    const servingParams = serving ? serving.paramsAt(t, ts.subarray(lo, hi), ys.subarray(lo, hi)) : params;
    const adaptiveEnd = Math.min(n, i + MAX_REFIT_POINTS, Math.max(i + 1, bisectLeft(ts, t + refitIntervalMs(span))));
    const familyInterval = familyRefitMs(servingParams);
    let end =
      resolved.refit_every !== undefined
        ? Math.min(n, i + resolved.refit_every)
        : familyInterval !== undefined
          ? Math.min(n, Math.max(i + 1, bisectLeft(ts, t + Math.max(familyInterval, refitIntervalMs(span)))))
          : adaptiveEnd;
    const blockParams = labels
      ? labelParamsAt(servingParams, labels(t, pastVerdicts(sorted, i)), t, t - windowMs)
      : servingParams;
    const block = judgeBlock(ts, ys, lo, hi, i, end, blockParams, kernels);
    if (block !== null) {
      copyInto(sorted, block.verdict, i);
      // A block within one instant has no later point a label could become known at.
      const cut = labels && ts[end - 1] > t ? labelCut(ts, i, end, labels, sorted, windowMs) : end;
      if (cut < end) {
        // The points from the cut on are judged again by the next fit, which knows the label.
        copyInto(sorted, emptyDetection(ts.subarray(cut, end)), cut);
        end = cut;
      }
      refits++;
      judged += end - i;
      onBlock?.(block.fitted, ts, i, end);
    } else if (resolved.refit_every === undefined) {
      // A window the model refused (neural before three days of history) is tried again on the adaptive schedule,
      // not a family's whole interval later.
      end = Math.min(end, adaptiveEnd);
    }
    i = end;
  }
  onProgress?.(n, n);
  return {
    ...series.unsort(sorted),
    refits,
    judged,
    selections: serving?.selections ?? 0,
    swaps: serving?.swaps ?? 0,
    trail: serving?.trail ?? [],
    options: resolved,
  };
}

export interface BatchDetection extends Detection {
  /** With `model: 'auto'`: what selection compared and chose. */
  selection?: SelectionSummary;
}

export function detectBatch(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams> = {},
  kernels?: Kernels,
  onFit?: (fitted: FittedFamily) => void
): BatchDetection {
  const series = sortSeries(timestamps, values);
  const fitted = fitModel(series.ts, series.ys, params, kernels);
  onFit?.(fitted);
  const prediction = predictModel(fitted, series.ts, series.ys, kernels);
  const detection = series.unsort(pickDetection(prediction));
  return fitted.selection === undefined ? detection : { ...detection, selection: fitted.selection };
}

/**
 * Where a block judged on sorted points [from, to) ends when a label became known while it ran: the first point at
 * or after the earliest known-at time in (ts[from], ts[to − 1]] among the labels the feed gives at the block's last
 * point whose range touches the training window as it stands at that time (a label starting later, or ending
 * before the window, waits for the schedule), so that the next fit judges from then on. A host refits when its
 * labels change (the backend keys its fits by them), and a label waiting for the scheduled refit would leave up to
 * half a day judged as if it had not been given. `to` when none did.
 */
function labelCut(
  ts: Float64Array,
  from: number,
  to: number,
  labels: LabelFeed,
  verdicts: Detection,
  windowMs: number
): number {
  const last = ts[to - 1];
  let first = Infinity;
  for (const label of labels(last, pastVerdicts(verdicts, bisectLeft(ts, last)))) {
    const known = label.knownAt;
    if (known > ts[from] && known <= last && known < first && labelApplies(label, known, known - windowMs)) {
      first = known;
    }
  }
  return first === Infinity ? to : Math.max(from + 1, bisectLeft(ts, first));
}

/** Fits on sorted points [lo, hi) and judges [from, to); null when that history cannot be fitted. */
function judgeBlock(
  ts: Float64Array,
  ys: Float64Array,
  lo: number,
  hi: number,
  from: number,
  to: number,
  params: Partial<ModelParams>,
  kernels: Kernels | undefined
): { verdict: Detection; fitted: FittedFamily } | null {
  let fitted;
  try {
    fitted = fitModel(ts.subarray(lo, hi), ys.subarray(lo, hi), params, kernels);
  } catch (error) {
    // A window whose data the model refuses (e.g. every value excluded) leaves its block unjudged; bad settings
    // (a parameter, a size limit the parameters reach) fail the run, as they fail a single fit.
    if (error instanceof ModelInputError && !(error instanceof ModelSettingsError)) {
      return null;
    }
    throw error;
  }
  return {
    verdict: pickDetection(predictModel(fitted, ts.subarray(from, to), ys.subarray(from, to), kernels)),
    fitted,
  };
}

function pickDetection(p: Prediction): Detection {
  return {
    timestamps: p.timestamps,
    yhat: p.yhat,
    yhat_lower: p.yhat_lower,
    yhat_upper: p.yhat_upper,
    outlier: p.outlier,
    score: p.score,
  };
}

function pastVerdicts(d: Detection, end: number): PastVerdicts {
  return {
    timestamps: d.timestamps.subarray(0, end),
    score: d.score.subarray(0, end),
    outlier: d.outlier.subarray(0, end),
  };
}

function emptyDetection(ts: Float64Array): Detection {
  const n = ts.length;
  return {
    timestamps: ts,
    yhat: new Float64Array(n).fill(NaN),
    yhat_lower: new Float64Array(n).fill(NaN),
    yhat_upper: new Float64Array(n).fill(NaN),
    outlier: new Int8Array(n),
    score: new Float64Array(n),
  };
}

function copyInto(target: Detection, block: Detection, offset: number): void {
  target.yhat.set(block.yhat, offset);
  target.yhat_lower.set(block.yhat_lower, offset);
  target.yhat_upper.set(block.yhat_upper, offset);
  target.outlier.set(block.outlier, offset);
  target.score.set(block.score, offset);
}

interface SortedSeries {
  ts: Float64Array;
  ys: Float64Array;
  /** Puts per-point arrays computed in sorted order back into input order. */
  unsort(d: Detection): Detection;
}

/** Stable sort by time (duplicates keep input order); validates lengths and timestamps. */
function sortSeries(timestamps: ArrayLike<number>, values: ArrayLike<number>): SortedSeries {
  const n = timestamps.length;
  if (n !== values.length) {
    throw new ModelInputError(`timestamps (${n}) and values (${values.length}) differ in length`);
  }
  if (n === 0) {
    throw new ModelInputError('the series is empty');
  }
  const input = Float64Array.from(timestamps);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(input[i])) {
      throw new ModelInputError(`timestamp at index ${i} is not a finite number (${String(timestamps[i])})`);
    }
    if (i > 0 && input[i] < input[i - 1]) {
      sorted = false;
    }
  }
  if (sorted) {
    return { ts: input, ys: Float64Array.from(values), unsort: (d) => ({ ...d, timestamps: input }) };
  }
  const order = timeOrder(input);
  const ts = new Float64Array(n);
  const ys = new Float64Array(n);
  order.forEach((from, to) => {
    ts[to] = input[from];
    ys[to] = values[from];
  });
  const unsort = (d: Detection): Detection => {
    const out = emptyDetection(input);
    order.forEach((original, position) => {
      out.yhat[original] = d.yhat[position];
      out.yhat_lower[original] = d.yhat_lower[position];
      out.yhat_upper[original] = d.yhat_upper[position];
      out.outlier[original] = d.outlier[position];
      out.score[original] = d.score[position];
    });
    return out;
  };
  return { ts, ys, unsort };
}

/** Input positions in time order, ties in input order: the order detectOnline judges (and reports blocks) in. */
export function timeOrder(timestamps: ArrayLike<number>): number[] {
  return Array.from({ length: timestamps.length }, (_, i) => i).sort((a, b) => timestamps[a] - timestamps[b] || a - b);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
