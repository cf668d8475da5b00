/**
 * The only entry of the model bundle that the Go backend runs in its JavaScript engine (see
 * scripts/build-engine.mjs and pkg/engine). It wraps the model API in one global object,
 * `ForesightEngine` (esbuild's IIFE global: this module's exports), whose functions take and return ArrayBuffers, typed arrays, strings and numbers
 * only, so Go moves whole buffers instead of element-by-element values.
 *
 * When the host defines `globalThis.__foresightGoKernels`, every points × features loop runs in Go;
 * otherwise the TypeScript kernels run (Node, tests).
 */
import { generateDemoSeries } from '../demo/messagingMetric';
import {
  crossValidate as crossValidateModel,
  foresightModel,
  performanceMetrics,
  tune as tuneModel,
} from '../model/evaluation';
import type { CrossValidationOptions, PerformanceMetricsOptions, TuneOptions } from '../model/evaluation';
import {
  deserialize,
  fit as fitModel,
  ModelInputError,
  predict as predictModel,
  serialize,
  typescriptKernels,
} from '../model';
import type { DesignLayout, Kernels, ModelParams } from '../model';

/** What the Go host provides; results come back as ArrayBuffers of native-endian float64. */
export interface GoKernelHost {
  designMatrix(
    timestamps: Float64Array,
    layoutJson: string,
    columns: Int32Array | null,
    rowScale: Float64Array | null
  ): ArrayBuffer;
  /** One buffer: the p × p Gram matrix followed by the p entries of Xᵀ diag(w) y. */
  weightedGram(X: Float64Array, n: number, p: number, y: Float64Array, w: Float64Array | null): ArrayBuffer;
  solveSpd(A: Float64Array, b: Float64Array, p: number): ArrayBuffer;
  multiply(X: Float64Array, n: number, p: number, beta: Float64Array, from: number, to: number): ArrayBuffer;
  quantile(values: Float64Array, q: number): number;
  // The per-point kernels: same arguments as in `Kernels`; arrays come back as ArrayBuffers.
  madSigma: Kernels['madSigma'];
  updateResiduals: Kernels['updateResiduals'];
  hampelWeights: Kernels['hampelWeights'];
  scaled(values: Float64Array, factor: number, abs: boolean, keep: Float64Array | null): ArrayBuffer;
  addScaled: Kernels['addScaled'];
  differences(values: Float64Array, sort: boolean, positiveOnly: boolean): ArrayBuffer;
  firstNonFinite: Kernels['firstNonFinite'];
  trainingRows: Kernels['trainingRows'];
  lagCorrelation: Kernels['lagCorrelation'];
  seasonalRemainder(
    timestamps: Float64Array,
    residuals: Float64Array,
    weights: Float64Array,
    periodMs: number,
    toleranceMs: number,
    rho: number
  ): ArrayBuffer;
  judge: Kernels['judge'];
}

/** Wraps the host's functions in the model's `Kernels` interface. */
export function goKernels(host: GoKernelHost): Kernels {
  const layoutText = new WeakMap<DesignLayout, string>();
  const layoutJson = (layout: DesignLayout): string => {
    let text = layoutText.get(layout);
    if (text === undefined) {
      text = JSON.stringify(layout);
      layoutText.set(layout, text);
    }
    return text;
  };
  return {
    designMatrix: (timestamps, layout, multiplicative) =>
      new Float64Array(
        host.designMatrix(
          timestamps,
          layoutJson(layout),
          multiplicative ? multiplicative.columns : null,
          multiplicative ? multiplicative.row_scale : null
        )
      ),
    weightedGram: (X, n, p, y, w) => {
      const both = new Float64Array(host.weightedGram(X, n, p, y, w));
      return { gram: both.subarray(0, p * p), xty: both.subarray(p * p, p * p + p) };
    },
    solveSpd: (A, b, p) => new Float64Array(host.solveSpd(A, b, p)),
    multiply: (X, n, p, beta, from = 0, to = p) => new Float64Array(host.multiply(X, n, p, beta, from, to)),
    quantile: (values, q) => host.quantile(values, q),
    madSigma: (values) => host.madSigma(values),
    updateResiduals: (ys, fitted, residuals) => host.updateResiduals(ys, fitted, residuals),
    hampelWeights: (residuals, scale, weights, deficit) => host.hampelWeights(residuals, scale, weights, deficit),
    scaled: (values, factor, abs, keep) => new Float64Array(host.scaled(values, factor, abs, keep)),
    addScaled: (target, values, factor) => host.addScaled(target, values, factor),
    differences: (values, sort, positiveOnly) => new Float64Array(host.differences(values, sort, positiveOnly)),
    firstNonFinite: (values) => host.firstNonFinite(values),
    trainingRows: (timestamps, values, exclude, outTimes, outValues) =>
      host.trainingRows(timestamps, values, exclude, outTimes, outValues),
    lagCorrelation: (timestamps, residuals, weights, lagMs, toleranceMs, minPairs) =>
      host.lagCorrelation(timestamps, residuals, weights, lagMs, toleranceMs, minPairs),
    seasonalRemainder: (timestamps, residuals, weights, periodMs, toleranceMs, rho) =>
      new Float64Array(host.seasonalRemainder(timestamps, residuals, weights, periodMs, toleranceMs, rho)),
    judge: (yhat, values, extraVariance, summary, lower, upper, outlier, score) =>
      host.judge(yhat, values, extraVariance, summary, lower, upper, outlier, score),
  };
}

