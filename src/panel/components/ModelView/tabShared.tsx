import { Alert } from '@grafana/ui';

import type { ResourceTarget } from '../../api/resources';
import type { ModelTarget } from '../../data/modelTarget';

export type Load<T> =
  { state: 'loading' } | { state: 'done'; value: T; notices: string[] } | { state: 'failed'; error: string };

export interface TabProps {
  target: ModelTarget;
  seriesName?: string;
  range: { from: number; to: number };
}

export function resourceTarget(target: ModelTarget, range: { from: number; to: number }): ResourceTarget {
  const { datasourceUid, query, intervalMs, dashboardUID, panelId } = target;
  return { datasourceUid, query, range, intervalMs, dashboardUID, panelId };
}

export function pick<T extends { name: string }>(items: T[], name: string | undefined): T | undefined {
  return items.find((item) => item.name === name) ?? items[0];
}

export function Notices({ notices }: { notices: string[] }) {
  return notices.length > 0 ? <Alert severity="info" title={notices.join('; ')} /> : null;
}
