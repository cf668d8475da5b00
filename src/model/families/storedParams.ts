import { ModelInputError } from '../errors';
import { resolveParams } from '../params';
import type { ModelParams } from '../types';

/**
 * A stored model's parameters checked as a fit checks them, so an interval_width of 5 or a mode of "x" in a
 * model's JSON is refused when it is read rather than giving a band no value ever leaves.
 */
export function checkStoredParams(params: unknown, what: string): void {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new ModelInputError(`${what} is corrupt: params is not an object`);
  }
  try {
    resolveParams(params as Partial<ModelParams>);
  } catch (error) {
    if (error instanceof ModelInputError) {
      throw new ModelInputError(`${what} is corrupt: its params: ${error.message}`);
    }
    throw error;
  }
}
