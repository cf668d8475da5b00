import { getBackendSrv } from '@grafana/runtime';
import type { DataQuery } from '@grafana/schema';

import { RESOURCE_PATHS } from '../../shared/constants';
import type { ResourceRequestJson } from '../../shared/contract.gen';

export interface ResourceTarget {
  datasourceUid: string;
  query: DataQuery;
  range: { from: number; to: number };
  intervalMs?: number;
  /** The dashboard and panel the call is made from: the backend applies their exclusions as Grafana's own
   * queries from there do (the same headers Grafana's frontend sends with them). */
  dashboardUID?: string;
  panelId?: number;
}

const DEFAULT_INTERVAL_MS = 5 * 60_000;

export function resourceUrl(uid: string, path: string): string {
  return `/api/datasources/uid/${encodeURIComponent(uid)}/resources/${path}`;
}

/** The query without Grafana's per-panel fields, with the panel's range and step. */
export function buildResourceRequest(
  target: ResourceTarget,
  options: Record<string, unknown> = {}
): ResourceRequestJson {
  const { datasource: _datasource, hide: _hide, ...query } = target.query;
  return {
    query,
    from: Math.floor(target.range.from),
    to: Math.ceil(target.range.to),
    intervalMs: target.intervalMs && target.intervalMs > 0 ? target.intervalMs : DEFAULT_INTERVAL_MS,
    options,
  };
}

/** A readable reason from a failed resource call: the backend's `{error}`, Grafana's `{message}`, or the status. */
export function resourceErrorMessage(err: unknown): string {
  if (err && typeof err === 'object') {
    const status: unknown = Reflect.get(err, 'status');
    const data: unknown = Reflect.get(err, 'data');
    const fromBody = (key: string): unknown => (data && typeof data === 'object' ? Reflect.get(data, key) : undefined);
    const text = fromBody('error') ?? fromBody('message') ?? Reflect.get(err, 'message');
    if (status === 404 && typeof text !== 'string') {
      return 'this datasource does not offer it (resource not found)';
    }
    if (typeof text === 'string' && text) {
      return text;
    }
    if (typeof status === 'number') {
      return `HTTP ${status}`;
    }
  }
  return err instanceof Error ? err.message : String(err);
}

/** X-Dashboard-Uid and X-Panel-Id for a call made from a dashboard panel (none elsewhere). */
export function placeHeaders(target: Pick<ResourceTarget, 'dashboardUID' | 'panelId'>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (target.dashboardUID) {
    headers['X-Dashboard-Uid'] = target.dashboardUID;
    if (target.panelId) {
      headers['X-Panel-Id'] = String(target.panelId);
    }
  }
  return headers;
}

/** POSTs the query to one of the datasource's resources; failures become an Error with a readable message. */
export async function postResource(
  target: ResourceTarget,
  path: (typeof RESOURCE_PATHS)[keyof typeof RESOURCE_PATHS],
  options: Record<string, unknown> = {}
): Promise<unknown> {
  try {
    return await getBackendSrv().post(resourceUrl(target.datasourceUid, path), buildResourceRequest(target, options), {
      showErrorAlert: false,
      headers: placeHeaders(target),
    });
  } catch (err) {
    throw new Error(resourceErrorMessage(err));
  }
}
