import { combineVerdicts } from './families/ensembleKernels';
import { collapseRuns, decodeFloat64s, encodeFloat64s, expandRuns } from './float64Text';
import { coarsestBinaryStep, decodeValueSteps, encodeValueSteps } from './valueSteps';
import { dayKindDifference } from './dayKindKernels';
import { slotSummaries } from './families/pastKernels';
import * as autoregressiveKernels from './families/autoregressiveKernels';
import { holtWintersFilter, holtWintersStart } from './families/holtWintersKernels';
import { networkOutputs, trainNetwork } from './families/neuralKernels';
import * as pointKernels from './pointKernels';
import { equalRuns } from './stuckRuns';
import { raiseSustained, rollingMedians } from './sustainedKernels';
import { quantile, quantiles } from './statistics';
import type { DesignLayout, Kernels } from './types';

const TWO_PI = 2 * Math.PI;
/** The period of a condition's week phase (ActiveCondition). */
export const WEEK_MS = 7 * 86_400_000;

/** Number of design-matrix columns a layout produces. */
export function layoutWidth(layout: DesignLayout): number {
  let p = layout.linear ? 2 + layout.changepoints_t.length : 1;
  for (const f of layout.fourier) {
    p += 2 * f.order + (f.level === true ? 1 : 0);
  }
  return p + layout.indicators.length;
}

function designMatrix(
  timestamps: Float64Array,
  layout: DesignLayout,
  multiplicative?: { columns: Int32Array; row_scale: Float64Array }
): Float64Array {
  const n = timestamps.length;
  const p = layoutWidth(layout);
  const X = new Float64Array(n * p);
  const cps = Float64Array.from(layout.changepoints_t);
  const nCps = cps.length;
  const nFourier = layout.fourier.length;
  const periods = Float64Array.from(layout.fourier, (f) => f.period_ms);
  const orders = Int32Array.from(layout.fourier, (f) => f.order);
  // A conditional block's flip intervals are walked with a cursor, as the indicators' are.
  const conditions = layout.fourier.map((f) => f.active ?? null);
  const levels = layout.fourier.map((f) => f.level === true);
  const flipCursors = new Int32Array(nFourier);
  const linear = layout.linear;
  const t0 = layout.t0;
  const tScale = layout.t_scale;
  const nIndicators = layout.indicators.length;
  // Each indicator's intervals are sorted; walking them with a cursor is linear for sorted timestamps
  // and falls back to a reset when time goes backwards.
  const cursors = new Int32Array(nIndicators);
  let previous = -Infinity;
  for (let i = 0; i < n; i++) {
    const ms = timestamps[i];
    const row = i * p;
    if (ms < previous) {
      cursors.fill(0);
      flipCursors.fill(0);
    }
    previous = ms;
    let c = 0;
    X[row + c++] = 1;
    if (linear) {
      const t = (ms - t0) / tScale;
      X[row + c++] = t;
      for (let j = 0; j < nCps; j++) {
        const d = t - cps[j];
        X[row + c++] = d > 0 ? d : 0;
      }
    }
    for (let f = 0; f < nFourier; f++) {
      const order = orders[f];
      const condition = conditions[f];
      if (condition !== null) {
        let k = flipCursors[f];
        const flip = condition.flip;
        while (k < flip.length && flip[k + 1] <= ms) {
          k += 2;
        }
        flipCursors[f] = k;
        let w = (ms + condition.week_offset_ms) % WEEK_MS;
        if (w < 0) {
          w += WEEK_MS;
        }
        const week = condition.week;
        let inWeek = false;
        for (let j = 0; j < week.length; j += 2) {
          if (week[j] <= w && w < week[j + 1]) {
            inWeek = true;
            break;
          }
        }
        if (inWeek === (k < flip.length && flip[k] <= ms)) {
          c += 2 * order + (levels[f] ? 1 : 0); // inactive here: the block's columns stay zero
          continue;
        }
        if (levels[f]) {
          X[row + c++] = 1;
        }
      }
      const period = periods[f];
      // Phase from the remainder keeps precision for epoch-sized times.
      let r = ms % period;
      if (r < 0) {
        r += period;
      }
      const angle = (TWO_PI * r) / period;
      const s1 = Math.sin(angle);
      const c1 = Math.cos(angle);
      let sk = s1;
      let ck = c1;
      for (let k = 1; k <= order; k++) {
        X[row + c++] = sk;
        X[row + c++] = ck;
        const nextS = sk * c1 + ck * s1;
        ck = ck * c1 - sk * s1;
        sk = nextS;
      }
    }
    for (let h = 0; h < nIndicators; h++) {
      const iv = layout.indicators[h].intervals;
      let k = cursors[h];
      while (k < iv.length && iv[k + 1] <= ms) {
        k += 2;
      }
      cursors[h] = k;
      X[row + c++] = k < iv.length && iv[k] <= ms ? 1 : 0;
    }
  }
  if (multiplicative) {
    const cols = multiplicative.columns;
    const scale = multiplicative.row_scale;
    for (let i = 0; i < n; i++) {
      const row = i * p;
      const s = scale[i];
      for (let j = 0; j < cols.length; j++) {
        X[row + cols[j]] *= s;
      }
    }
  }
  return X;
}

