/**
 * Shared-vector cases of the neural family's kernels (families/neuralKernels.ts; see kernelCases.ts). Go must train
 * the very same weights, so both sides replay these vectors exactly (kernels.vectors.test.ts, vectors_test.go).
 */
import { seededRandom } from '../../demo/random';
import { typescriptKernels } from '../../model';
import type { NetworkSettings } from '../../model/types';
import type { KernelCase } from './kernelCases';

interface Data {
  rows: Float64Array;
  targets: Float64Array;
}

/** `count` rows of `inputs` values in [-2, 2), each with a target of a saturating and a linear part plus noise. */
function dataset(count: number, inputs: number, seed: number): Data {
  const random = seededRandom(seed);
  const rows = Float64Array.from({ length: count * inputs }, () => 4 * random.uniform() - 2);
  const targets = Float64Array.from({ length: count }, (_, r) => {
    const x = rows.subarray(r * inputs, (r + 1) * inputs);
    return x[0] / (1 + Math.abs(2 * x[0])) - 0.5 * x[inputs - 1] + 0.05 * random.normal();
  });
  return { rows, targets };
}

function settings(overrides: Partial<NetworkSettings> = {}): NetworkSettings {
  return { inputs: 2, hidden: 4, steps: 200, batch: 8, learning_rate: 0.01, seed: 1, ...overrides };
}

const TWO = dataset(60, 2, 301);
const THREE = dataset(80, 3, 302);
const THREE_BY_EIGHT = { inputs: 3, hidden: 8, steps: 300, batch: 16 };

function training(name: string, data: Data, s: NetworkSettings): KernelCase<'trainNetwork'> {
  return { name, args: [data.rows, data.targets, s] };
}

export function trainNetworkCases(): Array<KernelCase<'trainNetwork'>> {
  const constant = (value: number): Data => ({ rows: TWO.rows, targets: new Float64Array(60).fill(value) });
  const withNaN = Float64Array.from(TWO.targets, (v, r) => (r % 7 === 3 ? NaN : v));
  const oneInput = dataset(50, 1, 303);
  return [
    training('2 inputs, 4 hidden, 200 steps of 8, seed 1', TWO, settings()),
    training('2 inputs, 4 hidden, 200 steps of 8, seed 2', TWO, settings({ seed: 2 })),
    training('3 inputs, 8 hidden, 300 steps of 16, seed 7, rate 0.03', THREE, {
      ...THREE_BY_EIGHT,
      learning_rate: 0.03,
      seed: 7,
    }),
    training('3 inputs, 8 hidden, seed 2³² − 1', THREE, settings({ ...THREE_BY_EIGHT, seed: 4294967295 })),
    // Read as `seed >>> 0`: −1 is 2³² − 1, −2.7 is 2³² − 2, 2³² + 1.5 is 1.
    training('seed −1 (read as 2³² − 1)', THREE, settings({ ...THREE_BY_EIGHT, seed: -1 })),
    training('seed −2.7 (read as 2³² − 2)', TWO, settings({ seed: -2.7 })),
    training('seed 2³² + 1.5 (read as 1)', TWO, settings({ seed: 2 ** 32 + 1.5 })),
    // Every output starts at 0 (only the first layer starts off zero), so every error is exactly 0 throughout.
    training('targets all 0: every error exactly 0', constant(0), settings({ steps: 50 })),
    training('targets all 0.25', constant(0.25), settings({ steps: 100, batch: 12 })),
    training(
      'NaN targets (an error of NaN counts as 0)',
      { rows: TWO.rows, targets: withNaN },
      settings({ steps: 60 })
    ),
    training(
      'one row, batch 1, one step',
      { rows: Float64Array.of(0.5, -1), targets: Float64Array.of(2) },
      settings({ steps: 1, batch: 1 })
    ),
    training('one input, one hidden unit', oneInput, settings({ inputs: 1, hidden: 1, steps: 80 })),
    // The one-line refusals.
    training('no rows (the error)', { rows: new Float64Array(0), targets: new Float64Array(0) }, settings()),
    training('rows that are not whole (the error)', { rows: TWO.rows.subarray(1), targets: TWO.targets }, settings()),
    training('one target short (the error)', { rows: TWO.rows, targets: TWO.targets.subarray(1) }, settings()),
    training('0 inputs (the error)', TWO, settings({ inputs: 0 })),
    training('2.5 inputs (the error)', TWO, settings({ inputs: 2.5 })),
    training('65 inputs (the error)', TWO, settings({ inputs: 65 })),
    training('NaN hidden units (the error)', TWO, settings({ hidden: NaN })),
    training('257 hidden units (the error)', TWO, settings({ hidden: 257 })),
    training('0 steps (the error)', TWO, settings({ steps: 0 })),
    training('a million steps (the error)', TWO, settings({ steps: 1e6 })),
    training('1e21 steps (the error)', TWO, settings({ steps: 1e21 })),
    training('a batch of 0.5 (the error)', TWO, settings({ batch: 0.5 })),
    training('a batch of 1025 (the error)', TWO, settings({ batch: 1025 })),
    training('learning rate 0 (the error)', TWO, settings({ learning_rate: 0 })),
    training('learning rate -1e-7 (the error)', TWO, settings({ learning_rate: -1e-7 })),
    training('learning rate Infinity (the error)', TWO, settings({ learning_rate: Infinity })),
    training('learning rate NaN (the error)', TWO, settings({ learning_rate: NaN })),
  ];
}

export function networkOutputsCases(): Array<KernelCase<'networkOutputs'>> {
  const small = typescriptKernels.trainNetwork(TWO.rows, TWO.targets, settings());
  const wide = typescriptKernels.trainNetwork(THREE.rows, THREE.targets, settings(THREE_BY_EIGHT));
  const fresh = dataset(40, 3, 304).rows;
  // Large and tiny weights and inputs, and inputs that are not finite (softsign of ±Infinity is NaN).
  const random = seededRandom(305);
  const wild = Float64Array.from({ length: 3 * 5 + 2 * 5 + 3 + 1 }, (_, k) => random.normal() * 10 ** ((k % 9) - 4));
  const odd = Float64Array.of(1e6, -3, 0.5, 1e-9, 0, -1e8, NaN, 1, 2, Infinity, 0, 0, -Infinity, 1, 1);
  return [
    { name: 'trained 2 × 4, its training rows', args: [small, TWO.rows, 2, 4] },
    { name: 'trained 3 × 8, its training rows', args: [wide, THREE.rows, 3, 8] },
    { name: 'trained 3 × 8, new rows', args: [wide, fresh, 3, 8] },
    { name: 'no rows', args: [wide, new Float64Array(0), 3, 8] },
    { name: 'wild weights, extreme and non-finite inputs', args: [wild, odd, 3, 5] },
    { name: 'weights of another shape (the error)', args: [small, TWO.rows, 2, 5] },
    { name: 'rows that are not whole (the error)', args: [wide, fresh.subarray(1), 3, 8] },
    { name: '0 inputs (the error)', args: [small, TWO.rows, 0, 4] },
    { name: '1.5 hidden units (the error)', args: [small, TWO.rows, 2, 1.5] },
    { name: '300 hidden units (the error)', args: [small, TWO.rows, 2, 300] },
  ];
}
