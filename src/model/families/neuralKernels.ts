/**
 * The TypeScript side of the neural family's kernels (NeuralKernels in types.ts); pkg/engine/neuralkernels.go is
 * the Go side, and testdata/fixtures/kernels holds both to the same numbers.
 *
 * The network: one hidden layer of softsign units, a(s) = s / (1 + |s|), plus a linear path from the inputs to
 * the output, trained by minibatch Adam on the mean absolute error from a seeded start. Softsign, and Adam's bias
 * corrections kept as running products rather than powers, use only +, −, ×, ÷ and √, which IEEE 754 rounds the
 * same way in every language, so Go trains the very weights Node does (tanh and pow differ in the last bit
 * between V8 and Go). The Go side keeps every product unfused for the same reason.
 *
 * Weights are packed in one array: w1 (hidden × inputs, row-major), b1 (hidden), w2 (hidden), skip (inputs), b2.
 */
import { seededUniform } from '../seededUniform';
import type { NetworkSettings } from '../types';

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;
/** The learning rate decays linearly to this share of its start over the steps. */
const FINAL_RATE_SHARE = 0.1;

/** Most inputs, hidden units, Adam steps and rows per step one training run takes. */
export const NETWORK_LIMITS = { inputs: 64, hidden: 256, steps: 100_000, batch: 1024 } as const;

/** Entries of the packed weights of a network with this many inputs and hidden units. */
export function networkSize(inputs: number, hidden: number): number {
  return hidden * inputs + 2 * hidden + inputs + 1;
}

function checkShape(rows: Float64Array, inputs: number, hidden: number): number {
  if (!(Number.isInteger(inputs) && inputs >= 1 && inputs <= NETWORK_LIMITS.inputs)) {
    throw new Error(`a network takes 1-${NETWORK_LIMITS.inputs} inputs, got ${inputs}`);
  }
  if (!(Number.isInteger(hidden) && hidden >= 1 && hidden <= NETWORK_LIMITS.hidden)) {
    throw new Error(`a network takes 1-${NETWORK_LIMITS.hidden} hidden units, got ${hidden}`);
  }
  if (rows.length % inputs !== 0) {
    throw new Error(`${rows.length} input values are not whole rows of ${inputs}`);
  }
  return rows.length / inputs;
}

/**
 * The output for row r of `rows`; `h` receives the hidden activations. Each sum runs in index order (b1 first,
 * then w1 × x; b2, then the hidden units, then the linear path).
 */
function forward(
  weights: Float64Array,
  inputs: number,
  hidden: number,
  rows: Float64Array,
  r: number,
  h: Float64Array
): number {
  const b1 = hidden * inputs;
  const w2 = b1 + hidden;
  const skip = w2 + hidden;
  const b2 = skip + inputs;
  const x = r * inputs;
  let out = weights[b2];
  for (let j = 0; j < hidden; j++) {
    let s = weights[b1 + j];
    const row = j * inputs;
    for (let i = 0; i < inputs; i++) {
      s += weights[row + i] * rows[x + i];
    }
    const a = s / (1 + Math.abs(s));
    h[j] = a;
    out += weights[w2 + j] * a;
  }
  for (let i = 0; i < inputs; i++) {
    out += weights[skip + i] * rows[x + i];
  }
  return out;
}

/**
 * Trains a network on `rows` (rows × settings.inputs, row-major) and `targets`; returns its packed weights.
 * The first layer starts Glorot-uniform from the seed, the rest at zero (training starts from the linear path);
 * each step draws `batch` rows with replacement from the same source.
 */
export function trainNetwork(rows: Float64Array, targets: Float64Array, settings: NetworkSettings): Float64Array {
  const { inputs, hidden, steps, batch, learning_rate: rate } = settings;
  const n = checkShape(rows, inputs, hidden);
  if (n === 0 || targets.length !== n) {
    throw new Error(
      `a network trains on at least one row with one target each, got ${n} rows and ${targets.length} targets`
    );
  }
  if (!(Number.isInteger(steps) && steps >= 1 && steps <= NETWORK_LIMITS.steps)) {
    throw new Error(`a network trains for 1-${NETWORK_LIMITS.steps} steps, got ${steps}`);
  }
  if (!(Number.isInteger(batch) && batch >= 1 && batch <= NETWORK_LIMITS.batch)) {
    throw new Error(`a network trains on 1-${NETWORK_LIMITS.batch} rows per step, got ${batch}`);
  }
  if (!(Number.isFinite(rate) && rate > 0)) {
    throw new Error(`a network's learning rate must be a positive number, got ${rate}`);
  }
  const size = networkSize(inputs, hidden);
  const weights = new Float64Array(size);
  const next = seededUniform(settings.seed);
  const limit = Math.sqrt(6 / (inputs + hidden));
  for (let k = 0; k < hidden * inputs; k++) {
    weights[k] = (2 * next() - 1) * limit;
  }
  const b1 = hidden * inputs;
  const w2 = b1 + hidden;
  const skip = w2 + hidden;
  const b2 = skip + inputs;
  const grad = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const h = new Float64Array(hidden);
  let power1 = 1;
  let power2 = 1;
  for (let step = 1; step <= steps; step++) {
    grad.fill(0);
    for (let b = 0; b < batch; b++) {
      const r = Math.floor(next() * n);
      const err = forward(weights, inputs, hidden, rows, r, h) - targets[r];
      // d|err| / d output, averaged over the batch.
      const d = (err > 0 ? 1 : err < 0 ? -1 : 0) / batch;
      const x = r * inputs;
      grad[b2] += d;
      for (let i = 0; i < inputs; i++) {
        grad[skip + i] += d * rows[x + i];
      }
      for (let j = 0; j < hidden; j++) {
        grad[w2 + j] += d * h[j];
        // softsign' = 1 / (1 + |s|)² = (1 − |a|)².
        const slope = 1 - Math.abs(h[j]);
        const dz = d * weights[w2 + j] * (slope * slope);
        grad[b1 + j] += dz;
        const row = j * inputs;
        for (let i = 0; i < inputs; i++) {
          grad[row + i] += dz * rows[x + i];
        }
      }
    }
    power1 *= BETA1;
    power2 *= BETA2;
    const c1 = 1 - power1;
    const c2 = 1 - power2;
    const lr = rate * (1 - ((1 - FINAL_RATE_SHARE) * (step - 1)) / steps);
    for (let k = 0; k < size; k++) {
      m[k] = BETA1 * m[k] + (1 - BETA1) * grad[k];
      v[k] = BETA2 * v[k] + (1 - BETA2) * grad[k] * grad[k];
      weights[k] -= (lr * (m[k] / c1)) / (Math.sqrt(v[k] / c2) + EPSILON);
    }
  }
  return weights;
}

/** The network's output for every row of `rows` (rows × inputs). */
export function networkOutputs(
  weights: Float64Array,
  rows: Float64Array,
  inputs: number,
  hidden: number
): Float64Array {
  const n = checkShape(rows, inputs, hidden);
  if (weights.length !== networkSize(inputs, hidden)) {
    throw new Error(`${weights.length} weights do not make a network of ${inputs} inputs and ${hidden} hidden units`);
  }
  const out = new Float64Array(n);
  const h = new Float64Array(hidden);
  for (let r = 0; r < n; r++) {
    out[r] = forward(weights, inputs, hidden, rows, r, h);
  }
  return out;
}
