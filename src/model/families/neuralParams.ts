/** The neural family's own parameters: their checks, with one-line errors. */
import { ModelInputError } from '../errors';
import type { ModelParams } from '../types';

/** Hidden units and Adam steps a query may ask for: training costs in proportion to their product. */
export const NEURAL_LIMITS = { hidden: { min: 1, max: 128 }, steps: { min: 100, max: 20_000 } } as const;

export function checkNeuralParams(p: ModelParams): void {
  for (const [name, value, { min, max }] of [
    ['neural_hidden', p.neural_hidden, NEURAL_LIMITS.hidden],
    ['neural_steps', p.neural_steps, NEURAL_LIMITS.steps],
  ] as const) {
    if (!(Number.isInteger(value) && value >= min && value <= max)) {
      throw new ModelInputError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
  }
}
