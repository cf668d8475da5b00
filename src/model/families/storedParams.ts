import { ModelInputError } from '../errors';
import { MODEL_LIMITS } from '../limits';
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
  // The ranges were checked when the model was fitted, and there may be thousands (exclusions and labels):
  // checking each again on every read cost more than the read. Their count is still bounded.
  const { exclude, false_alarms: falseAlarms, ...rest } = params as Record<string, unknown>;
  for (const [name, ranges] of [
    ['exclude', exclude],
    ['false_alarms', falseAlarms],
  ] as const) {
    if (ranges !== undefined && !(Array.isArray(ranges) && ranges.length <= MODEL_LIMITS.ranges)) {
      throw new ModelInputError(
        `${what} is corrupt: its params: ${name} is not a list of at most ${MODEL_LIMITS.ranges} ranges`
      );
    }
  }
  try {
    resolveParams(rest as Partial<ModelParams>);
  } catch (error) {
    if (error instanceof ModelInputError) {
      throw new ModelInputError(`${what} is corrupt: its params: ${error.message}`);
    }
    throw error;
  }
}
