import { fit, predict } from '../index';
import type { FittedModel, Kernels, ModelParams, Prediction } from '../index';

/** What cross-validation needs from a model: fit on a past, forecast a band at later times. */
export interface ForecastModel<Fitted = unknown> {
  fit(timestamps: Float64Array, values: Float64Array, params: Partial<ModelParams>): Fitted;
  predict(fitted: Fitted, timestamps: Float64Array): Pick<Prediction, 'yhat' | 'yhat_lower' | 'yhat_upper'>;
}

/** The Foresight model behind the `ForecastModel` interface, optionally on injected kernels (e.g. the Go backend's). */
export function foresightModel(kernels?: Kernels): ForecastModel<FittedModel> {
  return {
    fit: (timestamps, values, params) => fit(timestamps, values, params, kernels),
    predict: (fitted, timestamps) => predict(fitted, timestamps, undefined, kernels),
  };
}