function weightedGram(
  X: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  w: Float64Array | null
): { gram: Float64Array; xty: Float64Array } {
  const gram = new Float64Array(p * p);
  const xty = new Float64Array(p);
  // Rows that count, with their weights; zero weights are skipped (a downdate touches few rows).
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    if (w === null || w[i] !== 0) {
      rows.push(i);
    }
  }
  const m = rows.length;
  let k = 0;
  // Four rows per pass over the upper triangle: a quarter of the loads and stores on the Gram matrix.
  for (; k + 3 < m; k += 4) {
    const i0 = rows[k];
    const i1 = rows[k + 1];
    const i2 = rows[k + 2];
    const i3 = rows[k + 3];
    const r0 = i0 * p;
    const r1 = i1 * p;
    const r2 = i2 * p;
    const r3 = i3 * p;
    const w0 = w === null ? 1 : w[i0];
    const w1 = w === null ? 1 : w[i1];
    const w2 = w === null ? 1 : w[i2];
    const w3 = w === null ? 1 : w[i3];
    for (let a = 0; a < p; a++) {
      const x0 = w0 * X[r0 + a];
      const x1 = w1 * X[r1 + a];
      const x2 = w2 * X[r2 + a];
      const x3 = w3 * X[r3 + a];
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) {
        continue;
      }
      xty[a] += x0 * y[i0] + x1 * y[i1] + x2 * y[i2] + x3 * y[i3];
      const base = a * p;
      for (let b = a; b < p; b++) {
        gram[base + b] += x0 * X[r0 + b] + x1 * X[r1 + b] + x2 * X[r2 + b] + x3 * X[r3 + b];
      }
    }
  }
  for (; k < m; k++) {
    const i = rows[k];
    const row = i * p;
    const wi = w === null ? 1 : w[i];
    for (let a = 0; a < p; a++) {
      const xa = wi * X[row + a];
      if (xa === 0) {
        continue;
      }
      xty[a] += xa * y[i];
      const base = a * p;
      for (let b = a; b < p; b++) {
        gram[base + b] += xa * X[row + b];
      }
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = a + 1; b < p; b++) {
      gram[b * p + a] = gram[a * p + b];
    }
  }
  return { gram, xty };
}

/** Cholesky solve; adds diagonal jitter when rounding makes A look indefinite. */
function solveSpd(A: Float64Array, b: Float64Array, p: number): Float64Array {
  let maxDiag = 0;
  for (let i = 0; i < p; i++) {
    maxDiag = Math.max(maxDiag, Math.abs(A[i * p + i]));
  }
  let jitter = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    const L = choleskyFactor(A, p, jitter);
    if (L) {
      return choleskySubstitute(L, b, p);
    }
    jitter = jitter === 0 ? Math.max(maxDiag, 1) * 1e-12 : jitter * 100;
  }
  throw new Error('normal equations are not positive definite');
}

