import type { DataQueryRequest } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

import { DATASOURCE_ID } from '../../shared/constants';
import type { ForesightQuery } from '../../shared/types';

export interface ModelTarget {
  datasourceUid: string;
  query: ForesightQuery;
  /** The panel's step, so the backend fetches the series as the panel's query did. */
  intervalMs?: number;
  /** The dashboard and panel the query ran in, whose exclusions the backend applies to resource calls too. */
  dashboardUID?: string;
  panelId?: number;
}

function isForesight(target: DataQuery): boolean {
  const ds = target.datasource ?? undefined;
  return Boolean(ds?.uid && (ds.type === undefined || ds.type === DATASOURCE_ID));
}

/** refIds of the panel's Foresight queries in alert output, whose frames carry one alert field and no band. */
export function alertModeRefIds(request: DataQueryRequest<DataQuery> | undefined): string[] {
  return (request?.targets ?? [])
    .filter((t) => isForesight(t) && (t as ForesightQuery).mode === 'alert')
    .map((t) => t.refId);
}

/** refIds of the panel's Foresight queries with exclusion annotations off (`useExclusionAnnotations: false`). */
export function ignoringExclusionsRefIds(request: DataQueryRequest<DataQuery> | undefined): string[] {
  return (request?.targets ?? [])
    .filter((t) => isForesight(t) && (t as ForesightQuery).useExclusionAnnotations === false)
    .map((t) => t.refId);
}

/**
 * The Foresight query behind a series (by refId, else the first Foresight query), with its datasource uid, for
 * the model view's resource calls. Undefined when the panel's queries are not Foresight ones.
 */
export function findModelTarget(
  request: DataQueryRequest<DataQuery> | undefined,
  refId?: string
): ModelTarget | undefined {
  const targets = request?.targets ?? [];
  const foresight = targets.filter(isForesight);
  const target = foresight.find((t) => t.refId === refId) ?? foresight[0];
  const uid = target?.datasource?.uid;
  return target && uid
    ? {
        datasourceUid: uid,
        query: target as ForesightQuery,
        intervalMs: request?.intervalMs,
        dashboardUID: request?.dashboardUID,
        panelId: request?.panelId,
      }
    : undefined;
}
