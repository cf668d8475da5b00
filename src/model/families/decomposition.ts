/** The Prophet-like decomposition (forecaster.ts) as a model family. */
import { ModelInputError } from '../errors';
import { fit, predict, type FittedModel } from '../forecaster';
import { update } from '../incremental';
import { fromPlain, MODEL_VERSION, toPlain } from '../serialize';
import type { ModelFamily } from './family';
import { withFalseAlarms } from './falseAlarms';

export const decompositionFamily: ModelFamily<FittedModel> = withFalseAlarms({
  name: 'decomposition',
  version: MODEL_VERSION,
  // How far the trend may bend (Prophet's default first) and whether cycles scale with the level.
  selectionGrid: {
    changepoint_prior_scale: [0.05, 0.005, 0.5],
    seasonality_mode: ['additive', 'multiplicative'],
  },
  fit: (timestamps, values, params, kernels, options) =>
    fit(timestamps, values, params, kernels, options?.updatable ?? true, options?.shared),
  predict: (fitted, timestamps, values, kernels) => predict(fitted, timestamps, values, kernels),
  update: (fitted, change, params, kernels) => update(fitted, change, params, kernels),
  toJson: (fitted) => toPlain(fitted),
  fromJson: (data) => {
    if (data.family !== undefined && data.family !== 'decomposition') {
      throw new ModelInputError(`serialized model is a ${String(data.family)} model, not a decomposition`);
    }
    return fromPlain(data);
  },
});
