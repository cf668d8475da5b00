import { fitModel, predictModel } from '../families/registry';
import type { FittedFamily, Kernels, ModelParams, Prediction } from '../index';

/**
 * What cross-validation needs from a model: fit on a past, forecast a band at later times, and with values
 * (label metrics only) judge them: `outlier` −1/0/+1 per point.
 */
export interface ForecastModel<Fitted = unknown> {
  fit(timestamps: Float64Array, values: Float64Array, params: Partial<ModelParams>): Fitted;
  predict(
    fitted: Fitted,
    timestamps: Float64Array,
    values?: Float64Array
  ): Pick<Prediction, 'yhat' | 'yhat_lower' | 'yhat_upper'> & { outlier?: ArrayLike<number> };
}

/**
 * The Foresight model behind the `ForecastModel` interface, optionally on injected kernels (e.g. the Go backend's):
 * the family `params.model` names, so cross-validation and tuning judge the model a query serves.
 */
export function foresightModel(kernels?: Kernels): ForecastModel<FittedFamily> {
  return {
    fit: (timestamps, values, params) => fitModel(timestamps, values, params, kernels),
    predict: (fitted, timestamps, values) => predictModel(fitted, timestamps, values, kernels),
  };
}
