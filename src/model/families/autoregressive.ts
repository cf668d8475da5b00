/** The autoregressive family (autoregressiveModel.ts): a seasonal ARIMA fitted by robust least squares. */
import {
  fitAutoregressive,
  predictAutoregressive,
  AUTOREGRESSIVE_VERSION,
  type FittedAutoregressive,
} from './autoregressiveModel';
import { autoregressiveFromJson, autoregressiveToJson } from './autoregressiveJson';
import type { ModelFamily } from './family';
import { withFalseAlarms } from './falseAlarms';

export const autoregressiveFamily: ModelFamily<FittedAutoregressive> = withFalseAlarms({
  name: 'autoregressive',
  version: AUTOREGRESSIVE_VERSION,
  fit: fitAutoregressive,
  predict: predictAutoregressive,
  toJson: autoregressiveToJson,
  fromJson: autoregressiveFromJson,
});
