import { decompositionProblem } from './decompositionJson';
import { ModelInputError } from './errors';
import type { FittedModel } from './forecaster';
import { INCREMENTAL_VERSION } from './incrementalState';
import { checkStoredParams } from './families/storedParams';
import { MAX_SUSTAINED_POINTS, readSustained } from './sustained';

const FORMAT = 'foresight-model';
/** The version `serialize` writes and `deserialize` reads; older models are refused with a message to refit. */
export const MODEL_VERSION = 3;

/** JSON text of a fitted model, versioned so later releases can read it back. */
export function serialize(fitted: FittedModel): string {
  return JSON.stringify(toPlain(fitted));
}

/**
 * The model as plain JSON data, what `serialize` writes. The family interface works on this form, without a
 * round trip through text (a model with update statistics is tens of kilobytes).
 */
export function toPlain(fitted: FittedModel): Record<string, unknown> {
  return { format: FORMAT, ...fitted, beta: Array.from(fitted.beta) };
}

/** Restores a model written by `serialize`; throws ModelInputError for anything else. */
export function deserialize(text: string): FittedModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ModelInputError('serialized model is not valid JSON');
  }
  return fromPlain(raw);
}

/** Restores a model from what `toPlain` wrote; throws ModelInputError for anything else. */
export function fromPlain(raw: unknown): FittedModel {
  const o = raw as Partial<FittedModel> & { format?: string; beta?: unknown };
  if (o === null || typeof o !== 'object' || o.format !== FORMAT) {
    throw new ModelInputError('serialized model has an unknown format');
  }
  if (o.version !== MODEL_VERSION) {
    throw new ModelInputError(
      typeof o.version === 'number' && o.version < MODEL_VERSION
        ? `serialized model version ${o.version} was written by an older Foresight (this one reads version ${MODEL_VERSION}); fit the model again`
        : `serialized model version ${String(o.version)} is not supported (this Foresight reads version ${MODEL_VERSION})`
    );
  }
  if (!Array.isArray(o.beta) || !o.layout || !o.components || !o.residuals || !o.params) {
    throw new ModelInputError('serialized model is incomplete');
  }
  const problem = decompositionProblem(o as Record<string, unknown>);
  if (problem !== null) {
    throw new ModelInputError(`serialized model is corrupt: ${problem}`);
  }
  const params = checkStoredParams(o.params, 'serialized model');
  if (o.sustained !== undefined && o.sustained !== null && readSustained(o.sustained) === null) {
    throw new ModelInputError(
      `serialized model has an invalid sustained: it needs whole points from 1 to ${MAX_SUSTAINED_POINTS} and positive finite scales`
    );
  }
  const { format: _format, incremental: rawState, ...rest } = o as typeof o & { incremental?: unknown };
  // Models written before families existed carry no `family`: they are decompositions.
  const fitted: FittedModel = {
    ...(rest as FittedModel),
    family: 'decomposition',
    params,
    beta: Float64Array.from(o.beta as number[]),
  };
  // Update statistics of another version are dropped: the next update refits. The update itself checks the rest.
  const current = (rawState as { version?: unknown } | undefined)?.version === INCREMENTAL_VERSION;
  return current ? { ...fitted, incremental: rawState as FittedModel['incremental'] } : fitted;
}
