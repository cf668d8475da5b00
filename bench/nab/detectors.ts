/**
 * The detectors the NAB runner can score: Foresight's online mode, its one-fit mode (for diagnosis) and the
 * reference baselines.
 */
import { detectBatch, detectOnline, type LabelFeed, type ModelParams, type OnlineOptions } from '../../src/model';
import { DEFAULT_WINDOWED_GAUSSIAN, nullDetector, randomDetector, windowedGaussianDetector } from './baselines';

/** Per-row anomaly scores, plus the expectation and band when the detector has them (for dumps). */
export interface DetectorOutput {
  score: Float64Array;
  yhat?: Float64Array;
  yhat_lower?: Float64Array;
  yhat_upper?: Float64Array;
}

/** `labels`: labels given while detection runs (simulated feedback); detectors that cannot learn from them ignore it. */
export type Detect = (timestamps: Float64Array, values: Float64Array, labels?: LabelFeed) => DetectorOutput;

export interface NamedDetector {
  name: string;
  /** One line for the report: what ran, with which settings. */
  description: string;
  detect: Detect;
}

export interface DetectorConfig {
  /** Passed to detectOnline (and detectBatch) as model params (Partial<ModelParams>). */
  params: Record<string, unknown>;
  /** Passed to detectOnline as its options; foresight-batch has none and refuses them. */
  options: Record<string, unknown>;
  gaussianWindow: number;
  seed: number;
}

export const DETECTOR_NAMES = ['foresight', 'foresight-batch', 'gaussian', 'random', 'null'] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];

export function isDetectorName(name: string): name is DetectorName {
  return (DETECTOR_NAMES as readonly string[]).includes(name);
}

export function makeDetector(name: DetectorName, config: DetectorConfig): NamedDetector {
  switch (name) {
    case 'foresight': {
      const settings = JSON.stringify({ params: config.params, options: config.options });
      return {
        name,
        description: `Foresight detectOnline, ${settings}`,
        detect: (timestamps, values, labels) => {
          const detection = detectOnline(
            timestamps,
            values,
            config.params as Partial<ModelParams>,
            config.options as Partial<OnlineOptions>,
            undefined,
            labels
          );
          const copy = (a: ArrayLike<number> | undefined) => (a ? Float64Array.from(a) : undefined);
          return {
            score: Float64Array.from(detection.score),
            yhat: copy(detection.yhat),
            yhat_lower: copy(detection.yhat_lower),
            yhat_upper: copy(detection.yhat_upper),
          };
        },
      };
    }
    case 'foresight-batch': {
      // Not NAB's streaming protocol: one fit on the whole file judges every row, anomalies included in its
      // training, as the CLI's default mode does. For diagnosis (what a score means in that mode), not the scoreboard.
      if (Object.keys(config.options).length > 0) {
        throw new Error('foresight-batch makes one fit per file and takes no --options (they are detectOnline’s)');
      }
      const settings = JSON.stringify({ params: config.params });
      return {
        name,
        description: `Foresight detectBatch (one fit on the whole file; not streaming; ignores labels), ${settings}`,
        detect: (timestamps, values) => {
          const detection = detectBatch(timestamps, values, config.params as Partial<ModelParams>);
          return {
            score: Float64Array.from(detection.score),
            yhat: Float64Array.from(detection.yhat),
            yhat_lower: Float64Array.from(detection.yhat_lower),
            yhat_upper: Float64Array.from(detection.yhat_upper),
          };
        },
      };
    }
    case 'gaussian': {
      const options = { ...DEFAULT_WINDOWED_GAUSSIAN, window: config.gaussianWindow };
      return {
        name,
        description: `windowed Gaussian, |z| against the previous ${options.window} values`,
        detect: (_timestamps, values) => ({ score: windowedGaussianDetector(values, options) }),
      };
    }
    case 'random':
      return {
        name,
        description: `uniform random scores, seed ${config.seed}`,
        detect: (_timestamps, values) => ({ score: randomDetector(values, config.seed) }),
      };
    case 'null':
      return {
        name,
        description: 'constant score (flags nothing)',
        detect: (_timestamps, values) => ({ score: nullDetector(values) }),
      };
  }
}
