import type { TimeZone } from '@grafana/data';
import { Alert } from '@grafana/ui';

import type { ResourceTarget } from '../../api/resources';
import type { ModelTarget } from '../../data/modelTarget';
import type { SeriesIdentity } from '../../data/seriesView';

export type Load<T> =
  { state: 'loading' } | { state: 'done'; value: T; notices: string[] } | { state: 'failed'; error: string };

export interface TabProps {
  target: ModelTarget;
  /** The one series the drawer is about: resource answers are matched to its identity (labels, then the name
   * the datasource gave it); `displayName` is what the panel shows for it. */
  series: SeriesIdentity & { displayName: string };
  range: { from: number; to: number };
  /** The dashboard's time zone, for the times a tab draws. */
  timeZone?: TimeZone;
}

export function resourceTarget(target: ModelTarget, range: { from: number; to: number }): ResourceTarget {
  const { datasourceUid, query, intervalMs, dashboardUID, panelId } = target;
  return { datasourceUid, query, range, intervalMs, dashboardUID, panelId };
}

export function Notices({ notices }: { notices: string[] }) {
  return notices.length > 0 ? <Alert severity="info" title={notices.join('; ')} /> : null;
}

/** The answer holds no entry for the series (e.g. beyond the backend's series limit, which a notice names). */
export function NotInAnswer({ name }: { name: string }) {
  return <p>The datasource returned nothing for {name}; pick one series above.</p>;
}
