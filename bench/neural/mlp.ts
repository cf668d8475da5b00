/**
 * A small multilayer perceptron trained on the CPU in plain TypeScript: one tanh hidden layer plus a linear
 * path from the inputs to the output, fitted by minibatch Adam on the absolute error (the forecast bench scores
 * MAE). Seeded, so a run repeats exactly. Used by bench/neural/run.ts to see whether a neural forecaster earns a
 * place beside the model families (issue 10); nothing in the plugin imports it.
 */

import { seededRandom } from '../../src/model/testing/synthetic';

export interface Mlp {
  inputs: number;
  hidden: number;
  /** hidden × inputs, row-major. */
  w1: Float64Array;
  b1: Float64Array;
  /** hidden → output. */
  w2: Float64Array;
  /** The linear path: inputs → output. */
  skip: Float64Array;
  b2: number;
}

export interface TrainOptions {
  steps: number;
  batch: number;
  learningRate: number;
  seed: number;
}

export function createMlp(inputs: number, hidden: number, seed: number): Mlp {
  const rand = seededRandom(seed);
  // Glorot-uniform first layer; the output layer starts at zero so training starts from the linear path.
  const limit = Math.sqrt(6 / (inputs + hidden));
  const w1 = Float64Array.from({ length: hidden * inputs }, () => (2 * rand() - 1) * limit);
  return {
    inputs,
    hidden,
    w1,
    b1: new Float64Array(hidden),
    w2: new Float64Array(hidden),
    skip: new Float64Array(inputs),
    b2: 0,
  };
}

/** The network's output for one input row (`x` of length `inputs`); `h` receives the hidden activations. */
export function forward(m: Mlp, x: Float64Array, h: Float64Array = new Float64Array(m.hidden)): number {
  let out = m.b2;
  for (let j = 0; j < m.hidden; j++) {
    let s = m.b1[j];
    const row = j * m.inputs;
    for (let i = 0; i < m.inputs; i++) {
      s += m.w1[row + i] * x[i];
    }
    h[j] = Math.tanh(s);
    out += m.w2[j] * h[j];
  }
  for (let i = 0; i < m.inputs; i++) {
    out += m.skip[i] * x[i];
  }
  return out;
}

/** Adam's moment estimates for one parameter array. */
class AdamSlot {
  readonly m: Float64Array;
  readonly v: Float64Array;
  constructor(size: number) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }
  step(params: Float64Array, grad: Float64Array, lr: number, t: number): void {
    const b1 = 0.9;
    const b2 = 0.999;
    const c1 = 1 - Math.pow(b1, t);
    const c2 = 1 - Math.pow(b2, t);
    for (let k = 0; k < params.length; k++) {
      this.m[k] = b1 * this.m[k] + (1 - b1) * grad[k];
      this.v[k] = b2 * this.v[k] + (1 - b2) * grad[k] * grad[k];
      params[k] -= (lr * (this.m[k] / c1)) / (Math.sqrt(this.v[k] / c2) + 1e-8);
    }
  }
}

/**
 * Fits `m` in place to rows of `X` (rows × inputs, row-major) and targets `y`, minimising the mean absolute error
 * over random minibatches; the learning rate decays linearly to a tenth. Returns the training MAE at the end.
 */
export function train(m: Mlp, X: Float64Array, y: Float64Array, options: TrainOptions): number {
  const rows = y.length;
  const p = m.inputs;
  if (rows === 0) {
    throw new Error('train: no rows');
  }
  const rand = seededRandom(options.seed);
  const slots = {
    w1: new AdamSlot(m.w1.length),
    b1: new AdamSlot(m.b1.length),
    w2: new AdamSlot(m.w2.length),
    skip: new AdamSlot(m.skip.length),
    b2: new AdamSlot(1),
  };
  const g = {
    w1: new Float64Array(m.w1.length),
    b1: new Float64Array(m.b1.length),
    w2: new Float64Array(m.w2.length),
    skip: new Float64Array(m.skip.length),
    b2: new Float64Array(1),
  };
  const h = new Float64Array(m.hidden);
  const b2Param = new Float64Array(1);
  for (let step = 1; step <= options.steps; step++) {
    g.w1.fill(0);
    g.b1.fill(0);
    g.w2.fill(0);
    g.skip.fill(0);
    g.b2[0] = 0;
    for (let b = 0; b < options.batch; b++) {
      const r = Math.floor(rand() * rows);
      const x = X.subarray(r * p, (r + 1) * p);
      const err = forward(m, x, h) - y[r];
      // d|err|/d output, averaged over the batch.
      const d = (err > 0 ? 1 : err < 0 ? -1 : 0) / options.batch;
      g.b2[0] += d;
      for (let i = 0; i < p; i++) {
        g.skip[i] += d * x[i];
      }
      for (let j = 0; j < m.hidden; j++) {
        g.w2[j] += d * h[j];
        const dz = d * m.w2[j] * (1 - h[j] * h[j]);
        g.b1[j] += dz;
        const row = j * p;
        for (let i = 0; i < p; i++) {
          g.w1[row + i] += dz * x[i];
        }
      }
    }
    const lr = options.learningRate * (1 - (0.9 * (step - 1)) / options.steps);
    slots.w1.step(m.w1, g.w1, lr, step);
    slots.b1.step(m.b1, g.b1, lr, step);
    slots.w2.step(m.w2, g.w2, lr, step);
    slots.skip.step(m.skip, g.skip, lr, step);
    b2Param[0] = m.b2;
    slots.b2.step(b2Param, g.b2, lr, step);
    m.b2 = b2Param[0];
  }
  let mae = 0;
  for (let r = 0; r < rows; r++) {
    mae += Math.abs(forward(m, X.subarray(r * p, (r + 1) * p), h) - y[r]);
  }
  return mae / rows;
}
