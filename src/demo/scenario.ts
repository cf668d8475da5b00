/** How the demo judges its metric: the model settings and the alert rule the summary uses. */
import type { ModelParams } from '../model';
import type { EpisodeOptions } from './episodes';
import type { DemoSeries } from './messagingMetric';

/**
 * A 99.5% band: for alerting, the 80% default would flag one normal point in five. Holidays come
 * from the Korean calendar in Korea time.
 */
export function demoModelParams(series: DemoSeries): Partial<ModelParams> {
  return { ...series.modelHints, interval_width: 0.995 };
}

/** An alert needs 3 band crossings (15 minutes of 5-minute data), gaps up to 10 minutes allowed. */
export const DEMO_ALERT_RULE: Readonly<EpisodeOptions> = Object.freeze({ maxGapMs: 10 * 60_000, minPoints: 3 });
