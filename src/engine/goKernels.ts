/**
 * The JavaScript side of the Go kernel adapter: the model's `Kernels` served by the functions the Go backend
 * defines in its runtime (pkg/engine/host.go binds them). The host's type is derived from `Kernels`, so the
 * two cannot drift; only a kernel that returns arrays needs a line here, to wrap the buffer Go hands back.
 */
import { typescriptKernels } from '../model';
import type { DesignLayout, Kernels } from '../model';

/**
 * How an argument crosses to Go: typed arrays, numbers, booleans and plain objects of them as they are (Go
 * reads typed arrays in place and an object's fields by name), a design layout as JSON text, and a missing
 * optional argument as null.
 */
type ToHost<A> = A extends DesignLayout ? string : A;
type HostArguments<P extends unknown[]> = {
  [I in keyof P]-?: ToHost<Exclude<P[I], undefined>> | (undefined extends P[I] ? null : never);
};
/**
 * How a result comes back: numbers, booleans and strings as they are; a typed array, or an object of typed arrays (its
 * fields one after another, in declaration order), as one ArrayBuffer of float64.
 */
type FromHost<R> = R extends number | boolean | string | void ? R : ArrayBuffer;

/** What the Go host defines: one function per kernel. */
export type GoKernelHost = {
  [K in keyof Kernels]: (...args: HostArguments<Parameters<Kernels[K]>>) => FromHost<ReturnType<Kernels[K]>>;
};

/** The name of the global the Go host defines before the bundle runs. */
export const GO_KERNEL_HOST = '__foresightGoKernels';

/** Wraps the host's functions in the model's `Kernels` interface. */
export function goKernels(host: GoKernelHost): Kernels {
  const missing = Object.keys(typescriptKernels).filter(
    (name) => typeof (host as unknown as Record<string, unknown>)[name] !== 'function'
  );
  if (missing.length > 0) {
    throw new Error(`the Go kernel host defines no ${missing.join(', ')}`);
  }
  const layoutText = new WeakMap<DesignLayout, string>();
  const layoutJson = (layout: DesignLayout): string => {
    let text = layoutText.get(layout);
    if (text === undefined) {
      text = JSON.stringify(layout);
      layoutText.set(layout, text);
    }
    return text;
  };
  const f64 = (buffer: ArrayBuffer) => new Float64Array(buffer);
  return {
    // Kernels that return numbers or nothing take the host's function as it is.
    ...host,
    designMatrix: (timestamps, layout, multiplicative) =>
      f64(host.designMatrix(timestamps, layoutJson(layout), multiplicative ?? null)),
    weightedGram: (X, n, p, y, w) => {
      const both = f64(host.weightedGram(X, n, p, y, w));
      return { gram: both.subarray(0, p * p), xty: both.subarray(p * p, p * p + p) };
    },
    solveSpd: (A, b, p) => f64(host.solveSpd(A, b, p)),
    solveColumns: (gram, width, columns, ridge, floor) => f64(host.solveColumns(gram, width, columns, ridge, floor)),
    multiply: (X, n, p, beta, from = 0, to = p) => f64(host.multiply(X, n, p, beta, from, to)),
    scaled: (values, factor, abs, keep) => f64(host.scaled(values, factor, abs, keep)),
    differences: (values, sort, positiveOnly) => f64(host.differences(values, sort, positiveOnly)),
    quantiles: (values, qs) => f64(host.quantiles(values, qs)),
    rollingMedians: (values, k) => f64(host.rollingMedians(values, k)),
    equalRuns: (values, minRun) => f64(host.equalRuns(values, minRun)),
    seasonalRemainder: (timestamps, residuals, weights, carry) =>
      f64(host.seasonalRemainder(timestamps, residuals, weights, carry)),
    gridLookup: (timestamps, grid, table, fallback) => f64(host.gridLookup(timestamps, grid, table, fallback)),
    lagDesign: (values, lags, from, to, intercept, keep) =>
      f64(host.lagDesign(values, lags, from, to, intercept, keep)),
    arPsiVariance: (lags, coefficients, steps) => f64(host.arPsiVariance(lags, coefficients, steps)),
    binnedSums: (timestamps, values, weights, originMs, binMs, bins) =>
      f64(host.binnedSums(timestamps, values, weights, originMs, binMs, bins)),
    dayKindDifference: (sums, binsPerDay, days, offDay, significance, minBar) =>
      f64(host.dayKindDifference(sums, binsPerDay, days, offDay, significance, minBar)),
    holtWintersStart: (timestamps, values, grid, initSlots) =>
      f64(host.holtWintersStart(timestamps, values, grid, initSlots)),
    trainNetwork: (rows, targets, settings) => f64(host.trainNetwork(rows, targets, settings)),
    networkOutputs: (weights, rows, inputs, hidden) => f64(host.networkOutputs(weights, rows, inputs, hidden)),
    decodeFloat64s: (text) => f64(host.decodeFloat64s(text)),
    expandRuns: (runs) => f64(host.expandRuns(runs)),
    collapseRuns: (times) => f64(host.collapseRuns(times)),
    decodeValueSteps: (text, step) => f64(host.decodeValueSteps(text, step)),
  };
}

/** The Go kernels when the host defines them (the backend), else null (Node, tests, the browser). */
export function hostKernels(): Kernels | null {
  const host = (globalThis as Record<string, unknown>)[GO_KERNEL_HOST] as GoKernelHost | undefined;
  if (!host) {
    return null;
  }
  // Wrapped once per host: every engine call asks, and wrapping checks and copies every kernel.
  if (wrapped?.host !== host) {
    wrapped = { host, kernels: goKernels(host) };
  }
  return wrapped.kernels;
}

let wrapped: { host: GoKernelHost; kernels: Kernels } | undefined;

/** The name of the global holding the host's jsonText (pkg/engine/jsontext.go). */
export const JSON_TEXT_HOST = '__foresightJsonText';

/**
 * The host's jsonText when it defines one (the backend), else undefined: a string as a value the host's
 * JSON.stringify writes exactly as it writes the string, only faster (serializeModelParts' longText).
 */
export function hostJsonText(): ((text: string) => unknown) | undefined {
  const jsonText = (globalThis as Record<string, unknown>)[JSON_TEXT_HOST];
  return typeof jsonText === 'function' ? (jsonText as (text: string) => unknown) : undefined;
}
