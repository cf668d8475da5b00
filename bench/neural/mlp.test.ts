import { seededRandom } from '../../src/model/testing/synthetic';
import { createMlp, forward, train } from './mlp';

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

describe('mlp', () => {
  it('fits a nonlinear function far better than its mean, and generalises to new rows', () => {
    const { X, y } = rows(600, 1);
    const net = createMlp(2, 16, 7);
    const trainMae = train(net, X, y, { steps: 4000, batch: 32, learningRate: 0.01, seed: 3 });
    const test = rows(200, 2);
    let mae = 0;
    let spread = 0;
    const mean = test.y.reduce((s, v) => s + v, 0) / test.y.length;
    for (let r = 0; r < test.y.length; r++) {
      mae += Math.abs(forward(net, test.X.subarray(2 * r, 2 * r + 2)) - test.y[r]);
      spread += Math.abs(test.y[r] - mean);
    }
    expect(trainMae).toBeLessThan(0.08);
    expect(mae / test.y.length).toBeLessThan(0.1);
    expect(spread / test.y.length).toBeGreaterThan(0.8);
  });

  it('repeats exactly with the same seeds and differs with another', () => {
    const { X, y } = rows(200, 4);
    const run = (seed: number) => {
      const net = createMlp(2, 8, seed);
      train(net, X, y, { steps: 300, batch: 16, learningRate: 0.01, seed });
      return forward(net, Float64Array.of(0.3, -0.7));
    };
    expect(run(5)).toBe(run(5));
    expect(run(5)).not.toBe(run(6));
  });

  it('refuses to train on no rows', () => {
    expect(() =>
      train(createMlp(2, 4, 1), new Float64Array(0), new Float64Array(0), {
        steps: 1,
        batch: 1,
        learningRate: 0.01,
        seed: 1,
      })
    ).toThrow('no rows');
  });
});
