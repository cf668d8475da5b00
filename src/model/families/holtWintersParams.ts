/** The holt_winters family's own parameters: their checks, with one-line errors. */
import { ModelInputError } from '../errors';
import type { ModelParams } from '../types';

export const HW_PERIODS = ['auto', 'day', 'week', 'none'] as const;

/** Each smoothing parameter's admissible range: alpha and phi in (0, 1], beta and gamma in [0, 1]. */
const SMOOTHING_RANGES = {
  hw_alpha: { open: true },
  hw_beta: { open: false },
  hw_gamma: { open: false },
  hw_phi: { open: true },
} as const;

export function checkHoltWintersParams(p: ModelParams): void {
  if (!(HW_PERIODS as readonly unknown[]).includes(p.hw_period)) {
    throw new ModelInputError(`hw_period must be one of ${HW_PERIODS.join(', ')}, got ${JSON.stringify(p.hw_period)}`);
  }
  for (const [name, { open }] of Object.entries(SMOOTHING_RANGES)) {
    const value = p[name as keyof typeof SMOOTHING_RANGES];
    const ok = value === 'auto' || (typeof value === 'number' && value <= 1 && (open ? value > 0 : value >= 0));
    if (!ok) {
      throw new ModelInputError(
        `${name} must be "auto" or a number in ${open ? '(0, 1]' : '[0, 1]'}, got ${JSON.stringify(value)}`
      );
    }
  }
}
