/**
 * Constants of the robust fit. They belong to the model; the kernels that apply them (TypeScript and Go alike)
 * receive them as arguments.
 */
import type { HampelKnees } from './types';

/** Hampel's knees in residual scales: full weight to 2.5, then a/|z| to 4.5, then down to zero at 9. */
export const HAMPEL_KNEES: HampelKnees = { a: 2.5, b: 4.5, c: 9 };

/** Normal-consistency factor of the median absolute deviation: 1.4826 × MAD estimates a normal sd. */
export const MAD_TO_SIGMA = 1.4826;
