/**
 * The lag structure of the autoregressive family: which lags its regression uses on the differenced series
 * w = (1 − B)^d (1 − B^s)^D y, and the same model written as one recursion on y itself. Loops here run over
 * lags and coefficients (a few dozen), never over points.
 */

export interface ArStructure {
  /** The seasonal difference's period in grid cells; 0 for none. */
  period_cells: number;
  /** First difference (1) or none (0). */
  difference: 0 | 1;
  /** AR lags 1..order on the differenced series. */
  order: number;
  /** Seasonal AR lags period, 2 × period, ... on the differenced series. */
  seasonal_order: number;
  /** A constant term (drift); only while at most one difference is taken. */
  intercept: boolean;
}

/** The regression's lags on the differenced series: 1..order, then the seasonal ones. */
export function regressionLags(s: ArStructure): number[] {
  const lags: number[] = [];
  for (let i = 1; i <= s.order; i++) {
    lags.push(i);
  }
  for (let j = 1; j <= s.seasonal_order; j++) {
    lags.push(j * s.period_cells);
  }
  return lags;
}

/**
 * A polynomial in B as its terms in the order they were first written (lag → coefficient). Plain arrays and
 * loops, not a Map iterated by entries: sobek pays for every entry array, and every prediction expands the
 * recursion anew.
 */
interface Polynomial {
  lags: number[];
  coefficients: number[];
}

function polynomial(lags: number[], coefficients: number[]): Polynomial {
  return { lags, coefficients };
}

/** The product, each lag's coefficient summed over the pairs of terms in order (a's terms, then b's). */
function multiplyPolynomials(a: Polynomial, b: Polynomial): Polynomial {
  const at = new Map<number, number>();
  const lags: number[] = [];
  const coefficients: number[] = [];
  for (let i = 0; i < a.lags.length; i++) {
    const la = a.lags[i];
    const ca = a.coefficients[i];
    for (let j = 0; j < b.lags.length; j++) {
      const lag = la + b.lags[j];
      const k = at.get(lag);
      if (k === undefined) {
        at.set(lag, lags.length);
        lags.push(lag);
        coefficients.push(0 + ca * b.coefficients[j]);
      } else {
        coefficients[k] = coefficients[k] + ca * b.coefficients[j];
      }
    }
  }
  return { lags, coefficients };
}

/** The terms of p with a lag from `fromLag` on and a non-zero coefficient, in increasing lag order. */
function sortedTerms(p: Polynomial, fromLag: number): Polynomial {
  const lags: number[] = [];
  const coefficients: number[] = [];
  for (let i = 0; i < p.lags.length; i++) {
    const lag = p.lags[i];
    const c = p.coefficients[i];
    if (lag < fromLag || c === 0) {
      continue;
    }
    // Insertion: the terms come nearly sorted, and a few dozen at most.
    let k = lags.length;
    lags.push(lag);
    coefficients.push(c);
    while (k > 0 && lags[k - 1] > lag) {
      lags[k] = lags[k - 1];
      coefficients[k] = coefficients[k - 1];
      k--;
    }
    lags[k] = lag;
    coefficients[k] = c;
  }
  return { lags, coefficients };
}

/** (1 − B)^d (1 − B^s)^D as lag → coefficient, in increasing lag order (lag 0 has coefficient 1). */
export function differencing(s: ArStructure): { lags: number[]; coefficients: number[] } {
  let p = polynomial([0], [1]);
  if (s.difference === 1) {
    p = multiplyPolynomials(p, polynomial([0, 1], [1, -1]));
  }
  if (s.period_cells > 0) {
    p = multiplyPolynomials(p, polynomial([0, s.period_cells], [1, -1]));
  }
  return sortedTerms(p, -Infinity);
}

/** How many cells the differencing consumes: w starts that many cells after y. */
export function differencingSpan(s: ArStructure): number {
  return s.difference + s.period_cells;
}

/** y_t = constant + Σ coefficients_j y_{t − lags_j} + e_t: the whole model as one recursion on y. */
export interface LagRecursion {
  lags: Int32Array;
  coefficients: Float64Array;
  constant: number;
  /** The largest lag: the first cell the recursion can predict. */
  max_lag: number;
  /** Lags from this one on reach a season back (ArRecursion's `seasonal_from`); 0 with no season. */
  seasonal_from: number;
}

/**
 * Expands (1 − Σ β_j B^{lag_j}) (1 − B)^d (1 − B^s)^D y_t = c + e_t into a recursion on y. `beta` holds the
 * intercept first when the structure has one, then one coefficient per regression lag.
 */
export function recursionOf(s: ArStructure, beta: ArrayLike<number>): LagRecursion {
  const lags = regressionLags(s);
  const offset = s.intercept ? 1 : 0;
  // 1 − Σ β_j B^{lag_j}; a seasonal lag that is also an AR lag sums both coefficients.
  const ar = polynomial([0], [1]);
  let maxLag = 0;
  for (let j = 0; j < lags.length; j++) {
    const lag = lags[j];
    maxLag = Math.max(maxLag, lag);
    const k = ar.lags.indexOf(lag);
    if (k < 0) {
      ar.lags.push(lag);
      ar.coefficients.push(0 - beta[offset + j]);
    } else {
      ar.coefficients[k] = ar.coefficients[k] - beta[offset + j];
    }
  }
  const full = sortedTerms(multiplyPolynomials(ar, differencing(s)), 1);
  const coefficients = new Float64Array(full.lags.length);
  for (let i = 0; i < coefficients.length; i++) {
    coefficients[i] = -full.coefficients[i];
  }
  return {
    lags: Int32Array.from(full.lags),
    coefficients,
    constant: s.intercept ? beta[0] : 0,
    max_lag: Math.max(differencingSpan(s) + maxLag, 1),
    seasonal_from: s.period_cells,
  };
}
