/** The demo metric and how it is judged; pure TypeScript so the Go backend can run it too. */
export { generateDemoSeries, DEFAULT_DEMO_OPTIONS, DEFAULT_DEMO_END } from './messagingMetric';
export type { DemoSeries, DemoSeriesOptions, InjectedIncident, IncidentKind } from './messagingMetric';
export { findEpisodes, matchIncidents } from './episodes';
export type { Episode, EpisodeOptions, IncidentReport } from './episodes';
export { demoModelParams, DEMO_ALERT_RULE } from './scenario';
export { seededRandom } from './random';
export type { Random } from './random';
