import { ModelInputError } from '../errors';
import { MODEL_LIMITS } from '../limits';
import { resolveParams } from '../params';
import type { ModelParams } from '../types';

/**
 * A stored model's parameters checked as a fit checks them, so an interval_width of 5 or a mode of "x" in a
 * model's JSON is refused when it is read rather than giving a band no value ever leaves. Returns them resolved:
 * one left out reads as its default (as the past and autoregressive families read theirs), not as undefined.
 */
export function checkStoredParams(params: unknown, what: string): ModelParams {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new ModelInputError(`${what} is corrupt: params is not an object`);
  }
  // The ranges, thousands with exclusions and labels, get a plain loop rather than resolveParams' checks, which
  // cost more than the rest of the read; an update and the autoregressive family read them as pairs of numbers.
  const { exclude, false_alarms: falseAlarms, ...rest } = params as Record<string, unknown>;
  for (const [name, ranges] of [
    ['exclude', exclude],
    ['false_alarms', falseAlarms],
  ] as const) {
    if (ranges !== undefined && !rangeList(ranges)) {
      throw new ModelInputError(
        `${what} is corrupt: its params: ${name} is not a list of at most ${MODEL_LIMITS.ranges} [start, end] pairs`
      );
    }
  }
  try {
    const resolved = resolveParams(rest as Partial<ModelParams>);
    return Object.assign(
      resolved,
      exclude === undefined ? {} : { exclude },
      falseAlarms === undefined ? {} : { false_alarms: falseAlarms }
    );
  } catch (error) {
    if (error instanceof ModelInputError) {
      throw new ModelInputError(`${what} is corrupt: its params: ${error.message}`);
    }
    throw error;
  }
}

/** A list of at most MODEL_LIMITS.ranges pairs of finite numbers. */
function rangeList(ranges: unknown): boolean {
  if (!Array.isArray(ranges) || ranges.length > MODEL_LIMITS.ranges) {
    return false;
  }
  for (const r of ranges as unknown[]) {
    if (!Array.isArray(r) || r.length !== 2 || !Number.isFinite(r[0]) || !Number.isFinite(r[1])) {
      return false;
    }
  }
  return true;
}
