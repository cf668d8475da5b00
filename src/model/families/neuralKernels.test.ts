import { seededRandom } from '../testing/synthetic';
import { networkOutputs, networkSize, trainNetwork } from './neuralKernels';

function rows(count: number, seed: number): { X: Float64Array; y: Float64Array } {
  const rand = seededRandom(seed);
  const X = new Float64Array(count * 2);
  const y = new Float64Array(count);
  for (let r = 0; r < count; r++) {
    const a = 4 * rand() - 2;
    const b = 4 * rand() - 2;
    X[2 * r] = a;
    X[2 * r + 1] = b;
    // A saturating part only the hidden layer can fit, and a linear part the direct path fits.
    y[r] = Math.tanh(2 * a) - 0.5 * b;
  }
  return { X, y };
}

const SETTINGS = { inputs: 2, hidden: 16, steps: 4000, batch: 32, learning_rate: 0.01, seed: 7 };

const meanAbs = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

describe('trainNetwork and networkOutputs', () => {
  it('fit a nonlinear function far better than its mean, and generalise to new rows', () => {
    const { X, y } = rows(600, 1);
    const weights = trainNetwork(X, y, SETTINGS);
    expect(weights.length).toBe(networkSize(2, 16));
    const test = rows(200, 2);
    const mean = test.y.reduce((s, v) => s + v, 0) / test.y.length;
    expect(meanAbs(networkOutputs(weights, X, 2, 16), y)).toBeLessThan(0.08);
    expect(meanAbs(networkOutputs(weights, test.X, 2, 16), test.y)).toBeLessThan(0.1);
    expect(meanAbs(test.y, new Float64Array(test.y.length).fill(mean))).toBeGreaterThan(0.8);
  });

  it('need the hidden layer for the saturating part: the linear path alone misses it', () => {
    const { X, y } = rows(600, 1);
    const linearOnly = trainNetwork(X, y, SETTINGS);
    // Zero the hidden units' output weights: what is left is the linear path.
    linearOnly.fill(0, 2 * 16 + 16, 2 * 16 + 32);
    expect(meanAbs(networkOutputs(linearOnly, X, 2, 16), y)).toBeGreaterThan(0.2);
  });

  it('repeat exactly with the same seed and differ with another', () => {
    const { X, y } = rows(200, 4);
    const run = (seed: number) =>
      networkOutputs(
        trainNetwork(X, y, { ...SETTINGS, hidden: 8, steps: 300, seed }),
        Float64Array.of(0.3, -0.7),
        2,
        8
      )[0];
    expect(run(5)).toBe(run(5));
    expect(run(5)).not.toBe(run(6));
  });

  it('refuse no rows, ragged rows, bad settings and weights of another shape, each in one line', () => {
    const { X, y } = rows(10, 4);
    expect(() => trainNetwork(new Float64Array(0), new Float64Array(0), SETTINGS)).toThrow('at least one row');
    expect(() => trainNetwork(X.subarray(1), y, SETTINGS)).toThrow('not whole rows of 2');
    expect(() => trainNetwork(X, y.subarray(1), SETTINGS)).toThrow('10 rows and 9 targets');
    expect(() => trainNetwork(X, y, { ...SETTINGS, hidden: 0 })).toThrow('hidden units');
    expect(() => trainNetwork(X, y, { ...SETTINGS, steps: 1e6 })).toThrow('steps');
    expect(() => trainNetwork(X, y, { ...SETTINGS, learning_rate: NaN })).toThrow('learning rate');
    expect(() => networkOutputs(new Float64Array(3), X, 2, 16)).toThrow('3 weights');
  });
});