function choleskyFactor(A: Float64Array, p: number, jitter: number): Float64Array | null {
  const L = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = A[j * p + j] + jitter;
    for (let k = 0; k < j; k++) {
      d -= L[j * p + k] * L[j * p + k];
    }
    if (!(d > 0)) {
      return null;
    }
    const ljj = Math.sqrt(d);
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = A[i * p + j];
      for (let k = 0; k < j; k++) {
        s -= L[i * p + k] * L[j * p + k];
      }
      L[i * p + j] = s / ljj;
    }
  }
  return L;
}

function choleskySubstitute(L: Float64Array, b: Float64Array, p: number): Float64Array {
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) {
      s -= L[i * p + k] * z[k];
    }
    z[i] = s / L[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) {
      s -= L[k * p + i] * x[k];
    }
    x[i] = s / L[i * p + i];
  }
  return x;
}

function solveColumns(
  gram: Float64Array,
  width: number,
  columns: Int32Array,
  ridge: number,
  diagonalFloor: number
): Float64Array {
  const k = columns.length;
  if (!(width >= 1) || gram.length < width * width) {
    throw new Error(`solveColumns: a Gram matrix of ${gram.length} values cannot be ${width} × ${width}`);
  }
  // More columns than the matrix has would only repeat some; refusing them bounds A by the Gram matrix.
  if (k > width) {
    throw new Error(`solveColumns: ${k} columns of a ${width}-column Gram matrix`);
  }
  for (let a = 0; a < k; a++) {
    if (!(columns[a] >= 0 && columns[a] < width)) {
      throw new Error(`solveColumns: column ${columns[a]} is outside 0..${width - 1}`);
    }
  }
  const target = width - 1;
  const total = gram[target * width + target];
  const out = new Float64Array(k + 1);
  if (k === 0) {
    out[0] = total;
    return out;
  }
  const A = new Float64Array(k * k);
  const b = new Float64Array(k);
  let trace = 0;
  for (let a = 0; a < k; a++) {
    const row = columns[a] * width;
    b[a] = gram[row + target];
    for (let c = 0; c < k; c++) {
      A[a * k + c] = gram[row + columns[c]];
    }
    trace += A[a * k + a];
  }
  const added = ridge * Math.max(trace / k, diagonalFloor);
  for (let a = 0; a < k; a++) {
    A[a * k + a] += added;
  }
  const beta = solveSpd(A, b, k);
  let explained = 0;
  for (let a = 0; a < k; a++) {
    explained += beta[a] * b[a];
  }
  out.set(beta);
  out[k] = total - explained;
  return out;
}

function multiply(X: Float64Array, n: number, p: number, beta: Float64Array, from = 0, to = p): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * p;
    let s = 0;
    for (let j = from; j < to; j++) {
      s += X[row + j] * beta[j];
    }
    out[i] = s;
  }
  return out;
}

/** The TypeScript kernels used in Node and the browser. */
export const typescriptKernels: Kernels = {
  designMatrix,
  weightedGram,
  solveSpd,
  solveColumns,
  multiply,
  quantile: (values, q) => quantile(values, q),
  quantiles,
  madSigma: pointKernels.madSigma,
  updateResiduals: pointKernels.updateResiduals,
  hampelWeights: pointKernels.hampelWeights,
  scaled: pointKernels.scaled,
  addScaled: pointKernels.addScaled,
  differences: pointKernels.differences,
  firstNonFinite: pointKernels.firstNonFinite,
  trainingRows: pointKernels.trainingRows,
  lagCorrelation: pointKernels.lagCorrelation,
  seasonalRemainder: pointKernels.seasonalRemainder,
  judge: pointKernels.judge,
  rollingMedians,
  raiseSustained,
  equalRuns,
  slotSummaries,
  combineVerdicts,
  gridSeries: autoregressiveKernels.gridSeries,
  gridLookup: autoregressiveKernels.gridLookup,
  lagDesign: autoregressiveKernels.lagDesign,
  arRecursion: autoregressiveKernels.arRecursion,
  arPsiVariance: autoregressiveKernels.arPsiVariance,
  binnedSums: pointKernels.binnedSums,
  dayKindDifference,
  holtWintersStart,
  holtWintersFilter,
  trainNetwork,
  networkOutputs,
  encodeFloat64s,
  decodeFloat64s,
  expandRuns,
  collapseRuns,
  coarsestBinaryStep,
  encodeValueSteps,
  decodeValueSteps,
};
