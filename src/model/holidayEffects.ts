/**
 * Holiday effects, fitted after the rest of the model. Trend and seasonality learn from ordinary
 * rows only; each holiday's effect is then learned from its own rows' departures from that
 * expectation. Fitted jointly, a run of holidays at the end of training trades off against the
 * trend's last slope (each holiday day gets a free level, the slope bends to fit the shape within
 * them) and the bent slope is extrapolated past the holidays: the demo's Chuseok week drove the
 * online expectation to −32,000 that way.
 */
import type { ComponentColumns } from './features';
import { layoutWidth } from './kernels';
import { HAMPEL_KNEES } from './robust';
import type { DesignLayout, Kernels } from './types';

/** A multiplicative holiday may take the whole expectation away, never more. */
const MIN_FACTOR_CHANGE = -1;
const ITERATIONS = 4;

/** Layout whose columns are an intercept (unused) followed by the holiday indicators. */
export function holidayLayout(layout: DesignLayout): DesignLayout {
  return { ...layout, linear: false, changepoints_t: [], fourier: [] };
}

/** The layout without holiday columns, and the components that go with it. */
export function baseModel(
  layout: DesignLayout,
  components: ComponentColumns[]
): { layout: DesignLayout; components: ComponentColumns[] } {
  return { layout: { ...layout, indicators: [] }, components: components.filter((c) => c.kind !== 'holiday') };
}

/**
 * Rows on any holiday (> 0) or on none (≤ 0), as a mask `scaled` can keep by. `holidays` is
 * `holidayLayout(layout)`; pass the same object to every call of a fit, so its JSON is made once.
 */
export function holidayMembership(kernels: Kernels, timestamps: Float64Array, holidays: DesignLayout): Float64Array {
  const k = holidays.indicators.length;
  const H = kernels.designMatrix(timestamps, holidays);
  const ones = new Float64Array(k + 1).fill(1);
  ones[0] = 0;
  return kernels.multiply(H, timestamps.length, k + 1, ones);
}

/**
 * Expectation (scaled units) of the model without holidays: trend, plus seasonalities that are
 * either added or multiplied by the trend.
 */
export function baseExpectation(
  kernels: Kernels,
  timestamps: Float64Array,
  layout: DesignLayout,
  components: ComponentColumns[],
  beta: Float64Array
): Float64Array {
  const n = timestamps.length;
  const p = layoutWidth(layout);
  const trend = components[0];
  let X = kernels.designMatrix(timestamps, layout);
  const multiplicativeColumns = multiplicativeColumnsOf(components);
  if (multiplicativeColumns.length > 0) {
    const trendNow = kernels.multiply(X, n, p, beta, trend.from, trend.to);
    X = kernels.designMatrix(timestamps, layout, { columns: multiplicativeColumns, row_scale: trendNow });
  }
  return kernels.multiply(X, n, p, beta);
}

export function multiplicativeColumnsOf(components: ComponentColumns[]): Int32Array {
  const columns: number[] = [];
  for (const c of components) {
    if (c.multiplicative && c.kind === 'seasonality') {
      for (let j = c.from; j < c.to; j++) {
        columns.push(j);
      }
    }
  }
  return Int32Array.from(columns);
}

/**
 * Holiday rows' design: an unused intercept column, then one indicator per holiday, multiplied by
 * the base expectation for multiplicative holidays.
 */
export function holidayDesign(
  kernels: Kernels,
  timestamps: Float64Array,
  holidays: DesignLayout,
  multiplicative: boolean,
  base: Float64Array
): Float64Array {
  const k = holidays.indicators.length;
  if (!multiplicative) {
    return kernels.designMatrix(timestamps, holidays);
  }
  const columns = new Int32Array(k);
  for (let j = 0; j < k; j++) {
    columns[j] = j + 1;
  }
  return kernels.designMatrix(timestamps, holidays, { columns, row_scale: base });
}

/**
 * Holiday coefficients from the rows on holidays: ridge regression of their departures from the base
 * expectation on the holiday columns (Normal prior with each holiday's prior scale), Hampel-reweighted
 * when `robust` so an incident on a holiday is not learned as the holiday. Returns one coefficient per
 * holiday column (multiplicative effects never go below −1: a holiday cannot make a count negative), and
 * the rows' residuals and robust weights under them.
 */
export function fitHolidayEffects(
  kernels: Kernels,
  timestamps: Float64Array,
  departures: Float64Array,
  design: Float64Array,
  holidayComponents: ComponentColumns[],
  multiplicative: boolean,
  sigma: number,
  robust: boolean
): { effects: Float64Array; residuals: Float64Array; weights: Float64Array } {
  const m = timestamps.length;
  const k = holidayComponents.length;
  const q = k + 1;
  const gammaFull = new Float64Array(q);
  const weights = new Float64Array(m).fill(1);
  const residuals = departures.slice();
  if (m === 0 || k === 0) {
    return { effects: gammaFull.subarray(1), residuals, weights };
  }
  const deficit = new Float64Array(m);
  const s2 = sigma * sigma;
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const { gram, xty } = kernels.weightedGram(design, m, q, departures, iteration === 0 ? null : weights);
    const A = new Float64Array(k * k);
    const b = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      b[i] = xty[i + 1];
      for (let j = 0; j < k; j++) {
        A[i * k + j] = gram[(i + 1) * q + j + 1];
      }
      const tau = holidayComponents[i].prior_scale;
      // A column with no weighted rows left keeps only its prior: its effect goes to zero.
      A[i * k + i] += Math.max(s2, 1e-12) / (tau * tau);
    }
    const gamma = kernels.solveSpd(A, b, k);
    for (let j = 0; j < k; j++) {
      gammaFull[j + 1] = multiplicative ? Math.max(MIN_FACTOR_CHANGE, gamma[j]) : gamma[j];
    }
    kernels.updateResiduals(departures, kernels.multiply(design, m, q, gammaFull), residuals);
    if (!robust || !(sigma > 0)) {
      break;
    }
    kernels.hampelWeights(residuals, sigma, weights, deficit, HAMPEL_KNEES);
  }
  return { effects: gammaFull.slice(1), residuals, weights };
}

/**
 * Two sets of rows, each sorted by time, as one in time order: the values of `b` placed among those of `a`
 * (ties keep a before b). The training-rows kernel sorts stably, so this costs a sort in the kernels
 * instead of a second design matrix over every row.
 */
export function mergeByTime(
  kernels: Kernels,
  a: { timestamps: Float64Array; values: Float64Array },
  b: { timestamps: Float64Array; values: Float64Array }
): Float64Array {
  const n = a.timestamps.length + b.timestamps.length;
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  times.set(a.timestamps);
  times.set(b.timestamps, a.timestamps.length);
  values.set(a.values);
  values.set(b.values, a.values.length);
  const merged = new Float64Array(n);
  if (kernels.trainingRows(times, values, new Float64Array(0), new Float64Array(n), merged) !== n) {
    throw new Error('mergeByTime: a value to merge is not finite');
  }
  return merged;
}
