/**
 * The only entry of the model bundle that the Go backend runs in its JavaScript engine (see
 * scripts/build-engine.mjs and pkg/engine). It wraps the model API in one global object, `ForesightEngine`
 * (esbuild's IIFE global: this module's exports), whose functions take and return ArrayBuffers, typed arrays,
 * strings and numbers only, so Go moves whole buffers instead of element-by-element values.
 *
 * When the host defines the Go kernels (goKernels.ts), every loop over points runs in Go; otherwise the
 * TypeScript kernels run (Node, tests).
 */
import { generateDemoSeries } from '../demo/messagingMetric';
import { crossValidateLabelled, foresightModel, performanceMetrics, tune as tuneModel } from '../model/evaluation';
import type { CrossValidationOptions, PerformanceMetricsOptions, TuneOptions } from '../model/evaluation';
import {
  deserializeModel,
  fitModel,
  ModelInputError,
  predictModel,
  resolveParams,
  serializeModelParts,
  typescriptKernels,
  updateModel,
  withLearnedDaysOnly,
} from '../model';
import type { FittedFamily, Kernels, ModelParams } from '../model';
import { anchorAt, breachOutlook, detectDrift, resolveDriftOptions } from '../model/earlyWarning';
import type { DriftOptions, RecentSeries, Thresholds } from '../model/earlyWarning';
import { widestDesign } from '../model/features';
import { MAX_NESTING, nestsDeeper } from '../model/params';
import { selectModel, servingOverrides } from '../model/selection';
import type { SelectionOptions } from '../model/selection';
import { hostJsonText, hostKernels } from './goKernels';
import { modelOfText, rememberModel } from './recentModels';

function activeKernels(): Kernels {
  return hostKernels() ?? typescriptKernels;
}

