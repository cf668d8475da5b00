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

type Polynomial = Map<number, number>;

function multiplyPolynomials(a: Polynomial, b: Polynomial): Polynomial {
  const out: Polynomial = new Map();
  for (const [la, ca] of a) {
    for (const [lb, cb] of b) {
      out.set(la + lb, (out.get(la + lb) ?? 0) + ca * cb);
    }
  }
  return out;
}

/** (1 − B)^d (1 − B^s)^D as lag → coefficient, in increasing lag order (lag 0 has coefficient 1). */
export function differencing(s: ArStructure): { lags: number[]; coefficients: number[] } {
  let p: Polynomial = new Map([[0, 1]]);
  if (s.difference === 1) {
    p = multiplyPolynomials(
      p,
      new Map([
        [0, 1],
        [1, -1],
      ])
    );
  }
  if (s.period_cells > 0) {
    p = multiplyPolynomials(
      p,
      new Map([
        [0, 1],
        [s.period_cells, -1],
      ])
    );
  }
  const lags = [...p.keys()].filter((l) => p.get(l) !== 0).sort((x, y) => x - y);
  return { lags, coefficients: lags.map((l) => p.get(l) as number) };
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
  const ar: Polynomial = new Map([[0, 1]]);
  lags.forEach((lag, j) => ar.set(lag, (ar.get(lag) ?? 0) - beta[offset + j]));
  const d = differencing(s);
  const full = multiplyPolynomials(ar, new Map(d.lags.map((l, i) => [l, d.coefficients[i]])));
  const kept = [...full.keys()].filter((l) => l > 0 && full.get(l) !== 0).sort((x, y) => x - y);
  return {
    lags: Int32Array.from(kept),
    coefficients: Float64Array.from(kept, (l) => -(full.get(l) as number)),
    constant: s.intercept ? beta[0] : 0,
    max_lag: Math.max(differencingSpan(s) + Math.max(0, ...lags), 1),
    seasonal_from: s.period_cells,
  };
}
