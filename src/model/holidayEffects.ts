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

/** Rows on any holiday (> 0) or on none (≤ 0), as a mask `scaled` can keep by. */
export function holidayMembership(kernels: Kernels, timestamps: Float64Array, layout: DesignLayout): Float64Array {
  const k = layout.indicators.length;
  const H = kernels.designMatrix(timestamps, holidayLayout(layout));
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
  layout: DesignLayout,
  multiplicative: boolean,
  base: Float64Array
): Float64Array {
  const k = layout.indicators.length;
  if (!multiplicative) {
    return kernels.designMatrix(timestamps, holidayLayout(layout));
  }
  const columns = new Int32Array(k);
  for (let j = 0; j < k; j++) {
    columns[j] = j + 1;
  }
  return kernels.designMatrix(timestamps, holidayLayout(layout), { columns, row_scale: base });
}

/**
 * Holiday coefficients from the rows on holidays: ridge regression of their departures from the base
 * expectation on the holiday columns (Normal prior with each holiday's prior scale), Hampel-reweighted
 * when `robust` so an incident on a holiday is not learned as the holiday. Returns one coefficient per
 * holiday column; multiplicative effects never go below −1 (a holiday cannot make a count negative).
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
): Float64Array {
  const m = timestamps.length;
  const k = holidayComponents.length;
  const q = k + 1;
  const gammaFull = new Float64Array(q);
  if (m === 0 || k === 0) {
    return gammaFull.subarray(1);
  }
  const weights = new Float64Array(m).fill(1);
  const deficit = new Float64Array(m);
  const residuals = new Float64Array(m);
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
    if (!robust || !(sigma > 0)) {
      break;
    }
    kernels.updateResiduals(departures, kernels.multiply(design, m, q, gammaFull), residuals);
    kernels.hampelWeights(residuals, sigma, weights, deficit, HAMPEL_KNEES);
  }
  return gammaFull.slice(1);
}