/** Parses a JSON object; the model validates its fields. */
function parseObject<T>(text: string, what: string): T {
  if (text === '') {
    return {} as T;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ModelInputError(`${what} is not valid JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ModelInputError(`${what} must be a JSON object`);
  }
  // Messages show a bad option as JSON, and one nested thousands deep overflows the stack writing it.
  if (nestsDeeper(value, MAX_NESTING)) {
    throw new ModelInputError(`${what} nest deeper than ${MAX_NESTING} levels`);
  }
  return value as T;
}

/** JSON with typed arrays written as plain arrays (non-finite numbers become null, as JSON has no NaN). */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
}

function float64(buffer: ArrayBuffer): Float64Array {
  // The typed array would throw a RangeError: say what is wrong in one line instead.
  if (buffer.byteLength % 8 !== 0) {
    throw new ModelInputError(
      `a float64 buffer of ${buffer.byteLength} bytes is not a whole number of values (8 bytes each)`
    );
  }
  return new Float64Array(buffer);
}

export interface PredictOutput {
  yhat: Float64Array;
  yhat_lower: Float64Array;
  yhat_upper: Float64Array;
  score: Float64Array;
  outlier: Int8Array;
}

export interface DriftOutput {
  /** Per point: −1 drifting below the expectation, 0 none, +1 above. */
  drift: Float64Array;
  /** Start of the drift still on at the last point; NaN when there is none. */
  drift_start_ms: number;
}

export interface DemoOutput {
  timestamps: Float64Array;
  values: Float64Array;
}

/** At most this many forecast steps per outlook (a week of 10-second steps). */
const MAX_OUTLOOK_STEPS = 60_480;
/** Demo series by name; each is pure and deterministic for a seed. */
const DEMO_SERIES = ['messaging'];
const MAX_DEMO_POINTS = 1_000_000;

/**
 * A fit as the backend keeps it: the model's text, which every prediction reads, and apart from it the update
 * statistics ('' for a model without any), which only `update` reads.
 */
export interface FitTexts {
  model: string;
  state: string;
}

export function fit(timestamps: ArrayBuffer, values: ArrayBuffer, paramsJson: string): FitTexts {
  const params = parseObject<Partial<ModelParams>>(paramsJson, 'params');
  const kernels = activeKernels();
  const model = fitModel(float64(timestamps), float64(values), params, kernels);
  const texts = serializeModelParts(model, kernels, hostJsonText());
  rememberModel(texts.model, model);
  return texts;
}

/** The model a text holds, read once per runtime while it stays recent (recentModels.ts). */
function modelOf(modelText: string): FittedFamily {
  return modelOfText(modelText, (text) => deserializeModel(text, '', activeKernels()));
}

/**
 * Updates a fit (its model text and `stateText`, the update statistics `fit` or `update` gave) with the points after its history (`addedTimes`, `addedValues`) and without those
 * of its old window before `windowStart` (`droppedTimes`, `droppedValues`: every one the fit saw there), at a
 * cost in proportion to those points (model/incremental.ts). Throws a ModelInputError saying "cannot update"
 * when the model is due for a full refit or cannot take the update (then fit again), or when `paramsJson` is
 * not what the model was fitted with.
 */
export function update(
  modelText: string,
  stateText: string,
  addedTimes: ArrayBuffer,
  addedValues: ArrayBuffer,
  windowStart: number,
  droppedTimes: ArrayBuffer,
  droppedValues: ArrayBuffer,
  paramsJson: string
): FitTexts {
  const params = parseObject<Partial<ModelParams>>(paramsJson, 'params');
  const change = {
    added: { timestamps: float64(addedTimes), values: float64(addedValues) },
    windowStart,
    dropped: { timestamps: float64(droppedTimes), values: float64(droppedValues) },
  };
  const kernels = activeKernels();
  return serializeModelParts(
    updateModel(deserializeModel(modelText, stateText, kernels), change, params, kernels),
    kernels,
    hostJsonText()
  );
}

/**
 * Checks parameters exactly as a fit does before it reads any data (names, ranges, holiday countries, the
 * model's size limits), so the backend refuses a bad query once instead of failing every series. Returns the
 * most design columns the parameters allow (country calendars aside: see widestDesign), with which the backend
 * bounds a fit's memory by the points it reads.
 */
export function checkParams(paramsJson: string): number {
  const width = widestDesign(resolveParams(parseObject<Partial<ModelParams>>(paramsJson, 'params')));
  return width.trend + width.seasonalities + width.holidays;
}

export function predict(modelText: string, timestamps: ArrayBuffer, values: ArrayBuffer | null): PredictOutput {
  const out = predictModel(
    modelOf(modelText),
    float64(timestamps),
    values === null ? undefined : float64(values),
    activeKernels()
  );
  return {
    yhat: out.yhat,
    yhat_lower: out.yhat_lower,
    yhat_upper: out.yhat_upper,
    score: out.score,
    outlier: out.outlier,
  };
}

/** Each component by name: `trend`, every seasonality (e.g. `daily`, `weekly`), `holidays`. */
export function components(modelText: string, timestamps: ArrayBuffer): Record<string, Float64Array> {
  const out = predictModel(modelOf(modelText), float64(timestamps), undefined, activeKernels());
  const parts: Record<string, Float64Array> = { trend: out.trend };
  for (const [name, values] of Object.entries(out.seasonal)) {
    parts[name in parts || name === 'holidays' ? `seasonality_${name}` : name] = values;
  }
  parts.holidays = out.holidays;
  return parts;
}

/**
 * Rolling-origin cross-validation scored with Prophet's performance metrics; options in ms. With `labels`
 * ({incidents, false_alarms}: [from_ms, to_ms] lists), incidents are left out of the fits and the result carries
 * `label_metrics` (model/evaluation/labels.ts).
 */
export function crossValidate(
  timestamps: ArrayBuffer,
  values: ArrayBuffer,
  paramsJson: string,
  optionsJson: string
): string {
  const params = parseObject<Partial<ModelParams>>(paramsJson, 'params');
  const options = parseObject<CrossValidationOptions & PerformanceMetricsOptions>(optionsJson, 'options');
  const { rows, label_metrics } = crossValidateLabelled(float64(timestamps), float64(values), params, {
    ...options,
    model: foresightModel(activeKernels()),
  });
  const metrics = performanceMetrics(rows, { rollingWindow: options.rollingWindow });
  return toJson(label_metrics === null ? metrics : { ...metrics, label_metrics });
}

/** Grid search by cross-validation; the result lists every combination, best first (with `labels`, as cv). */
export function tune(timestamps: ArrayBuffer, values: ArrayBuffer, paramsJson: string, optionsJson: string): string {
  const params = parseObject<Partial<ModelParams>>(paramsJson, 'params');
  const options = parseObject<TuneOptions & { families?: unknown }>(optionsJson, 'options');
  if (options.families !== undefined) {
    // Ranking families (and each one's grid) is selection's job: the tune resource answers as `select` does.
    return select(timestamps, values, paramsJson, optionsJson);
  }
  return toJson(
    tuneModel(float64(timestamps), float64(values), params, { ...options, model: foresightModel(activeKernels()) })
  );
}

/**
 * Automatic selection (model/selection): every family × its grid cross-validated on the series' recent history;
 * options in ms (horizon, initial, period), plus families, objective, maxFits, maxCutoffs, historyDays, band,
 * incumbent ({family, combination}: the serving model), candidates ([{family, combination}]: compare only these and
 * the incumbent), margin. Returns the ranking best first, the winner,
 * `decision` (incumbent against the best, both scores, swapped) when there was an incumbent, `overrides` (`model`
 * and the winner's combination, to set over the query's params) and `winnerParams` (the params with them set).
 * With `labels` (as cv), candidates are ranked by their label score first and the winner's `label_metrics` come
 * too.
 */
export function select(timestamps: ArrayBuffer, values: ArrayBuffer, paramsJson: string, optionsJson: string): string {
  const params = parseObject<Partial<ModelParams>>(paramsJson, 'params');
  const { kernels: _ignored, ...options } = parseObject<SelectionOptions>(optionsJson, 'options');
  const result = selectModel(float64(timestamps), float64(values), params, { ...options, kernels: activeKernels() });
  const overrides = servingOverrides(result.winner, params);
  const labelMetrics = result.winner.scores?.label_metrics;
  return toJson({
    ...result,
    overrides,
    winnerParams: { ...params, ...overrides },
    ...(labelMetrics !== undefined ? { label_metrics: labelMetrics } : {}),
  });
}

export function demo(name: string, start: number, end: number, stepMs: number, seed: number): DemoOutput {
  if (!DEMO_SERIES.includes(name)) {
    throw new ModelInputError(`unknown demo series "${name}" (known: ${DEMO_SERIES.join(', ')})`);
  }
  if (![start, end, stepMs, seed].every(Number.isFinite) || !(stepMs > 0) || !(end > start)) {
    throw new ModelInputError('the demo series needs finite from < to and a positive step');
  }
  const points = Math.ceil((end - start) / stepMs);
  if (points > MAX_DEMO_POINTS) {
    throw new ModelInputError(`the demo series would have ${points} points; the limit is ${MAX_DEMO_POINTS}`);
  }
  const series = generateDemoSeries({ start, end, stepMs, seed });
  return { timestamps: series.timestamps, values: series.values };
}

/**
 * Forecast to threshold (model/earlyWarning/outlook.ts): predicts the model at fromMs + stepMs, + 2 stepMs, ...
 * up to fromMs + leadMs and returns JSON {breach_eta_s, breach_probability, side, crossing_ms}; breach_eta_s
 * (seconds from fromMs until the expectation crosses) and crossing_ms are null without a crossing.
 * thresholdsJson is {"above"?: number, "below"?: number, "above_inclusive"?: boolean, "below_inclusive"?: boolean}
 * (inclusive: reaching the level is a breach, a rule's >= or <=). recentTimes/recentValues (ascending, up to fromMs), when
 * given, anchor the outlook to the line through the model's residuals over the last lead time: a model fitted
 * hours ago lags a drift that started since, and the anchor carries what it has missed into the forecast.
 */
export function outlook(
  modelText: string,
  fromMs: number,
  stepMs: number,
  leadMs: number,
  thresholdsJson: string,
  recentTimes: ArrayBuffer | null = null,
  recentValues: ArrayBuffer | null = null
): string {
  if (!(Number.isFinite(stepMs) && stepMs > 0)) {
    throw new ModelInputError(`the outlook's step must be a positive duration, got ${String(stepMs)} ms`);
  }
  if (!(Number.isFinite(leadMs) && leadMs > 0)) {
    throw new ModelInputError(`the lead time must be a positive duration, got ${String(leadMs)} ms`);
  }
  const steps = Math.floor(leadMs / stepMs);
  if (steps < 1 || steps > MAX_OUTLOOK_STEPS) {
    throw new ModelInputError(
      `the lead time holds ${steps} steps of ${stepMs} ms; it must hold between 1 and ${MAX_OUTLOOK_STEPS}`
    );
  }
  const thresholds = parseObject<Thresholds>(thresholdsJson, 'thresholds');
  const model = deserializeModel(modelText, '', activeKernels());
  const timestamps = new Float64Array(steps);
  for (let i = 0; i < steps; i++) {
    timestamps[i] = fromMs + (i + 1) * stepMs;
  }
  const forecast = predictModel(withLearnedDaysOnly(model), timestamps, undefined, activeKernels());
  const recent = recentSeries(recentTimes, recentValues);
  const result = breachOutlook({
    fromMs,
    leadMs,
    forecast,
    interval_width: model.params.interval_width,
    thresholds,
    anchor: recent === null ? undefined : anchorAt(model, fromMs, recent, leadMs, activeKernels()),
  });
  return JSON.stringify({
    breach_eta_s: result.eta_ms === null ? null : result.eta_ms / 1000,
    breach_probability: result.probability,
    side: result.side,
    crossing_ms: result.crossing_ms,
  });
}

/** The outlook's recent series, checked: both arrays or neither, equal lengths, ascending times. */
function recentSeries(times: ArrayBuffer | null, values: ArrayBuffer | null): RecentSeries | null {
  if (times === null && values === null) {
    return null;
  }
  if (times === null || values === null) {
    throw new ModelInputError('the outlook needs both recent times and recent values, or neither');
  }
  const series = { timestamps: float64(times), values: float64(values) };
  if (series.timestamps.length !== series.values.length) {
    throw new ModelInputError(
      `the outlook got ${series.timestamps.length} recent times but ${series.values.length} values`
    );
  }
  for (let i = 1; i < series.timestamps.length; i++) {
    if (!(series.timestamps[i] > series.timestamps[i - 1])) {
      throw new ModelInputError(`the outlook's recent times must ascend; row ${i} does not`);
    }
  }
  return series;
}

/**
 * Drift (model/earlyWarning/drift.ts) of observed values against the model's expectation and band at their
 * times (ascending). optionsJson may set allowance, decision, clip (σ units) and reference_days; "{}" keeps the
 * defaults.
 */
export function drift(
  modelText: string,
  timestamps: ArrayBuffer,
  values: ArrayBuffer,
  optionsJson: string
): DriftOutput {
  // Checked before the model is read and run: a bad option costs nothing.
  const options = resolveDriftOptions(parseObject<Partial<DriftOptions>>(optionsJson, 'drift options'));
  const model = deserializeModel(modelText, '', activeKernels());
  const ts = float64(timestamps);
  const ys = float64(values);
  const predicted = predictModel(model, ts, ys, activeKernels());
  const result = detectDrift({ ...predicted, values: ys, interval_width: model.params.interval_width }, options);
  return { drift: new Float64Array(result.drift), drift_start_ms: result.drift_start_ms ?? NaN };
}
