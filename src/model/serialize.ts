import { ModelInputError } from './errors';
import type { FittedModel } from './forecaster';
import { decodeState, encodeState } from './incrementalState';
import { layoutWidth } from './kernels';

const FORMAT = 'foresight-model';
/** The version `serialize` writes and `deserialize` reads; older models are refused with a message to refit. */
export const MODEL_VERSION = 2;

/** JSON text of a fitted model, versioned so later releases can read it back. */
export function serialize(fitted: FittedModel): string {
  const { incremental, ...rest } = fitted;
  return JSON.stringify({
    format: FORMAT,
    ...rest,
    beta: Array.from(fitted.beta),
    ...(incremental === undefined ? {} : { incremental: encodeState(incremental) }),
  });
}

/** Restores a model written by `serialize`; throws ModelInputError for anything else. */
export function deserialize(text: string): FittedModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ModelInputError('serialized model is not valid JSON');
  }
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
  const { format: _format, incremental: rawState, ...rest } = o as typeof o & { incremental?: unknown };
  // Version-2 models written before families existed carry no `family`: they are decompositions.
  const fitted: FittedModel = {
    ...(rest as FittedModel),
    family: 'decomposition',
    beta: Float64Array.from(o.beta as number[]),
  };
  // Update statistics that do not read back (another version, damage) only mean the next update refits.
  const incremental = rawState === undefined ? undefined : decodeState(rawState, layoutWidth(fitted.layout));
  return incremental === undefined ? fitted : { ...fitted, incremental };
}
