/** How the demo judges its metric: the model settings and the alert rule the summary uses. */
import type { ModelParams } from '../model';
import type { EpisodeOptions } from './episodes';
import type { DemoSeries } from './messagingMetric';

/**
 * The model's defaults (an 80% band drawn, outliers outside the 99.5% band), with holidays from the
 * Korean calendar in Korea time.
 */
export function demoModelParams(series: DemoSeries): Partial<ModelParams> {
  return { ...series.modelHints };
}

/** An alert needs 3 band crossings (15 minutes of 5-minute data), gaps up to 10 minutes allowed. */
export const DEMO_ALERT_RULE: Readonly<EpisodeOptions> = Object.freeze({ maxGapMs: 10 * 60_000, minPoints: 3 });
