/**
 * The grid a fitted model keeps its training values on, so that they can be stored as value steps
 * (valueSteps.ts): a power of two q, each value rounded to the nearest multiple of q once the model is fitted.
 * The fitted model is then exactly what its text restores.
 *
 * - q is the largest power of two at most scale / 1024, scale the smallest of the band half-widths and residual
 *   scales the model judges by (each at least the series' resolution). Rounding moves a value by at most
 *   q / 2 ≤ scale / 2048, and so an expectation that is a median of values, and the band around it, by as much:
 *   a departure's score moves by a two-thousandth of a scale at most.
 * - Values already on a coarser power-of-two grid (whole counts, halves, ...) keep that grid: no rounding.
 * - No grid (0: values kept as they are) when the scale is 0 and the values are on no grid within 2⁵¹ steps, or
 *   the values span 2⁵¹ steps or more.
 */
import type { Kernels } from './types';
import type { ResidualSummary } from './uncertainty';
import { isGridStep, MAX_GRID_STEPS, powerOfTwoAtMost } from './valueSteps';

/** The grid step as a fraction of the scale the model judges by, at most. */
export const GRID_SCALE_FRACTION = 1 / 1024;

/** The finest scale a band judges departures by: its half-widths and residual scales. */
export function judgedScale(r: ResidualSummary): number {
  return Math.min(r.band_below, r.band_above, r.scale_below, r.scale_above);
}

/** The step of the values' grid (see above) for a model that judges by `scale`; 0 for none. */
export function gridStep(values: Float64Array, scale: number, kernels: Kernels): number {
  if (values.length === 0) {
    return 0;
  }
  const lossless = kernels.coarsestBinaryStep(values);
  const fine = powerOfTwoAtMost(scale * GRID_SCALE_FRACTION);
  // Every value 0: any grid holds them.
  const step = lossless === Infinity ? 1 : Math.max(lossless, fine);
  if (!isGridStep(step)) {
    return 0;
  }
  const largest = kernels.quantile(kernels.scaled(values, 1, true, null), 1);
  return largest / step <= MAX_GRID_STEPS - 1 ? step : 0;
}

/** The values on a grid of `step` (a copy; step 0: the values themselves), through the text they are stored as. */
export function onGrid(values: Float64Array, step: number, kernels: Kernels): Float64Array {
  return step > 0 ? kernels.decodeValueSteps(kernels.encodeValueSteps(values, step), step) : values;
}
