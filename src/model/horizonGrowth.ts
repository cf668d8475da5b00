import { firstAbove } from './shortTerm';
import { normalQuantile } from './statistics';
import type { Kernels } from './types';

/**
 * How the spread of forecast errors grows with the distance past the end of training, learned from the
 * series' own out-of-sample errors: the regression refitted on prefixes of the training rows (regression.ts)
 * forecasts the rows after each prefix. Errors grow with the horizon as the level wanders and the trend's slope
 * changes, which residuals of the fitted rows never show; how fast, and whether they level off (weather
 * deviations do, a random walk does not), differs from series to series, so the shape is read, not assumed.
 *
 * The errors are pooled into horizon bins (doubling in width, so the first hours of a forecast are resolved as
 * well as its last weeks); each bin's error variance is read from its |errors| and made non-decreasing with the
 * horizon. The residual carry `predict` adds is left out of the errors: with it the bands came out within a
 * point or two of these (3 on the 5-minute yosemite example), and computing it point by point cost the Go
 * backend's script runtime a third more per fit. A point past the end of training gets the part of the
 * variance at its horizon that goes beyond what the residual band already stands for (forecaster.ts), so the
 * band never narrows and widens only where forecasts were seen to miss by more. Between bins the variance is
 * interpolated linearly; past the longest horizon measured it grows on at the average rate over the bins.
 */
export interface HorizonGrowth {
  /** Horizons (ms past the end of training), ascending: the bins' midpoints. At most 10. */
  horizon_ms: number[];
  /** Forecast error variance at each horizon (y units², non-decreasing). */
  variance: number[];
}

/** Out-of-sample errors of prefix fits: rows from `origins[k]` on, under a fit of the rows before it. */
export interface ForecastErrors {
  timestamps: Float64Array;
  /** The full fit's robust weights: rows it rejected (0) are incidents, not forecast errors. */
  weights: Float64Array;
  /** First out-of-sample row of each prefix fit, ascending. */
  origins: number[];
  /** Scaled residuals of rows origins[k] … n − 1 under the k-th prefix fit. */
  errors: Float64Array[];
}

/** Horizon bins: the last is (H/2, H], each before it half as wide, the first (0, H/2^BIN_DOUBLINGS]. */
const BIN_DOUBLINGS = 9;
/** A bin's spread is read only from at least this many errors; thinner bins join the next one. */
const MIN_BIN_ERRORS = 20;
/** Bins needed to read a growth at all. */
const MIN_BINS = 2;
/** Most the share of |errors| a bin's spread is read at: 0.9 leaves a tenth of even the thinnest bin's errors above it. */
const MAX_READ_LEVEL = 0.9;

/** The bins' horizons (midpoints) and error variances (y units²), shortest first. */
function binVariances(
  kernels: Kernels,
  measured: ForecastErrors,
  yScale: number,
  longest: number,
  level: number
): { horizons: number[]; variances: number[] } {
  const { timestamps: ts, weights, origins, errors } = measured;
  const n = ts.length;
  // A wide interval's quantile is read as a normal scale from a level bins hold enough errors beyond.
  const read = Math.min(level, MAX_READ_LEVEL);
  const z = normalQuantile(0.5 + read / 2);
  const pooled = new Float64Array(errors.reduce((s, e) => s + e.length, 0));
  const horizons: number[] = [];
  const variances: number[] = [];
  let low = 0;
  let count = 0;
  // Each origin's first row past the bins so far (past its own time to begin with): a bin's upper edge is the
  // next one's lower edge, so each edge is searched for once, from the one before it.
  const reached = origins.map((origin) => firstAbove(ts, ts[origin - 1], origin));
  for (let b = BIN_DOUBLINGS; b >= 0; b--) {
    const high = b === 0 ? Infinity : longest / Math.pow(2, b);
    for (let k = 0; k < origins.length; k++) {
      // Rows whose horizon is in (the last bin's high, high]: a contiguous run of the sorted times. Rows the full
      // fit rejected (spikes, outages) are left out, as the residual band leaves them out.
      const origin = origins[k];
      const from = reached[k];
      const to = high === Infinity ? n : firstAbove(ts, ts[origin - 1] + high, from);
      reached[k] = to;
      if (to > from) {
        const kept = kernels.scaled(
          errors[k].subarray(from - origin, to - origin),
          yScale,
          true,
          weights.subarray(from, to)
        );
        pooled.set(kept, count);
        count += kept.length;
      }
    }
    if (count >= MIN_BIN_ERRORS) {
      const q = kernels.quantile(pooled.subarray(0, count), read);
      horizons.push((low + Math.min(high, longest)) / 2);
      variances.push((q / z) * (q / z));
      low = high;
      count = 0;
    }
  }
  return { horizons, variances };
}

/**
 * Pool-adjacent-violators: the non-decreasing sequence nearest (least squares) to `values`, so a stretch of
 * history that happened to be easy to forecast at a long horizon does not make the band narrow there.
 */
export function nonDecreasing(values: number[]): number[] {
  const means: number[] = [];
  const sizes: number[] = [];
  for (const v of values) {
    let mean = v;
    let size = 1;
    while (means.length > 0 && means[means.length - 1] > mean) {
      const m = means.pop() as number;
      const s = sizes.pop() as number;
      mean = (m * s + mean * size) / (s + size);
      size += s;
    }
    means.push(mean);
    sizes.push(size);
  }
  const out: number[] = [];
  means.forEach((m, i) => {
    for (let j = 0; j < sizes[i]; j++) {
      out.push(m);
    }
  });
  return out;
}

/**
 * The growth of the error variance with the horizon, or null when the errors are too few to tell. Each bin's
 * variance is a quantile of its |errors| (at the interval's `level`, at most MAX_READ_LEVEL) read as a normal
 * scale, so the band that widens with it covers that share of the errors, skewed or biased ones included.
 */
export function horizonGrowth(
  kernels: Kernels,
  measured: ForecastErrors | null,
  yScale: number,
  level: number
): HorizonGrowth | null {
  if (measured === null || measured.origins.length === 0) {
    return null;
  }
  const { timestamps: ts, origins } = measured;
  const first = origins[0];
  if (first < 1 || first >= ts.length) {
    return null;
  }
  const longest = ts[ts.length - 1] - ts[first - 1];
  if (!(longest > 0)) {
    return null;
  }
  const bins = binVariances(kernels, measured, yScale, longest, level);
  if (bins.horizons.length < MIN_BINS || !bins.variances.every(Number.isFinite)) {
    return null;
  }
  const monotone = nonDecreasing(bins.variances);
  return { horizon_ms: bins.horizons, variance: monotone };
}

/**
 * The error variance the growth expects at `msAfterEnd` past the end of training (y units²): the first bin's up
 * to its horizon, linear between horizons, and on at the average rate past the last.
 */
export function growthVariance(growth: HorizonGrowth, msAfterEnd: number): number {
  const h = growth.horizon_ms;
  const v = growth.variance;
  if (!(msAfterEnd > h[0])) {
    return v[0];
  }
  const last = h.length - 1;
  for (let k = 1; k <= last; k++) {
    if (msAfterEnd <= h[k]) {
      return v[k - 1] + ((v[k] - v[k - 1]) * (msAfterEnd - h[k - 1])) / (h[k] - h[k - 1]);
    }
  }
  return v[last] + ((v[last] - v[0]) * (msAfterEnd - h[last])) / (h[last] - h[0]);
}