function activeKernels(): Kernels {
  const host = (globalThis as { __foresightGoKernels?: GoKernelHost }).__foresightGoKernels;
  return host ? goKernels(host) : typescriptKernels;
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
  return value as T;
}

/** JSON with typed arrays written as plain arrays (non-finite numbers become null, as JSON has no NaN). */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
}

function float64(buffer: ArrayBuffer): Float64Array {
  return new Float64Array(buffer);
}

export interface PredictOutput {
  yhat: Float64Array;
  yhat_lower: Float64Array;
  yhat_upper: Float64Array;
  score: Float64Array;
  outlier: Int8Array;
}

export interface DemoOutput {
  timestamps: Float64Array;
  values: Float64Array;
}

/** Demo series by name; each is pure and deterministic for a seed. */
const DEMO_SERIES = ['messaging'];
const MAX_DEMO_POINTS = 1_000_000;

export function fit(timestamps: ArrayBuffer, values: ArrayBuffer, paramsJson: string): string {
  const params = parseObject<Partial<ModelParams>>(paramsJson, 'params');
  return serialize(fitModel(float64(timestamps), float64(values), params, activeKernels()));
}

export function predict(modelText: string, timestamps: ArrayBuffer, values: ArrayBuffer | null): PredictOutput {
  const out = predictModel(
    deserialize(modelText),
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
  const out = predictModel(deserialize(modelText), float64(timestamps), undefined, activeKernels());
  const parts: Record<string, Float64Array> = { trend: out.trend };
  for (const [name, values] of Object.entries(out.seasonal)) {
    parts[name in parts || name === 'holidays' ? `seasonality_${name}` : name] = values;
  }
  parts.holidays = out.holidays;
  return parts;
}

/** Rolling-origin cross-validation scored with Prophet's performance metrics; options in ms. */
export function crossValidate(
  timestamps: ArrayBuffer,
  values: ArrayBuffer,
  paramsJson: string,
  optionsJson: string
): string {
  const params = parseObject<Partial<ModelParams>>(paramsJson, 'params');
  const options = parseObject<CrossValidationOptions & PerformanceMetricsOptions>(optionsJson, 'options');
  const rows = crossValidateModel(float64(timestamps), float64(values), params, {
    ...options,
    model: foresightModel(activeKernels()),
  });
  return toJson(performanceMetrics(rows, { rollingWindow: options.rollingWindow }));
}

/** Grid search by cross-validation; the result lists every combination, best first. */
export function tune(timestamps: ArrayBuffer, values: ArrayBuffer, paramsJson: string, optionsJson: string): string {
  const params = parseObject<Partial<ModelParams>>(paramsJson, 'params');
  const options = parseObject<TuneOptions>(optionsJson, 'options');
  return toJson(
    tuneModel(float64(timestamps), float64(values), params, { ...options, model: foresightModel(activeKernels()) })
  );
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
